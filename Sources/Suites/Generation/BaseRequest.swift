import Diagnostics
import JSON
import OpenAPI

/// The valid request every generated case of an operation starts from, as parts that cases change one at a time.
///
/// It comes from the spec (the example of the body and of each required parameter, when it validates against
/// its schema; else a value the ``SchemaSampler`` makes from the schema) or from a step of the suite
/// (`generate: { from: [step] }`, templates kept, so a captured token flows into every case). The suite's
/// `values` are then set where the operation has a parameter or a top-level body property of that name.
struct BaseRequest {
    /// The body as it is sent.
    enum Body {
        case none
        case json(TemplatedValue)
        case raw(TemplateString)
    }

    /// Where the base came from, for `meshcheck generate --verbose`.
    var source: String
    /// Path parameters by name.
    var pathValues: [String: TemplatedValue]
    var query: [StepRequest.Field]
    var headers: [StepRequest.Field]
    var body: Body
    /// The media type the body is sent with; `nil` for `application/json`.
    var contentType: String?
    var credentials: StepRequest.Credentials
    let location: FileLocation

    /// The JSON body, if the body is JSON.
    var jsonBody: TemplatedValue? {
        if case .json(let value) = body { return value }
        return nil
    }

    // MARK: - Editing

    /// The request with the parameter `name` in `location` set to `value` (added when absent).
    func setting(_ value: TemplatedValue, parameter name: String, in location: OpenAPIParameter.Location) -> Self {
        var copy = self
        let field = StepRequest.Field(name: name, value: value, at: self.location)
        switch location {
        case .path:
            copy.pathValues[name] = value
        case .query:
            if let index = copy.query.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                copy.query[index] = field
            } else {
                copy.query.append(field)
            }
        case .header:
            if let index = copy.headers.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                copy.headers[index] = field
            } else {
                copy.headers.append(field)
            }
        case .cookie:
            break
        }
        return copy
    }

    /// The request without the parameter `name` in `location`.
    func removing(parameter name: String, in location: OpenAPIParameter.Location) -> Self {
        var copy = self
        switch location {
        case .path: copy.pathValues[name] = nil
        case .query: copy.query.removeAll { $0.name.lowercased() == name.lowercased() }
        case .header: copy.headers.removeAll { $0.name.lowercased() == name.lowercased() }
        case .cookie: break
        }
        return copy
    }

    /// Whether the request has the parameter `name` in `location`.
    func value(ofParameter name: String, in location: OpenAPIParameter.Location) -> TemplatedValue? {
        switch location {
        case .path: pathValues[name]
        case .query: query.first { $0.name.lowercased() == name.lowercased() }?.value
        case .header: headers.first { $0.name.lowercased() == name.lowercased() }?.value
        case .cookie: nil
        }
    }

    /// The request with the JSON body changed by `change`; a request without a JSON body is returned as is.
    func changingBody(_ change: (TemplatedValue) -> TemplatedValue) -> Self {
        guard case .json(let value) = body else { return self }
        var copy = self
        copy.body = .json(change(value))
        return copy
    }

    // MARK: - As a step's request

    /// The request a step sends.
    func stepRequest(for operation: OpenAPIOperation) -> StepRequest {
        var request = StepRequest(at: location)
        request.method = operation.method
        request.path = LocatedTemplate(path(for: operation), at: location)
        request.query = query
        request.headers = headers
        switch body {
        case .none: break
        case .json(let value): request.body = .json(value)
        case .raw(let text): request.body = .raw(text)
        }
        if case .none = body {} else { request.bodyLocation = location }
        request.contentType = contentType
        request.credentials = credentials
        return request
    }

    /// The operation's path template with each parameter's value: constants percent-encoded, templates kept (the
    /// runner encodes what they render to).
    private func path(for operation: OpenAPIOperation) -> TemplateString {
        var text = ""
        var rest = Substring(operation.path.text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            text += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            switch pathValues[name] {
            case .constant(let value)?: text += Self.percentEncoded(TemplateScope.text(of: value))
            case .string(let template)?: text += template.source
            case let other?: text += Self.percentEncoded(TemplateScope.text(of: other.valueWithTemplatesAsText))
            case nil: break
            }
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        return (try? TemplateString(parsing: text)) ?? TemplateString(literal: text)
    }

    /// RFC 3986 `pchar` percent-encoding of a path segment's value (`/` and `{` included).
    static func percentEncoded(_ text: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        let kept = Set("-._~!$&'()*+,;=:@".utf8)
        var output: [UInt8] = []
        for byte in text.utf8 {
            let isAlphanumeric =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if isAlphanumeric || kept.contains(byte) {
                output.append(byte)
            } else {
                output += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
