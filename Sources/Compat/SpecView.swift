import JSON
import OpenAPI

/// One of the two specs as the comparison reads it: `$ref`s followed and schemas flattened, each once.
struct SpecView {
    let document: OpenAPIDocument
    let root: JSONValue
    private var flattened: [JSONPointer: FlatSchema] = [:]
    private var canonical: [JSONPointer: JSONPointer] = [:]

    /// How many `$ref`s a chain may have, and how deep `allOf` may nest, before it counts as a cycle.
    private static let maximumDepth = 64

    init(_ document: OpenAPIDocument) {
        self.document = document
        self.root = document.source.value
    }

    /// The pointer of the object `pointer` ends at after following `$ref`s (itself when it is no reference, or a
    /// reference that cannot be followed).
    mutating func resolve(_ pointer: JSONPointer) -> JSONPointer {
        if let known = canonical[pointer] { return known }
        var current = pointer
        var seen: Set<JSONPointer> = [pointer]
        while seen.count <= Self.maximumDepth,
            case .object(let object)? = root.value(at: current),
            case .string(let reference)? = object["$ref"],
            let target = Self.localTarget(of: reference),
            root.value(at: target) != nil,
            seen.insert(target).inserted
        {
            current = target
        }
        canonical[pointer] = current
        return current
    }

    /// `#/components/schemas/X` as a pointer; `nil` for a reference into another file.
    static func localTarget(of reference: String) -> JSONPointer? {
        guard reference.hasPrefix("#") else { return nil }
        return try? JSONPointer(uriFragment: reference)
    }

    /// The schema at `pointer` (followed through `$ref`s) with its `allOf` members merged; `nil` when there is no
    /// object there.
    mutating func flatten(_ pointer: JSONPointer) -> FlatSchema? {
        let resolved = resolve(pointer)
        if let known = flattened[resolved] { return known }
        var visiting: Set<JSONPointer> = []
        let schema = flatten(resolved, visiting: &visiting)
        if let schema { flattened[resolved] = schema }
        return schema
    }

    private mutating func flatten(_ resolved: JSONPointer, visiting: inout Set<JSONPointer>) -> FlatSchema? {
        guard case .object(let object)? = root.value(at: resolved) else { return nil }
        var schema = FlatSchema(pointer: resolved)
        if case .string(let reference)? = object["$ref"] {
            schema.unresolvedReference = reference
            return schema
        }
        read(object, at: resolved, into: &schema)
        guard case .array(let members)? = object["allOf"], visiting.count < Self.maximumDepth,
            visiting.insert(resolved).inserted
        else { return schema }
        defer { visiting.remove(resolved) }
        var everyMemberNullable = !members.isEmpty
        for index in members.indices {
            let memberPointer = resolve(resolved.appending("allOf").appending(index: index))
            guard let member = flatten(memberPointer, visiting: &visiting) else { continue }
            schema.merge(member)
            everyMemberNullable = everyMemberNullable && member.isNullableValue
        }
        if schema.isNullable == nil, everyMemberNullable {
            schema.isNullable = Located(value: true, pointer: resolved.appending("allOf"))
        }
        return schema
    }

    private func read(_ object: JSONObject, at pointer: JSONPointer, into schema: inout FlatSchema) {
        switch object["type"] {
        case .string(let type)?:
            schema.types = Located(value: [type], pointer: pointer.appending("type"))
        case .array(let types)?:
            schema.types = Located(value: Set(types.compactMap(\.stringValue)), pointer: pointer.appending("type"))
        default:
            break
        }
        if case .string(let format)? = object["format"] {
            schema.format = Located(value: format, pointer: pointer.appending("format"))
        }
        if case .bool(let nullable)? = object["nullable"] {
            schema.isNullable = Located(value: nullable, pointer: pointer.appending("nullable"))
        }
        if case .array(let values)? = object["enum"] {
            schema.enumValues = Located(value: values, pointer: pointer.appending("enum"))
        }
        if case .object(let properties)? = object["properties"] {
            let base = pointer.appending("properties")
            schema.propertiesPointer = base
            schema.properties = properties.keys.map { (name: $0, pointer: base.appending($0)) }
        }
        if case .array(let names)? = object["required"] {
            for (index, name) in names.enumerated() {
                guard case .string(let name) = name, schema.required[name] == nil else { continue }
                schema.required[name] = pointer.appending("required").appending(index: index)
            }
        }
        switch object["additionalProperties"] {
        case .bool(false)?: schema.additionalProperties = .forbidden(pointer.appending("additionalProperties"))
        case .object?: schema.additionalProperties = .schema(pointer.appending("additionalProperties"))
        default: break
        }
        if case .object? = object["items"] { schema.items = pointer.appending("items") }
        for keyword in ["oneOf", "anyOf"] {
            guard case .array(let branches)? = object[keyword] else { continue }
            let pointers = branches.indices.map { pointer.appending(keyword).appending(index: $0) }
            if keyword == "oneOf" { schema.oneOf = pointers } else { schema.anyOf = pointers }
        }
        schema.isReadOnly = object["readOnly"]?.boolValue ?? false
        schema.isWriteOnly = object["writeOnly"]?.boolValue ?? false
        for keyword in FlatSchema.constraintKeywords {
            guard let value = object[keyword] else { continue }
            if case .bool(false) = value { continue }  // exclusiveMaximum/uniqueItems false say nothing
            schema.constraints[keyword] = Located(value: value, pointer: pointer.appending(keyword))
        }
    }

    /// Where `pointer` is in the file.
    func position(_ pointer: JSONPointer) -> CompatSpecPosition {
        CompatSpecPosition(pointer: pointer, location: document.location(of: pointer))
    }
}
