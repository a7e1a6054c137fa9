import Diagnostics
import Gating
import JSON
import Runner
import Testing

struct ShardingTests {
    typealias F = GatingFixture

    /// The shards of `full`, as `count` jobs running `--shard i/count` would record them.
    static func shards(
        of full: RunResult,
        count: Int,
        previous: RunResult? = nil
    ) -> [(path: String, result: RunResult)] {
        let planner = ShardPlanner(count: count, previous: previous)
        let ids = full.suites.map(\.id)
        let assignments = planner.assignments(for: ids)
        return (1...count).map { index in
            var shard = full
            shard.runID = "shard-\(index)"
            shard.suites = zip(full.suites, assignments).filter { $0.1 == index }.map(\.0)
            shard.gate = RunGate(shard: planner.record(index: index, suiteIDs: ids))
            return ("results-\(index).json", shard)
        }
    }

    static func stepKeys(_ result: RunResult) -> [String] {
        result.suites.flatMap { suite in suite.steps.map { "\(suite.id) › \(suite.name) › \($0.name)" } }
    }

    @Test(arguments: 1...7) func shardsCoverEveryStepOnceAndMergeToTheUnshardedRun(count: Int) throws {
        let full = try F.run(F.manySuites(40))
        for previous in [nil, try F.run(F.manySuites(30), runID: "earlier")] {
            let shards = Self.shards(of: full, count: count, previous: previous)
            let covered = shards.flatMap { Self.stepKeys($0.result) }
            #expect(covered.count == Self.stepKeys(full).count)
            #expect(Set(covered) == Set(Self.stepKeys(full)))
            let merged = try ResultsMerger.merge(shards.reversed())
            #expect(merged.totals == full.totals)
            #expect(Self.stepKeys(merged) == Self.stepKeys(full), "the merge restores plan order")
            #expect(merged.gate?.mergedRuns == (1...count).map { "shard-\($0)" })
            #expect(merged.gate?.shard == nil)
        }
    }

    @Test func aMergeNamesTheMachineOnlyWhenEveryShardRanOnIt() throws {
        var shards = Self.shards(of: try F.run(F.manySuites(8)), count: 2)
        for index in shards.indices {
            shards[index].result.hostname = "ci-runner-1"
        }
        #expect(try ResultsMerger.merge(shards).hostname == "ci-runner-1")
        shards[1].result.hostname = "ci-runner-2"
        #expect(try ResultsMerger.merge(shards).hostname == nil)
    }

    @Test func durationsBalanceTheShards() throws {
        let previous = try F.run(F.manySuites(40))
        let planner = ShardPlanner(count: 4, previous: previous)
        let ids = previous.suites.map(\.id)
        #expect(planner.strategy(for: ids) == .durations)
        var loads = [Double](repeating: 0, count: 4)
        var longest = 0.0
        for (suite, shard) in zip(previous.suites, planner.assignments(for: ids)) {
            let milliseconds = Double(suite.duration.components.attoseconds) / 1e15
            loads[shard - 1] += milliseconds
            longest = max(longest, milliseconds)
        }
        let hashed = ShardPlanner(count: 4).assignments(for: ids)
        #expect(ShardPlanner(count: 4).strategy(for: ids) == .hash)
        #expect(Set(hashed).count == 4)
        // Longest first onto the lightest shard: the spread is at most the longest single suite.
        #expect((loads.max() ?? 0) - (loads.min() ?? 0) <= longest)
        let hashedLoads = (1...4).map { shard in
            zip(previous.suites, hashed).filter { $0.1 == shard }.reduce(0.0) {
                $0 + Double($1.0.duration.components.attoseconds) / 1e15
            }
        }
        #expect((loads.max() ?? 0) < (hashedLoads.max() ?? 0), "balancing beats hashing on the longest shard")
    }

    @Test func theHashIsStableAcrossVersionsAndMachines() {
        #expect(ShardPlanner.hash("suites/auth/authenticate-mfa.yaml") == 16_875_041_493_158_139_566)
        #expect(ShardPlanner(count: 4).assignments(for: ["a", "b", "c", "suites/x.yaml"]) == [4, 1, 3, 2])
    }

