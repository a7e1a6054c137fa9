import JSON

/// The sentences of schema violations.
enum Messages {
    static func type(_ node: SchemaNode, _ value: JSONValue, shown: String) -> String {
        var expected = node.types.description
        if node.isNullable { expected += " or null" }
        let article =
            value.typeName == "integer" || value.typeName == "array" || value.typeName == "object" ? "an" : "a"
        var message = "expected \(expected), got \(article) \(value.typeName)"
        if case .null = value {
            message = "expected \(expected), got null"
            if !node.types.contains(.null) { message += " (the schema is not nullable)" }
        } else {
            message += " (\(shown))"
        }
        if let name = node.name { message += " for \(name)" }
        return message
    }

    static func enumExpectation(_ enumeration: EnumConstraint) -> String {
        enumeration.values.count <= 5
            ? "one of " + list(enumeration.values) : "one of \(enumeration.values.count) values"
    }

    /// `"krakenPro" is not one of the 63 values of BrokerType (e.g. "kraken", "krakenDirect")`.
    static func notInEnum(_ node: SchemaNode, _ value: JSONValue, shown: String) -> String {
        guard let enumeration = node.enumeration else { return "value not allowed" }
        let owner = node.name.map { " of \($0)" } ?? ""
        if enumeration.values.count <= 5 {
            return "\(shown) is not one of \(list(enumeration.values))\(owner.isEmpty ? "" : " (\(node.name ?? ""))")"
        }
        let near = ValueDisplay.nearest(to: value, among: enumeration.values)
        return "\(shown) is not one of the \(enumeration.values.count) values\(owner) (e.g. "
            + near.map { ValueDisplay.short($0, limit: 40) }.joined(separator: ", ") + ")"
    }

    static func list(_ values: [JSONValue]) -> String {
        "[" + values.map { ValueDisplay.short($0, limit: 40) }.joined(separator: ", ") + "]"
    }

    static func list(_ values: [String]) -> String {
        let shown = values.prefix(8).map { ValueDisplay.quoted($0, limit: 40) }
        return "[" + shown.joined(separator: ", ") + (values.count > 8 ? ", …" : "") + "]"
    }

    static func format(_ format: SchemaFormat, shown: String) -> String {
        "\(shown) is not \(format.expectation)"
    }

    static func length(shown: String, _ count: Int, _ bound: String, _ limit: Int) -> String {
        "\(shown) has \(count) character\(count == 1 ? "" : "s"); "
            + "the schema allows \(bound) \(limit)"
    }

    static func unexpectedProperty(_ key: String, _ constraints: ObjectConstraints) -> String {
        var message = "property '\(key)' is not allowed (additionalProperties is false)"
        let declared = constraints.propertyOrder
        if let near = declared.min(by: { ValueDisplay.distance(key, $0) < ValueDisplay.distance(key, $1) }),
            ValueDisplay.distance(key, near) <= max(2, key.count / 3)
        {
            message += "; did you mean '\(near)'?"
        } else if !declared.isEmpty {
            message += "; declared: " + declared.prefix(10).joined(separator: ", ") + (declared.count > 10 ? ", …" : "")
        }
        return message
    }

    static func presentKeys(_ object: JSONObject) -> String {
        guard !object.isEmpty else { return " (the object is empty)" }
        let keys = object.keys.prefix(8).joined(separator: ", ")
        return " (present: \(keys)\(object.count > 8 ? ", …" : ""))"
    }

    static func branchName(_ node: SchemaNode, position: Int) -> String {
        if let name = node.name { return "#\(position) (\(name))" }
        return "#\(position)"
    }

    static func tooDeep(_ limit: Int) -> String {
        "more than \(limit) schemas apply to this one value; the schema refers to itself without descending"
    }
}
