import Dispatch
import Glibc
import Synchronization

/// How a server calls its handler.
enum ServerHandler: Sendable {
    /// On the event-loop thread, inline: the fastest path, for handlers that never block.
    case sync(@Sendable (HTTPRequest) -> HTTPServerReply)
    /// In a task on the cooperative pool; the loop serves other connections meanwhile.
    case async(@Sendable (HTTPRequest) async -> HTTPServerReply)
}

/// A message to an event loop.
enum ServerLoopMessage: Sendable {
    /// A new connection from the acceptor, now owned by the loop.
    case connection(Int32)
    /// An asynchronous handler finished for connection `id`.
    case completed(id: UInt64, reply: HTTPServerReply)
    /// Stop: close idle connections now, the rest after their current request or at `deadline`.
    case stop(deadline: UInt64)
}

/// What every event loop of one server shares: configuration, the handler and counters.
final class ServerContext: Sendable {
    let limits: HTTPServerLimits
    let parserLimits: HTTPRequestParserLimits
    let handler: ServerHandler
    /// Where asynchronous handlers run; set once the server starts.
    let executor = Mutex<HandlerExecutor?>(nil)
    /// Connections open now, on loops and handed to raw writers.
    let openConnections = Atomic<Int>(0)
    /// Connections handed to raw writers, so a stopping server can shut them down.
    let rawConnections = Mutex<[UInt64: HTTPRawConnection]>([:])
    /// Set by `stop()` before the listener closes, so a response finished from then on says `Connection: close`
    /// even if its loop has not yet read the stop message.
    let isStopping = Atomic<Bool>(false)
    /// Raw writer threads still running.
    let rawWriters = DispatchGroup()
    private let nextID = Atomic<UInt64>(0)

    init(limits: HTTPServerLimits, handler: ServerHandler) {
        self.limits = limits
        self.parserLimits = HTTPRequestParserLimits(
            maxHeadBytes: limits.maxHeaderBytes,
            maxHeaderCount: limits.maxHeaderCount,
            maxTargetBytes: limits.maxTargetBytes,
            maxBodyBytes: limits.maxBodyBytes
        )
        self.handler = handler
    }

    /// A fresh connection id.
    func makeConnectionID() -> UInt64 {
        nextID.add(1, ordering: .relaxed).newValue
    }

    /// Runs `writer` on its own thread over the connection, then closes it.
    ///
    /// - Parameters:
    ///   - descriptor: The connection, whose ownership passes to the writer's thread.
    ///   - id: The connection id.
    ///   - pendingOutput: Earlier responses not yet written; they go out first.
    ///   - pendingInput: Bytes already received after the request.
    ///   - writer: The handler's raw writer.
    func startRawWriter(
        descriptor: Int32,
        id: UInt64,
        pendingOutput: [UInt8],
        pendingInput: [UInt8],
        writer: @escaping @Sendable (HTTPRawConnection) -> Void
    ) {
        let connection = HTTPRawConnection(descriptor: descriptor, pendingInput: pendingInput)
        rawConnections.withLock { $0[id] = connection }
        rawWriters.enter()
        let finish: @Sendable () -> Void = { [self] in
            connection.close()
            _ = rawConnections.withLock { $0.removeValue(forKey: id) }
            openConnections.subtract(1, ordering: .relaxed)
            rawWriters.leave()
        }
        do {
            try NativeThread.start(name: "http-raw", detached: true) {
                if (try? connection.write(pendingOutput)) != nil {
                    writer(connection)
                }
                finish()
            }
        } catch {
            finish()
        }
    }
}
