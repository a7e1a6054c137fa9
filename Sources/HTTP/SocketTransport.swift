import Dispatch
import Glibc
import Synchronization

/// The `http` transport: our own sockets, a keep-alive pool, and a reactor thread for waits.
final class SocketTransport: Sendable {
    private let configuration: HTTPClientConfiguration
    private let pool: ConnectionPool
    private let reactor = PollReactor()

    init(configuration: HTTPClientConfiguration) {
        self.configuration = configuration
        self.pool = ConnectionPool(
            maxPerHost: configuration.maxIdleConnectionsPerHost,
            idleTimeout: configuration.idleConnectionTimeout
        )
    }

    /// Closes pooled connections and stops the reactor; waits in progress end with ``HTTPClientError/clientShutDown``.
    func shutdown() {
        reactor.stop()
        pool.closeAll()
    }

    /// Sends one request and reads its response, retrying once on a fresh connection when a pooled one was stale
    /// (idempotent methods only).
    func execute(_ request: PreparedRequest) async throws(HTTPClientError) -> HTTPExchange {
        let bytes = try request.serialized()
        let origin = request.url.origin
        var retried = false
        while true {
            var descriptor = pool.take(origin)
            let reused = descriptor != nil
            var connectDuration: UInt64?
            if descriptor == nil {
                let connectStart = MonotonicClock.now()
                descriptor = try await connect(request)
                connectDuration = MonotonicClock.now() &- connectStart
            }
            guard let descriptor else { throw .transportFailed("no connection") }
            do {
                var exchange = try await exchange(on: descriptor, request: request, bytes: bytes)
                exchange.reusedConnection = reused
                exchange.timings.connect = connectDuration.map { Duration.nanoseconds($0) }
                if exchange.reusable && !request.headers.hasToken("close", in: "Connection") {
                    pool.put(descriptor, for: origin)
                } else {
                    close(descriptor)
                }
                return exchange.record
            } catch {
                close(descriptor)
                if reused && !retried && request.isIdempotent && error.suggestsStaleConnection {
                    retried = true
                    continue
                }
                throw error
            }
        }
    }

    // MARK: - Connecting

