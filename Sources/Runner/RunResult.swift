public import Diagnostics
public import Foundation
public import JSON
public import Suites

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

/// One suite instance: a suite, or one matrix combination of it.
public struct SuiteResult: Sendable {
    /// The suite's id (its path, `#N` for a later document).
    public var id: String
    /// The suite file.
    public var path: String
    /// The name, with the matrix combination: `Authenticate [brokerType=robinhood]`.
    public var name: String
    /// The name as written.
    public var suiteName: String
    /// The description.
    public var description: String?
    /// The tags.
    public var tags: [String]
    /// The matrix values of this instance.
    public var matrix: JSONObject
    /// Where the suite starts.
    public var location: FileLocation
    /// Why the whole suite was skipped, if it was.
    public var skipReason: String?
    /// When it started.
    public var startedAt: Date?
    /// How long it took.
    public var duration: Duration
    /// Setup, main and teardown steps in run order (matrix cases expanded).
    public var steps: [CaseResult]

    /// `failed` when any step failed or errored, `skipped` when every step was skipped, else `passed`.
    public var outcome: CaseResult.Outcome {
        if steps.contains(where: { $0.outcome == .failed || $0.outcome == .error }) { return .failed }
        if !steps.isEmpty && steps.allSatisfy({ $0.outcome == .skipped }) { return .skipped }
        if steps.isEmpty && skipReason != nil { return .skipped }
        return .passed
    }
}

/// One step (or one matrix case of it) and what happened.
public struct CaseResult: Sendable {
    /// How a step ended.
    public enum Outcome: String, Sendable, Hashable {
        /// Every expectation and enabled check held.
        case passed
        /// An expectation or check failed.
        case failed
        /// The step could not complete: a transport error, a template that could not be resolved.
        case error
        /// The step did not run.
        case skipped
    }

    /// The name, with the step's matrix combination: `login [mfa=phone]`.
    public var name: String
    /// The name as written.
    public var stepName: String
    /// setup, step or teardown.
    public var phase: StepPhase
    /// The position within the phase.
    public var index: Int
    /// Where the step is written.
    public var location: FileLocation
    /// `POST /api/v1/authenticate`, when the step reaches an operation.
    public var operation: String?
    /// The operation's operationId.
    public var operationID: String?
    /// The step's matrix values.
    public var matrix: JSONObject
    /// Whether the step is `negative: true`.
    public var isNegative: Bool
    /// How it ended.
    public var outcome: Outcome
    /// Why it was skipped.
    public var skipReason: String?
    /// Why it could not complete.
    public var error: StepError?
    /// Every failed expectation and check.
    public var findings: [Finding]
    /// Automatic checks switched off for the step, with their reasons.
    public var disabledChecks: [String: String]
    /// The request and response, redacted and bounded.
    public var exchange: ExchangeRecord?
    /// Values captured, as shown (secrets masked, shortened).
    public var captures: [String: String]
    /// How many attempts were made.
    public var attempts: Int
    /// When it started.
    public var startedAt: Date?
    /// How long it took, retries included.
    public var duration: Duration
    /// Where the time went.
    public var phases: PhaseTimings

    /// A result for a step that did not run.
    ///
    /// - Parameters:
    ///   - step: The step.
    ///   - name: The name with its matrix label.
    ///   - matrix: The matrix values.
    ///   - reason: Why it was skipped.
    /// - Returns: The result.
    public static func skipped(_ step: SuiteStep, name: String, matrix: JSONObject, reason: String) -> CaseResult {
        CaseResult(
            name: name,
            stepName: step.name,
            phase: step.phase,
            index: step.index,
            location: step.location,
            operation: nil,
            operationID: nil,
            matrix: matrix,
            isNegative: step.isNegative,
            outcome: .skipped,
            skipReason: reason,
            error: nil,
            findings: [],
            disabledChecks: [:],
            exchange: nil,
            captures: [:],
            attempts: 0,
            startedAt: nil,
            duration: .zero,
            phases: PhaseTimings()
        )
    }
}

/// Why a step could not complete.
public struct StepError: Sendable, Equatable {
    /// A short stable kind: `transport`, `template`, `operation`, `matrix`.
    public var kind: String
    /// One line saying what happened.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - kind: The kind.
    ///   - message: What happened.
    public init(kind: String, message: String) {
        self.kind = kind
        self.message = message
    }
}

/// One failed expectation or check: which one, where, expected against actual.
public struct Finding: Sendable, Equatable {
    /// The check id (`response-schema`, `mesh-error-type`, …) or expectation (`expect.status`, `expect.json`,
    /// `expect.headers`, `expect.body`, `capture`).
    public var check: String
    /// The JSON pointer into the body (or parameter, for requests) the finding is about, or the header name.
    public var pointer: String?
    /// What was expected.
    public var expected: String
    /// What was found.
    public var actual: String
    /// One line saying what is wrong.
    public var message: String
    /// Where the spec says what was expected (`suites/spec/mesh-integration-api.yaml:4040:9`).
    public var specLocation: FileLocation?
    /// The schema keyword's pointer in the spec (`#/components/schemas/ApiResult/properties/status/enum`).
    public var schemaPath: String?
    /// Where the suite states the expectation.
    public var suiteLocation: FileLocation?

    /// Creates a finding.
    ///
    /// - Parameters:
    ///   - check: The check or expectation id.
    ///   - pointer: The pointer or header name.
    ///   - expected: What was expected.
    ///   - actual: What was found.
    ///   - message: What is wrong.
    ///   - specLocation: Where the spec states it.
    ///   - schemaPath: The schema keyword's pointer.
    ///   - suiteLocation: Where the suite states it.
    public init(
        check: String,
        pointer: String? = nil,
        expected: String,
        actual: String,
        message: String,
        specLocation: FileLocation? = nil,
        schemaPath: String? = nil,
        suiteLocation: FileLocation? = nil
    ) {
        self.check = check
        self.pointer = pointer
        self.expected = expected
        self.actual = actual
        self.message = message
        self.specLocation = specLocation
        self.schemaPath = schemaPath
        self.suiteLocation = suiteLocation
    }
}

/// Time spent in each part of a step, for the benchmark's cost split and for slow-step hunting.
public struct PhaseTimings: Sendable, Equatable {
    /// Building the request and the HTTP exchange (retries and their pauses included).
    public var send: Duration = .zero
    /// Parsing the response body.
    public var parse: Duration = .zero
    /// Expectations and automatic checks, schema validation included.
    public var check: Duration = .zero
    /// Redacting and recording the exchange.
    public var record: Duration = .zero

    /// Zero timings.
    public init() {}
}
