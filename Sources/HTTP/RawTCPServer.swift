import Dispatch
import Glibc
import Synchronization

/// A TCP server that gives each connection to a handler on its own thread, to write any bytes it likes.
///
/// For tests and deliberately misbehaving servers (early close, garbage, lying `Content-Length`, slow drip): the
/// handler reads and writes through an ``HTTPRawConnection`` and the server closes the connection when it returns.
/// Connections beyond ``maxConnections`` are closed at once.
public final class RawTCPServer: Sendable {
    private struct State {
        var acceptor: Acceptor?
        var connections: [UInt64: HTTPRawConnection] = [:]
        var nextID: UInt64 = 0
    }

    /// The most connections handled at once.
    public let maxConnections: Int
    private let host: String
    private let requestedPort: Int
    private let handler: @Sendable (HTTPRawConnection) -> Void
    private let state = Mutex(State())
    private let running = DispatchGroup()

    /// Creates a server; ``start()`` binds it.
    ///
    /// - Parameters:
    ///   - host: The address to bind.
    ///   - port: The port; 0 for an ephemeral one.
    ///   - maxConnections: The most connections handled at once.
    ///   - handler: Runs on a dedicated thread for each connection.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        maxConnections: Int = 256,
        handler: @escaping @Sendable (HTTPRawConnection) -> Void
    ) {
        self.host = host
        self.requestedPort = port
        self.maxConnections = maxConnections
        self.handler = handler
    }

    /// Binds and starts accepting.
    ///
    /// - Throws: ``SocketError`` when the address cannot be bound.
    public func start() throws(SocketError) {
        let acceptor = try Acceptor(host: host, port: requestedPort, backlog: 256) { [self] descriptor in
            accept(descriptor)
        }
        state.withLock { $0.acceptor = acceptor }
    }

    /// The bound port, 0 before ``start()``.
    public var port: Int {
        state.withLock { $0.acceptor?.port ?? 0 }
    }

    /// `http://host:port`, for clients.
    public var baseURL: String {
        "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// Stops accepting, shuts down open connections so blocked handlers return, and waits up to `timeout` for
    /// the handlers.
    ///
    /// - Parameter timeout: The longest wait for running handlers.
    public func stop(timeout: Duration = .seconds(5)) {
        let acceptor = state.withLock { state in
            defer { state.acceptor = nil }
            return state.acceptor
        }
        acceptor?.stop()
        for connection in state.withLock({ Array($0.connections.values) }) {
            connection.forceShutdown()
        }
        _ = running.wait(timeout: .now() + .nanoseconds(Int(clamping: timeout.nanosecondsClamped)))
    }

    private func accept(_ descriptor: Int32) {
        let registered: (UInt64, HTTPRawConnection)? = state.withLock { state in
            guard state.connections.count < maxConnections else { return nil }
            state.nextID += 1
            let connection = HTTPRawConnection(descriptor: descriptor)
            state.connections[state.nextID] = connection
            return (state.nextID, connection)
        }
        guard let (id, connection) = registered else {
            close(descriptor)
            return
        }
        running.enter()
        do {
            try NativeThread.start(name: "raw-connection", detached: true) { [self] in
                handler(connection)
                finish(id, connection)
            }
        } catch {
            finish(id, connection)
        }
    }

    private func finish(_ id: UInt64, _ connection: HTTPRawConnection) {
        connection.close()
        _ = state.withLock { $0.connections.removeValue(forKey: id) }
        running.leave()
    }
}
