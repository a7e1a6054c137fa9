import Glibc

/// The limits a server enforces on each connection, with the status each one answers with.
public struct HTTPServerLimits: Sendable, Equatable {
    /// The most bytes in a request head (request line and header fields); beyond it the answer is 431.
    public var maxHeaderBytes: Int = 16 * 1024
    /// The most header fields in a request; beyond it the answer is 431.
    public var maxHeaderCount: Int = 100
    /// The longest request target; beyond it the answer is 414.
    public var maxTargetBytes: Int = 8 * 1024
    /// The largest request body after transfer decoding; beyond it the answer is 413.
    public var maxBodyBytes: Int = 10 * 1024 * 1024
    /// The most open connections; the next one is answered 503 and closed.
    public var maxConnections: Int = 4096
    /// How long a keep-alive connection may sit idle between requests before it is closed silently.
    public var idleTimeout: Duration = .seconds(60)
    /// How long a request may take to arrive, from its first byte to its last; beyond it the answer is 408.
    ///
    /// This is what stops a slowloris client: dripping bytes does not extend the deadline.
    public var requestTimeout: Duration = .seconds(30)
    /// How long a response may take to drain to a client that does not read; then the connection is closed.
    public var writeTimeout: Duration = .seconds(30)

    /// The defaults: 16 KiB of head, 100 fields, 8 KiB of target, 10 MiB of body, 4,096 connections,
    /// 60 s idle, 30 s per request, 30 s per response.
    public init() {}
}

/// Where a server listens and how it runs.
public struct HTTPServerConfiguration: Sendable, Equatable {
    /// The address to bind: an IPv4 or IPv6 literal, or a name (`localhost`).
    public var host: String
    /// The port to bind; 0 picks an ephemeral port, readable from ``HTTPServer/port`` once started.
    public var port: Int
    /// Per-connection limits.
    public var limits: HTTPServerLimits
    /// How many event-loop threads serve connections; one per core by default.
    public var eventLoopCount: Int
    /// How long ``HTTPServer/stop()`` waits for in-flight requests before closing every connection.
    public var shutdownGracePeriod: Duration
    /// The listen backlog.
    public var backlog: Int32

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - host: The address to bind.
    ///   - port: The port to bind; 0 for an ephemeral one.
    ///   - limits: Per-connection limits.
    ///   - eventLoopCount: Event-loop threads; `nil` for one per online core (at most 8).
    ///   - shutdownGracePeriod: The longest graceful stop.
    ///   - backlog: The listen backlog.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        limits: HTTPServerLimits = HTTPServerLimits(),
        eventLoopCount: Int? = nil,
        shutdownGracePeriod: Duration = .seconds(5),
        backlog: Int32 = 1024
    ) {
        self.host = host
        self.port = port
        self.limits = limits
        self.eventLoopCount = max(1, eventLoopCount ?? min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        self.shutdownGracePeriod = shutdownGracePeriod
        self.backlog = backlog
    }
}
