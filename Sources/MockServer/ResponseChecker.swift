import HTTP
import JSON
import OpenAPI

/// `--self-check`: validates a response the mock is about to send against its operation in the spec.
///
/// Three checks, each a line when it fails: the status is declared (exactly, by range or by `default`); the
/// `Content-Type` is one of the declared media types (a response declared without content must have no body);
/// and the body parses and validates against the schema in the response context.
enum ResponseChecker {
    /// The problems with `response` as an answer of `operation`; empty when it conforms.
    static func violations(of response: HTTPResponse, for operation: OpenAPIOperation) -> [String] {
        let prefix = "\(operation.name) \(response.status)"
        guard let declared = operation.response(for: response.status) else {
            let statuses = operation.responses.map(\.status.description).joined(separator: ", ")
            return ["\(prefix): status \(response.status) is not declared (declared: \(statuses))"]
        }
        let contentType = response.headers["Content-Type"]
        if declared.content.isEmpty {
            return response.body.isEmpty ? [] : ["\(prefix): the spec declares no body, but one was sent"]
        }
        guard let contentType else {
            return response.body.isEmpty && declared.content.allSatisfy({ $0.schema == nil })
                ? [] : ["\(prefix): no Content-Type; declared: \(names(declared))"]
        }
        guard let match = declared.mediaType(for: contentType), match.kind == .exact || match.kind == .wildcard else {
            return ["\(prefix): Content-Type '\(contentType)' is not declared (declared: \(names(declared)))"]
        }
        guard let schema = match.mediaType.schema else { return [] }
        let body: JSONValue
        do {
            body = try JSONParser.parse(response.body, path: "response")
        } catch {
            return ["\(prefix): the body is not valid JSON: \(error.reason)"]
        }
        return schema.validate(body, in: .response).map { "\(prefix): \($0)" }
    }

    private static func names(_ response: OpenAPIResponse) -> String {
        response.content.map(\.name).joined(separator: ", ")
    }
}
