import JSON
import OpenAPI
import Suites

/// Walks two JSON bodies together, collecting drift; the spec's schema is followed alongside for `enum`s.
struct BodyWalk {
    /// The deepest level compared; deeper values are compared as a whole by type only.
    static let depthLimit = 64

    let rules: [DriftIgnoreRule]
    let stable: [JSONPointer]
    let stableLengths: [JSONPointer]
    let runIDs: (reference: String, candidate: String)
    let resolver: SchemaResolver
    private(set) var drifts: [Drift] = []

    init(
        rules: [DriftIgnoreRule],
        stable: [JSONPointer],
        stableLengths: [JSONPointer],
        runIDs: (reference: String, candidate: String),
        resolver: SchemaResolver
    ) {
        self.rules = rules
        self.stable = stable
        self.stableLengths = stableLengths
        self.runIDs = runIDs
        self.resolver = resolver
    }

    mutating func compare(_ left: JSONValue, _ right: JSONValue, at pointer: JSONPointer, schema: JSONValue?) {
        compare(left, right, at: pointer, facts: schema.map { resolver.facts(of: $0) })
    }

    /// Compares with the schema's facts already read, so an array's items share one reading.
    private mutating func compare(_ left: JSONValue, _ right: JSONValue, at pointer: JSONPointer, facts: SchemaFacts?) {
        if isIgnored(pointer, aspect: .all) { return }
        let leftKind = Self.kind(left)
        let rightKind = Self.kind(right)
        guard leftKind == rightKind else {
            drifts.append(Drift(.type, at: pointer, reference: leftKind, candidate: rightKind))
            return
        }
        switch (left, right) {
        case (.object(let leftObject), .object(let rightObject)):
            guard pointer.tokens.count < Self.depthLimit else { return }
            for (key, leftValue) in leftObject {
                let child = pointer.appending(key)
                guard let rightValue = rightObject[key] else {
                    if !isIgnored(child, aspect: .all) {
                        drifts.append(Drift(.missing, at: child, reference: Self.kind(leftValue), candidate: "absent"))
                    }
                    continue
                }
                let memberFacts = facts.flatMap { memberSchema(key, in: $0) }.map { resolver.facts(of: $0) }
                compare(leftValue, rightValue, at: child, facts: memberFacts)
            }
            for (key, rightValue) in rightObject where leftObject[key] == nil {
                let child = pointer.appending(key)
                if !isIgnored(child, aspect: .all) {
                    drifts.append(Drift(.extra, at: child, reference: "absent", candidate: Self.kind(rightValue)))
                }
            }
        case (.array(let leftItems), .array(let rightItems)):
            guard pointer.tokens.count < Self.depthLimit else { return }
            if leftItems.count != rightItems.count && !isIgnored(pointer, aspect: .length)
                && isLengthStable(pointer, leftItems.count, rightItems.count, facts: facts)
            {
                drifts.append(
                    Drift(
                        .arrayLength,
                        at: pointer,
                        reference: String(leftItems.count),
                        candidate: String(rightItems.count)
                    )
                )
            }
            let items = facts.flatMap { itemSchema(in: $0) }.map { resolver.facts(of: $0) }
            for index in 0..<min(leftItems.count, rightItems.count) {
                compare(leftItems[index], rightItems[index], at: pointer.appending(index: index), facts: items)
            }
        default:
            compareScalar(left, right, at: pointer, facts: facts)
        }
    }

    private mutating func compareScalar(
        _ left: JSONValue,
        _ right: JSONValue,
        at pointer: JSONPointer,
        facts: SchemaFacts?
    ) {
        if isIgnored(pointer, aspect: .value) { return }
        let kind: Drift.Kind
        if pointer.tokens == ["status"], case .string = left {
            kind = .envelopeStatus
        } else if pointer.tokens == ["errorType"] {
            kind = .errorType
        } else if facts?.enumeration != nil {
            kind = .enumValue
        } else if stable.contains(pointer) {
            kind = .value
        } else {
            return
        }
        // Checked last: most values are not comparable at all, and the name test is the costliest.
        if kind == .enumValue || kind == .value, VolatileFields.isVolatile(pointer) { return }
        let leftText = normalized(left, runID: runIDs.reference)
        let rightText = normalized(right, runID: runIDs.candidate)
        if leftText != rightText {
            drifts.append(Drift(kind, at: pointer, reference: Self.shown(leftText), candidate: Self.shown(rightText)))
        }
    }

    /// Whether two array lengths are comparable.
    ///
    /// They are when one side is empty (so its items cannot be compared at all), the spec fixes the length, or a
    /// suite asserts it. Otherwise a list's length is data, which servers do not share.
    private func isLengthStable(_ pointer: JSONPointer, _ left: Int, _ right: Int, facts: SchemaFacts?) -> Bool {
        if left == 0 || right == 0 { return true }
        if let facts, let minimum = facts.minItems, minimum == facts.maxItems { return true }
        return stableLengths.contains(pointer)
    }

    private func isIgnored(_ pointer: JSONPointer, aspect: DriftIgnoreRule.Aspect) -> Bool {
        rules.contains { rule in
            switch (rule.aspect, aspect) {
            case (.all, _): rule.covers(pointer)
            case (.value, .value): rule.covers(pointer)
            case (.length, .length): rule.covers(pointer, exactly: true)
            default: false
            }
        }
    }

    private func memberSchema(_ key: String, in facts: SchemaFacts) -> JSONValue? {
        Self.memberSchema(key, in: facts, resolver: resolver)
    }

    private func itemSchema(in facts: SchemaFacts) -> JSONValue? {
        Self.itemSchema(in: facts, resolver: resolver)
    }

    /// The schema of member `key` of an object schema: a property, a `oneOf`/`anyOf` branch's, or
    /// `additionalProperties`.
    static func memberSchema(_ key: String, in facts: SchemaFacts, resolver: SchemaResolver) -> JSONValue? {
        if let schema = facts.property(key) { return schema }
        for alternative in facts.alternatives {
            if let schema = resolver.facts(of: alternative).property(key) { return schema }
        }
        if let additional = facts.additionalProperties, case .object = additional { return additional }
        return nil
    }

    /// The items schema of an array schema, or of a `oneOf`/`anyOf` branch.
    static func itemSchema(in facts: SchemaFacts, resolver: SchemaResolver) -> JSONValue? {
        if let items = facts.items { return items }
        for alternative in facts.alternatives {
            if let items = resolver.facts(of: alternative).items { return items }
        }
        return nil
    }

    /// The value as compared: serialized, with the run's id replaced so two runs' ids compare equal.
    private func normalized(_ value: JSONValue, runID: String) -> String {
        let text = value.serialized(sortingKeys: true)
        guard !runID.isEmpty, text.contains(runID) else { return text }
        return text.replacing(runID, with: "{{run.id}}")
    }

    static func shown(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(77)) + "..." : text
    }

    /// The JSON type as compared: integers and other numbers are both `number`.
    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
