import HTTP
import JSON
import OpenAPI
import Suites

/// A step's request with every template resolved, ready to send and to check against the spec.
struct BuiltRequest {
    var method: String
    /// The path without the query.
    var path: String
    /// Query fields in order, decoded.
    var query: [(name: String, value: String)]
    var url: String
    var headers: HTTPHeaders
    var body: [UInt8]
    /// The JSON body before serialization, for the request check.
    var jsonBody: JSONValue?
    var contentType: String?
}

/// Resolves a step's templates into a request: path values percent-encoded, query form-encoded, credentials and
/// default headers added.
enum RequestBuilder {
    static func build(
        _ step: SuiteStep,
        operation: OpenAPIOperation?,
        scope: TemplateScope,
        configuration: RunConfiguration
    ) throws(TemplateRenderError) -> BuiltRequest {
        let request = step.request
        let method = request.method ?? operation?.method ?? "GET"
        var path = ""
        if let template = request.path?.template {
            for part in template.parts {
                switch part {
                case .text(let text): path += text
                case .expression(let expression):
                    path += percentEncoded(TemplateScope.text(of: try scope.value(of: expression)), keeping: pathKeeps)
                }
            }
        } else {
            path = operation?.path.text ?? "/"
        }
        var query: [(name: String, value: String)] = []
        if let question = path.firstIndex(of: "?") {
            for field in path[path.index(after: question)...].split(separator: "&") {
                let pieces = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                query.append((percentDecoded(pieces[0]), pieces.count > 1 ? percentDecoded(pieces[1]) : ""))
            }
            path = String(path[..<question])
        }
        for field in request.query {
            let value = try scope.render(field.value)
            let values: [JSONValue] =
                if case .array(let elements) = value { elements } else { [value] }
            for element in values where element != .null {
                query.append((field.name, TemplateScope.text(of: element)))
            }
        }
        var url = configuration.baseURL + path
        if !query.isEmpty {
            url +=
                "?"
                + query.map { percentEncoded($0.name, keeping: "") + "=" + percentEncoded($0.value, keeping: "") }
                .joined(separator: "&")
        }
        var headers = HTTPHeaders()
        switch request.credentials {
        case .profile:
            headers.add(name: "X-Client-Id", value: configuration.credentials.clientID)
            headers.add(name: "X-Client-Secret", value: configuration.credentials.clientSecret)
        case .none:
            break
        case .override(let id, let secret):
            headers.add(
                name: "X-Client-Id",
                value: try id.map { template throws(TemplateRenderError) in try scope.renderText(template) }
                    ?? configuration.credentials.clientID
            )
            headers.add(
                name: "X-Client-Secret",
                value: try secret.map { template throws(TemplateRenderError) in try scope.renderText(template) }
                    ?? configuration.credentials.clientSecret
            )
        }
        for field in request.headers {
            let value = try scope.render(field.value)
            headers.remove(field.name)
            headers.add(name: field.name, value: TemplateScope.text(of: value))
        }
        var body: [UInt8] = []
        var jsonBody: JSONValue?
        switch request.body {
        case .json(let value):
            let rendered = try scope.render(value)
            jsonBody = rendered
            body = JSONWriter().bytes(of: rendered)
        case .raw(let text):
            body = Array(try scope.renderText(text).utf8)
        case nil:
            break
        }
        let contentType = headers["Content-Type"] ?? (request.body == nil ? nil : request.effectiveContentType)
        if request.body != nil, !headers.contains("Content-Type"), let contentType {
            headers.add(name: "Content-Type", value: contentType)
        }
        if !headers.contains("Accept") {
            headers.add(name: "Accept", value: "application/json")
        }
        return BuiltRequest(
            method: method,
            path: path,
            query: query,
            url: url,
            headers: headers,
            body: body,
            jsonBody: jsonBody,
            contentType: contentType
        )
    }

    /// Characters kept as they are in a path value besides the unreserved ones (RFC 3986 `pchar` without `/`).
    private static let pathKeeps = "!$&'()*+,;=:@"

    static func percentEncoded(_ text: String, keeping extra: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        let kept = Set(extra.utf8)
        var output: [UInt8] = []
        for byte in text.utf8 {
            let isUnreserved =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "~")
            if isUnreserved || kept.contains(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func percentDecoded(_ text: some StringProtocol) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
