public import Foundation

/// Runs `executable` and waits for it without blocking a thread of Swift's cooperative pool.
///
/// A test blocked in `waitUntilExit()` (or polling with `Thread.sleep`) holds one of the pool's few threads (two
/// on a two-core CI machine); two such tests starve every async test beside them, and an HTTP test whose client is
/// not scheduled for seconds fails for reasons that have nothing to do with what it tests. The child is a
/// ``ChildProcess`` (`posix_spawn`, not Foundation's `Process`, whose launch can crash the test process).
///
/// - Parameters:
///   - executable: The program.
///   - arguments: Its arguments.
///   - environment: The child's whole environment; the test's own when `nil`.
///   - standardInput: Bytes fed to standard input; empty input when `nil`.
///   - workingDirectory: Where the child runs; the test's own when `nil`.
///   - timeout: After this the child is killed with SIGKILL and ``ProcessOutcome/timedOut`` is set.
/// - Returns: The exit code (128 + signal when killed by one) and both outputs.
/// - Throws: When the child cannot be started.
public func runProcess(
    _ executable: URL,
    _ arguments: [String],
    environment: [String: String]? = nil,
    standardInput: [UInt8]? = nil,
    workingDirectory: URL? = nil,
    timeout: Duration = .seconds(300)
) async throws -> ProcessOutcome {
    let child = try ChildProcess(
        executable.path,
        arguments,
        environment: environment ?? [:],
        inheritingEnvironment: environment == nil,
        standardInput: standardInput ?? [],
        workingDirectory: workingDirectory?.path
    )
    return try await child.wait(timeout: timeout)
}
