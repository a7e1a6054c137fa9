public import Foundation
import Synchronization

/// Runs `executable` and waits for it without blocking a thread of Swift's cooperative pool.
///
/// A test blocked in `waitUntilExit()` (or polling with `Thread.sleep`) holds one of the pool's few threads (two
/// on a two-core CI machine); two such tests starve every async test beside them, and an HTTP test whose client is
/// not scheduled for seconds fails for reasons that have nothing to do with what it tests. Standard output and
/// error go to temporary files, not pipes, so a child filling one pipe while the other is drained cannot hang.
///
/// - Parameters:
///   - executable: The program.
///   - arguments: Its arguments.
///   - environment: The child's whole environment; the test's own when `nil`.
///   - standardInput: Bytes fed to standard input; empty input when `nil`.
///   - workingDirectory: Where the child runs; the test's own when `nil`.
///   - timeout: After this the child is killed with SIGKILL and ``ProcessOutcome/timedOut`` is set.
/// - Returns: The exit code (128 + signal when killed by one) and both outputs.
/// - Throws: When the child cannot be started or its outputs cannot be read.
public func runProcess(
    _ executable: URL,
    _ arguments: [String],
    environment: [String: String]? = nil,
    standardInput: [UInt8]? = nil,
    workingDirectory: URL? = nil,
    timeout: Duration = .seconds(300)
) async throws -> ProcessOutcome {
    let folder = try TemporaryDirectory()
    let stdoutURL = folder.url.appendingPathComponent("stdout")
    let stderrURL = folder.url.appendingPathComponent("stderr")
    let stdinURL = folder.url.appendingPathComponent("stdin")
    try Data(standardInput ?? []).write(to: stdinURL)
    guard FileManager.default.createFile(atPath: stdoutURL.path, contents: nil),
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
    else { throw TestSupportError("cannot create output files in \(folder.path)") }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let workingDirectory { process.currentDirectoryURL = workingDirectory }
    if let environment { process.environment = environment }
    let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
    let stderrHandle = try FileHandle(forWritingTo: stderrURL)
    let stdinHandle = try FileHandle(forReadingFrom: stdinURL)
    process.standardOutput = stdoutHandle
    process.standardError = stderrHandle
    process.standardInput = stdinHandle
    let exited = Mutex(false)
    let killed = Mutex(false)
    try await ProcessLaunchGate.waitForLaunch()
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        process.terminationHandler = { _ in
            exited.withLock { $0 = true }
            continuation.resume()
        }
        do {
            defer { ProcessLaunchGate.launched() }
            try process.run()
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
            return
        }
        let identifier = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: timeout.nanoseconds))) {
            exited.withLock { hasExited in
                guard !hasExited else { return }
                killed.withLock { $0 = true }
                kill(identifier, SIGKILL)
            }
        }
    }
    try stdoutHandle.close()
    try stderrHandle.close()
    try stdinHandle.close()
    let status =
        process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return ProcessOutcome(
        exitCode: status,
        stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self),
        timedOut: killed.withLock { $0 }
    )
}

extension Duration {
    fileprivate var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow
            ? Int64.max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
