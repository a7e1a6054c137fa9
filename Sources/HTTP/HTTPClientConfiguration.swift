/// How long each part of an exchange may take.
public struct HTTPTimeouts: Sendable, Equatable {
    /// Resolving the host and opening the TCP connection.
    public var connect: Duration
    /// The longest wait for the next bytes once connected (sending the request or reading the response).
    public var read: Duration
    /// The whole exchange, redirects included.
    public var total: Duration

    /// Creates timeouts.
    ///
    /// - Parameters:
    ///   - connect: Resolving and connecting.
    ///   - read: The longest silence while sending or receiving.
    ///   - total: The whole exchange.
    public init(connect: Duration = .seconds(10), read: Duration = .seconds(30), total: Duration = .seconds(60)) {
        self.connect = connect
        self.read = read
        self.total = total
    }
}

/// Whether the client follows redirects.
public enum HTTPRedirectPolicy: Sendable, Equatable {
    /// Return 3xx responses as they are (the default: a conformance harness reports redirects).
    case none
    /// Follow up to `maximum` redirects. Credentials (`Authorization`, `X-Client-Id`, `X-Client-Secret`,
    /// `Cookie`, `Proxy-Authorization`) are dropped as soon as a redirect leaves the original origin.
    case follow(maximum: Int)
}

/// How an ``HTTPClient`` behaves: timeouts, limits, redirects and trust.
public struct HTTPClientConfiguration: Sendable, Equatable {
    /// Default timeouts; a request may override them.
    public var timeouts: HTTPTimeouts
    /// The largest response body accepted (after transfer decoding).
    public var maxResponseBodyBytes: Int
    /// The largest response head (status line and header fields) accepted; only the socket transport can
    /// enforce it exactly.
    public var maxResponseHeadBytes: Int
    /// Whether redirects are followed.
    public var redirects: HTTPRedirectPolicy
    /// A PEM file of certificate authorities to trust for `https` instead of the system store.
    ///
    /// URLSession on Linux cannot take a CA file (it reads neither `SSL_CERT_FILE` nor `CURL_CA_BUNDLE`), so when
    /// this is set `https` requests go through libcurl directly (the library URLSession itself drives), with peer
    /// and host verification on. There is no way to turn verification off.
    public var caFile: String?
    /// The most idle keep-alive connections kept per origin.
    public var maxIdleConnectionsPerHost: Int
    /// How long an idle pooled connection is kept.
    public var idleConnectionTimeout: Duration
    /// The `User-Agent` sent when a request has none; `nil` sends none.
    public var userAgent: String?
    /// Sends `http` through URLSession too, so tests can exercise the `https` transport against a local server.
    package var usesURLSessionForPlainHTTP = false

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - timeouts: Default timeouts.
    ///   - maxResponseBodyBytes: The largest body accepted (10 MiB by default).
    ///   - maxResponseHeadBytes: The largest head accepted (64 KiB by default).
    ///   - redirects: Whether to follow redirects (not by default).
    ///   - caFile: Certificate authorities to trust for `https`, `nil` for the system store.
    ///   - maxIdleConnectionsPerHost: Pooled connections per origin.
    ///   - idleConnectionTimeout: How long a pooled connection is kept.
    ///   - userAgent: The default `User-Agent`.
    public init(
        timeouts: HTTPTimeouts = HTTPTimeouts(),
        maxResponseBodyBytes: Int = 10 * 1024 * 1024,
        maxResponseHeadBytes: Int = 64 * 1024,
        redirects: HTTPRedirectPolicy = .none,
        caFile: String? = nil,
        maxIdleConnectionsPerHost: Int = 8,
        idleConnectionTimeout: Duration = .seconds(15),
        userAgent: String? = "meshcheck"
    ) {
        self.timeouts = timeouts
        self.maxResponseBodyBytes = maxResponseBodyBytes
        self.maxResponseHeadBytes = maxResponseHeadBytes
        self.redirects = redirects
        self.caFile = caFile
        self.maxIdleConnectionsPerHost = maxIdleConnectionsPerHost
        self.idleConnectionTimeout = idleConnectionTimeout
        self.userAgent = userAgent
    }

    /// The CA file named by `SSL_CERT_FILE` in `environment`, for a CLI that honours the variable.
    ///
    /// - Parameter environment: The process environment, read once by the caller.
    /// - Returns: The path, or `nil` when the variable is unset or empty.
    public static func caFile(fromEnvironment environment: [String: String]) -> String? {
        guard let path = environment["SSL_CERT_FILE"], !path.isEmpty else { return nil }
        return path
    }
}
