import HTTP
import JSON
import OpenAPI
import Suites

/// The `request-conforms` check: the request a step sends meets the spec.
///
/// Path, query and header parameters (required ones present, values valid against their schemas), the security
/// requirements (the credential headers an operation needs), and the body (declared, of a declared media type,
/// valid against the request schema).
enum RequestConformance {
    static let check = AutomaticCheck.requestConforms.rawValue

    static func findings(
        for request: BuiltRequest,
        operation: OpenAPIOperation,
        document: OpenAPIDocument
    ) -> [Finding] {
        var findings: [Finding] = []
        let pathValues = operation.path.match(request.path)
        if pathValues == nil {
            findings.append(
                Finding(
                    check: check,
                    pointer: "path",
                    expected: operation.path.text,
                    actual: request.path,
                    message: "the path '\(request.path)' does not match \(operation.name)"
                )
            )
        }
        for parameter in operation.parameters {
            let values: [String]
            switch parameter.location {
            case .path: values = pathValues?[parameter.name].map { [$0] } ?? []
            case .query: values = request.query.filter { $0.name == parameter.name }.map(\.value)
            case .header: values = request.headers.values(for: parameter.name)
            default: continue
            }
            let place = "\(parameter.location.rawValue):\(parameter.name)"
            guard !values.isEmpty else {
                if parameter.isRequired && parameter.location != .path {
                    findings.append(
                        Finding(
                            check: check,
                            pointer: place,
                            expected: "present",
                            actual: "(absent)",
                            message: "the required \(parameter.location.rawValue) parameter '\(parameter.name)' of "
                                + "\(operation.name) is missing",
                            specLocation: document.location(of: parameter.pointer),
                            schemaPath: parameter.pointer.uriFragment
                        )
                    )
                }
                continue
            }
            guard let schema = parameter.schema else { continue }
            let resolver = SchemaResolver(root: document.source.value)
            let facts = resolver.facts(at: parameter.pointer.appending("schema"))
            // An array parameter (form style, exploded) repeats its name: the values together are the array.
            let checked: [[SchemaViolation]]
            if SchemaSampler.kind(of: facts) == "array" {
                let itemKind = facts.items.map { SchemaSampler.kind(of: resolver.facts(of: $0)) } ?? "string"
                let items = values.map { parameterValue($0, kind: itemKind) }
                checked = [schema.validate(.array(items), in: .request)]
            } else {
                checked = values.map { parameterViolations($0, schema: schema) }
            }
            for violations in checked {
                for violation in violations {
                    findings.append(
                        Finding(
                            check: check,
                            pointer: place,
                            expected: violation.expected,
                            actual: violation.actual,
                            message:
                                "\(parameter.location.rawValue) parameter '\(parameter.name)': \(violation.message)",
                            specLocation: violation.schemaLocation,
                            schemaPath: violation.schemaPath.uriFragment
                        )
                    )
                }
            }
        }
        findings += securityFindings(request, operation: operation, document: document)
        findings += bodyFindings(request, operation: operation, document: document)
        return findings
    }

    /// An array parameter's item: the number or Boolean it spells where its schema wants one, else the text.
    private static func parameterValue(_ text: String, kind: String) -> JSONValue {
        if kind == "integer" || kind == "number", let number = JSONNumber(text) { return .number(number) }
        if kind == "boolean", text == "true" || text == "false" { return .bool(text == "true") }
        return .string(text)
    }

    /// A parameter's text checked as a string, or as the number or Boolean it spells when the schema wants one.
    private static func parameterViolations(_ text: String, schema: SchemaValidator) -> [SchemaViolation] {
        let asString = JSONValue.string(text)
        if schema.isValid(asString, in: .request) { return [] }
        if let number = JSONNumber(text), schema.isValid(.number(number), in: .request) { return [] }
        if text == "true" || text == "false", schema.isValid(.bool(text == "true"), in: .request) { return [] }
        if let number = JSONNumber(text) {
            let numeric = schema.validate(.number(number), in: .request)
            if !numeric.contains(where: { $0.keyword == "type" }) { return numeric }
        }
        return schema.validate(asString, in: .request)
    }

