import Foundation

/// Runs long synchronous work (loading Stripe's spec, comparing 22 spec versions) on a thread of its own and awaits
/// the result.
///
/// Swift Testing runs tests on the cooperative pool, which has as many threads as cores (two on CI). A synchronous
/// test that computes for ten seconds holds one of them; two such tests hold both, and every async test beside
/// them (an HTTP client waiting for its turn to send) stalls for that long. Compute here, then make the
/// expectations back in the test.
///
/// At most as many bodies as there are cores compute at once; the others wait on their own threads. Twenty-two spec
/// loads at once would otherwise be twenty-two runnable threads, and the pool's two would get a small share of the
/// CPU: the same stall by other means. Work that mostly waits (a socket conversation) uses ``onAThreadOfItsOwn(_:)``.
///
/// - Parameter body: The work; it must not record issues (no `#expect` inside), since it runs outside the test's
///   task.
/// - Returns: What `body` returns.
/// - Throws: What `body` throws.
public func offThePool<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await onAThreadOfItsOwn {
        computeSlots.wait()
        defer { computeSlots.signal() }
        return try body()
    }
}

/// Runs `body` on a new thread at once and awaits the result: for timed conversations (send, sleep, send) that must
/// not wait for the cooperative pool between their steps.
///
/// - Parameter body: The work; no `#expect` inside (it runs outside the test's task).
/// - Returns: What `body` returns.
/// - Throws: What `body` throws.
public func onAThreadOfItsOwn<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.stackSize = 16 << 20
        thread.start()
    }
}

/// The computing bodies of ``offThePool``: one per core, at least two.
private let computeSlots = DispatchSemaphore(value: max(2, ProcessInfo.processInfo.activeProcessorCount))
