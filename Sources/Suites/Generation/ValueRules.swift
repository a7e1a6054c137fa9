import JSON
import OpenAPI

/// One value a generated case puts in a parameter or a body field, with the rule it tests.
struct RuleValue {
    var kind: GeneratedCaseKind
    /// The rule, such as `wrong type`, `maxLength+1` or `= robinhood`.
    var rule: String
    /// What is sent and why: `query userId is 51 characters, over maxLength 50`.
    var explanation: String
    var value: JSONValue
}

/// The values that break, or sit at the edge of, one field's schema.
///
/// Negative: a wrong JSON type, a value outside the enum and an enum value with its case changed, strings one
/// character over `maxLength` and under `minLength`, numbers below `minimum`, above `maximum` and outside the
/// `int32` and `int64` formats, arrays one item over `maxItems` and under `minItems`. Boundary: `null` where
/// nullable, each enum value once, strings of exactly `maxLength` (and `minLength` above 1), numbers at exactly
/// `minimum` and `maximum`. A field whose base value holds a template (a token from the flow) gets no boundary
/// case: its value is the flow's, not the generator's.
struct ValueRules {
    /// Where the value goes; parameters are sent as text.
    enum Place {
        case body
        case parameter(OpenAPIParameter.Location)
    }

    let facts: SchemaFacts
    /// `body amount`, `query Count`.
    let label: String
    let place: Place
    /// The base request's value, if it has one.
    let base: JSONValue?
    let isTemplated: Bool
    let itemFacts: SchemaFacts?
    /// A valid item, for arrays without one in the base.
    let itemSample: JSONValue?
    let choices: GenerationChoices
    /// Makes each seeded choice independent: the operation and the label.
    let purpose: String

    static let int32Above = JSONNumber("2147483648") ?? JSONNumber(0)
    static let int64Above = JSONNumber("9223372036854775808") ?? JSONNumber(0)

    /// The JSON type the schema asks for: `string`, `integer`, `number`, `boolean`, `object`, `array`, or `nil`.
    var primaryType: String? {
        if let values = facts.enumeration, let first = values.first(where: { $0 != .null }) {
            switch first {
            case .string: return "string"
            case .number(let number): return number.isInteger ? "integer" : "number"
            case .bool: return "boolean"
            default: return nil
            }
        }
        let kind = SchemaSampler.kind(of: facts)
        return ["object", "array", "string", "integer", "number", "boolean"].contains(kind) ? kind : nil
    }

    var isPathParameter: Bool {
        if case .parameter(.path) = place { return true }
        return false
    }

    var isParameter: Bool {
        if case .parameter = place { return true }
        return false
    }

    // MARK: - Negative

    func negatives() -> [RuleValue] {
        var rules: [RuleValue] = []
        if let wrong = wrongType() { rules.append(wrong) }
        if let values = facts.enumeration, !values.isEmpty {
            rules += enumNegatives(values, arrayItem: false)
        } else if let items = itemFacts, let values = items.enumeration, !values.isEmpty, isParameter {
            rules += enumNegatives(values, arrayItem: true)
        }
        switch primaryType {
        case "string" where facts.enumeration == nil: rules += lengthNegatives()
        case "integer", "number": rules += numberNegatives()
        case "array": rules += itemCountNegatives()
        default: break
        }
        return rules
    }

    private func wrongType() -> RuleValue? {
        guard let type = primaryType else { return nil }
        if isParameter {
            let text: String
            switch type {
            case "integer", "number": text = "notANumber"
            case "boolean": text = "notABoolean"
            case "array":
                guard let itemType = itemFacts.map(SchemaSampler.kind(of:)),
                    ["integer", "number", "boolean"].contains(itemType)
                else { return nil }
                text = itemType == "boolean" ? "notABoolean" : "notANumber"
            default: return nil
            }
            return RuleValue(
                kind: .negative,
                rule: "wrong type",
                explanation: "\(label) must be \(Self.article(type)); sends \"\(text)\"",
                value: .string(text)
            )
        }
        var candidates: [JSONValue]
        switch type {
        case "string": candidates = [12345, true, [:], [], .null]
        case "integer": candidates = ["12345", .number(JSONNumber("1.5") ?? JSONNumber(1)), true, [:], [], .null]
        case "number": candidates = ["12345", true, [:], [], .null]
        case "boolean": candidates = ["true", 1, [:], [], .null]
        case "object": candidates = ["meshcheck", 12345, true, [], .null]
        default: candidates = ["meshcheck", 12345, true, [:], .null]
        }
        if facts.isNullable { candidates.removeAll { $0 == .null } }
        let value = candidates[choices.pick(candidates.count, purpose: purpose + " wrong type")]
        return RuleValue(
            kind: .negative,
            rule: "wrong type",
            explanation: "\(label) must be \(Self.article(type))\(facts.isNullable ? " or null" : ""); sends "
                + Self.describe(value),
            value: value
        )
    }

