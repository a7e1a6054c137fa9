import Glibc

/// Starts plain POSIX threads for the loops that block in `poll`, so blocking never happens on the cooperative pool.
enum NativeThread {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Starts a thread running `body`.
    ///
    /// - Parameters:
    ///   - name: What the thread is for (kept for debugging).
    ///   - detached: Whether the thread cleans up after itself; otherwise call ``join(_:)``.
    ///   - body: What the thread runs.
    /// - Returns: The thread, to join when not detached.
    /// - Throws: ``SocketError`` naming `pthread_create`.
    @discardableResult
    static func start(
        name: String,
        detached: Bool = false,
        _ body: @escaping @Sendable () -> Void
    ) throws(SocketError) -> pthread_t {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread,
            nil,
            { argument in
                guard let argument else { return nil }
                let box = Unmanaged<Box>.fromOpaque(argument).takeRetainedValue()
                box.body()
                return nil
            },
            box
        )
        guard status == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            throw SocketError(operation: "pthread_create", code: status, message: systemErrorText(status))
        }
        if detached {
            pthread_detach(thread)
        }
        return thread
    }

    /// Waits for a thread started with `detached: false` to finish.
    static func join(_ thread: pthread_t) {
        pthread_join(thread, nil)
    }
}
