import Foundation

/// Runs long synchronous work (loading Stripe's spec, comparing 22 spec versions) on a thread of its own and awaits
/// the result.
///
/// Swift Testing runs tests on the cooperative pool, which has as many threads as cores (two on CI). A synchronous
/// test that computes for ten seconds holds one of them; two such tests hold both, and every async test beside
/// them (an HTTP client waiting for its turn to send) stalls for that long. Compute here, then make the
/// expectations back in the test.
///
/// - Parameter body: The work; it must not record issues (no `#expect` inside), since it runs outside the test's
///   task.
/// - Returns: What `body` returns.
/// - Throws: What `body` throws.
public func offThePool<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.stackSize = 16 << 20
        thread.start()
    }
}
