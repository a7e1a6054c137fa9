public import Foundation

/// Everything a run recorded, in plan order whatever order suites finished in; secrets already masked.
public struct RunResult: Sendable {
    /// Why a run stopped before its end.
    public enum StopReason: String, Sendable {
        /// `--fail-fast`: the first failure.
        case failFast = "fail-fast"
        /// `--max-failures N` was reached.
        case maxFailures = "max-failures"
        /// The server could not be reached at all.
        case serverUnreachable = "server-unreachable"
        /// The run was cancelled (a signal).
        case interrupted
    }

    /// The run id.
    public var runID: String
    /// meshcheck's version.
    public var toolVersion: String
    /// The spec's title.
    public var specTitle: String
    /// The spec's version.
    public var specVersion: String
    /// The spec file.
    public var specPath: String
    /// The server profile's name.
    public var serverName: String
    /// The server's base URL.
    public var serverURL: String
    /// When the run started.
    public var startedAt: Date
    /// How long it took.
    public var duration: Duration
    /// Why it stopped early, if it did.
    public var stopReason: StopReason?
    /// The options that shaped the run.
    public var jobs: Int
    /// `--tag` values.
    public var includeTags: [String]
    /// `--exclude-tag` values.
    public var excludeTags: [String]
    /// Whether `--fail-fast` was given.
    public var failFast: Bool
    /// `--max-failures`, if given.
    public var maxFailures: Int?
    /// The suite instances (one per matrix combination), in plan order.
    public var suites: [SuiteResult]
    /// Release gating: policy, shard, baseline marks, trend (`docs/gating.md`); `nil` when no gate option was given.
    public var gate: RunGate?
    /// The machine the run ran on, so reports rendered elsewhere name it; `nil` when not recorded.
    public var hostname: String?

    /// Whether the run was interrupted, so its results are partial.
    public var isInterrupted: Bool { stopReason == .interrupted }

    /// Counts over every step.
    public var totals: RunTotals {
        var totals = RunTotals()
        totals.suites = suites.count
        for suite in suites {
            for step in suite.steps {
                totals.add(step.outcome)
            }
        }
        return totals
    }
}

/// Step counts by outcome.
public struct RunTotals: Sendable, Equatable {
    /// Suite instances.
    public var suites = 0
    /// Steps (matrix cases counted).
    public var steps = 0
    /// Steps that passed.
    public var passed = 0
    /// Steps that failed a check or an expectation.
    public var failed = 0
    /// Steps that could not complete (transport error, unresolvable template).
    public var errors = 0
    /// Steps not run.
    public var skipped = 0

    /// Creates zero totals.
    public init() {}

    mutating func add(_ outcome: CaseResult.Outcome) {
        steps += 1
        switch outcome {
        case .passed: passed += 1
        case .failed: failed += 1
        case .error: errors += 1
        case .skipped: skipped += 1
        }
    }
}
