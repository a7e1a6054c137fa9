import JSON
public import OpenAPI
public import Runner
public import Suites

/// Pairs the steps of two runs of the same plan and compares each pair's responses.
///
/// Steps are paired by suite instance and by phase, position and name, so a step that ran on one side only still
/// appears (with an ``Drift/Kind/exchange`` drift). Rules are the suite's `ignore:` entries plus the configuration's.
public struct FidelityComparison: Sendable {
    let comparer: ResponseComparer
    let suites: [String: Suite]
    let configuration: CompareConfiguration

    /// Creates a comparison.
    ///
    /// - Parameters:
    ///   - document: The spec.
    ///   - suites: The suites both runs ran (for `ignore:` and asserted values).
    ///   - configuration: The compare configuration's rules.
    public init(document: OpenAPIDocument, suites: [Suite], configuration: CompareConfiguration) {
        self.comparer = ResponseComparer(document: document)
        var byID: [String: Suite] = [:]
        for suite in suites { byID[suite.id] = suite }
        self.suites = byID
        self.configuration = configuration
    }

    /// Compares two runs.
    ///
    /// - Parameters:
    ///   - reference: The reference run.
    ///   - candidate: The candidate run of the same plan.
    /// - Returns: The report.
    public func compare(reference: RunResult, candidate: RunResult) -> FidelityReport {
        var candidateSteps: [String: CaseResult] = [:]
        var candidateOnly: [String] = []
        var candidateSuites: [String: SuiteResult] = [:]
        for suite in candidate.suites {
            for step in suite.steps {
                let key = Self.key(suite, step)
                candidateSteps[key] = step
                candidateOnly.append(key)
                candidateSuites[key] = suite
            }
        }
        var steps: [StepComparison] = []
        var ruleCount = configuration.ignore.count
        var countedSuites = Set<String>()
        var paired = Set<String>()
        for suite in reference.suites {
            let source = suites[suite.id]
            if countedSuites.insert(suite.id).inserted { ruleCount += source?.ignore.count ?? 0 }
            for step in suite.steps {
                let key = Self.key(suite, step)
                paired.insert(key)
                steps.append(
                    comparison(
                        suite: suite,
                        reference: step,
                        candidate: candidateSteps[key],
                        source: source,
                        runs: (reference, candidate)
                    )
                )
            }
        }
        for key in candidateOnly where !paired.contains(key) {
            guard let suite = candidateSuites[key], let step = candidateSteps[key] else { continue }
            steps.append(
                comparison(
                    suite: suite,
                    reference: nil,
                    candidate: step,
                    source: suites[suite.id],
                    runs: (reference, candidate)
                )
            )
        }
        return FidelityReport(reference: reference, candidate: candidate, steps: steps, ruleCount: ruleCount)
    }

    private func comparison(
        suite: SuiteResult,
        reference: CaseResult?,
        candidate: CaseResult?,
        source: Suite?,
        runs: (reference: RunResult, candidate: RunResult)
    ) -> StepComparison {
        let any = reference ?? candidate
        let step = any.flatMap { result in
            source?.allSteps.first { $0.phase == result.phase && $0.index == result.index }
        }
        let context = ResponseComparer.Context(
            operation: reference?.operation ?? candidate?.operation,
            operationID: reference?.operationID ?? candidate?.operationID,
            rules: configuration.ignore + (source?.ignore ?? []),
            stablePointers: step.map(Self.stablePointers) ?? [],
            stableLengths: step.map(Self.stableLengths) ?? [],
            runIDs: (runs.reference.runID, runs.candidate.runID)
        )
        return StepComparison(
            suiteID: suite.id,
            suiteName: suite.name,
            name: any?.name ?? "",
            phase: any?.phase ?? .main,
            location: any?.location ?? suite.location,
            operation: context.operation,
            reference: reference,
            candidate: candidate,
            drifts: comparer.compare(reference?.exchange, candidate?.exchange, context: context)
        )
    }

    /// The pointers a step asserts with `equals`: the suite says their values are stable.
    static func stablePointers(_ step: SuiteStep) -> [JSONPointer] {
        step.expectation.json.compactMap { assertion in
            let isEquality = assertion.predicate.conditions.contains { condition in
                if case .equals = condition { return true }
                return false
            }
            return isEquality ? assertion.pointer : nil
        }
    }

    /// The arrays whose length a step asserts with `length` or `equals`.
    static func stableLengths(_ step: SuiteStep) -> [JSONPointer] {
        step.expectation.json.compactMap { assertion in
            let fixesLength = assertion.predicate.conditions.contains { condition in
                switch condition {
                case .equals, .length: true
                default: false
                }
            }
            return fixesLength ? assertion.pointer : nil
        }
    }

    private static func key(_ suite: SuiteResult, _ step: CaseResult) -> String {
        "\(suite.id)\u{1}\(suite.name)\u{1}\(step.phase)\u{1}\(step.index)\u{1}\(step.name)"
    }
}
