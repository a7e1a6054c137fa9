import Diagnostics
import JSON

extension SpecLinter {
    /// Members whose values are data, not spec structure: a `$ref` inside them is not a reference.
    static let dataKeywords: Set<String> = ["example", "examples", "enum", "default", "const"]

    /// Every `$ref` that does not resolve, wherever it is.
    static func brokenReferences(in document: OpenAPIDocument) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var compiler = SchemaCompiler(dialect: .openAPI30)
        _ = compiler.addDocument(
            SchemaDocument(uri: OpenAPILoader.documentURI, value: document.source.value, locate: document.source.locate)
        )
        func walk(_ value: JSONValue, _ pointer: JSONPointer, inExample: Bool) {
            switch value {
            case .object(let object):
                if !inExample, case .string(let reference)? = object["$ref"] {
                    if case .failure(let error) = compiler.resolve(
                        reference,
                        from: SchemaLocation(document: 0, pointer: pointer)
                    ) {
                        let at = pointer.appending("$ref")
                        let location = document.location(of: at)
                        diagnostics.append(
                            Diagnostic(
                                .error,
                                error.message,
                                at: location,
                                notes: location == nil ? ["at \(at.uriFragment)"] : []
                            )
                        )
                    }
                }
                let isNameMap = isNameMap(pointer)
                for (key, member) in object where !key.hasPrefix("x-") {
                    // Data: `example`, `enum`, `default` (unless they are names in a map such as `properties`), and
                    // the `value` of an Example Object.
                    let isValue = key == "value" && pointer.tokens.dropLast().last == "examples"
                    let isData = inExample || isValue || (dataKeywords.contains(key) && key != "examples" && !isNameMap)
                    walk(member, pointer.appending(key), inExample: isData)
                }
            case .array(let elements):
                for (index, element) in elements.enumerated() {
                    walk(element, pointer.appending(index: index), inExample: inExample)
                }
            default:
                break
            }
        }
        walk(document.source.value, .root, inExample: false)
        return diagnostics
    }

    /// Whether the object at `pointer` maps names to things (a property called `example`) rather than holding
    /// keywords.
    private static func isNameMap(_ pointer: JSONPointer) -> Bool {
        guard let parent = pointer.tokens.last else { return false }
        return parent == "properties" || parent == "schemas" || parent == "examples" || parent == "patternProperties"
    }

    /// `required` names no `properties` define.
    static func undefinedRequiredProperties(in document: OpenAPIDocument) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let root = document.source.value
        for pointer in document.schemaPointers.sorted(by: { $0.description < $1.description }) {
            guard case .object(let schema)? = root.value(at: pointer), case .array(let required)? = schema["required"],
                schema["patternProperties"] == nil, schema["properties"] != nil || schema["allOf"] != nil
            else { continue }  // a bare `required` list is a constraint on its parent's properties (anyOf branches)
            var defined: Set<String> = []
            var visited: Set<JSONPointer> = []
            var additionalForbidden = false
            collectProperties(
                at: pointer,
                in: root,
                into: &defined,
                visited: &visited,
                additionalForbidden: &additionalForbidden
            )
            if case .bool(false)? = schema["additionalProperties"] { additionalForbidden = true }
            for (index, name) in required.enumerated() {
                guard case .string(let name) = name, !defined.contains(name) else { continue }
                let at = pointer.appending("required").appending(index: index)
                let location = document.location(of: at)
                let notes = location == nil ? ["at \(at.uriFragment)"] : []
                if additionalForbidden {
                    diagnostics.append(
                        Diagnostic(
                            .error,
                            "required property '\(name)' is not defined in 'properties', and additionalProperties "
                                + "is false: no instance can be valid",
                            at: location,
                            notes: notes
                        )
                    )
                } else {
                    diagnostics.append(
                        Diagnostic(
                            .warning,
                            "required property '\(name)' is not defined in 'properties'",
                            at: location,
                            notes: notes
                        )
                    )
                }
            }
        }
        return diagnostics
    }

    private static func collectProperties(
        at pointer: JSONPointer,
        in root: JSONValue,
        into names: inout Set<String>,
        visited: inout Set<JSONPointer>,
        additionalForbidden: inout Bool
    ) {
        guard visited.insert(pointer).inserted, case .object(let schema)? = root.value(at: pointer) else { return }
        if case .string(let reference)? = schema["$ref"] {
            if let target = try? JSONPointer(uriFragment: reference), reference.hasPrefix("#") {
                collectProperties(
                    at: target,
                    in: root,
                    into: &names,
                    visited: &visited,
                    additionalForbidden: &additionalForbidden
                )
            }
            return
        }
        if case .object(let properties)? = schema["properties"] {
            names.formUnion(properties.keys)
        }
        if case .array(let parts)? = schema["allOf"] {
            for index in parts.indices {
                collectProperties(
                    at: pointer.appending("allOf").appending(index: index),
                    in: root,
                    into: &names,
                    visited: &visited,
                    additionalForbidden: &additionalForbidden
                )
            }
        }
    }
}
