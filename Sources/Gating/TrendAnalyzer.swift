public import Runner

/// Compares a run with earlier runs of the same suites: newly failing, fixed, flaky and slower or faster steps.
///
/// Steps are matched by ``StepKey`` (suite id, instance name, step name). A skipped step says nothing about its
/// outcome, so skips are left out of every comparison.
///
/// - New failure: fails now, and passed in the latest earlier run where it ran (or never ran before).
/// - Fixed: passes now, and failed in the latest earlier run where it ran.
/// - Flaky: passed now only on a retry (`attempts` > 1), or its outcome (pass against fail) changed at least twice
///   across the earlier runs and this one.
/// - Duration change: at least 1.5 times slower or faster, and by at least ``minimumDurationChange``
///   milliseconds, than the median of its earlier durations; the ``maximumDurationChanges`` largest are kept.
public enum TrendAnalyzer {
    /// How many earlier runs are compared (the latest ones).
    public static let window = 10
    /// The smallest duration change reported, in milliseconds.
    public static let minimumDurationChange = 100.0
    /// The most duration changes kept.
    public static let maximumDurationChanges = 20

    /// The trend of `current` against `previous`.
    ///
    /// - Parameters:
    ///   - current: This run.
    ///   - previous: Earlier runs, oldest first; only the last ``window`` are used.
    /// - Returns: The trend, each list in this run's order (duration changes largest first).
    public static func trend(of current: RunResult, against previous: [RunResult]) -> TrendRecord {
        let runs = Array(previous.suffix(window))
        var history: [StepKey: [(outcome: CaseResult.Outcome, milliseconds: Double)]] = [:]
        for run in runs {
            for suite in run.suites {
                for step in suite.steps where step.outcome != .skipped {
                    let key = StepKey(suiteID: suite.id, suite: suite.name, step: step.name)
                    history[key, default: []].append((step.outcome, Milliseconds.of(step.duration)))
                }
            }
        }
        var newFailures: [StepKey] = []
        var fixed: [StepKey] = []
        var flaky: [TrendRecord.FlakyStep] = []
        var changes: [TrendRecord.DurationChange] = []
        for suite in current.suites {
            for step in suite.steps where step.outcome != .skipped {
                let key = StepKey(suiteID: suite.id, suite: suite.name, step: step.name)
                let earlier = history[key] ?? []
                let isFailing = step.outcome == .failed || step.outcome == .error
                let latestFailed = earlier.last.map { $0.outcome == .failed || $0.outcome == .error }
                if isFailing && latestFailed != true { newFailures.append(key) }
                if !isFailing && latestFailed == true { fixed.append(key) }
                let sequence = earlier.map { $0.outcome == .passed } + [step.outcome == .passed]
                let flips = zip(sequence, sequence.dropFirst()).filter { $0 != $1 }.count
                if step.outcome == .passed && step.attempts > 1 {
                    flaky.append(.init(key: key, reason: "passed on attempt \(step.attempts)"))
                } else if flips >= 2 {
                    flaky.append(
                        .init(key: key, reason: "outcome changed \(flips) times in the last \(sequence.count) runs")
                    )
                }
                let durations = earlier.map(\.milliseconds).sorted()
                guard !durations.isEmpty else { continue }
                let median =
                    durations.count % 2 == 1
                    ? durations[durations.count / 2]
                    : (durations[durations.count / 2 - 1] + durations[durations.count / 2]) / 2
                let now = Milliseconds.of(step.duration)
                let isNotable =
                    abs(now - median) >= minimumDurationChange && (now >= median * 1.5 || now * 1.5 <= median)
                if isNotable {
                    changes.append(.init(key: key, previousMilliseconds: median, currentMilliseconds: now))
                }
            }
        }
        let largest = changes.enumerated().sorted { lhs, rhs in
            let left = abs(lhs.element.currentMilliseconds - lhs.element.previousMilliseconds)
            let right = abs(rhs.element.currentMilliseconds - rhs.element.previousMilliseconds)
            return left != right ? left > right : lhs.offset < rhs.offset
        }
        return TrendRecord(
            previousRuns: runs.map(\.runID),
            newFailures: newFailures,
            fixed: fixed,
            flaky: flaky,
            durationChanges: largest.prefix(maximumDurationChanges).map(\.element)
        )
    }
}
