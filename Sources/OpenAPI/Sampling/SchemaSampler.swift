public import JSON

/// Makes JSON values that satisfy a schema of the spec: the mock's responses where the spec has no usable
/// example, and valid request bodies for tests and suites.
///
/// Values are deterministic: the same schema, seed and context always give the same value. They look real where
/// the format or the property's name says what it holds (`uuid`, `uri`, `email`, `symbol`, `amount`,
/// `createdTimestamp`, …); every `enum` value comes from the enum, every required property is present, arrays have
/// one or two items (more when `minItems` says so), and `additionalProperties: false` is respected because only
/// declared properties are written. Read-only properties are left out of requests and write-only ones out of
/// responses. `pattern` is not modelled (the Mesh spec has none).
public struct SchemaSampler: Sendable {
    package let resolver: SchemaResolver
    /// Below this depth every declared property is written; deeper, only required ones (recursive schemas end).
    let fullDepth = 6

    /// Creates a sampler for the schemas of `document`.
    ///
    /// - Parameter document: The loaded spec.
    public init(document: OpenAPIDocument) {
        self.resolver = SchemaResolver(root: document.source.value)
    }

    /// A value for the schema at `pointer` in the spec.
    ///
    /// - Parameters:
    ///   - pointer: Where the schema is, such as `/components/schemas/BrokerAccount`.
    ///   - seed: The seed; the same seed gives the same value.
    ///   - context: ``ValidationContext/request`` leaves read-only properties out, ``ValidationContext/response``
    ///     write-only ones.
    /// - Returns: The value, or `nil` when nothing is at `pointer`.
    public func sample(schemaAt pointer: JSONPointer, seed: UInt64, context: ValidationContext) -> JSONValue? {
        guard let schema = resolver.schema(at: pointer) else { return nil }
        return sample(schema, seed: seed, context: context)
    }

    /// A value for a schema written in the spec's terms (`$ref`s resolve against the spec).
    ///
    /// - Parameters:
    ///   - schema: The raw schema.
    ///   - seed: The seed.
    ///   - context: Request or response.
    /// - Returns: The value.
    public func sample(_ schema: JSONValue, seed: UInt64, context: ValidationContext) -> JSONValue {
        var random = SeededRandom(seed: seed, purpose: "sample")
        return generate(schema, name: nil, depth: 0, random: &random, context: context)
    }

    package func generate(
        _ schema: JSONValue,
        name: String?,
        depth: Int,
        random: inout SeededRandom,
        context: ValidationContext
    ) -> JSONValue {
        let facts = resolver.facts(of: schema)
        if let values = facts.enumeration, !values.isEmpty {
            return values[Int(random.next() % UInt64(values.count))]
        }
        switch Self.kind(of: facts) {
        case "object":
            return generateObject(facts, depth: depth, random: &random, context: context)
        case "array":
            return generateArray(facts, name: name, depth: depth, random: &random, context: context)
        case "string":
            return .string(SampleValues.string(for: facts, name: name, random: &random))
        case "integer":
            return .number(SampleValues.integer(for: facts, name: name, random: &random))
        case "number":
            return .number(SampleValues.number(for: facts, name: name, random: &random))
        case "boolean":
            return .bool(random.next() % 2 == 0)
        case "alternative":
            return generate(facts.alternatives[0], name: name, depth: depth + 1, random: &random, context: context)
        default:
            return facts.isNullable ? .null : .string(SampleValues.string(for: facts, name: name, random: &random))
        }
    }

    /// The JSON type to generate: the first of object, array, string, number, integer and boolean that applies.
    package static func kind(of facts: SchemaFacts) -> String {
        for type in ["object", "array", "string", "integer", "number", "boolean"] where facts.types.contains(type) {
            return type
        }
        if !facts.properties.isEmpty || facts.additionalProperties != nil { return "object" }
        if facts.items != nil { return "array" }
        if !facts.alternatives.isEmpty { return "alternative" }
        return "none"
    }

    private func generateObject(
        _ facts: SchemaFacts,
        depth: Int,
        random: inout SeededRandom,
        context: ValidationContext
    ) -> JSONValue {
        var object = JSONObject()
        for (name, schema) in facts.properties {
            let isRequired = facts.required.contains(name)
            let property = resolver.facts(of: schema)
            if context == .request && property.isReadOnly && !isRequired { continue }
            if context == .response && property.isWriteOnly && !isRequired { continue }
            if depth >= fullDepth && !isRequired { continue }
            object[name] = generate(schema, name: name, depth: depth + 1, random: &random, context: context)
        }
        if facts.properties.isEmpty, case .object(let additional)? = facts.additionalProperties, depth < fullDepth {
            for index in 1...2 {
                object["key\(index)"] = generate(
                    .object(additional),
                    name: "value",
                    depth: depth + 1,
                    random: &random,
                    context: context
                )
            }
        }
        return .object(object)
    }

    private func generateArray(
        _ facts: SchemaFacts,
        name: String?,
        depth: Int,
        random: inout SeededRandom,
        context: ValidationContext
    ) -> JSONValue {
        let itemSchema = facts.items ?? .object([:])
        var count = max(facts.minItems ?? 1, depth >= fullDepth ? 1 : 1 + Int(random.next() % 2))
        if let maxItems = facts.maxItems { count = min(count, maxItems) }
        let singular = name.map(SampleValues.singular)
        var items: [JSONValue] = []
        var attempts = 0
        while items.count < count && attempts < count * 8 {
            attempts += 1
            let item = generate(itemSchema, name: singular, depth: depth + 1, random: &random, context: context)
            if facts.isUniqueItems && items.contains(item) { continue }
            items.append(item)
        }
        return .array(items)
    }
}
