import Gating
import Runner

/// Merging the 4 shards of a 5,000-step run (each read from its results.json bytes, merged, written as one), against
/// reading and writing the unsharded run's results.json; and the trend of that run against 10 earlier ones.
enum GatingBenchmark {
    static func run() -> [String] {
        guard let result = ReportsBenchmark.largeRun(steps: 5000) else {
            return ["gating  skipped: Tests/ReportsTests/__Fixtures__/mixed-results.json is absent"]
        }
        let planner = ShardPlanner(count: 4)
        let ids = result.suites.map(\.id)
        let assignments = planner.assignments(for: ids)
        let shardBytes: [[UInt8]] = (1...4).map { index in
            var shard = result
            shard.suites = zip(result.suites, assignments).filter { $0.1 == index }.map(\.0)
            shard.gate = RunGate(shard: planner.record(index: index, suiteIDs: ids))
            return ResultsDocument.bytes(of: shard)
        }
        let wholeBytes = ResultsDocument.bytes(of: result)
        let reference = BenchmarkClock.median(runs: 5) {
            if let read = try? ResultsDocument.read(wholeBytes, path: "results.json") {
                _ = ResultsDocument.bytes(of: read)
            }
        }
        let merge = BenchmarkClock.median(runs: 5) {
            var shards: [(path: String, result: RunResult)] = []
            for (index, bytes) in shardBytes.enumerated() {
                if let read = try? ResultsDocument.read(bytes, path: "results-\(index + 1).json") {
                    shards.append(("results-\(index + 1).json", read))
                }
            }
            if let merged = try? ResultsMerger.merge(shards) { _ = ResultsDocument.bytes(of: merged) }
        }
        let history = (0..<10).map { index in
            var earlier = result
            earlier.runID = "r\(index)"
            return earlier
        }
        let trendReference = BenchmarkClock.median(runs: 5) {
            _ = try? ResultsDocument.read(wholeBytes, path: "results.json")
        }
        let trend = BenchmarkClock.median(runs: 5) { _ = TrendAnalyzer.trend(of: result, against: history) }
        return [
            BenchmarkFigure(
                name: "gating.merge",
                input: "4 shards of 5000 steps",
                ours: merge,
                referenceName: "read+write results.json",
                reference: reference,
                runs: 5
            ).line,
            BenchmarkFigure(
                name: "gating.trend",
                input: "5000 steps × 10 earlier runs",
                ours: trend,
                referenceName: "read results.json",
                reference: trendReference,
                runs: 5
            ).line,
        ]
    }
}
