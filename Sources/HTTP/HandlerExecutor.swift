import Dispatch
import Glibc
import Synchronization

/// The threads that run a server's asynchronous handlers, as the handler tasks' preferred executor.
///
/// Handlers do not depend on the cooperative pool: code that blocks its threads (a test waiting on a socket, a
/// busy runner) cannot starve the server. Jobs that arrive after ``stop()`` go to the global concurrent executor,
/// so a handler still sleeping at shutdown finishes somewhere.
final class HandlerExecutor: TaskExecutor {
    private struct Queue {
        var jobs: [UnownedJob] = []
        var head = 0
        var isStopped = false
        var threads: [pthread_t] = []
    }

    private let queue = Mutex(Queue())
    private let available = DispatchSemaphore(value: 0)

    /// Starts `threadCount` threads.
    ///
    /// - Throws: ``SocketError`` naming `pthread_create`; threads already started are stopped.
    init(threadCount: Int) throws(SocketError) {
        for _ in 0..<max(1, threadCount) {
            do {
                let thread = try NativeThread.start(name: "http-handler") { [self] in
                    work()
                }
                queue.withLock { $0.threads.append(thread) }
            } catch {
                stop()
                throw error
            }
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let accepted = queue.withLock { queue in
            guard !queue.isStopped else { return false }
            queue.jobs.append(job)
            return true
        }
        if accepted {
            available.signal()
        } else {
            globalConcurrentExecutor.enqueue(job)
        }
    }

    /// Stops the threads after the jobs already queued; later jobs run on the global executor.
    func stop() {
        let threads = queue.withLock { queue in
            queue.isStopped = true
            defer { queue.threads.removeAll() }
            return queue.threads
        }
        for _ in threads {
            available.signal()
        }
        for thread in threads {
            NativeThread.join(thread)
        }
    }

    private func work() {
        while true {
            // A bounded wait, so a lost wake-up costs at most a second.
            _ = available.wait(timeout: .now() + .seconds(1))
            while let job = next() {
                job.runSynchronously(on: asUnownedTaskExecutor())
            }
            if queue.withLock({ $0.isStopped && $0.head >= $0.jobs.count }) {
                return
            }
        }
    }

    private func next() -> UnownedJob? {
        queue.withLock { queue in
            guard queue.head < queue.jobs.count else { return nil }
            let job = queue.jobs[queue.head]
            queue.head += 1
            if queue.head == queue.jobs.count {
                queue.jobs.removeAll(keepingCapacity: true)
                queue.head = 0
            } else if queue.head > 1024 {
                queue.jobs.removeFirst(queue.head)
                queue.head = 0
            }
            return job
        }
    }
}
