public import Diagnostics
public import Foundation
public import JSON
public import Suites

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
