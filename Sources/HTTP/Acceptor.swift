import Glibc
import Synchronization

/// A thread that accepts connections on a listening socket and hands each descriptor to `onAccept`.
///
/// It sleeps in `poll` on the listener and a mailbox; ``stop()`` wakes it, joins it and closes the listener.
final class Acceptor: Sendable {
    /// The port the listener is bound to.
    let port: Int
    private let listener: Int32
    private let mailbox: Mailbox<Bool>
    private let thread = Mutex<pthread_t?>(nil)

    /// Binds and starts accepting.
    ///
    /// - Parameters:
    ///   - host: The address to bind.
    ///   - port: The port; 0 for an ephemeral one.
    ///   - backlog: The listen backlog.
    ///   - onAccept: Called on the acceptor thread with each new non-blocking descriptor, which it now owns.
    /// - Throws: ``SocketError`` when binding or starting the thread fails.
    init(
        host: String,
        port: Int,
        backlog: Int32,
        onAccept: @escaping @Sendable (Int32) -> Void
    ) throws(SocketError) {
        let (listener, boundPort) = try SocketSystem.listen(host: host, port: port, backlog: backlog)
        let mailbox: Mailbox<Bool>
        do {
            mailbox = try Mailbox()
        } catch {
            close(listener)
            throw error
        }
        self.listener = listener
        self.port = boundPort
        self.mailbox = mailbox
        do {
            let started = try NativeThread.start(name: "http-accept") {
                Self.run(listener: listener, mailbox: mailbox, onAccept: onAccept)
            }
            thread.withLock { $0 = started }
        } catch {
            close(listener)
            _ = mailbox.close()
            throw error
        }
    }

    /// Stops accepting, joins the thread and closes the listener; later calls do nothing.
    func stop() {
        guard
            let running = thread.withLock({ thread in
                defer { thread = nil }
                return thread
            })
        else { return }
        mailbox.post(true)
        NativeThread.join(running)
        _ = mailbox.close()
        close(listener)
    }

    private static func run(listener: Int32, mailbox: Mailbox<Bool>, onAccept: @Sendable (Int32) -> Void) {
        var entries = [
            pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
            pollfd(fd: mailbox.descriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let ready = poll(&entries, 2, 1000)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if entries[1].revents != 0 {
                return
            }
            guard entries[0].revents != 0 else { continue }
            // Accept everything pending; on EMFILE and the like, back off instead of spinning.
            while true {
                do {
                    guard let descriptor = try SocketSystem.accept(listener) else { break }
                    onAccept(descriptor)
                } catch {
                    usleep(10_000)
                    break
                }
            }
        }
    }
}
