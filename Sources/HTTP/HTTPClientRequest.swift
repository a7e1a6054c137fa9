/// A request for ``HTTPClient``: method, absolute URL, headers, body and optional per-request timeouts.
public struct HTTPClientRequest: Sendable, Equatable {
    /// The method token, such as `GET`.
    public var method: String
    /// The absolute `http` or `https` URL.
    public var url: String
    /// Header fields in order; `Host`, `Content-Length` and `Connection` framing are written by the client.
    public var headers: HTTPHeaders
    /// The body; `Content-Length` is set from it.
    public var body: [UInt8]
    /// Timeouts for this request; `nil` uses the client's.
    public var timeouts: HTTPTimeouts?

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: The method token.
    ///   - url: The absolute URL.
    ///   - headers: Header fields.
    ///   - body: The body.
    ///   - timeouts: Per-request timeouts, `nil` for the client's.
    public init(
        method: String = "GET",
        url: String,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        timeouts: HTTPTimeouts? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
    }
}