    private static func securityFindings(
        _ request: BuiltRequest,
        operation: OpenAPIOperation,
        document: OpenAPIDocument
    ) -> [Finding] {
        let requirements = document.securityRequirements(of: operation)
        guard !requirements.isEmpty else { return [] }
        var missingByRequirement: [[String]] = []
        for requirement in requirements {
            var missing: [String] = []
            for entry in requirement.entries {
                guard let scheme = document.securitySchemes[entry.scheme] else { continue }
                switch scheme.kind {
                case .apiKey(let name, let location):
                    let present: Bool
                    switch location {
                    case .header: present = !(request.headers[name] ?? "").isEmpty
                    case .query: present = request.query.contains { $0.name == name && !$0.value.isEmpty }
                    default: present = true
                    }
                    if !present { missing.append("\(location.rawValue) '\(name)'") }
                case .http:
                    if (request.headers["Authorization"] ?? "").isEmpty { missing.append("header 'Authorization'") }
                default:
                    break
                }
            }
            if missing.isEmpty { return [] }
            missingByRequirement.append(missing)
        }
        let missing = missingByRequirement.first ?? []
        return [
            Finding(
                check: check,
                pointer: "security",
                expected: "credentials: " + missing.joined(separator: ", "),
                actual: "(absent)",
                message:
                    "\(operation.name) needs credentials that the request lacks: \(missing.joined(separator: ", "))"
            )
        ]
    }

    private static func bodyFindings(
        _ request: BuiltRequest,
        operation: OpenAPIOperation,
        document: OpenAPIDocument
    ) -> [Finding] {
        guard let requestBody = operation.requestBody else {
            guard !request.body.isEmpty else { return [] }
            return [
                Finding(
                    check: check,
                    pointer: "body",
                    expected: "no body",
                    actual: "\(request.body.count) bytes",
                    message: "\(operation.name) declares no request body; the request sends \(request.body.count) bytes"
                )
            ]
        }
        guard !request.body.isEmpty else {
            guard requestBody.isRequired else { return [] }
            return [
                Finding(
                    check: check,
                    pointer: "body",
                    expected: "a body",
                    actual: "(absent)",
                    message: "\(operation.name) requires a request body",
                    specLocation: document.location(of: requestBody.pointer),
                    schemaPath: requestBody.pointer.uriFragment
                )
            ]
        }
        guard let match = OpenAPIMediaType.bestMatch(for: request.contentType, in: requestBody.content) else {
            let declared = requestBody.content.map(\.name).joined(separator: ", ")
            return [
                Finding(
                    check: check,
                    pointer: "body",
                    expected: declared,
                    actual: request.contentType ?? "no Content-Type",
                    message: "\(operation.name) declares no request body of type '\(request.contentType ?? "")' "
                        + "(declared: \(declared))",
                    specLocation: document.location(of: requestBody.pointer),
                    schemaPath: requestBody.pointer.uriFragment
                )
            ]
        }
        guard let schema = match.mediaType.schema else { return [] }
        let body: JSONValue
        if let json = request.jsonBody {
            body = json
        } else if match.mediaType.mediaType?.isJSON ?? false {
            guard let parsed = try? JSONParser.parse(request.body) else {
                return [
                    Finding(
                        check: check,
                        pointer: "body",
                        expected: "JSON",
                        actual: "text that is not JSON",
                        message: "the request body is sent as '\(match.mediaType.name)' but is not JSON"
                    )
                ]
            }
            body = parsed
        } else {
            return []
        }
        return schema.validate(body, in: .request).map { violation in
            Finding(
                check: check,
                pointer: violation.instancePath.description,
                expected: violation.expected,
                actual: violation.actual,
                message: "request body: \(violation)",
                specLocation: violation.schemaLocation,
                schemaPath: violation.schemaPath.uriFragment
            )
        }
    }
}
