import JSON

/// Realistic instances made from a spec's schemas, and the schemas exported as a JSON Schema draft 4 document
/// for the reference validators.
enum SchemaSamples {
    /// A valid instance of `components/schemas/NAME`: every property present, enum values varied by position,
    /// arrays of `arrayLength(depth)` items, formats respected.
    static func instance(
        of name: String,
        in spec: JSONValue,
        arrayLength: @escaping (Int) -> Int
    ) -> JSONValue {
        var generator = Generator(spec: spec, arrayLength: arrayLength)
        return generator.value(for: .object(["$ref": .string("#/components/schemas/\(name)")]), depth: 0, seed: 0)
    }

    private struct Generator {
        let spec: JSONValue
        let arrayLength: (Int) -> Int

        mutating func value(for schema: JSONValue, depth: Int, seed: Int) -> JSONValue {
            guard case .object(let object) = schema else { return .null }
            if case .string(let reference)? = object["$ref"], let pointer = try? JSONPointer(uriFragment: reference),
                let target = spec.value(at: pointer)
            {
                return value(for: target, depth: depth, seed: seed)
            }
            if case .array(let values)? = object["enum"], !values.isEmpty {
                return values[seed % values.count]
            }
            if case .array(let parts)? = object["allOf"], let first = parts.first, object["properties"] == nil {
                return value(for: first, depth: depth, seed: seed)
            }
            let type = object["type"]?.stringValue ?? (object["properties"] != nil ? "object" : nil)
            switch type {
            case "object"?:
                var result = JSONObject()
                guard depth < 8 else { return .object(result) }
                for (offset, (key, property)) in (object["properties"]?.objectValue ?? JSONObject()).enumerated() {
                    result[key] = value(for: property, depth: depth + 1, seed: seed + offset)
                }
                return .object(result)
            case "array"?:
                guard depth < 8, let items = object["items"] else { return [] }
                return .array((0..<arrayLength(depth)).map { value(for: items, depth: depth + 1, seed: seed + $0) })
            case "string"?:
                switch object["format"]?.stringValue {
                case "date-time"?: return "2024-05-16T12:34:56.789Z"
                case "date"?: return "2024-05-16"
                case "uuid"?: return "4d3364d9-fa09-4382-ad4e-5cab2e355fd4"
                case "uri"?: return .string("https://integration-api.meshconnect.com/logos/\(seed).png")
                case "email"?: return .string("user\(seed)@example.com")
                case "byte"?: return "aGVsbG8="
                default:
                    let minimum = object["minLength"]?.intValue ?? 0
                    let text = "value-\(seed)"
                    return .string(text.count >= minimum ? text : text + String(repeating: "x", count: minimum))
                }
            case "integer"?: return .number(JSONNumber(100 + seed))
            case "number"?: return .number(JSONNumber(unchecked: "\(seed).25"))
            case "boolean"?: return .bool(seed % 2 == 0)
            default: return "any"
            }
        }
    }

    /// `components/schemas` as draft 4 `definitions`, with OpenAPI's keywords translated: `nullable: true`
    /// becomes a type union with `null` (or `anyOf` with `{type: null}` when there is no `type`), refs point into
    /// `definitions`, and `discriminator`, `readOnly`, `writeOnly`, `example` are dropped.
    static func draft4Document(rootSchema name: String?, spec: JSONValue) -> JSONValue {
        let schemas = spec["components"]?["schemas"]?.objectValue ?? JSONObject()
        var definitions = JSONObject()
        for (key, schema) in schemas {
            definitions[key] = translate(schema)
        }
        let root: JSONValue
        if let name {
            root = ["$ref": .string("#/definitions/\(JSONPointer.escape(name))")]
        } else {
            root = .array(schemas.keys.map { .object(["$ref": .string("#/definitions/\(JSONPointer.escape($0))")]) })
        }
        if case .array = root {
            return ["anyOf": root, "definitions": .object(definitions)]
        }
        return ["allOf": [root], "definitions": .object(definitions)]
    }

    private static func translate(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var result = JSONObject()
            for (key, member) in object {
                switch key {
                case "nullable", "discriminator", "readOnly", "writeOnly", "example", "xml", "externalDocs",
                    "deprecated":
                    continue
                case "$ref":
                    if case .string(let reference) = member {
                        result[key] = .string(
                            reference.replacingPrefix("#/components/schemas/", with: "#/definitions/")
                        )
                    }
                case "properties", "patternProperties":
                    var properties = JSONObject()
                    for (name, schema) in member.objectValue ?? JSONObject() {
                        properties[name] = translate(schema)
                    }
                    result[key] = .object(properties)
                case "enum", "default":
                    result[key] = member
                default:
                    result[key] = translate(member)
                }
            }
            guard object["nullable"]?.boolValue == true else { return .object(result) }
            if case .string(let type)? = result["type"] {
                result["type"] = [.string(type), "null"]
                if case .array(var values)? = result["enum"], !values.contains(.null) {
                    values.append(.null)
                    result["enum"] = .array(values)
                }
                return .object(result)
            }
            return ["anyOf": [["type": "null"], .object(result)]]
        case .array(let elements):
            return .array(elements.map(translate))
        default:
            return value
        }
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
