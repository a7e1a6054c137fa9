import Diagnostics
import Foundation
import Gating
import Reports
import Runner
import Suites

/// Release gating around one `meshcheck run`: the baseline and earlier results loaded before the run, the shard
/// chosen, the gate record added after it, `--update-baseline`, and the GATE line with its exit code.
struct GateRun {
    let options: GateOptions
    private(set) var baseline: Baseline?
    let previous: [RunResult]
    let today: String

    /// Loads the baseline and earlier results; prints why and returns `nil` when they cannot be used (exit 2).
    static func prepare(_ options: GateOptions, console: Console) -> GateRun? {
        let today = BaselineDate.day(secondsSince1970: Date().timeIntervalSince1970)
        var baseline: Baseline?
        if let path = options.baselinePath {
            if let data = FileManager.default.contents(atPath: path) {
                guard let loaded = load(path: path, bytes: [UInt8](data), console: console) else { return nil }
                baseline = loaded
            } else if options.updatesBaseline {
                baseline = Baseline(path: path, entries: [])
            } else {
                console.printError(console.colored("error:", .red) + " cannot read baseline file '\(path)'")
                return nil
            }
        }
        var previous: [RunResult] = []
        if let path = options.previousPath {
            do {
                let history = try ResultsHistory.load(path)
                for message in history.skipped {
                    console.printError(console.colored("warning:", .yellow) + " --previous: skipped \(message)")
                }
                previous = history.runs
            } catch {
                console.printError(console.colored("error:", .red) + " --previous: \(error.message)")
                return nil
            }
        }
        return GateRun(options: options, baseline: baseline, previous: previous, today: today)
    }

    private static func load(path: String, bytes: [UInt8], console: Console) -> Baseline? {
        do {
            return try Baseline.load(bytes, path: path)
        } catch {
            let source = SourceText(path: path, bytes: bytes)
            for diagnostic in error.diagnostics {
                console.printError(diagnostic.rendered(withSnippetFrom: source))
            }
            let count = error.diagnostics.count
            console.printError(
                console.colored("error:", .red) + " \(Plural.count(count, "problem")) in the baseline; nothing was run"
            )
            return nil
        }
    }

    /// The suites of this job's shard (all of them without `--shard`) and the shard's record.
    func shard(_ suites: [Suite]) -> ([Suite], ShardRecord?) {
        guard let selection = options.shard else { return (suites, nil) }
        let planner = ShardPlanner(count: selection.count, previous: previous.last)
        let ids = suites.map(\.id)
        let assignments = planner.assignments(for: ids)
        let mine = zip(suites, assignments).filter { $0.1 == selection.index }.map(\.0)
        return (mine, planner.record(index: selection.index, suiteIDs: ids))
    }

    /// The run with its gate record: policy, shard, baseline marks and trend.
    ///
    /// Marks are taken after `--update-baseline` appended the new failures. Unchanged without a gate option.
    mutating func annotate(_ result: RunResult, shard: ShardRecord?, console: Console) -> RunResult {
        guard options.isActive else { return result }
        var result = result
        let marks = baseline?.marks(for: result, today: today) ?? []
        result.gate = RunGate(policy: options.policy, shard: shard, baselinePath: baseline?.path, marks: marks)
        if options.updatesBaseline, let current = baseline {
            updateBaseline(current, result: &result, console: console)
        }
        if options.previousPath != nil {
            let trend = TrendAnalyzer.trend(of: result, against: previous)
            result.gate?.trend = trend
        }
        return result
    }

    private mutating func updateBaseline(_ current: Baseline, result: inout RunResult, console: Console) {
        let expires =
            options.expires ?? BaselineDate.day(secondsSince1970: Date().timeIntervalSince1970 + 30 * 86_400)
        let owner = options.owner ?? ProcessInfo.processInfo.environment["USER"] ?? "unassigned"
        let added = current.newEntriesText(for: result, reason: options.reason ?? "", owner: owner, expires: expires)
        guard added.count > 0 else {
            console.print("baseline: no new failures to add to \(current.path)")
            return
        }
        var existing = FileManager.default.contents(atPath: current.path).map { [UInt8]($0) } ?? []
        if current.entries.isEmpty {
            // An empty (or absent) baseline is written afresh: `[]` or comments alone cannot be appended to.
            existing = Array("# meshcheck baseline: accepted failures (docs/gating.md)\n".utf8)
        } else if let last = existing.last, last != UInt8(ascii: "\n") {
            existing.append(UInt8(ascii: "\n"))
        }
        let bytes = existing + Array(added.text.utf8)
        do {
            try ReportFile.writeAtomically(bytes, to: current.path)
            let reloaded = try Baseline.load(bytes, path: current.path)
            baseline = reloaded
            let marks = reloaded.marks(for: result, today: today)
            result.gate?.marks = marks
            console.print("baseline: added \(added.count) \(added.count == 1 ? "entry" : "entries") to \(current.path)")
        } catch {
            console.printError(console.colored("error:", .red) + " cannot update the baseline: \(error)")
        }
    }

    /// Prints what the baseline says (expired entries as errors, fixed ones as warnings) and the GATE line; the exit
    /// code the gate decides, or `nil` when no gate option was given.
    static func finish(_ result: RunResult, console: Console) -> ExitCode? {
        guard let gate = result.gate else { return nil }
        for mark in gate.marks where mark.status == .expired {
            console.printError(
                "\(mark.location): " + console.colored("error:", .red)
                    + " baseline entry expired on \(mark.expires) and \(mark.key) still fails [\(mark.check)]: "
                    + "\(mark.reason) (owner \(mark.owner))"
            )
        }
        for mark in gate.marks where mark.status == .fixed {
            console.printError(
                "\(mark.location): " + console.colored("warning:", .yellow)
                    + " \(mark.key) no longer fails [\(mark.check)]: fixed — remove the baseline entry"
            )
        }
        let verdict = result.gateVerdict
        console.print(console.colored(verdict.line, verdict.isPassing ? .green : .red))
        return verdict.isPassing ? .success : .testFailures
    }
}
