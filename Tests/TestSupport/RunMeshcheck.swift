public import Foundation

/// What a run of the `meshcheck` binary produced.
public struct ProcessOutcome: Sendable {
    /// The exit status (or 128 + signal when killed by a signal).
    public var exitCode: Int32
    /// Everything written to standard output.
    public var stdout: String
    /// Everything written to standard error.
    public var stderr: String
}

/// The built `meshcheck` executable, next to the test bundle.
public func meshcheckExecutable() throws -> URL {
    let candidates = [
        Bundle.main.bundleURL,
        Bundle.main.bundleURL.deletingLastPathComponent(),
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        SharedFixtures.repository(".build/debug"),
    ]
    for folder in candidates {
        let binary = folder.appendingPathComponent("meshcheck")
        if FileManager.default.isExecutableFile(atPath: binary.path) {
            return binary
        }
    }
    throw TestSupportError("meshcheck binary not found next to \(Bundle.main.bundleURL.path)")
}

/// Runs the built `meshcheck` with `arguments` and waits for it without blocking a thread.
///
/// The wait is asynchronous on purpose: a test blocked in `waitUntilExit()` holds one of the few threads of Swift's
/// cooperative pool, and with two cores two such tests starve every async test beside them (an HTTP client test
/// then sends nothing for seconds and its scripted server gives up). Standard output and error go to temporary files, not pipes, so a child filling one pipe while the other is
/// drained cannot hang the test. The working directory is the repository root unless given.
///
/// - Parameters:
///   - arguments: The arguments after `meshcheck`.
///   - environment: Variables added to (or replacing) the test's own environment.
///   - standardInput: Bytes fed to standard input; empty input when `nil`.
///   - workingDirectory: Where the child runs.
/// - Returns: The exit code and both outputs.
/// - Throws: When the binary cannot be found or started.
public func runMeshcheck(
    _ arguments: [String],
    environment: [String: String] = [:],
    standardInput: [UInt8]? = nil,
    workingDirectory: URL = SharedFixtures.repositoryRoot
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
    process.executableURL = try meshcheckExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = workingDirectory
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
    let stderrHandle = try FileHandle(forWritingTo: stderrURL)
    let stdinHandle = try FileHandle(forReadingFrom: stdinURL)
    process.standardOutput = stdoutHandle
    process.standardError = stderrHandle
    process.standardInput = stdinHandle
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        process.terminationHandler = { _ in continuation.resume() }
        do {
            try ProcessLaunchGate.launching { try process.run() }
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
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
        stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
    )
}

/// A failure of the test helpers themselves.
public struct TestSupportError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// Creates an error.
    ///
    /// - Parameter description: What went wrong.
    public init(_ description: String) {
        self.description = description
    }
}
