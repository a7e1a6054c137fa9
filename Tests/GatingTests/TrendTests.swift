import Diagnostics
import Gating
import JSON
import Runner
import Testing

struct TrendTests {
    typealias F = GatingFixture

    /// A run of one suite whose steps have the outcomes given (`P` passed, `F` failed, `S` skipped, `-` absent).
    static func run(_ outcomes: [String: Character], index: Int, durations: [String: Double] = [:]) throws -> RunResult
    {
        let steps = outcomes.keys.sorted().compactMap { name -> F.Step? in
            let outcome: String
            switch outcomes[name] {
            case "P": outcome = "passed"
            case "F": outcome = "failed"
            case "S": outcome = "skipped"
            default: return nil
            }
            return F.step(
                name,
                outcome,
                checks: outcome == "failed" ? ["expect.status"] : [],
                ms: durations[name] ?? 10
            )
        }
        let minute = index < 10 ? "0\(index)" : "\(index)"
        return try F.run(
            [F.SuiteSpec(id: "suites/t.yaml", name: "T", steps: steps)],
            runID: "r\(index)",
            startedAt: "2026-12-01T00:\(minute):00.000Z"
        )
    }

    /// Histories, oldest first, the last being the current run.
    static let histories: [String: String] = [
        "a-newly-failing": "PPPF",
        "b-fixed": "FFFP",
        "c-still-failing": "FFFF",
        "d-flip-flop": "PFPP",
        "e-steady": "PPPP",
        "f-new-and-failing": "---F",
        "g-skipped-now": "PFPS",
        "h-fails-after-skips": "PSSF",
    ]

    static func history(durations: [Int: [String: Double]] = [:]) throws -> [RunResult] {
        try (0..<4).map { index in
            var outcomes: [String: Character] = [:]
            for (name, history) in histories {
                outcomes[name] = Array(history)[index]
            }
            return try run(outcomes, index: index, durations: durations[index] ?? [:])
        }
    }

    @Test func outcomesAreClassifiedAgainstEarlierRuns() throws {
        let runs = try Self.history()
        let trend = TrendAnalyzer.trend(of: runs[3], against: Array(runs[0..<3]))
        #expect(trend.previousRuns == ["r0", "r1", "r2"])
        #expect(trend.newFailures.map(\.step) == ["a-newly-failing", "f-new-and-failing", "h-fails-after-skips"])
        #expect(trend.fixed.map(\.step) == ["b-fixed"])
        #expect(trend.flaky.map(\.key.step) == ["d-flip-flop"])
        #expect(trend.flaky.first?.reason == "outcome changed 2 times in the last 4 runs")
        #expect(trend.durationChanges.isEmpty)
    }

    @Test func aPassOnRetryIsFlakyEvenTheFirstTime() throws {
        var retried = F.step("login")
        retried.attempts = 3
        let current = try F.run([F.SuiteSpec(id: "suites/t.yaml", name: "T", steps: [retried])])
        let trend = TrendAnalyzer.trend(of: current, against: [])
        #expect(trend.flaky.map(\.reason) == ["passed on attempt 3"])
        #expect(trend.newFailures.isEmpty && trend.fixed.isEmpty && trend.previousRuns.isEmpty)
    }

    @Test func durationChangesNeedHalfAgainAndATenthOfASecond() throws {
        let before: [String: Double] = ["e-steady": 100, "a-newly-failing": 10, "b-fixed": 400]
        let runs = try Self.history(durations: [
            0: before, 1: before, 2: before, 3: ["e-steady": 400, "a-newly-failing": 40, "b-fixed": 150],
        ])
        let trend = TrendAnalyzer.trend(of: runs[3], against: Array(runs[0..<3]))
        #expect(trend.durationChanges.map(\.key.step) == ["e-steady", "b-fixed"])
        #expect(trend.durationChanges.first?.previousMilliseconds == 100)
        #expect(trend.durationChanges.first?.currentMilliseconds == 400)
    }

    @Test func onlyTheLatestRunsCount() throws {
        let earlier = try (0..<12).map { try Self.run(["x": $0 % 2 == 0 ? "P" : "F"], index: $0) }
        let current = try Self.run(["x": "P"], index: 40)
        let trend = TrendAnalyzer.trend(of: current, against: earlier)
        #expect(trend.previousRuns == (2..<12).map { "r\($0)" })
        #expect(trend.fixed.map(\.step) == ["x"])
        #expect(trend.flaky.first?.reason == "outcome changed 10 times in the last 11 runs")
    }
}
