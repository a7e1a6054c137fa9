import Glibc
import Synchronization

/// Lets tasks wait for a socket to become readable or writable without blocking the cooperative pool.
///
/// A task registers a descriptor, the events and a deadline, and suspends; one dedicated thread polls every
/// registered descriptor and resumes each task when its descriptor is ready or its deadline passes. The thread
/// starts on first use and stops with ``stop()``.
final class PollReactor: Sendable {
    /// How a wait ended.
    enum Outcome: Equatable {
        /// The descriptor is ready; these are the returned events.
        case ready(Int16)
        /// The deadline passed first.
        case timedOut
        /// The reactor was stopped.
        case stopped
    }

    private struct Waiter {
        var descriptor: Int32
        var events: Int16
        var deadline: UInt64
        var continuation: CheckedContinuation<Outcome, Never>
    }

    private struct State {
        var waiters: [UInt64: Waiter] = [:]
        var nextID: UInt64 = 0
        var thread: pthread_t?
        var isStopped = false
        var mailbox: Mailbox<Bool>?
    }

    private let state = Mutex(State())

    /// Waits until `descriptor` has one of `events` (or an error or hang-up), or until `deadline`.
    ///
    /// - Parameters:
    ///   - descriptor: The socket.
    ///   - events: `POLLIN`, `POLLOUT` or both.
    ///   - deadline: A ``MonotonicClock`` instant.
    /// - Returns: How the wait ended.
    func wait(for descriptor: Int32, events: Int16, until deadline: UInt64) async -> Outcome {
        await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            let refused: Bool = state.withLock { state in
                guard !state.isStopped else { return true }
                if state.thread == nil {
                    do {
                        let mailbox = try Mailbox<Bool>()
                        state.mailbox = mailbox
                        state.thread = try NativeThread.start(name: "http-client-io") { [self] in
                            run(mailbox: mailbox)
                        }
                    } catch {
                        if let mailbox = state.mailbox {
                            _ = mailbox.close()
                        }
                        state.mailbox = nil
                        return true
                    }
                }
                state.nextID += 1
                state.waiters[state.nextID] = Waiter(
                    descriptor: descriptor,
                    events: events,
                    deadline: deadline,
                    continuation: continuation
                )
                state.mailbox?.post(true)
                return false
            }
            if refused {
                continuation.resume(returning: .stopped)
            }
        }
    }

    /// Resumes every waiting task with ``Outcome/stopped`` and joins the thread; later waits return at once.
    func stop() {
        let (thread, mailbox): (pthread_t?, Mailbox<Bool>?) = state.withLock { state in
            state.isStopped = true
            defer {
                state.thread = nil
                state.mailbox = nil
            }
            return (state.thread, state.mailbox)
        }
        guard let thread, let mailbox else { return }
        mailbox.post(true)
        if pthread_equal(thread, pthread_self()) != 0 {
            pthread_detach(thread)
        } else {
            NativeThread.join(thread)
        }
        _ = mailbox.close()
    }

    private func run(mailbox: Mailbox<Bool>) {
        var entries: [pollfd] = []
        var ids: [UInt64] = []
        var resumptions: [(CheckedContinuation<Outcome, Never>, Outcome)] = []
        while true {
            entries.removeAll(keepingCapacity: true)
            ids.removeAll(keepingCapacity: true)
            entries.append(pollfd(fd: mailbox.descriptor, events: Int16(POLLIN), revents: 0))
            let (stopped, nearest): (Bool, UInt64) = state.withLock { state in
                var nearest = UInt64.max
                for (id, waiter) in state.waiters {
                    ids.append(id)
                    entries.append(pollfd(fd: waiter.descriptor, events: waiter.events, revents: 0))
                    nearest = min(nearest, waiter.deadline)
                }
                return (state.isStopped, nearest)
            }
            if stopped {
                let remaining = state.withLock { state in
                    defer { state.waiters.removeAll() }
                    return Array(state.waiters.values)
                }
                for waiter in remaining {
                    waiter.continuation.resume(returning: .stopped)
                }
                return
            }
            let timeout = MonotonicClock.pollTimeout(until: nearest, cap: 1000)
            let ready = poll(&entries, nfds_t(entries.count), timeout)
            if ready < 0 && errno != EINTR {
                usleep(1000)
            }
            if entries[0].revents != 0 {
                _ = mailbox.takeAll()
            }
            let now = MonotonicClock.now()
            state.withLock { state in
                for index in ids.indices {
                    let revents = entries[index + 1].revents
                    let id = ids[index]
                    guard let waiter = state.waiters[id] else { continue }
                    if revents != 0 {
                        state.waiters[id] = nil
                        resumptions.append((waiter.continuation, .ready(revents)))
                    } else if waiter.deadline <= now {
                        state.waiters[id] = nil
                        resumptions.append((waiter.continuation, .timedOut))
                    }
                }
            }
            for (continuation, outcome) in resumptions {
                continuation.resume(returning: outcome)
            }
            resumptions.removeAll(keepingCapacity: true)
        }
    }
}
