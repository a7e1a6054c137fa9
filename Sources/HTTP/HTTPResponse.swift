/// An HTTP/1.1 response: what a server handler returns, and what the client received.
public struct HTTPResponse: Sendable, Equatable {
    /// The status code, such as 200.
    public var status: Int
    /// The reason phrase; a server writes the standard phrase when this is empty.
    public var reason: String
    /// The protocol version (a server always answers `HTTP/1.1`).
    public var version: HTTPVersion
    /// The header fields, in order, repeats kept.
    ///
    /// A server sets `Content-Length`, `Date` and `Connection` itself and ignores any `Content-Length`,
    /// `Transfer-Encoding` or `Connection` given here (a `Connection: close` is honoured: the connection closes).
    public var headers: HTTPHeaders
    /// The body after transfer decoding.
    public var body: [UInt8]

    /// Creates a response.
    ///
    /// - Parameters:
    ///   - status: The status code.
    ///   - reason: The reason phrase; `nil` for the standard phrase of `status`.
    ///   - version: The protocol version.
    ///   - headers: The header fields.
    ///   - body: The body bytes.
    public init(
        status: Int,
        reason: String? = nil,
        version: HTTPVersion = .http11,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = []
    ) {
        self.status = status
        self.reason = reason ?? HTTPStatus.reasonPhrase(for: status)
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// A response with a `text/plain; charset=utf-8` body.
    ///
    /// - Parameters:
    ///   - text: The body text.
    ///   - status: The status code.
    /// - Returns: The response.
    public static func text(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// A response with an `application/json` body given as bytes.
    ///
    /// - Parameters:
    ///   - body: The JSON text, already serialized.
    ///   - status: The status code.
    /// - Returns: The response.
    public static func json(_ body: [UInt8], status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }
}

/// Standard reason phrases (RFC 9110 §15).
public enum HTTPStatus {
    /// The standard reason phrase for `status`, or an empty string for an unregistered code.
    ///
    /// - Parameter status: The status code.
    /// - Returns: The phrase, such as `Not Found` for 404.
    public static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 203: "Non-Authoritative Information"
        case 204: "No Content"
        case 205: "Reset Content"
        case 206: "Partial Content"
        case 300: "Multiple Choices"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 416: "Range Not Satisfiable"
        case 417: "Expectation Failed"
        case 418: "I'm a teapot"
        case 421: "Misdirected Request"
        case 422: "Unprocessable Content"
        case 425: "Too Early"
        case 426: "Upgrade Required"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: ""
        }
    }
}
