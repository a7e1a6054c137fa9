import Dispatch
import Glibc
import Synchronization

/// An HTTP/1.1 server over TCP (RFC 9112), hardened for hostile clients.
///
/// 1. Accept: one thread accepts and deals connections round-robin to the event loops (one per core by default);
///    past ``HTTPServerLimits/maxConnections`` a connection gets 503 and is closed.
/// 2. Serve: each loop polls its connections, parses requests (keep-alive, pipelining in order, chunked and
///    `Content-Length` bodies, `Expect: 100-continue`, HEAD, HTTP/1.0), and answers malformed or oversized ones
///    with 400, 408, 413, 414, 417, 431, 501 or 505 before closing.
/// 3. Handle: a synchronous handler runs inline on the loop thread and must not block; an asynchronous one runs in
///    a task while the loop serves other connections. A handler may also take the raw connection over.
/// 4. Stop: ``stop()`` stops accepting, closes idle connections, lets in-flight requests finish within the grace
///    period, then closes the rest.
///
/// Every wait has a deadline: idle keep-alive connections, requests that trickle in (slowloris), and responses a
/// client does not read are all cut off by ``HTTPServerLimits``.
public final class HTTPServer: Sendable {
    private struct Running: Sendable {
        var acceptor: Acceptor
        var loops: [(thread: pthread_t, mailbox: Mailbox<ServerLoopMessage>)]
    }

    private enum State: Sendable {
        case idle
        case running(Running)
        case stopped
    }

    /// Where and how the server runs.
    public let configuration: HTTPServerConfiguration
    private let context: ServerContext
    private let state = Mutex(State.idle)
    private let boundPort = Atomic<Int>(0)

    /// A server whose handler runs inline on an event-loop thread.
    ///
    /// The handler must return quickly and never block (no sleeping, no file or network I/O): other connections
    /// on the same loop wait while it runs. Use ``init(configuration:asyncHandler:)`` otherwise.
    ///
    /// - Parameters:
    ///   - configuration: Address, limits, threads.
    ///   - handler: Turns a request into a response.
    public init(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) {
        self.configuration = configuration
        self.context = ServerContext(limits: configuration.limits, handler: .sync { .response(handler($0)) })
    }

    /// A server whose handler runs in a task, so it may await.
    ///
    /// - Parameters:
    ///   - configuration: Address, limits, threads.
    ///   - asyncHandler: Turns a request into a response.
    public init(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        asyncHandler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse
    ) {
        self.configuration = configuration
        self.context = ServerContext(
            limits: configuration.limits,
            handler: .async { .response(await asyncHandler($0)) }
        )
    }

    /// A server whose handler runs inline on an event-loop thread and may answer, close without answering, or
    /// take the raw connection over.
    ///
    /// Like ``init(configuration:handler:)``, the handler must return quickly and never block; a raw writer it
    /// returns runs on its own thread.
    ///
    /// - Parameters:
    ///   - configuration: Address, limits, threads.
    ///   - inlineReplyHandler: Decides what to do with each request.
    public init(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        inlineReplyHandler: @escaping @Sendable (HTTPRequest) -> HTTPServerReply
    ) {
        self.configuration = configuration
        self.context = ServerContext(limits: configuration.limits, handler: .sync(inlineReplyHandler))
    }

    /// A server whose handler may answer, close without answering, or take the raw connection over.
    ///
    /// - Parameters:
    ///   - configuration: Address, limits, threads.
    ///   - replyHandler: Decides what to do with each request; runs in a task.
    public init(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        replyHandler: @escaping @Sendable (HTTPRequest) async -> HTTPServerReply
    ) {
        self.configuration = configuration
        self.context = ServerContext(limits: configuration.limits, handler: .async(replyHandler))
    }

    /// The bound port once started (the ephemeral one when the configuration asked for 0); 0 before.
    public var port: Int {
        boundPort.load(ordering: .acquiring)
    }

