import JSON
import OpenAPI

extension ComparisonRun {
    /// `GET /accounts/{}`: the method and the template with parameter names left out, so a renamed path parameter
    /// still matches.
    static func matchKey(method: String, template: String) -> String {
        var key = method + " "
        var insideBraces = false
        for character in template {
            switch character {
            case "{":
                insideBraces = true
                key.append("{")
            case "}":
                insideBraces = false
                key.append("}")
            default:
                if !insideBraces { key.append(character) }
            }
        }
        return key
    }

    /// Matches operations, records the ones added and removed, and compares the rest.
    mutating func compareOperations() {
        let oldOperations = old.document.operations
        let newOperations = new.document.operations
        var oldByKey: [String: Int] = [:]
        for (index, operation) in oldOperations.enumerated() {
            let key = Self.matchKey(method: operation.method, template: operation.path.text)
            if oldByKey[key] == nil { oldByKey[key] = index }
        }
        var matched: Set<Int> = []
        for operation in newOperations {
            let id = addOperation(named: operation.name)
            let key = Self.matchKey(method: operation.method, template: operation.path.text)
            if let index = oldByKey[key], matched.insert(index).inserted {
                compare(oldOperations[index], operation, id: id)
            } else {
                record(
                    .operationAdded,
                    operation: id,
                    old: pathItemPointer(for: operation, in: old.document),
                    new: operation.pointer,
                    "\(operation.name) is new; existing clients do not call it."
                )
            }
        }
        for (index, operation) in oldOperations.enumerated() where !matched.contains(index) {
            let id = addOperation(named: operation.name)
            let newPlace = pathItemPointer(for: operation, in: new.document)
            record(
                .operationRemoved,
                operation: id,
                old: operation.pointer,
                new: newPlace,
                "\(operation.name) was removed: clients that still call it get an error instead of a response."
            )
            if !operation.isDeprecated {
                record(
                    .operationRemovedWithoutDeprecation,
                    operation: id,
                    old: operation.pointer,
                    new: newPlace,
                    "\(operation.name) was removed without being marked deprecated first, so its clients had no "
                        + "notice."
                )
            }
        }
    }

    /// The other spec's path item for the same template (names of parameters aside), else its `/paths`.
    private func pathItemPointer(for operation: OpenAPIOperation, in document: OpenAPIDocument) -> JSONPointer {
        let key = Self.matchKey(method: "", template: operation.path.text)
        if case .object(let paths)? = document.source.value["paths"],
            let template = paths.keys.first(where: { Self.matchKey(method: "", template: $0) == key })
        {
            return JSONPointer(tokens: ["paths", template])
        }
        return JSONPointer(tokens: ["paths"])
    }

    private mutating func compare(_ was: OpenAPIOperation, _ now: OpenAPIOperation, id: Int) {
        let oldNames = was.path.parameterNames
        let newNames = now.path.parameterNames
        if oldNames != newNames {
            let renames = zip(oldNames, newNames).filter { $0 != $1 }.map { "{\($0)} to {\($1)}" }
            record(
                .pathParameterRenamed,
                operation: id,
                old: was.pointer,
                new: now.pointer,
                "\(now.name) renamed path parameter \(renames.joined(separator: ", ")): the URL clients build is "
                    + "unchanged."
            )
        }
        if !was.isDeprecated && now.isDeprecated {
            record(
                .operationDeprecated,
                operation: id,
                old: was.pointer,
                new: now.pointer.appending("deprecated"),
                "\(now.name) is now deprecated: it still works, but clients should plan to move off it."
            )
        }
        if let oldID = was.operationID, oldID != now.operationID {
            let newID = now.operationID.map { "'\($0)'" } ?? "nothing"
            record(
                .operationIDChanged,
                operation: id,
                old: was.pointer.appending("operationId"),
                new: now.operationID == nil ? now.pointer : now.pointer.appending("operationId"),
                "\(now.name) changed operationId from '\(oldID)' to \(newID): requests are unchanged, but code "
                    + "generated from the spec renames the method."
            )
        }
        compareParameters(was, now, id: id)
        compareRequestBodies(was, now, id: id)
        compareResponses(was, now, id: id)
        compareSecurity(was, now, id: id)
    }

    /// The pointer of a parameter's schema: its `schema`, or its first `content` entry's.
    private static func schemaPointer(of parameter: OpenAPIParameter, in root: JSONValue) -> JSONPointer? {
        guard case .object(let object)? = root.value(at: parameter.pointer) else { return nil }
        if object["schema"] != nil { return parameter.pointer.appending("schema") }
        if case .object(let content)? = object["content"], let first = content.keys.first {
            return parameter.pointer.appending("content").appending(first).appending("schema")
        }
        return nil
    }

    private static func parameterKey(_ parameter: OpenAPIParameter, in operation: OpenAPIOperation) -> String {
        switch parameter.location {
        case .path:
            return "path \(operation.path.parameterNames.firstIndex(of: parameter.name) ?? -1)"
        case .header:
            return "header \(parameter.name.lowercased())"
        case .query, .cookie:
            return "\(parameter.location.rawValue) \(parameter.name)"
        }
    }

    private mutating func compareParameters(_ was: OpenAPIOperation, _ now: OpenAPIOperation, id: Int) {
        var oldByKey: [String: OpenAPIParameter] = [:]
        for parameter in was.parameters { oldByKey[Self.parameterKey(parameter, in: was)] = parameter }
        var seen: Set<String> = []
        for parameter in now.parameters {
            let key = Self.parameterKey(parameter, in: now)
            seen.insert(key)
            let name = "\(parameter.location.rawValue) parameter \(parameter.name)"
            guard let previous = oldByKey[key] else {
                if parameter.isRequired {
                    record(
                        .requestRequiredParameterAdded,
                        operation: id,
                        old: was.pointer,
                        new: parameter.pointer,
                        "\(name) of \(now.name) is new and required: existing clients do not send it and are rejected."
                    )
                } else {
                    record(
                        .requestParameterAdded,
                        operation: id,
                        old: was.pointer,
                        new: parameter.pointer,
                        "\(name) of \(now.name) is new and optional; existing clients do without it."
                    )
                }
                continue
            }
            if !previous.isRequired && parameter.isRequired {
                record(
                    .requestParameterBecameRequired,
                    operation: id,
                    old: previous.pointer,
                    new: parameter.pointer.appending("required"),
                    "\(name) of \(now.name) became required: clients that omit it are rejected."
                )
            } else if previous.isRequired && !parameter.isRequired {
                record(
                    .requestParameterBecameOptional,
                    operation: id,
                    old: previous.pointer.appending("required"),
                    new: parameter.pointer,
                    "\(name) of \(now.name) became optional; clients that send it are unaffected."
                )
            }
            if let oldSchema = Self.schemaPointer(of: previous, in: old.root),
                let newSchema = Self.schemaPointer(of: parameter, in: new.root)
            {
                operationRoots[id].append(node(old: oldSchema, new: newSchema, .request))
            }
        }
        for parameter in was.parameters where !seen.contains(Self.parameterKey(parameter, in: was)) {
            record(
                .requestParameterRemoved,
                operation: id,
                old: parameter.pointer,
                new: now.pointer,
                "\(parameter.location.rawValue) parameter \(parameter.name) of \(now.name) was removed: clients that "
                    + "still send it have it ignored."
            )
        }
    }
}
