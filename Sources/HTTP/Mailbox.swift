import Glibc
import Synchronization

/// A queue of messages for a thread that sleeps in `poll`, with a socket pair that wakes it.
///
/// Producers call ``post(_:)`` from any thread. The consumer polls ``descriptor`` for `POLLIN` and calls
/// ``takeAll()``. Once ``close()`` has run, posts are refused, so no write can reach a reused descriptor number.
package final class Mailbox<Message: Sendable>: Sendable {
    private struct State {
        var messages: [Message] = []
        var wakePending = false
        var isClosed = false
    }

    /// The descriptor the consumer polls for `POLLIN`.
    package let descriptor: Int32
    private let writeDescriptor: Int32
    private let state = Mutex(State())

    /// Creates the queue and its socket pair.
    ///
    /// - Throws: ``SocketError`` naming `socketpair`.
    package init() throws(SocketError) {
        var pair: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &pair) == 0 else { throw SocketError.lastError("socketpair") }
        descriptor = pair[0]
        writeDescriptor = pair[1]
    }

    /// Queues `message` and wakes the consumer.
    ///
    /// - Returns: `false` when the mailbox is closed and the message was not queued.
    @discardableResult
    package func post(_ message: Message) -> Bool {
        state.withLock { state in
            guard !state.isClosed else { return false }
            state.messages.append(message)
            if !state.wakePending {
                state.wakePending = true
                var byte: UInt8 = 1
                _ = Glibc.send(writeDescriptor, &byte, 1, Int32(MSG_NOSIGNAL))
            }
            return true
        }
    }

    /// Takes every queued message and clears the wake-up.
    package func takeAll() -> [Message] {
        var scratch = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        _ = withUnsafeMutableBytes(of: &scratch) { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return state.withLock { state in
            state.wakePending = false
            defer { state.messages.removeAll() }
            return state.messages
        }
    }

    /// Refuses further posts, closes both descriptors, and returns the messages that were never taken.
    package func close() -> [Message] {
        state.withLock { state in
            guard !state.isClosed else { return [] }
            state.isClosed = true
            Glibc.close(descriptor)
            Glibc.close(writeDescriptor)
            defer { state.messages.removeAll() }
            return state.messages
        }
    }
}
