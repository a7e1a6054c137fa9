import Diagnostics
import JSON

extension DocumentBuilder {
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Every operation of every path item, in spec order.
    mutating func buildOperations() -> [OpenAPIOperation] {
        guard let paths = source.value["paths"] else {
            report(.error, "the spec has no 'paths'", at: .root)
            return []
        }
        guard case .object(let items) = paths else {
            report(.error, "'paths' must be an object", at: JSONPointer(tokens: ["paths"]))
            return []
        }
        var operations: [OpenAPIOperation] = []
        var operationIDs: [String: JSONPointer] = [:]
        for (template, _) in items {
            let itemPointer = JSONPointer(tokens: ["paths", template])
            guard template.hasPrefix("/") else {
                report(.error, "path '\(template)' must start with '/'", at: itemPointer)
                continue
            }
            guard let (item, resolvedItem) = object(at: itemPointer, kind: "a path item") else { continue }
            let shared = parameters(item["parameters"], at: resolvedItem.appending("parameters"))
            let pathTemplate = PathTemplate(template)
            for method in Self.methods {
                guard let (operation, pointer) = object(at: resolvedItem.appending(method), kind: "an operation")
                else { continue }
                let built = buildOperation(
                    operation,
                    method: method,
                    template: pathTemplate,
                    shared: shared,
                    at: pointer
                )
                if let id = built.operationID {
                    if let first = operationIDs[id] {
                        report(
                            .error,
                            "duplicate operationId '\(id)' (first at \(source.locate(first)?.description ?? first.description))",
                            at: pointer.appending("operationId")
                        )
                    } else {
                        operationIDs[id] = pointer.appending("operationId")
                    }
                }
                operations.append(built)
            }
        }
        return operations
    }

    private mutating func buildOperation(
        _ operation: JSONObject,
        method: String,
        template: PathTemplate,
        shared: [OpenAPIParameter],
        at pointer: JSONPointer
    ) -> OpenAPIOperation {
        var merged = shared
        for parameter in parameters(operation["parameters"], at: pointer.appending("parameters")) {
            if let index = merged.firstIndex(where: { $0.name == parameter.name && $0.location == parameter.location })
            {
                merged[index] = parameter
            } else {
                merged.append(parameter)
            }
        }
        let declared = Set(merged.filter { $0.location == .path }.map(\.name))
        for name in template.parameterNames where !declared.contains(name) {
            report(.error, "path parameter '\(name)' of '\(template.text)' is not declared", at: pointer)
        }
        for parameter in merged where parameter.location == .path && !template.parameterNames.contains(parameter.name) {
            report(
                .error,
                "path parameter '\(parameter.name)' is not in the template '\(template.text)'",
                at: parameter.pointer
            )
        }
        var responses: [OpenAPIResponse] = []
        if case .object(let entries)? = operation["responses"] {
            for (key, _) in entries {
                let responsePointer = pointer.appending("responses").appending(key)
                guard let status = OpenAPIResponseStatus(key: key) else {
                    report(
                        .error,
                        "response key '\(key)' is not a status code, a range like '4XX', or 'default'",
                        at: responsePointer
                    )
                    continue
                }
                if let response = response(status, at: responsePointer) {
                    responses.append(response)
                }
            }
        } else {
            report(.error, "operation \(method.uppercased()) \(template.text) has no 'responses'", at: pointer)
        }
        return OpenAPIOperation(
            method: method.uppercased(),
            path: template,
            operationID: operation["operationId"]?.stringValue,
            summary: operation["summary"]?.stringValue,
            tags: (operation["tags"]?.arrayValue ?? []).compactMap(\.stringValue),
            isDeprecated: operation["deprecated"]?.boolValue ?? false,
            parameters: merged,
            requestBody: operation["requestBody"] == nil ? nil : requestBody(at: pointer.appending("requestBody")),
            responses: responses,
            security: buildSecurity(operation["security"], at: pointer.appending("security")),
            pointer: pointer
        )
    }