    private func connect(_ request: PreparedRequest) async throws(HTTPClientError) -> Int32 {
        let url = request.url
        let connectDeadline = min(
            MonotonicClock.deadline(after: request.timeouts.connect),
            request.totalDeadline
        )
        let addresses = try await resolve(
            url.host,
            port: url.port,
            deadline: connectDeadline,
            timeouts: request.timeouts
        )
        var lastFailure = "no address"
        for address in addresses {
            let descriptor: Int32
            do {
                descriptor = try SocketSystem.makeSocket(family: address.family)
            } catch {
                throw .connectFailed(host: url.host, port: url.port, reason: error.description)
            }
            SocketSystem.setNoDelay(descriptor)
            let status = address.withSockaddr { Glibc.connect(descriptor, $0, $1) }
            if status == 0 {
                return descriptor
            }
            let code = errno
            guard code == EINPROGRESS || code == EINTR else {
                close(descriptor)
                lastFailure = systemErrorText(code)
                continue
            }
            switch await reactor.wait(for: descriptor, events: Int16(POLLOUT), until: connectDeadline) {
            case .stopped:
                close(descriptor)
                throw .clientShutDown
            case .timedOut:
                close(descriptor)
                if connectDeadline >= request.totalDeadline {
                    throw .totalTimedOut(after: request.timeouts.total, receivedBytes: 0)
                }
                throw .connectTimedOut(host: url.host, port: url.port, after: request.timeouts.connect)
            case .ready:
                var socketError: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length)
                if socketError == 0 {
                    return descriptor
                }
                close(descriptor)
                lastFailure = systemErrorText(socketError)
            }
        }
        throw .connectFailed(host: url.host, port: url.port, reason: lastFailure)
    }

    /// Numeric hosts and `localhost` at once; other names through `getaddrinfo` on a dedicated thread, bounded
    /// by the connect deadline.
    private func resolve(
        _ host: String,
        port: Int,
        deadline: UInt64,
        timeouts: HTTPTimeouts
    ) async throws(HTTPClientError) -> [SocketAddress] {
        if SocketAddress(numericHost: host, port: port) != nil || host == "localhost" {
            do {
                return try SocketAddress.resolve(host: host, port: port)
            } catch {
                throw .resolutionFailed(host: host, reason: error.message)
            }
        }
        let outcome = await BlockingCall.run(until: deadline) { () -> Result<[SocketAddress], SocketError> in
            do throws(SocketError) {
                return .success(try SocketAddress.resolve(host: host, port: port))
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .none: throw .connectTimedOut(host: host, port: port, after: timeouts.connect)
        case .some(.success(let addresses)): return addresses
        case .some(.failure(let error)): throw .resolutionFailed(host: host, reason: error.message)
        }
    }

    // MARK: - Exchanging

    /// How long to retry a non-blocking read before parking the task on the reactor.
    ///
    /// A loopback or LAN answer usually arrives within it, and parking costs two thread wake-ups (the reactor's,
    /// then the executor's). Bounded, and `sched_yield` between tries, so it never turns into a blocking wait.
    private static let spinNanoseconds: UInt64 = 50_000

    private struct Outcome {
        var record: HTTPExchange
        var reusable: Bool
        var reusedConnection: Bool {
            get { record.reusedConnection }
            set { record.reusedConnection = newValue }
        }
        var timings: HTTPTimings {
            get { record.timings }
            set { record.timings = newValue }
        }
    }

    private func exchange(
        on descriptor: Int32,
        request: PreparedRequest,
        bytes: [UInt8]
    ) async throws(HTTPClientError) -> Outcome {
        let timeouts = request.timeouts
        var parser = HTTPResponseParser(
            isHeadRequest: request.method == "HEAD",
            maxHeadBytes: configuration.maxResponseHeadBytes,
            maxBodyBytes: configuration.maxResponseBodyBytes
        )
        // Send, switching to reading early if the server answers before taking the whole body.
        var offset = 0
        var answeredEarly = false
        while offset < bytes.count && !answeredEarly {
            let sent = bytes.withUnsafeBytes {
                SocketSystem.send(descriptor, UnsafeRawBufferPointer(rebasing: $0[offset...]))
            }
            if sent < 0 {
                throw .writeFailed(reason: systemErrorText(Int32(-sent)))
            }
            offset += sent
            guard offset < bytes.count else { break }
            let deadline = min(MonotonicClock.deadline(after: timeouts.read), request.totalDeadline)
            switch await reactor.wait(for: descriptor, events: Int16(POLLOUT | POLLIN), until: deadline) {
            case .stopped:
                throw .clientShutDown
            case .timedOut:
                if deadline >= request.totalDeadline {
                    throw .totalTimedOut(after: timeouts.total, receivedBytes: 0)
                }
                throw .writeTimedOut(after: timeouts.read)
            case .ready(let events):
                answeredEarly = events & Int16(POLLIN) != 0
            }
        }
        // Receive.
        var firstByteAt: UInt64?
        var spinUntil: UInt64 = 0
        var buffer = [UInt8](unsafeUninitializedCapacity: 16 * 1024) { _, count in count = 16 * 1024 }
        receiving: while true {
            let received = buffer.withUnsafeMutableBytes { SocketSystem.receive(descriptor, into: $0) }
            switch received {
            case .none:
                if spinUntil == 0 {
                    spinUntil = MonotonicClock.now() &+ Self.spinNanoseconds
                }
                if MonotonicClock.now() < spinUntil {
                    sched_yield()
                    continue receiving
                }
                let deadline = min(MonotonicClock.deadline(after: timeouts.read), request.totalDeadline)
                switch await reactor.wait(for: descriptor, events: Int16(POLLIN), until: deadline) {
                case .stopped:
                    throw .clientShutDown
                case .timedOut:
                    if deadline >= request.totalDeadline {
                        throw .totalTimedOut(after: timeouts.total, receivedBytes: parser.receivedBytes)
                    }
                    throw .readTimedOut(after: timeouts.read, receivedBytes: parser.receivedBytes)
                case .ready:
                    continue receiving
                }
            case .some(0):
                try parser.finishAtEndOfStream()
                break receiving
            case .some(let count) where count > 0:
                if firstByteAt == nil {
                    firstByteAt = MonotonicClock.now()
                }
                let progress = try buffer.withUnsafeBufferPointer { (received) throws(HTTPClientError) in
                    try parser.feed(UnsafeBufferPointer(rebasing: received[..<count]))
                }
                if progress == .complete {
                    break receiving
                }
            case .some(let negated):
                let code = Int32(-negated)
                if code == ECONNRESET {
                    throw .connectionReset(receivedBytes: parser.receivedBytes)
                }
                throw .transportFailed("recv failed: \(systemErrorText(code))")
            }
        }
        let end = MonotonicClock.now()
        let record = HTTPExchange(
            url: request.url,
            request: request.recordedRequest,
            rawRequest: bytes,
            response: parser.response,
            rawResponseHead: parser.rawHead,
            timings: HTTPTimings(
                connect: nil,
                firstByte: firstByteAt.map { Duration.nanoseconds($0 &- request.startedAt) },
                total: Duration.nanoseconds(end &- request.startedAt)
            ),
            reusedConnection: false,
            transport: .socket,
            redirects: []
        )
        return Outcome(record: record, reusable: parser.isReusable && !answeredEarly)
    }
}

/// Runs a blocking call on a dedicated thread and waits for it up to a deadline, off the cooperative pool.
enum BlockingCall {
    /// The call's result, or `nil` when `deadline` passed first (the thread finishes in the background).
    static func run<Value: Sendable>(
        until deadline: UInt64,
        _ work: @escaping @Sendable () -> Value
    ) async -> Value? {
        let resumed = ResumeFlag()
        return await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
            let resumeOnce: @Sendable (Value?) -> Void = { value in
                if resumed.claim() {
                    continuation.resume(returning: value)
                }
            }
            do {
                try NativeThread.start(name: "blocking-call", detached: true) {
                    resumeOnce(work())
                }
            } catch {
                resumeOnce(nil)
                return
            }
            let nanoseconds = deadline &- min(deadline, MonotonicClock.now())
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: nanoseconds))) {
                resumeOnce(nil)
            }
        }
    }
}

/// A flag that lets exactly one of several racing callers resume a continuation.
final class ResumeFlag: Sendable {
    private let claimed = Mutex(false)

    /// `true` for the first caller only.
    func claim() -> Bool {
        claimed.withLock { claimed in
            defer { claimed = true }
            return !claimed
        }
    }
}
