/// How a meshcheck command ends, as the process exit status CI scripts test.
public enum ExitCode: Int32, Sendable {
    /// Everything ran and passed.
    case success = 0
    /// Tests ran and some failed.
    case testFailures = 1
    /// The command line, a configuration or an input file is wrong; nothing was run.
    case usageOrConfigurationError = 2
    /// The server could not be reached at all.
    case serverUnreachable = 3
    /// `run` stopped on SIGINT (128 + 2, as a shell reports it); the reports hold the partial results.
    case interrupted = 130
    /// `run` stopped on SIGTERM (128 + 15); the reports hold the partial results.
    case terminated = 143
}