    private mutating func parameters(_ value: JSONValue?, at pointer: JSONPointer) -> [OpenAPIParameter] {
        guard let value else { return [] }
        guard case .array(let elements) = value else {
            report(.error, "'parameters' must be an array", at: pointer)
            return []
        }
        return elements.indices.compactMap { parameter(at: pointer.appending(index: $0)) }
    }

    mutating func parameter(at pointer: JSONPointer) -> OpenAPIParameter? {
        guard let (object, resolved) = self.object(at: pointer, kind: "a parameter") else { return nil }
        guard case .string(let name)? = object["name"] else {
            report(.error, "a parameter needs a 'name'", at: resolved)
            return nil
        }
        guard case .string(let place)? = object["in"], let location = OpenAPIParameter.Location(rawValue: place) else {
            report(.error, "parameter '\(name)' needs 'in': path, query, header or cookie", at: resolved)
            return nil
        }
        let isRequired = object["required"]?.boolValue ?? false
        if location == .path && !isRequired {
            report(.error, "path parameter '\(name)' must have 'required: true'", at: resolved)
        }
        var schema: SchemaValidator?
        if object["schema"] != nil {
            schema = self.schema(at: resolved.appending("schema"))
        } else if case .object(let content)? = object["content"], let first = content.keys.first {
            schema = self.content(object["content"], at: resolved.appending("content")).first?.schema
            _ = first
        }
        return OpenAPIParameter(
            name: name,
            location: location,
            isRequired: isRequired || location == .path,
            isDeprecated: object["deprecated"]?.boolValue ?? false,
            schema: schema,
            style: object["style"]?.stringValue,
            explode: object["explode"]?.boolValue,
            example: object["example"],
            examples: examples(object["examples"], at: resolved.appending("examples")),
            pointer: resolved
        )
    }

    mutating func header(named name: String, at pointer: JSONPointer) -> OpenAPIHeader? {
        guard let (object, resolved) = self.object(at: pointer, kind: "a header") else { return nil }
        let schema: SchemaValidator? = object["schema"] == nil ? nil : self.schema(at: resolved.appending("schema"))
        return OpenAPIHeader(
            name: name,
            isRequired: object["required"]?.boolValue ?? false,
            schema: schema,
            pointer: resolved
        )
    }

    mutating func requestBody(at pointer: JSONPointer) -> OpenAPIRequestBody? {
        guard let (object, resolved) = self.object(at: pointer, kind: "a request body") else { return nil }
        return OpenAPIRequestBody(
            isRequired: object["required"]?.boolValue ?? false,
            content: content(object["content"], at: resolved.appending("content")),
            pointer: resolved
        )
    }

    mutating func response(_ status: OpenAPIResponseStatus, at pointer: JSONPointer) -> OpenAPIResponse? {
        guard let (object, resolved) = self.object(at: pointer, kind: "a response") else { return nil }
        var headers: [OpenAPIHeader] = []
        if case .object(let entries)? = object["headers"] {
            for (name, _) in entries {
                if let header = header(named: name, at: resolved.appending("headers").appending(name)) {
                    headers.append(header)
                }
            }
        }
        return OpenAPIResponse(
            status: status,
            description: object["description"]?.stringValue ?? "",
            headers: headers,
            content: content(object["content"], at: resolved.appending("content")),
            pointer: resolved
        )
    }

    private mutating func content(_ value: JSONValue?, at pointer: JSONPointer) -> [OpenAPIMediaType] {
        guard let value else { return [] }
        guard case .object(let entries) = value else {
            report(.error, "'content' must be an object", at: pointer)
            return []
        }
        var result: [OpenAPIMediaType] = []
        for (name, entry) in entries {
            let entryPointer = pointer.appending(name)
            if MediaTypeName(name) == nil {
                report(.warning, "'\(name)' is not a media type (type/subtype)", at: entryPointer)
            }
            guard case .object(let object) = entry else {
                report(.error, "a media type entry must be an object", at: entryPointer)
                continue
            }
            let schema: SchemaValidator? =
                object["schema"] == nil ? nil : self.schema(at: entryPointer.appending("schema"))
            result.append(
                OpenAPIMediaType(
                    name: name,
                    schema: schema,
                    example: object["example"],
                    examples: examples(object["examples"], at: entryPointer.appending("examples")),
                    pointer: entryPointer
                )
            )
        }
        return result
    }

