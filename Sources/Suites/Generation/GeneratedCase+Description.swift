public import Diagnostics
import JSON
import OpenAPI

extension GeneratedCase {
    /// The case as `meshcheck generate --verbose` shows it: the request line, its media type and body, the
    /// credentials when they are left out, what is expected and why; templates as written, secrets masked.
    ///
    /// - Parameter redactor: Masks the values of secret names (`password`, `authToken`, …).
    /// - Returns: The lines, without indentation.
    public func describedRequest(redactor: SecretRedactor = .standard) -> [String] {
        var target = request.path?.template.source ?? operation.path.text
        let query = request.query.flatMap { field -> [String] in
            let values: [JSONValue] =
                if case .array(let elements) = field.value.valueWithTemplatesAsText { elements } else {
                    [field.value.valueWithTemplatesAsText]
                }
            return values.map { "\(field.name)=\(Self.shortened(TemplateScope.text(of: $0)))" }
        }
        if !query.isEmpty { target += "?" + query.joined(separator: "&") }
        var lines = ["\(request.method ?? operation.method) \(redactor.redactURL(target))"]
        for field in request.headers {
            let value = TemplateScope.text(of: field.value.valueWithTemplatesAsText)
            lines.append("\(field.name): \(redactor.redactHeader(value, name: field.name))")
        }
        switch request.body {
        case .json(let value)?:
            let bytes = JSONWriter().bytes(of: value.valueWithTemplatesAsText)
            lines.append("Content-Type: \(request.effectiveContentType ?? "application/json")")
            lines.append(Self.shortened(String(decoding: redactor.redactJSONMembers(in: bytes), as: UTF8.self)))
        case .raw(let text)?:
            lines.append("Content-Type: \(request.effectiveContentType ?? "text/plain")")
            let bytes = redactor.redactBody(Array(text.source.utf8), contentType: request.effectiveContentType)
            lines.append(Self.shortened(String(decoding: bytes, as: UTF8.self)))
        case nil:
            break
        }
        if request.credentials == .none { lines.append("(no credentials)") }
        lines.append("expect: " + CaseExpectations.summary(of: expectation))
        lines.append("why: " + explanation)
        return lines
    }

    private static func shortened(_ text: String) -> String {
        text.count > 1000 ? String(text.prefix(999)) + "…" : text
    }
}
