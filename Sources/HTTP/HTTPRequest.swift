/// An HTTP/1.1 request: what the server hands its handler, and what the client records as sent.
public struct HTTPRequest: Sendable, Equatable {
    /// The method token as sent, case preserved (`GET`, `POST`, …).
    public var method: String
    /// The request target as sent: usually the path and query (`/accounts?page=2`).
    public var target: String
    /// The protocol version.
    public var version: HTTPVersion
    /// The header fields, in order, repeats kept.
    public var headers: HTTPHeaders
    /// The body after transfer decoding (chunked bodies arrive here joined; trailers are dropped).
    public var body: [UInt8]

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: The method token.
    ///   - target: The request target, such as `/accounts?page=2`.
    ///   - version: The protocol version.
    ///   - headers: The header fields.
    ///   - body: The body bytes.
    public init(
        method: String,
        target: String,
        version: HTTPVersion = .http11,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The target's path: everything before `?` (for an absolute-form target, the path part of the URL).
    public var path: String {
        var path = Substring(target)
        if !path.hasPrefix("/"), let colon = path.firstIndex(of: ":") {
            // Absolute form: skip `scheme://authority`.
            let afterScheme = path[colon...].dropFirst().drop { $0 == "/" }
            path = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }).map { afterScheme[$0...] } ?? ""
        }
        if let question = path.firstIndex(of: "?") {
            path = path[..<question]
        }
        return path.isEmpty ? "/" : String(path)
    }

    /// The query after `?`, without the `?`; `nil` when the target has none.
    public var query: String? {
        guard let question = target.firstIndex(of: "?") else { return nil }
        return String(target[target.index(after: question)...])
    }
}
