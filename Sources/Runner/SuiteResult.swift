public import Diagnostics
public import Foundation
public import JSON

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