    private func enumNegatives(_ values: [JSONValue], arrayItem: Bool) -> [RuleValue] {
        var rules: [RuleValue] = []
        let owner = (arrayItem ? itemFacts?.name : facts.name).map { " of \($0)" } ?? ""
        let count = values.count == 1 ? "the value" : "one of the \(values.count) values"
        let outside = choices.valueOutside(values, purpose: purpose + " not in enum")
        rules.append(
            RuleValue(
                kind: .negative,
                rule: "not in enum",
                explanation: "\(label) is \(ValuePredicate.show(outside)), not \(count)\(owner)",
                value: arrayItem ? .array([outside]) : outside
            )
        )
        if let (sent, original) = choices.caseChanged(values, purpose: purpose + " enum case changed") {
            rules.append(
                RuleValue(
                    kind: .negative,
                    rule: "enum case changed",
                    explanation: "\(label) is \"\(sent)\"; the enum\(owner) has \"\(original)\", and values are "
                        + "case-sensitive",
                    value: arrayItem ? .array([.string(sent)]) : .string(sent)
                )
            )
        }
        return rules
    }

    private func lengthNegatives() -> [RuleValue] {
        var rules: [RuleValue] = []
        if let maxLength = facts.maxLength {
            rules.append(
                RuleValue(
                    kind: .negative,
                    rule: "maxLength+1",
                    explanation: "\(label) is \(maxLength + 1) characters, over maxLength \(maxLength)",
                    value: .string(text(length: maxLength + 1))
                )
            )
        }
        if let minLength = facts.minLength, minLength > 0, !(isPathParameter && minLength == 1) {
            rules.append(
                RuleValue(
                    kind: .negative,
                    rule: "minLength-1",
                    explanation: "\(label) is \(minLength - 1) characters, under minLength \(minLength)",
                    value: .string(text(length: minLength - 1))
                )
            )
        }
        return rules
    }

    private func numberNegatives() -> [RuleValue] {
        var rules: [RuleValue] = []
        let isInteger = primaryType == "integer"
        if let minimum = facts.minimum {
            let value = facts.isExclusiveMinimum ? minimum : minimum - 1
            let bound = facts.isExclusiveMinimum ? "exclusiveMinimum" : "minimum"
            rules.append(
                RuleValue(
                    kind: .negative,
                    rule: "below minimum",
                    explanation: "\(label) is \(Self.number(value, isInteger)), below \(bound) "
                        + Self.number(minimum, isInteger),
                    value: .number(Self.jsonNumber(value, isInteger))
                )
            )
        }
        if let maximum = facts.maximum {
            let value = facts.isExclusiveMaximum ? maximum : maximum + 1
            let bound = facts.isExclusiveMaximum ? "exclusiveMaximum" : "maximum"
            rules.append(
                RuleValue(
                    kind: .negative,
                    rule: "above maximum",
                    explanation: "\(label) is \(Self.number(value, isInteger)), above \(bound) "
                        + Self.number(maximum, isInteger),
                    value: .number(Self.jsonNumber(value, isInteger))
                )
            )
        }
        if isInteger, facts.format == "int32" {
            rules.append(
                RuleValue(
                    kind: .negative,
                    rule: "above int32",
                    explanation: "\(label) is 2147483648, outside int32 (at most 2147483647)",
                    value: .number(Self.int32Above)
                )
            )
        }
        if isInteger, facts.format == "int64" {
            rules.append(
                RuleValue(
                    kind: .negative,
                    rule: "above int64",
                    explanation: "\(label) is 9223372036854775808, outside int64 (at most 9223372036854775807)",
                    value: .number(Self.int64Above)
                )
            )
        }
        return rules
    }

    private func itemCountNegatives() -> [RuleValue] {
        var rules: [RuleValue] = []
        if let maxItems = facts.maxItems {
            rules.append(
                RuleValue(
                    kind: .negative,
                    rule: "maxItems+1",
                    explanation: "\(label) has \(maxItems + 1) items, over maxItems \(maxItems)",
                    value: .array(items(count: maxItems + 1))
                )
            )
        }
        if let minItems = facts.minItems, minItems > 0 {
            rules.append(
                RuleValue(
                    kind: .negative,
                    rule: "minItems-1",
                    explanation: "\(label) has \(minItems - 1) items, under minItems \(minItems)",
                    value: .array(items(count: minItems - 1))
                )
            )
        }
        return rules
    }

    // MARK: - Values

    /// A string of `length` characters: the base value's text, cut or padded with `x`.
    func text(length: Int) -> String {
        let start = base?.stringValue ?? ""
        if start.count >= length { return String(start.prefix(length)) }
        return start + String(repeating: "x", count: length - start.count)
    }

    /// `count` items: the base array's first, repeated, or a valid item sampled from the schema.
    private func items(count: Int) -> [JSONValue] {
        var item = itemSample ?? .string("x")
        if case .array(let elements)? = base, let first = elements.first { item = first }
        return Array(repeating: item, count: count)
    }

    static func article(_ type: String) -> String {
        ["integer", "array", "object"].contains(type) ? "an \(type)" : "a \(type)"
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "the boolean \(ValuePredicate.show(value))"
        case .number: "the number \(ValuePredicate.show(value))"
        case .string: "the string \(ValuePredicate.show(value))"
        case .array: "an array"
        case .object: "an object"
        }
    }

    static func jsonNumber(_ value: Double, _ isInteger: Bool) -> JSONNumber {
        JSONNumber(isInteger ? value.rounded(.down) : value) ?? JSONNumber(0)
    }

    static func number(_ value: Double, _ isInteger: Bool) -> String {
        jsonNumber(value, isInteger).text
    }
}
