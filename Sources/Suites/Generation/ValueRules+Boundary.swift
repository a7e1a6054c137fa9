import JSON
import OpenAPI

extension ValueRules {
    /// The valid values at the edges of the field's schema; none for a value that holds a template.
    func boundaries() -> [RuleValue] {
        guard !isTemplated else { return [] }
        var rules: [RuleValue] = []
        if facts.isNullable && !isParameter {
            rules.append(
                RuleValue(kind: .boundary, rule: "null", explanation: "\(label) is null (nullable)", value: .null)
            )
        }
        let enumValues = facts.enumeration ?? (isParameter ? itemFacts?.enumeration : nil)
        if let values = enumValues {
            let isItem = facts.enumeration == nil
            for value in values where value != .null {
                rules.append(
                    RuleValue(
                        kind: .boundary,
                        rule: "= \(TemplateScope.text(of: value))",
                        explanation: "\(label) is \(ValuePredicate.show(value)), a value of its enum",
                        value: isItem ? .array([value]) : value
                    )
                )
            }
            return rules
        }
        switch primaryType {
        case "string" where facts.format == nil:
            if let maxLength = facts.maxLength, maxLength > 0 {
                rules.append(
                    RuleValue(
                        kind: .boundary,
                        rule: "maxLength",
                        explanation: "\(label) is \(maxLength) characters, exactly maxLength",
                        value: .string(text(length: maxLength))
                    )
                )
            }
            if let minLength = facts.minLength, minLength > 1, minLength != facts.maxLength {
                rules.append(
                    RuleValue(
                        kind: .boundary,
                        rule: "minLength",
                        explanation: "\(label) is \(minLength) characters, exactly minLength",
                        value: .string(text(length: minLength))
                    )
                )
            }
        case "integer", "number":
            let isInteger = primaryType == "integer"
            if let minimum = facts.minimum, !facts.isExclusiveMinimum {
                rules.append(
                    RuleValue(
                        kind: .boundary,
                        rule: "minimum",
                        explanation: "\(label) is \(Self.number(minimum, isInteger)), exactly minimum",
                        value: .number(Self.jsonNumber(minimum, isInteger))
                    )
                )
            }
            if let maximum = facts.maximum, !facts.isExclusiveMaximum {
                rules.append(
                    RuleValue(
                        kind: .boundary,
                        rule: "maximum",
                        explanation: "\(label) is \(Self.number(maximum, isInteger)), exactly maximum",
                        value: .number(Self.jsonNumber(maximum, isInteger))
                    )
                )
            }
        default:
            break
        }
        return rules
    }
}
