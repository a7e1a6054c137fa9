import Diagnostics
public import Runner

/// Runs one plan against two servers at once and compares the results.
///
/// 1. Run: the same suites, in the same order, against the reference and the candidate, each with its own run id
///    (so state on a shared server stays apart) and its own ``RunConfiguration``.
/// 2. Pair and compare (``FidelityComparison``).
///
/// A failing check is not drift: both runs check responses as `meshcheck run` does, but only differences between
/// the two responses count.
public struct FidelityRun: Sendable {
    /// Creates a run.
    public init() {}

    /// Runs both plans concurrently.
    ///
    /// - Parameters:
    ///   - reference: The plan against the reference server.
    ///   - candidate: The same suites against the candidate.
    ///   - events: Progress of either run, with `true` for the reference.
    /// - Returns: Both results; a run that could not reach its server comes back partial with the reason.
    public func run(
        reference: RunPlan,
        candidate: RunPlan,
        events: @escaping @Sendable (Bool, RunEvent) -> Void = { _, _ in }
    ) async -> (reference: Outcome, candidate: Outcome) {
        async let left = Self.run(reference) { events(true, $0) }
        async let right = Self.run(candidate) { events(false, $0) }
        return await (left, right)
    }

    /// One side's run.
    public struct Outcome: Sendable {
        /// What was recorded; `nil` only when the run failed in a way the runner does not document.
        public var result: RunResult?
        /// Why the server could not be reached, if it could not.
        public var unreachable: String?
    }

    private static func run(_ plan: RunPlan, events: @escaping @Sendable (RunEvent) -> Void) async -> Outcome {
        let runner = SuiteRunner(events: events)
        do {
            return Outcome(result: try await runner.run(plan), unreachable: nil)
        } catch let error as RunError {
            switch error {
            case .serverUnreachable(let reason, let partial):
                return Outcome(result: partial, unreachable: plan.configuration.redactor.redact(reason))
            }
        } catch {
            return Outcome(result: nil, unreachable: "\(error)")
        }
    }
}
