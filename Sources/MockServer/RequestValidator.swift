import Diagnostics
import HTTP
import JSON
import OpenAPI

/// A request after checking: its parameters as JSON and its body, ready for a behaviour.
struct CheckedRequest: Sendable {
    /// Client id from `X-Client-Id` (empty when the operation needs no credentials and none was sent).
    var clientID: String
    /// Parameters by their spec name, coerced to their schema's type.
    var parameters: [String: JSONValue]
    /// The parsed body, when the operation takes one.
    var body: JSONValue?
}

/// Checks a request against its operation: credentials, then parameters, then the body.
///
/// The order is ASP.NET Core's: authentication before model binding and validation. Query names match without
/// regard to case, as model binding does; unknown query parameters are ignored. A body must be JSON in one of the
/// operation's declared media types (`text/json` and `application/*+json` only where declared), must parse, and
/// must validate against the request schema, `additionalProperties: false` included.
enum RequestValidator {
    static func check(
        _ request: HTTPRequest,
        plan: OperationPlan,
        pathParameters: [String: String]
    ) -> Result<CheckedRequest, MockRejection> {
        var checked = CheckedRequest(clientID: request.headers["X-Client-Id"] ?? "", parameters: [:], body: nil)
        for header in plan.credentialHeaders {
            let value = request.headers[header] ?? ""
            if value.allSatisfy({ $0 == " " || $0 == "\t" }) {
                return .failure(
                    MockRejection(
                        kind: .credentials,
                        errorType: "missingField",
                        field: header,
                        message: "Unauthorized: Client Id or Client Secret are not correct or missing.",
                        displayMessage: "The request could not be authorized."
                    )
                )
            }
        }
        guard let query = PercentDecoding.queryItems(request.query) else {
            return .failure(.invalid("", "The query string is not valid percent-encoded UTF-8."))
        }
        for plan in plan.parameters {
            switch checkParameter(plan, request: request, query: query, pathParameters: pathParameters) {
            case .success(let value?): checked.parameters[plan.parameter.name] = value
            case .success(nil): break
            case .failure(let rejection): return .failure(rejection)
            }
        }
        if let requestBody = plan.operation.requestBody {
            switch checkBody(request, requestBody) {
            case .success(let body): checked.body = body
            case .failure(let rejection): return .failure(rejection)
            }
        }
        return .success(checked)
    }

    private static func checkParameter(
        _ plan: ParameterPlan,
        request: HTTPRequest,
        query: [(name: String, value: String)],
        pathParameters: [String: String]
    ) -> Result<JSONValue?, MockRejection> {
        let parameter = plan.parameter
        let texts: [String]
        switch parameter.location {
        case .path: texts = pathParameters[parameter.name].map { [$0] } ?? []
        case .query: texts = query.filter { $0.name.lowercased() == plan.lowercasedName }.map(\.value)
        case .header: texts = request.headers.values(for: parameter.name)
        case .cookie: texts = []
        }
        guard !texts.isEmpty else {
            return parameter.isRequired
                ? .failure(.missing(parameter.name, "The \(parameter.name) field is required.")) : .success(nil)
        }
        guard let value = coerce(texts, plan.coercion) else {
            let shown = texts.first ?? ""
            return .failure(
                .invalid(parameter.name, "The value '\(shown.prefix(60))' is not valid for \(parameter.name).")
            )
        }
        if let violation = parameter.schema?.validate(value, in: .request).first {
            return .failure(.invalid(parameter.name, "\(parameter.name): \(violation.message)"))
        }
        return .success(value)
    }

    /// The parameter's text as its schema's JSON type; `nil` when it does not read as one.
    static func coerce(_ texts: [String], _ coercion: ParameterPlan.Coercion) -> JSONValue? {
        if case .array(let item) = coercion {
            var values: [JSONValue] = []
            for text in texts.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
                guard let value = coerce([String(text)], item) else { return nil }
                values.append(value)
            }
            return .array(values)
        }
        guard let text = texts.last else { return nil }
        switch coercion {
        case .string, .array:
            return .string(text)
        case .integer:
            guard let integer = Int(text) else { return nil }
            return .number(JSONNumber(integer))
        case .number:
            guard let number = JSONNumber(text) else { return nil }
            return .number(number)
        case .boolean:
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return nil
            }
        }
    }

    private static func checkBody(
        _ request: HTTPRequest,
        _ requestBody: OpenAPIRequestBody
    ) -> Result<JSONValue, MockRejection> {
        guard !request.body.isEmpty else {
            return .failure(.missing("", "A non-empty request body is required."))
        }
        let declared = requestBody.content.map(\.name).joined(separator: ", ")
        guard let contentType = request.headers["Content-Type"] else {
            return .failure(unsupported("The request has a body but no Content-Type; expected \(declared)."))
        }
        guard let match = requestBody.mediaType(for: contentType), match.kind == .exact || match.kind == .wildcard,
            match.mediaType.mediaType?.isJSON ?? false
        else {
            let shown = contentType.prefix(80)
            return .failure(unsupported("Content-Type '\(shown)' is not supported here; expected \(declared)."))
        }
        let body: JSONValue
        do {
            body = try JSONParser.parse(request.body, path: "body")
        } catch {
            let location = "line \(error.location.line), column \(error.location.column)"
            return .failure(.invalid("", "The request body is not valid JSON (\(location)): \(error.reason)."))
        }
        if let violation = match.mediaType.schema?.validate(body, in: .request).first {
            return .failure(rejection(for: violation))
        }
        return .success(body)
    }

    private static func unsupported(_ message: String) -> MockRejection {
        MockRejection(
            kind: .unsupportedMediaType,
            errorType: "invalidField",
            field: "Content-Type",
            message: message,
            displayMessage: "The request could not be read."
        )
    }

    /// A schema violation as a rejection: `required` is a missing field, anything else an invalid one.
    static func rejection(for violation: SchemaViolation) -> MockRejection {
        var path = "$"
        for token in violation.instancePath.tokens {
            path += Int(token) != nil ? "[\(token)]" : ".\(token)"
        }
        if violation.keyword == "required" {
            let parts = violation.message.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
            let name = parts.count > 1 ? String(parts[1]) : ""
            let field = name.isEmpty ? path : "\(path).\(name)"
            return .missing(field, "The \(name.isEmpty ? "required" : name) field is required.")
        }
        return .invalid(path, "\(violation.instancePathText): \(violation.message)")
    }
}
