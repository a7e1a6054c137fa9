public import Diagnostics
public import Runner
public import Suites

/// One step as both servers answered it, and the drift between the two answers.
public struct StepComparison: Sendable {
    /// The suite instance's id (path, `#N` for a later document).
    public var suiteID: String
    /// The suite instance's name, with its matrix combination.
    public var suiteName: String
    /// The step's name, with its matrix combination.
    public var name: String
    /// setup, step or teardown.
    public var phase: StepPhase
    /// Where the step is written.
    public var location: FileLocation
    /// `POST /api/v1/authenticate`, when known.
    public var operation: String?
    /// The reference's result.
    public var reference: CaseResult?
    /// The candidate's result.
    public var candidate: CaseResult?
    /// Every drift found, in body order.
    public var drifts: [Drift]

    /// Whether the step was compared: it sent a request on at least one side.
    public var isCompared: Bool {
        reference?.exchange?.response != nil || candidate?.exchange?.response != nil
    }

    /// Whether both answers agree in shape.
    public var isIdentical: Bool { drifts.isEmpty }
}

/// The whole comparison: every step of both runs, paired, and the fidelity score.
public struct FidelityReport: Sendable {
    /// The reference run.
    public var reference: RunResult
    /// The candidate run.
    public var candidate: RunResult
    /// Every step in plan order.
    public var steps: [StepComparison]
    /// How many ignore rules from suites and the configuration applied.
    public var ruleCount: Int

    /// Steps compared (a response on at least one side).
    public var comparedCount: Int { steps.filter(\.isCompared).count }

    /// Compared steps with drift.
    public var driftingCount: Int { steps.filter { $0.isCompared && !$0.isIdentical }.count }

    /// Every drift of every step.
    public var driftCount: Int { steps.reduce(0) { $0 + $1.drifts.count } }

    /// Steps identical in shape over steps compared, from 0 to 1; 1 when nothing was compared.
    public var score: Double {
        let compared = comparedCount
        guard compared > 0 else { return 1 }
        return Double(compared - driftingCount) / Double(compared)
    }

    /// The score as people read it: `100.0%`, `97.3%` (never rounded up to 100).
    public var scoreText: String {
        let tenths = Int((score * 1000).rounded(.down))
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// Drift counts by kind, in ``Drift/Kind`` order, kinds with none left out.
    public var countsByKind: [(kind: Drift.Kind, count: Int)] {
        var counts: [Drift.Kind: Int] = [:]
        for step in steps {
            for drift in step.drifts { counts[drift.kind, default: 0] += 1 }
        }
        return Drift.Kind.allCases.compactMap { kind in counts[kind].map { (kind, $0) } }
    }
}
