import Glibc
import Synchronization

/// Idle keep-alive connections per origin, most recently used first.
///
/// A connection is checked before reuse: if the server closed it or sent unsolicited bytes while it was idle,
/// it is closed instead of handed out.
final class ConnectionPool: Sendable {
    private struct Idle {
        var descriptor: Int32
        var since: UInt64
    }

    private let idle = Mutex<[String: [Idle]]>([:])
    private let maxPerHost: Int
    private let idleTimeout: UInt64

    init(maxPerHost: Int, idleTimeout: Duration) {
        self.maxPerHost = maxPerHost
        self.idleTimeout = idleTimeout.nanosecondsClamped
    }

    /// A live idle connection to `origin`, now owned by the caller, or `nil`.
    func take(_ origin: String) -> Int32? {
        while true {
            let now = MonotonicClock.now()
            let candidate: Idle? = idle.withLock { idle in idle[origin]?.popLast() }
            guard let candidate else { return nil }
            if now &- candidate.since > idleTimeout || !Self.isAlive(candidate.descriptor) {
                close(candidate.descriptor)
                continue
            }
            return candidate.descriptor
        }
    }

    /// Keeps a connection for reuse (closing the oldest when the origin has too many).
    func put(_ descriptor: Int32, for origin: String) {
        let evicted: Int32? = idle.withLock { idle in
            var list = idle[origin] ?? []
            list.append(Idle(descriptor: descriptor, since: MonotonicClock.now()))
            let oldest = list.count > maxPerHost ? list.removeFirst().descriptor : nil
            idle[origin] = list
            return oldest
        }
        if let evicted {
            close(evicted)
        }
    }

    /// Closes every idle connection.
    func closeAll() {
        let all = idle.withLock { idle in
            defer { idle.removeAll() }
            return idle.values.flatMap { $0 }
        }
        for connection in all {
            close(connection.descriptor)
        }
    }

    /// Whether nothing is waiting to be read: a closed connection reads end of stream, a confused server bytes.
    private static func isAlive(_ descriptor: Int32) -> Bool {
        var byte: UInt8 = 0
        let peeked = recv(descriptor, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
        return peeked < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }
}
