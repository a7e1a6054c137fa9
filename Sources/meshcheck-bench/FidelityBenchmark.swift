import Fidelity
import Foundation
import MockServer
import OpenAPI
import Runner
import Suites

/// `fidelity.compare` and `fidelity.diff`: what compare mode costs over running the suites.
///
/// 1. The shipped suites (`suites/`) are loaded and linted once; two embedded mocks start (one event loop each).
/// 2. Reference: both mocks run the plan at once, plainly (`SuiteRunner`, `--jobs 2` each), as two `meshcheck run`s
///    would. Ours: ``FidelityRun`` runs the same two plans and ``FidelityComparison`` pairs and compares every step.
///    Median of 3 after a warm-up, alternating.
/// 3. `fidelity.diff` times the comparison alone on the last pair of results, against the two plain runs: how many
///    steps per second compare mode compares, and how small that is beside talking to the servers.
enum FidelityBenchmark {
    static func run() async -> [String] {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let document: OpenAPIDocument
        do {
            document = try OpenAPILoader.load(
                try SpecSource.load(path: root.appendingPathComponent(OpenAPIDocument.defaultSpecPath).path)
            )
        } catch {
            return ["fidelity.compare  skipped: \(error)"]
        }
        var set = SuiteLoader.load([root.appendingPathComponent("suites").path])
        SuiteLoader.lint(&set, against: document, environment: [:])
        guard !set.hasErrors else { return ["fidelity.compare  skipped: the shipped suites have lint errors"] }
        let mocks: [ReferenceMock]
        do {
            var configuration = MockConfiguration(document: document)
            configuration.eventLoopCount = 1
            mocks = [try ReferenceMock.start(configuration), try ReferenceMock.start(configuration)]
        } catch {
            return ["fidelity.compare  skipped: \(error)"]
        }
        defer { for mock in mocks { mock.stop() } }
        let plans = { () -> [RunPlan] in
            mocks.map { mock in
                var configuration = RunConfiguration(
                    baseURL: mock.baseURL,
                    serverName: "bench",
                    credentials: ClientCredentials(clientID: "bench-client-id", clientSecret: "bench-client-secret")
                )
                configuration.jobs = 2
                return RunPlan(suites: set.suites, document: document, configuration: configuration)
            }
        }
        let comparison = FidelityComparison(document: document, suites: set.suites, configuration: .init())
        let clock = ContinuousClock()
        var plain: [Double] = []
        var compared: [Double] = []
        var last: (RunResult, RunResult)?
        var steps = 0
        var drifts = 0
        for round in 0..<4 {
            let pair = plans()
            let plainStart = clock.now
            async let left = try? SuiteRunner().run(pair[0])
            async let right = try? SuiteRunner().run(pair[1])
            let results = await (left, right)
            let plainTime = clock.now - plainStart
            let next = plans()
            let compareStart = clock.now
            let outcome = await FidelityRun().run(reference: next[0], candidate: next[1])
            guard let reference = outcome.reference.result, let candidate = outcome.candidate.result else {
                let reason = outcome.reference.unreachable ?? outcome.candidate.unreachable ?? ""
                return ["fidelity.compare  failed: \(reason)"]
            }
            let report = comparison.compare(reference: reference, candidate: candidate)
            let compareTime = clock.now - compareStart
            guard round > 0 else { continue }
            plain.append(seconds(plainTime))
            compared.append(seconds(compareTime))
            last = (reference, candidate)
            steps = report.comparedCount
            drifts = report.driftCount
            if results.0 == nil || results.1 == nil { return ["fidelity.compare  failed: a plain run failed"] }
        }
        guard let (reference, candidate) = last else { return ["fidelity.compare  failed: no run"] }
        let plainMedian = median(plain)
        let diff = BenchmarkClock.median(runs: 7) {
            _ = comparison.compare(reference: reference, candidate: candidate)
        }
        let rate = Int((Double(steps) / diff).rounded())
        return [
            BenchmarkFigure(
                name: "fidelity.compare",
                input: "shipped suites, \(steps) steps × 2 mocks, --jobs 2 each, \(drifts) drifts",
                ours: median(compared),
                referenceName: "two plain runs at once",
                reference: plainMedian,
                runs: 3
            ).line,
            BenchmarkFigure(
                name: "fidelity.diff",
                input: "\(steps) step pairs compared (\(rate) steps/s)",
                ours: diff,
                referenceName: "two plain runs at once",
                reference: plainMedian
            ).line,
        ]
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func median(_ samples: [Double]) -> Double {
        let sorted = samples.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
