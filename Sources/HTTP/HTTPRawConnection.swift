import Glibc
import Synchronization

/// A TCP connection driven byte by byte, for tests and deliberately misbehaving servers.
///
/// It is used from one thread: the one ``RawTCPServer`` or ``HTTPServer`` starts for it. Every read and write has
/// a deadline. The server that made it closes it once the handler returns.
public final class HTTPRawConnection: Sendable {
    private struct State {
        var isClosed = false
        var isShutDown = false
        var pendingInput: [UInt8]
    }

    /// The socket.
    public let descriptor: Int32
    private let state: Mutex<State>

    init(descriptor: Int32, pendingInput: [UInt8] = []) {
        self.descriptor = descriptor
        self.state = Mutex(State(pendingInput: pendingInput))
    }

    /// Writes all of `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: What to send.
    ///   - timeout: The longest the whole write may take.
    /// - Throws: ``SocketError`` naming `send` when the peer is gone or the deadline passes.
    public func write(_ bytes: [UInt8], timeout: Duration = .seconds(10)) throws(SocketError) {
        let deadline = MonotonicClock.deadline(after: timeout)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                SocketSystem.send(descriptor, UnsafeRawBufferPointer(rebasing: $0[offset...]))
            }
            if sent < 0 {
                throw SocketError(operation: "send", code: Int32(-sent), message: systemErrorText(Int32(-sent)))
            }
            offset += sent
            if offset < bytes.count {
                let timeoutMilliseconds = MonotonicClock.pollTimeout(until: deadline)
                guard timeoutMilliseconds > 0 else {
                    throw SocketError(operation: "send", code: ETIMEDOUT, message: "timed out")
                }
                _ = SocketSystem.poll(descriptor, events: Int16(POLLOUT), timeoutMilliseconds: timeoutMilliseconds)
            }
        }
    }

    /// Writes the UTF-8 bytes of `text`.
    ///
    /// - Parameters:
    ///   - text: What to send.
    ///   - timeout: The longest the whole write may take.
    /// - Throws: ``SocketError`` when the peer is gone or the deadline passes.
    public func write(_ text: String, timeout: Duration = .seconds(10)) throws(SocketError) {
        try write(Array(text.utf8), timeout: timeout)
    }

    /// Reads what is available, waiting up to `timeout` for the first byte.
    ///
    /// - Parameters:
    ///   - maxBytes: The most bytes to return.
    ///   - timeout: The longest wait.
    /// - Returns: The bytes; empty at end of stream.
    /// - Throws: ``SocketError`` naming `recv` on a reset or when the deadline passes.
    public func read(maxBytes: Int = 65_536, timeout: Duration = .seconds(10)) throws(SocketError) -> [UInt8] {
        let pending = state.withLock { state in
            defer { state.pendingInput.removeAll() }
            return state.pendingInput
        }
        if !pending.isEmpty {
            return pending
        }
        let deadline = MonotonicClock.deadline(after: timeout)
        var buffer = [UInt8](repeating: 0, count: max(1, maxBytes))
        while true {
            let received = buffer.withUnsafeMutableBytes { SocketSystem.receive(descriptor, into: $0) }
            if let received {
                if received < 0 {
                    throw SocketError(
                        operation: "recv",
                        code: Int32(-received),
                        message: systemErrorText(Int32(-received))
                    )
                }
                buffer.removeSubrange(received...)
                return buffer
            }
            let timeoutMilliseconds = MonotonicClock.pollTimeout(until: deadline)
            guard timeoutMilliseconds > 0 else {
                throw SocketError(operation: "recv", code: ETIMEDOUT, message: "timed out")
            }
            _ = SocketSystem.poll(descriptor, events: Int16(POLLIN), timeoutMilliseconds: timeoutMilliseconds)
        }
    }

    /// Reads until a blank line ends a message head (at most 64 KiB), the way a server reads a request.
    ///
    /// - Parameter timeout: The longest the whole read may take.
    /// - Returns: The bytes read, head and anything after it; `nil` when the peer closed first.
    /// - Throws: ``SocketError`` on a reset, an oversized head or when the deadline passes.
    public func readHead(timeout: Duration = .seconds(10)) throws(SocketError) -> [UInt8]? {
        let deadline = MonotonicClock.deadline(after: timeout)
        var received: [UInt8] = []
        while true {
            if received.count >= 4 {
                let ended = received.withUnsafeBufferPointer { buffer in
                    (3..<buffer.count).contains { index in
                        buffer[index - 3] == 0x0D && buffer[index - 2] == 0x0A && buffer[index - 1] == 0x0D
                            && buffer[index] == 0x0A
                    }
                }
                if ended { return received }
            }
            guard received.count < 65_536 else {
                throw SocketError(operation: "recv", code: 0, message: "head larger than 64 KiB")
            }
            let remaining = Duration.nanoseconds(deadline &- min(deadline, MonotonicClock.now()))
            let chunk = try read(timeout: remaining)
            if chunk.isEmpty {
                return received.isEmpty ? nil : received
            }
            received.append(contentsOf: chunk)
        }
    }

    /// Sends FIN: the peer reads end of stream; reading from it still works.
    public func shutdownWrite() {
        state.withLock { state in
            if !state.isClosed {
                _ = shutdown(descriptor, Int32(SHUT_WR))
            }
        }
    }

    /// Closes the socket at once (the server would close it after the handler anyway); later calls do nothing.
    public func close() {
        state.withLock { state in
            if !state.isClosed {
                state.isClosed = true
                Glibc.close(descriptor)
            }
        }
    }

    /// Sleeps the connection's thread, for dripping bytes slowly; returns early when the server is stopping.
    ///
    /// - Parameter duration: How long.
    public func pause(for duration: Duration) {
        let deadline = MonotonicClock.deadline(after: duration)
        while !state.withLock({ $0.isShutDown }) {
            let now = MonotonicClock.now()
            guard now < deadline else { return }
            usleep(UInt32(min(deadline - now, 10_000_000) / 1000))
        }
    }

    /// Shuts both directions down so a blocked handler's reads and writes fail (a server stopping).
    func forceShutdown() {
        state.withLock { state in
            state.isShutDown = true
            if !state.isClosed {
                _ = shutdown(descriptor, Int32(SHUT_RDWR))
            }
        }
    }
}
