package import JSON

/// What a schema in the spec says, with `$ref`s followed and `allOf` branches merged: the view the mock needs to
/// generate values, coerce query strings and recognise response shapes, and the one generated cases are derived
/// from.
///
/// Validation stays with ``OpenAPI``'s `SchemaValidator`; these facts only guide generation, so a keyword they
/// do not model (such as `pattern`) is left to the validator.
package struct SchemaFacts: Sendable {
    /// The `type`s given (empty when none).
    package var types: Set<String> = []
    package var isNullable = false
    package var isReadOnly = false
    package var isWriteOnly = false
    package var isDeprecated = false
    /// The allowed values: the intersection of every `enum` met.
    package var enumeration: [JSONValue]?
    package var format: String?
    /// Properties in order, each with its raw schema.
    package var properties: [(name: String, schema: JSONValue)] = []
    package var required: Set<String> = []
    /// `false`, `true`, or a schema (as raw JSON); `nil` when absent.
    package var additionalProperties: JSONValue?
    package var items: JSONValue?
    package var minLength: Int?
    package var maxLength: Int?
    package var minItems: Int?
    package var maxItems: Int?
    package var isUniqueItems = false
    package var minimum: Double?
    package var maximum: Double?
    package var isExclusiveMinimum = false
    package var isExclusiveMaximum = false
    package var multipleOf: Double?
    /// `oneOf` and `anyOf` branches, raw.
    package var alternatives: [JSONValue] = []
    /// The name of the last `components/schemas` entry a `$ref` led to.
    package var name: String?

    /// Facts of a schema that says nothing.
    package init() {}

    /// Whether the schema is an object (by `type`, or by having properties).
    package var isObject: Bool {
        types.contains("object") || (!properties.isEmpty && types.isEmpty)
    }

    /// The raw schema of property `name`.
    package func property(_ name: String) -> JSONValue? {
        properties.first { $0.name == name }?.schema
    }
}

/// Reads raw schemas of one spec into ``SchemaFacts``.
package struct SchemaResolver: Sendable {
    /// The whole spec, for `$ref`s.
    package let root: JSONValue

    /// Creates a resolver over a whole spec.
    ///
    /// - Parameter root: The spec's JSON value.
    package init(root: JSONValue) {
        self.root = root
    }

    /// The schema at `pointer` in the spec, raw.
    package func schema(at pointer: JSONPointer) -> JSONValue? {
        root.value(at: pointer)
    }

    /// The facts of a raw schema.
    ///
    /// - Parameter schema: A schema as written in the spec (possibly a `$ref`).
    /// - Returns: The merged facts; an unresolvable `$ref` contributes nothing.
    package func facts(of schema: JSONValue) -> SchemaFacts {
        var facts = SchemaFacts()
        merge(schema, into: &facts, depth: 0)
        return facts
    }

    /// The facts of the schema a pointer names.
    package func facts(at pointer: JSONPointer) -> SchemaFacts {
        schema(at: pointer).map { facts(of: $0) } ?? SchemaFacts()
    }

    /// The target of a local `$ref` (`#/components/schemas/X`), with the name it gives.
    package func dereference(_ reference: String) -> (schema: JSONValue, name: String?)? {
        guard let pointer = try? JSONPointer(uriFragment: reference), let target = root.value(at: pointer) else {
            return nil
        }
        let tokens = pointer.tokens
        let name = tokens.count == 3 && tokens[0] == "components" && tokens[1] == "schemas" ? tokens[2] : nil
        return (target, name)
    }

    private func merge(_ schema: JSONValue, into facts: inout SchemaFacts, depth: Int) {
        guard depth < 32, case .object(let object) = schema else { return }
        if case .string(let reference)? = object["$ref"] {
            if let (target, name) = dereference(reference) {
                if let name { facts.name = name }
                merge(target, into: &facts, depth: depth + 1)
            }
            return
        }
        mergeKeywords(object, into: &facts)
        if case .array(let branches)? = object["allOf"] {
            for branch in branches {
                merge(branch, into: &facts, depth: depth + 1)
            }
        }
        for keyword in ["oneOf", "anyOf"] {
            if case .array(let branches)? = object[keyword] {
                facts.alternatives.append(contentsOf: branches)
            }
        }
    }

    private func mergeKeywords(_ object: JSONObject, into facts: inout SchemaFacts) {
        switch object["type"] {
        case .string(let type)?: facts.types.insert(type)
        case .array(let types)?: facts.types.formUnion(types.compactMap(\.stringValue))
        default: break
        }
        if object["nullable"]?.boolValue == true { facts.isNullable = true }
        if object["readOnly"]?.boolValue == true { facts.isReadOnly = true }
        if object["writeOnly"]?.boolValue == true { facts.isWriteOnly = true }
        if object["deprecated"]?.boolValue == true { facts.isDeprecated = true }
        if case .array(let values)? = object["enum"] {
            facts.enumeration = facts.enumeration.map { current in current.filter { values.contains($0) } } ?? values
        }
        if let format = object["format"]?.stringValue { facts.format = format }
        if case .object(let properties)? = object["properties"] {
            for (name, schema) in properties where !facts.properties.contains(where: { $0.name == name }) {
                facts.properties.append((name, schema))
            }
        }
        if case .array(let names)? = object["required"] {
            facts.required.formUnion(names.compactMap(\.stringValue))
        }
        // `false` anywhere wins: the merged object must satisfy every branch.
        if let additional = object["additionalProperties"], facts.additionalProperties?.boolValue != false {
            facts.additionalProperties = additional
        }
        if let items = object["items"] { facts.items = items }
        facts.minLength = Self.tighter(facts.minLength, object["minLength"]?.intValue, by: max)
        facts.maxLength = Self.tighter(facts.maxLength, object["maxLength"]?.intValue, by: min)
        facts.minItems = Self.tighter(facts.minItems, object["minItems"]?.intValue, by: max)
        facts.maxItems = Self.tighter(facts.maxItems, object["maxItems"]?.intValue, by: min)
        if object["uniqueItems"]?.boolValue == true { facts.isUniqueItems = true }
        if let minimum = object["minimum"]?.numberValue?.doubleValue {
            facts.minimum = max(facts.minimum ?? minimum, minimum)
            facts.isExclusiveMinimum = object["exclusiveMinimum"]?.boolValue == true
        }
        if let maximum = object["maximum"]?.numberValue?.doubleValue {
            facts.maximum = min(facts.maximum ?? maximum, maximum)
            facts.isExclusiveMaximum = object["exclusiveMaximum"]?.boolValue == true
        }
        if let multiple = object["multipleOf"]?.numberValue?.doubleValue { facts.multipleOf = multiple }
    }

    private static func tighter(_ current: Int?, _ new: Int?, by pick: (Int, Int) -> Int) -> Int? {
        guard let new else { return current }
        return current.map { pick($0, new) } ?? new
    }
}
