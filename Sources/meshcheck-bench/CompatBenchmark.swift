import Compat
import Foundation
import JSON
import OpenAPI

/// `compat`: the breaking-change diff on GitHub's spec against itself with one change, and on Mesh's oldest and
/// newest versions; specs are loaded once, outside the timing.
///
/// oasdiff, the reference for this kind of tool, is a Go binary that is not installed here (and is not fetched), so
/// these lines are absolute times without a ratio.
enum CompatBenchmark {
    static let runs = 5

    static func run(shared: URL) -> [String] {
        var lines = ["compat  reference: none (oasdiff is not available here); absolute times"]
        lines.append(github(shared: shared))
        lines.append(mesh(shared: shared))
        return lines
    }

    /// GitHub's spec against a copy in which `POST /repos/{owner}/{repo}/issues` requires one more body property.
    private static func github(shared: URL) -> String {
        let path = shared.appendingPathComponent("corpora/openapi/github/api.github.com.json").path
        guard let source = try? SpecSource.load(path: path), let old = try? OpenAPILoader.load(source) else {
            return "compat  skipped: \(path) is absent"
        }
        let schema = JSONPointer(tokens: [
            "paths", "/repos/{owner}/{repo}/issues", "post", "requestBody", "content", "application/json", "schema",
        ])
        var changed = source.value
        guard changed.setValue(["type": "string"], at: schema.appending("properties").appending("meshcheck_ticket")),
            case .array(var required)? = changed.value(at: schema.appending("required"))
        else {
            return "compat  skipped: GitHub's spec has no inline body schema for POST /repos/{owner}/{repo}/issues"
        }
        required.append("meshcheck_ticket")
        changed.setValue(.array(required), at: schema.appending("required"))
        let text = JSONWriter(isPretty: true).string(of: changed)
        guard let changedSource = try? SpecSource.parse(Array(text.utf8), path: "api.github.com+1.json"),
            let new = try? OpenAPILoader.load(changedSource)
        else {
            return "compat  skipped: the changed GitHub spec did not load"
        }
        var report = CompatChecker.compare(old: old, new: new)
        let seconds = BenchmarkClock.median(runs: runs) { report = CompatChecker.compare(old: old, new: new) }
        let found = report.changes.map(\.rule.id).joined(separator: ", ")
        return line(input: "api.github.com.json vs itself + 1 required request property", seconds: seconds)
            + "  [\(report.changes.count) change\(report.changes.count == 1 ? "" : "s"): \(found)]"
    }

    /// Mesh's swagger.json of 2023-11-20 against that of 2026-06-03.
    private static func mesh(shared: URL) -> String {
        let history = shared.appendingPathComponent("spec/history")
        guard
            let oldSource = try? SpecSource.load(path: history.appendingPathComponent("2023-11-20-4a2944e.json").path),
            let newSource = try? SpecSource.load(path: history.appendingPathComponent("2026-06-03-9dc7df8.json").path),
            let old = try? OpenAPILoader.load(oldSource), let new = try? OpenAPILoader.load(newSource)
        else {
            return "compat  skipped: \(history.path) is absent"
        }
        var report = CompatChecker.compare(old: old, new: new)
        let seconds = BenchmarkClock.median(runs: runs) { report = CompatChecker.compare(old: old, new: new) }
        return line(input: "mesh 2023-11-20 → 2026-06-03", seconds: seconds) + "  [\(report.countsDescription)]"
    }

    private static func line(input: String, seconds: Double) -> String {
        "compat  \(input)  meshcheck \(String(format: "%.4f", seconds))s  (median of \(runs))"
    }
}