    @Test func shardSelectionsAreChecked() {
        #expect(ShardSelection(parsing: "2/4") != nil)
        for text in ["0/4", "5/4", "1/0", "1/257", "a/4", "2", "2/4/1", ""] {
            #expect(ShardSelection(parsing: text) == nil, "\(text)")
        }
    }

    @Test func mergeRefusesShardsThatDoNotFit() throws {
        let full = try F.run(F.manySuites(12))
        let three = Self.shards(of: full, count: 3)
        func message(_ inputs: [(path: String, result: RunResult)]) -> String {
            do {
                _ = try ResultsMerger.merge(inputs)
                return "merged"
            } catch {
                return error.description
            }
        }
        #expect(
            message([three[0], three[2]])
                == "incomplete shard set: 2 of 3 shards given; missing 2/3"
        )
        #expect(
            message([three[0], three[1], three[1], three[2]]).hasPrefix("shard 2/3 was given twice: results-2.json")
        )
        #expect(
            message([three[0], ("plain.json", full)])
                == "plain.json is not a shard's results (run with --shard i/n); nothing to merge it with"
        )
        var otherSpec = three[1]
        otherSpec.result.specVersion = "2.0"
        #expect(
            message([three[0], otherSpec, three[2]])
                == "results-2.json ran spec Mesh 2.0 but results-1.json ran Mesh 1.0; shards of different spec "
                + "versions cannot be merged"
        )
        let four = Self.shards(of: full, count: 4)
        #expect(message([three[0], four[1]]).hasPrefix("results-2.json and results-1.json come from different splits"))
        var overlapping = three[1]
        overlapping.result.suites += three[2].result.suites.prefix(1)
        #expect(message([three[0], overlapping, three[2]]).hasPrefix("suite suites/"))
        var policy = three[1]
        policy.result.gate?.policy = GatePolicy(failOn: .any)
        #expect(
            message([three[0], policy, three[2]]).hasSuffix(
                "used different gate policies (--fail-on, --allow-failures)"
            )
        )
        #expect(message([]) == "no results files to merge")
    }

    @Test func mergedMarksAndTheGateRecordSurviveResultsJSON() throws {
        let full = try F.run(F.manySuites(12))
        var shards = Self.shards(of: full, count: 2)
        let failing = try #require(full.suites.first { $0.steps.contains { $0.outcome == .failed } })
        let owner = try #require(shards.firstIndex { $0.result.suites.contains { $0.id == failing.id } })
        shards[owner].result.gate?.marks = [
            BaselineMark(
                status: .known,
                key: StepKey(suiteID: failing.id, suite: failing.name, step: failing.steps[0].name),
                check: "response-schema",
                reason: "MESH-1",
                owner: "team",
                expires: "2999-01-01",
                issue: "https://example.com/MESH-1",
                location: .init(path: "b.yaml", line: 1, column: 3)
            )
        ]
        var merged = try ResultsMerger.merge(shards)
        merged.gate?.trend = TrendRecord(
            previousRuns: ["r0"],
            newFailures: [StepKey(suiteID: "s", suite: "S", step: "t")],
            fixed: [],
            flaky: [.init(key: StepKey(suiteID: "s", suite: "S", step: "u"), reason: "passed on attempt 2")],
            durationChanges: [
                .init(
                    key: StepKey(suiteID: "s", suite: "S", step: "v"),
                    previousMilliseconds: 1.5,
                    currentMilliseconds: 300
                )
            ]
        )
        let bytes = ResultsDocument.bytes(of: merged)
        let read = try ResultsDocument.read(bytes, path: "merged.json")
        #expect(read.gate == merged.gate)
        #expect(ResultsDocument.bytes(of: read) == bytes)
        #expect(read.gateVerdict.known == 1)
        for shard in shards {
            let again = try ResultsDocument.read(ResultsDocument.bytes(of: shard.result), path: shard.path)
            #expect(again.gate == shard.result.gate)
        }
    }
}
