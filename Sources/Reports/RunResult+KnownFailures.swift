import Diagnostics
import Runner

extension RunResult {
    /// The run as JUnit shows it under a baseline.
    ///
    /// Each known failure (every failure of the step covered by a live baseline entry) becomes a skipped step
    /// whose reason names the entry, so CI counts it as neither failed nor passed. Expired and new failures stay failures. Without baseline marks the run is returned unchanged.
    var knownFailuresSkipped: RunResult {
        let index = GateMarkIndex(gate)
        guard !index.isEmpty else { return self }
        var view = self
        for suiteIndex in view.suites.indices {
            let suite = view.suites[suiteIndex]
            for stepIndex in suite.steps.indices {
                let step = suite.steps[stepIndex]
                guard case .known(let mark) = index.status(of: step, in: suite) else { continue }
                var skipped = step
                skipped.outcome = .skipped
                skipped.skipReason = Self.knownReason(mark, step: step)
                view.suites[suiteIndex].steps[stepIndex] = skipped
            }
        }
        return view
    }

    /// `known failure (baseline): REASON — owner X, expires D, ISSUE; FIRST PROBLEM`.
    static func knownReason(_ mark: BaselineMark, step: CaseResult) -> String {
        var text = "known failure (baseline \(mark.location)): \(mark.reason) — owner \(mark.owner), expires "
        text += mark.expires
        if let issue = mark.issue { text += ", \(issue)" }
        if let first = step.findings.first {
            text += "; \(first.check): \(first.message)"
        } else if let error = step.error {
            text += "; \(error.kind): \(error.message)"
        }
        return text
    }
}
