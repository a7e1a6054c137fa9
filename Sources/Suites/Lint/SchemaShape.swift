import JSON
import OpenAPI

/// Answers "can a value valid against this schema have something at this JSON pointer?" by walking the schema's
/// JSON (`properties`, `additionalProperties`, `patternProperties`, `items`, `$ref`, `allOf`, `anyOf`, `oneOf`).
///
/// The answer errs towards "yes": a schema that does not constrain a level (no `properties`, no `type`) allows
/// anything below it, and a member allowed by any branch of a combinator counts as allowed. So lint only reports
/// pointers that no valid response can have.
struct SchemaShape {
    /// Where a pointer stops fitting the schema.
    struct Mismatch: Equatable {
        /// The part of the pointer that still fits.
        var validPrefix: JSONPointer
        /// The token that does not.
        var token: String
        /// The member names the schema allows at that level, for "did you mean".
        var knownMembers: [String]
        /// Whether the level is an array (the token should be an index), a scalar, or an object.
        var level: Level
    }

    enum Level: Equatable {
        case object
        case array
        case scalar(String)
    }

    /// The document the schemas live in (the whole spec, or an inline schema).
    let root: JSONValue

    private enum Children {
        case open
        case schemas([JSONPointer])
    }

    /// Where `pointer` stops fitting the schema.
    ///
    /// - Parameters:
    ///   - pointer: The pointer into the instance.
    ///   - schema: The schema's pointer in ``root``.
    /// - Returns: `nil` when some valid value can have `pointer`.
    func mismatch(for pointer: JSONPointer, inSchemaAt schema: JSONPointer) -> Mismatch? {
        var current: [JSONPointer] = [schema]
        var prefix = JSONPointer.root
        for token in pointer.tokens {
            var next: [JSONPointer] = []
            var isOpen = false
            for schema in current {
                switch children(of: schema, token: token, depth: 0) {
                case .open: isOpen = true
                case .schemas(let pointers): next += pointers
                }
            }
            if isOpen { return nil }
            if next.isEmpty {
                return Mismatch(
                    validPrefix: prefix,
                    token: token,
                    knownMembers: current.flatMap { memberNames(of: $0, depth: 0) }.uniqued(),
                    level: level(of: current)
                )
            }
            current = next.uniqued()
            prefix = prefix.appending(token)
        }
        return nil
    }

    private func schema(at pointer: JSONPointer) -> JSONObject? {
        root.value(at: pointer)?.objectValue
    }

    private func resolvedReference(_ object: JSONObject) -> JSONPointer? {
        guard case .string(let reference)? = object["$ref"], reference.hasPrefix("#") else { return nil }
        return try? JSONPointer(uriFragment: reference)
    }

    private static let combinators = ["allOf", "anyOf", "oneOf"]

    private func children(of pointer: JSONPointer, token: String, depth: Int) -> Children {
        guard depth < 32, let object = schema(at: pointer) else { return .open }
        if let target = resolvedReference(object) {
            return children(of: target, token: token, depth: depth + 1)
        }
        var results: [Children] = []
        if let own = ownChildren(object, at: pointer, token: token) {
            results.append(own)
        }
        for combinator in Self.combinators {
            guard case .array(let branches)? = object[combinator] else { continue }
            for index in branches.indices {
                results.append(
                    children(of: pointer.appending(combinator).appending(index: index), token: token, depth: depth + 1)
                )
            }
        }
        if results.isEmpty { return .open }
        var schemas: [JSONPointer] = []
        for result in results {
            switch result {
            case .open: return .open
            case .schemas(let pointers): schemas += pointers
            }
        }
        return .schemas(schemas)
    }

    /// What this schema's own keywords allow below it; `nil` when it has no keyword about its structure.
    private func ownChildren(_ object: JSONObject, at pointer: JSONPointer, token: String) -> Children? {
        let types = typeNames(object)
        let hasObjectKeywords =
            object["properties"] != nil || object["additionalProperties"] != nil || object["patternProperties"] != nil
        let hasArrayKeywords = object["items"] != nil
        if !hasObjectKeywords && !hasArrayKeywords {
            guard let types else { return nil }
            if types.contains("object") || types.contains("array") { return .open }
            return .schemas([])
        }
        var found: [JSONPointer] = []
        if hasArrayKeywords, Self.isArrayIndex(token) {
            if case .object? = object["items"] {
                found.append(pointer.appending("items"))
            } else {
                return .open
            }
        }
        if hasObjectKeywords {
            if case .object(let properties)? = object["properties"], properties[token] != nil {
                found.append(pointer.appending("properties").appending(token))
            } else if case .object(let patterns)? = object["patternProperties"],
                let matching = patterns.keys.first(where: { (try? ECMARegex($0).matches(in: token)) == true })
            {
                found.append(pointer.appending("patternProperties").appending(matching))
            } else {
                switch object["additionalProperties"] {
                case .bool(false)?: break
                case .object?: found.append(pointer.appending("additionalProperties"))
                default: return .open
                }
            }
        }
        return .schemas(found)
    }

    private func typeNames(_ object: JSONObject) -> [String]? {
        switch object["type"] {
        case .string(let name)?: [name]
        case .array(let names)?: names.compactMap(\.stringValue)
        default: nil
        }
    }

    private func memberNames(of pointer: JSONPointer, depth: Int) -> [String] {
        guard depth < 32, let object = schema(at: pointer) else { return [] }
        if let target = resolvedReference(object) { return memberNames(of: target, depth: depth + 1) }
        var names = object["properties"]?.objectValue?.keys ?? []
        for combinator in Self.combinators {
            guard case .array(let branches)? = object[combinator] else { continue }
            for index in branches.indices {
                names += memberNames(of: pointer.appending(combinator).appending(index: index), depth: depth + 1)
            }
        }
        return names
    }

    private func level(of pointers: [JSONPointer]) -> Level {
        var types = Set<String>()
        for pointer in pointers {
            collectTypes(of: pointer, into: &types, depth: 0)
        }
        if types.contains("array") { return .array }
        if types.isEmpty || types.contains("object") { return .object }
        return .scalar(types.sorted().joined(separator: "|"))
    }

    /// The JSON types a schema allows, following `$ref` and the combinators.
    private func collectTypes(of pointer: JSONPointer, into types: inout Set<String>, depth: Int) {
        guard depth < 32, let object = schema(at: pointer) else { return }
        if let target = resolvedReference(object) {
            collectTypes(of: target, into: &types, depth: depth + 1)
            return
        }
        if let names = typeNames(object) {
            types.formUnion(names)
        } else if object["items"] != nil {
            types.insert("array")
        } else if object["properties"] != nil || object["additionalProperties"] != nil {
            types.insert("object")
        }
        for combinator in Self.combinators {
            guard case .array(let branches)? = object[combinator] else { continue }
            for index in branches.indices {
                collectTypes(of: pointer.appending(combinator).appending(index: index), into: &types, depth: depth + 1)
            }
        }
    }

    static func isArrayIndex(_ token: String) -> Bool {
        !token.isEmpty && token.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && (token == "0" || !token.hasPrefix("0"))
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