    /// `http://host:port` once started.
    public var baseURL: String {
        let host = configuration.host
        return "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// The connections open now, including those handed to raw writers.
    public var openConnectionCount: Int {
        context.openConnections.load(ordering: .relaxed)
    }

    /// Binds the address and starts the accept and event-loop threads.
    ///
    /// - Throws: ``SocketError`` when the address cannot be bound or a thread cannot start; nothing is left
    ///   running then. Starting twice, or after ``stop()``, throws too.
    public func start() throws(SocketError) {
        try state.withLock { (state) throws(SocketError) in
            guard case .idle = state else {
                throw SocketError(operation: "start", code: 0, message: "the server was already started")
            }
            state = .running(try launch())
        }
    }

    private func launch() throws(SocketError) -> Running {
        let executor: HandlerExecutor?
        if case .async = context.handler {
            executor = try HandlerExecutor(threadCount: configuration.eventLoopCount)
        } else {
            executor = nil
        }
        context.executor.withLock { $0 = executor }
        do {
            return try launchLoops()
        } catch {
            executor?.stop()
            throw error
        }
    }

    private func launchLoops() throws(SocketError) -> Running {
        var mailboxes: [Mailbox<ServerLoopMessage>] = []
        for _ in 0..<configuration.eventLoopCount {
            mailboxes.append(try Mailbox())
        }
        let context = context
        let limit = configuration.limits.maxConnections
        let next = Atomic<Int>(0)
        let targets = mailboxes
        let acceptor: Acceptor
        do {
            acceptor = try Acceptor(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
            { descriptor in
                Self.dispatch(descriptor, to: targets, context: context, limit: limit, next: next)
            }
        } catch {
            for mailbox in mailboxes {
                _ = mailbox.close()
            }
            throw error
        }
        var loops: [(thread: pthread_t, mailbox: Mailbox<ServerLoopMessage>)] = []
        for mailbox in mailboxes {
            do {
                let thread = try NativeThread.start(name: "http-loop") {
                    ServerEventLoop(context: context, mailbox: mailbox).run()
                }
                loops.append((thread, mailbox))
            } catch {
                acceptor.stop()
                for loop in loops {
                    loop.mailbox.post(.stop(deadline: 0))
                    NativeThread.join(loop.thread)
                }
                for mailbox in mailboxes {
                    _ = mailbox.close()
                }
                throw error
            }
        }
        boundPort.store(acceptor.port, ordering: .releasing)
        return Running(acceptor: acceptor, loops: loops)
    }

    private static func dispatch(
        _ descriptor: Int32,
        to mailboxes: [Mailbox<ServerLoopMessage>],
        context: ServerContext,
        limit: Int,
        next: borrowing Atomic<Int>
    ) {
        if context.openConnections.add(1, ordering: .relaxed).newValue > limit {
            let answer = Array(
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8
            )
            _ = answer.withUnsafeBytes { SocketSystem.send(descriptor, $0) }
            close(descriptor)
            context.openConnections.subtract(1, ordering: .relaxed)
            return
        }
        let index = next.add(1, ordering: .relaxed).newValue % mailboxes.count
        if !mailboxes[index].post(.connection(descriptor)) {
            close(descriptor)
            context.openConnections.subtract(1, ordering: .relaxed)
        }
    }

    /// Stops gracefully, blocking the calling thread for at most the grace period (plus a second for raw writers).
    ///
    /// No new connection is accepted; idle connections close at once; requests in flight are answered (with
    /// `Connection: close`) until ``HTTPServerConfiguration/shutdownGracePeriod``, when every connection left is
    /// closed. Raw writers still running then have their sockets shut down. Later calls do nothing.
    ///
    /// Call it from a thread that may block; from async code use ``shutdown()``.
    public func stop() {
        let running: Running? = state.withLock { state in
            guard case .running(let running) = state else {
                state = .stopped
                return nil
            }
            state = .stopped
            return running
        }
        guard let running else { return }
        context.isStopping.store(true, ordering: .releasing)
        running.acceptor.stop()
        let deadline = MonotonicClock.deadline(after: configuration.shutdownGracePeriod)
        for loop in running.loops {
            loop.mailbox.post(.stop(deadline: deadline))
        }
        for loop in running.loops {
            NativeThread.join(loop.thread)
        }
        context.executor.withLock { $0 }?.stop()
        let remaining = deadline &- min(deadline, MonotonicClock.now())
        if context.rawWriters.wait(timeout: .now() + .nanoseconds(Int(clamping: remaining))) == .timedOut {
            for connection in context.rawConnections.withLock({ Array($0.values) }) {
                connection.forceShutdown()
            }
            _ = context.rawWriters.wait(timeout: .now() + .seconds(1))
        }
    }

    /// Stops gracefully like ``stop()``, waiting on a dedicated thread instead of blocking the caller's.
    public func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            do {
                try NativeThread.start(name: "http-stop", detached: true) { [self] in
                    stop()
                    continuation.resume()
                }
            } catch {
                stop()
                continuation.resume()
            }
        }
    }

    deinit {
        stop()
    }
}
