public import Foundation

/// What a run of the `meshcheck` binary (or any child) produced: ``ChildProcess/Outcome``.
public typealias ProcessOutcome = ChildProcess.Outcome

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

/// Runs the built `meshcheck` with `arguments` and waits for it without blocking a thread (see ``runProcess``).
///
/// - Parameters:
///   - arguments: The arguments after `meshcheck`.
///   - environment: Variables added to (or replacing) the test's own environment.
///   - standardInput: Bytes fed to standard input; empty input when `nil`.
///   - workingDirectory: Where the child runs; the repository root unless given.
/// - Returns: The exit code and both outputs.
/// - Throws: When the binary cannot be found or started.
public func runMeshcheck(
    _ arguments: [String],
    environment: [String: String] = [:],
    standardInput: [UInt8]? = nil,
    workingDirectory: URL = SharedFixtures.repositoryRoot
) async throws -> ProcessOutcome {
    try await runProcess(
        try meshcheckExecutable(),
        arguments,
        environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new },
        standardInput: standardInput,
        workingDirectory: workingDirectory
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
