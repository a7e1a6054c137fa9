/// How long the parts of an exchange took.
public struct HTTPTimings: Sendable, Equatable {
    /// Resolving and connecting; `nil` when a pooled connection was reused (or the transport cannot tell).
    public var connect: Duration?
    /// From the start of the exchange to the first response byte; `nil` when no byte arrived.
    public var firstByte: Duration?
    /// The whole exchange.
    public var total: Duration

    /// Creates timings.
    ///
    /// - Parameters:
    ///   - connect: Connecting.
    ///   - firstByte: Time to the first response byte.
    ///   - total: The whole exchange.
    public init(connect: Duration?, firstByte: Duration?, total: Duration) {
        self.connect = connect
        self.firstByte = firstByte
        self.total = total
    }
}

/// A redirect the client followed on the way to the final response.
public struct HTTPRedirectHop: Sendable, Equatable {
    /// The URL that answered with the redirect.
    public var url: String
    /// The 3xx status.
    public var status: Int
    /// The `Location` header as sent.
    public var location: String
    /// Whether credentials were dropped because the redirect left the original origin.
    public var droppedCredentials: Bool
}

/// Which transport carried an exchange.
public enum HTTPTransportKind: String, Sendable, Equatable {
    /// Our socket client (`http`).
    case socket
    /// URLSession (`https` with the system trust store).
    case urlSession
    /// libcurl directly (`https` with a CA file).
    case libcurl
}

/// One request and its response as they went over the wire, for reports.
///
/// The socket transport records the exact bytes sent and the exact response head received. URLSession hides the
/// wire, so for `https` ``rawRequest`` and ``rawResponseHead`` are reconstructed from what was asked and what it
/// reported (URLSession may add headers such as `User-Agent` and merges repeated response headers).
public struct HTTPExchange: Sendable {
    /// The URL of the final request (after redirects).
    public var url: HTTPURL
    /// The final request as sent.
    public var request: HTTPRequest
    /// The bytes of the final request.
    public var rawRequest: [UInt8]
    /// The final response, body transfer-decoded.
    public var response: HTTPResponse
    /// The bytes of the final response head, status line to blank line.
    public var rawResponseHead: [UInt8]
    /// How long it took.
    public var timings: HTTPTimings
    /// Whether the final request reused a pooled connection.
    public var reusedConnection: Bool
    /// The transport that carried the final request.
    public var transport: HTTPTransportKind
    /// The redirects followed before the final response, in order.
    public var redirects: [HTTPRedirectHop]
}