    private mutating func examples(_ value: JSONValue?, at pointer: JSONPointer) -> [OpenAPIExample] {
        guard case .object(let entries)? = value else { return [] }
        var result: [OpenAPIExample] = []
        for (name, _) in entries {
            guard let (object, resolved) = self.object(at: pointer.appending(name), kind: "an example") else {
                continue
            }
            result.append(
                OpenAPIExample(
                    name: name,
                    summary: object["summary"]?.stringValue,
                    value: object["value"],
                    pointer: resolved
                )
            )
        }
        return result
    }

    /// `components/securitySchemes`.
    mutating func buildSecuritySchemes() -> [String: OpenAPISecurityScheme] {
        guard case .object(let entries)? = source.value["components"]?["securitySchemes"] else { return [:] }
        var schemes: [String: OpenAPISecurityScheme] = [:]
        for (name, _) in entries {
            let pointer = JSONPointer(tokens: ["components", "securitySchemes", name])
            guard let (object, resolved) = self.object(at: pointer, kind: "a security scheme") else { continue }
            let kind: OpenAPISecurityScheme.Kind
            switch object["type"]?.stringValue {
            case "apiKey":
                guard let keyName = object["name"]?.stringValue, let place = object["in"]?.stringValue,
                    let location = OpenAPIParameter.Location(rawValue: place), location != .path
                else {
                    report(
                        .error,
                        "apiKey scheme '\(name)' needs 'name' and 'in' (header, query or cookie)",
                        at: resolved
                    )
                    continue
                }
                kind = .apiKey(name: keyName, location: location)
            case "http":
                guard let scheme = object["scheme"]?.stringValue else {
                    report(.error, "http scheme '\(name)' needs 'scheme' (bearer or basic)", at: resolved)
                    continue
                }
                kind = .http(scheme: scheme.lowercased(), bearerFormat: object["bearerFormat"]?.stringValue)
            case "oauth2":
                kind = .oauth2
            case "openIdConnect":
                kind = .openIDConnect(url: object["openIdConnectUrl"]?.stringValue ?? "")
            default:
                report(.error, "security scheme '\(name)' has an unknown 'type'", at: resolved)
                continue
            }
            schemes[name] = OpenAPISecurityScheme(
                name: name,
                kind: kind,
                description: object["description"]?.stringValue
            )
        }
        return schemes
    }

    /// A `security` list; `nil` when absent.
    mutating func buildSecurity(_ value: JSONValue?, at pointer: JSONPointer) -> [OpenAPISecurityRequirement]? {
        guard let value else { return nil }
        guard case .array(let elements) = value else {
            report(.error, "'security' must be an array", at: pointer)
            return nil
        }
        let known = source.value["components"]?["securitySchemes"]?.objectValue
        var requirements: [OpenAPISecurityRequirement] = []
        for (index, element) in elements.enumerated() {
            guard case .object(let entries) = element else {
                report(.error, "a security requirement must be an object", at: pointer.appending(index: index))
                continue
            }
            var requirement = OpenAPISecurityRequirement(entries: [])
            for (scheme, scopes) in entries {
                if known?[scheme] == nil {
                    report(
                        .error,
                        "security scheme '\(scheme)' is not defined in components/securitySchemes",
                        at: pointer.appending(index: index).appending(scheme)
                    )
                }
                requirement.entries.append(
                    .init(scheme: scheme, scopes: (scopes.arrayValue ?? []).compactMap(\.stringValue))
                )
            }
            requirements.append(requirement)
        }
        return requirements
    }
}
