import Synchronization

/// An HTTP/1.1 client with one interface and two transports: our sockets for `http`, URLSession for `https`.
///
/// 1. Prepare: parse the URL, add `Host` and a default `User-Agent`, refuse headers that would inject lines.
/// 2. Send: `http` goes over a pooled keep-alive connection (connect, read and total timeouts; response size
///    limits; precise errors for early close, garbage, oversize and timeouts). `https` goes through URLSession with
///    the same timeouts, limits and redirect policy, or through libcurl when ``HTTPClientConfiguration/caFile`` is
///    set.
/// 3. Redirect: not followed by default; when followed, credentials are dropped as soon as the chain leaves the
///    original origin.
/// 4. Record: the returned ``HTTPExchange`` holds the request and response as sent and received, with timings.
///
/// Every status is a result, not an error. Call ``shutdown()`` (or drop the client) to close pooled connections.
public final class HTTPClient: Sendable {
    /// Header fields that carry credentials and never follow a redirect to another origin.
    public static let credentialHeaders = [
        "Authorization", "Proxy-Authorization", "Cookie", "X-Client-Id", "X-Client-Secret",
    ]

    private enum SecureTransport: Sendable {
        case urlSession(URLSessionTransport)
        case libcurl(CurlTransport)
    }

    /// Timeouts, limits, redirects and trust.
    public let configuration: HTTPClientConfiguration
    private let socketTransport: SocketTransport
    private let secureTransport = Mutex<SecureTransport?>(nil)
    private let isShutDown = Atomic<Bool>(false)

    /// Creates a client.
    ///
    /// - Parameter configuration: Timeouts, limits, redirect policy and trust.
    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
        self.configuration = configuration
        self.socketTransport = SocketTransport(configuration: configuration)
    }

    deinit {
        shutdown()
    }

    /// Sends `request` and returns the exchange: the final response, what was sent, and timings.
    ///
    /// - Parameter request: The request.
    /// - Returns: The exchange; any status, 4xx and 5xx included, is a normal result.
    /// - Throws: ``HTTPClientError`` naming what went wrong when no complete response arrived.
    public func send(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPExchange {
        guard !isShutDown.load(ordering: .relaxed) else { throw .clientShutDown }
        var url = try HTTPURL(parsing: request.url)
        let originalOrigin = url.origin
        let timeouts = request.timeouts ?? configuration.timeouts
        let startedAt = MonotonicClock.now()
        let totalDeadline = MonotonicClock.deadline(after: timeouts.total, from: startedAt)
        var method = request.method
        var headers = request.headers
        var body = request.body
        if let userAgent = configuration.userAgent, !headers.contains("User-Agent") {
            headers.add(name: "User-Agent", value: userAgent)
        }
        var hops: [HTTPRedirectHop] = []
        while true {
            let prepared = PreparedRequest(
                url: url,
                method: method,
                headers: headers,
                body: body,
                timeouts: timeouts,
                startedAt: startedAt,
                totalDeadline: totalDeadline
            )
            var exchange = try await execute(prepared)
            let status = exchange.response.status
            guard case .follow(let maximum) = configuration.redirects,
                [301, 302, 303, 307, 308].contains(status),
                let location = exchange.response.headers["Location"]
            else {
                exchange.redirects = hops
                return exchange
            }
            guard hops.count < maximum else { throw .tooManyRedirects(limit: maximum) }
            let next = try url.resolving(location)
            var dropped = false
            if next.origin != originalOrigin {
                for name in Self.credentialHeaders where headers.contains(name) {
                    headers.remove(name)
                    dropped = true
                }
            }
            hops.append(
                HTTPRedirectHop(url: url.description, status: status, location: location, droppedCredentials: dropped)
            )
            if (status == 303 && method != "HEAD") || ((status == 301 || status == 302) && method == "POST") {
                method = "GET"
                body = []
                headers.remove("Content-Type")
            }
            url = next
        }
    }

    /// Sends a `GET`.
    ///
    /// - Parameters:
    ///   - url: The absolute URL.
    ///   - headers: Header fields.
    /// - Returns: The exchange.
    /// - Throws: ``HTTPClientError`` when no complete response arrived.
    public func get(_ url: String, headers: HTTPHeaders = HTTPHeaders()) async throws(HTTPClientError) -> HTTPExchange {
        try await send(HTTPClientRequest(method: "GET", url: url, headers: headers))
    }

    /// Closes pooled connections and stops the client's threads.
    ///
    /// Exchanges in flight fail with ``HTTPClientError/clientShutDown`` and later ones are refused. Later calls do
    /// nothing.
    public func shutdown() {
        guard !isShutDown.exchange(true, ordering: .relaxed) else { return }
        socketTransport.shutdown()
        if case .urlSession(let transport) = secureTransport.withLock({ $0 }) {
            transport.shutdown()
        }
    }

    private func execute(_ request: PreparedRequest) async throws(HTTPClientError) -> HTTPExchange {
        guard request.url.isSecure || configuration.usesURLSessionForPlainHTTP else {
            return try await socketTransport.execute(request)
        }
        let transport = secureTransport.withLock { transport in
            if let transport {
                return transport
            }
            let made: SecureTransport =
                if let caFile = configuration.caFile, !configuration.usesURLSessionForPlainHTTP {
                    .libcurl(CurlTransport(caFile: caFile, maxBodyBytes: configuration.maxResponseBodyBytes))
                } else {
                    .urlSession(URLSessionTransport(configuration: configuration))
                }
            transport = made
            return made
        }
        switch transport {
        case .urlSession(let transport): return try await transport.execute(request)
        case .libcurl(let transport): return try await transport.execute(request)
        }
    }
}
