/// How a step stands against the gate.
public enum StepGateStatus: Sendable, Equatable {
    /// It passed.
    case passed
    /// It was skipped.
    case skipped
    /// It failed (or errored) as live baseline entries say; the first such entry.
    case known(BaselineMark)
    /// It failed as baseline entries say, and one of them has expired; that entry.
    case expired(BaselineMark)
    /// It failed in a way no baseline entry covers.
    case new
}

/// The gate's counts and decision for a run.
public struct GateVerdict: Sendable, Equatable {
    /// Steps that passed.
    public var passed = 0
    /// Failing steps every failure of which a live baseline entry covers.
    public var known = 0
    /// Failing steps with a failure no entry covers.
    public var new = 0
    /// Failing steps covered only with the help of an expired entry.
    public var expired = 0
    /// Steps skipped.
    public var skipped = 0
    /// Baseline entries whose step ran and no longer fails: they should be removed.
    public var fixed = 0
    /// The policy applied.
    public var policy = GatePolicy()
    /// Why the run cannot pass whatever the counts say (it was interrupted), if so.
    public var incompleteReason: String?

    /// The failures counted against the gate under the policy.
    public var counted: Int {
        switch policy.failOn {
        case .new: new + expired
        case .any: new + expired + known
        }
    }

    /// Whether the gate passes: no expired entry still fails, the counted failures are within the allowance, and
    /// the run was not interrupted.
    public var isPassing: Bool {
        expired == 0 && counted <= policy.allowedFailures && incompleteReason == nil
    }

    /// `GATE: PASS (212 passed, 3 known, 0 new)`, with expired, fixed and a non-default policy when they matter.
    public var line: String {
        var text = "GATE: \(isPassing ? "PASS" : "FAIL") (\(passed) passed, \(known) known, \(new) new"
        if expired > 0 { text += ", \(expired) expired" }
        if fixed > 0 { text += ", \(fixed) fixed" }
        var notes: [String] = []
        if policy.failOn == .any { notes.append("fail-on any") }
        if policy.allowedFailures > 0 { notes.append("\(policy.allowedFailures) allowed") }
        if let incompleteReason { notes.append(incompleteReason) }
        if !notes.isEmpty { text += "; " + notes.joined(separator: ", ") }
        return text + ")"
    }
}

extension RunResult {
    /// The gate's verdict: counts by ``StepGateStatus`` under the recorded policy (the default, `fail-on new`,
    /// when the run has no gate record, so every failure is new).
    public var gateVerdict: GateVerdict {
        var verdict = GateVerdict()
        verdict.policy = gate?.policy ?? GatePolicy()
        let index = GateMarkIndex(gate)
        for suite in suites {
            for step in suite.steps {
                switch index.status(of: step, in: suite) {
                case .passed: verdict.passed += 1
                case .skipped: verdict.skipped += 1
                case .known: verdict.known += 1
                case .expired: verdict.expired += 1
                case .new: verdict.new += 1
                }
            }
        }
        verdict.fixed = gate?.marks.filter { $0.status == .fixed }.count ?? 0
        if isInterrupted { verdict.incompleteReason = "interrupted" }
        return verdict
    }
}

/// Baseline marks by step, to decide each step's ``StepGateStatus`` quickly.
public struct GateMarkIndex: Sendable {
    private let marks: [StepKey: [BaselineMark]]

    /// Indexes the known and expired marks of a gate record.
    ///
    /// - Parameter gate: The record, or `nil` for none.
    public init(_ gate: RunGate?) {
        var marks: [StepKey: [BaselineMark]] = [:]
        for mark in gate?.marks ?? [] where mark.status != .fixed {
            marks[mark.key, default: []].append(mark)
        }
        self.marks = marks
    }

    /// Whether no step is marked.
    public var isEmpty: Bool { marks.isEmpty }

    /// How a step stands: a failing step is known when each of its failures (a finding's check id, or
    /// `error:KIND`) has a mark, expired when one of those marks has expired, else new.
    ///
    /// - Parameters:
    ///   - step: The step.
    ///   - suite: Its suite instance.
    /// - Returns: The status.
    public func status(of step: CaseResult, in suite: SuiteResult) -> StepGateStatus {
        switch step.outcome {
        case .passed: return .passed
        case .skipped: return .skipped
        case .failed, .error: break
        }
        guard let marks = marks[StepKey(suiteID: suite.id, suite: suite.name, step: step.name)] else { return .new }
        var first: BaselineMark?
        var expired: BaselineMark?
        for check in step.failureChecks {
            guard
                let mark = marks.first(where: { $0.check == check && $0.status == .known })
                    ?? marks.first(where: { $0.check == check })
            else { return .new }
            first = first ?? mark
            if mark.status == .expired && expired == nil { expired = mark }
        }
        if let expired { return .expired(expired) }
        guard let first else { return .new }
        return .known(first)
    }
}

extension CaseResult {
    /// The ids a baseline entry can name for this step's failures.
    ///
    /// Each finding's check id once, in order, and `error:KIND` for a step that could not complete. Empty for a
    /// passing or skipped step.
    public var failureChecks: [String] {
        guard outcome == .failed || outcome == .error else { return [] }
        var checks: [String] = []
        for finding in findings where !checks.contains(finding.check) {
            checks.append(finding.check)
        }
        if outcome == .error { checks.append("error:\(error?.kind ?? "error")") }
        if checks.isEmpty { checks.append("failure") }
        return checks
    }
}
