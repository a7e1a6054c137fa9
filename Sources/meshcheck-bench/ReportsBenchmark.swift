import Foundation
import JSON
import Reports
import Runner

/// Rendering a 5,000-step run (copies of the 12-step fixture of the report tests, failures kept in one copy in ten)
/// as JUnit XML and HTML, against writing its results.json, the same data as JSON.
enum ReportsBenchmark {
    static func run() -> [String] {
        guard let result = largeRun(steps: 5000) else {
            return ["report  skipped: Tests/ReportsTests/__Fixtures__/mixed-results.json is absent"]
        }
        let reference = BenchmarkClock.median(runs: 5) { _ = ResultsDocument.bytes(of: result) }
        let junit = JUnitXMLWriter(hostname: "bench")
        let html = HTMLReportWriter()
        let junitTime = BenchmarkClock.median(runs: 5) { _ = junit.xml(for: result) }
        let htmlTime = BenchmarkClock.median(runs: 5) { _ = html.html(for: result) }
        let size = html.html(for: result).utf8.count
        return [
            BenchmarkFigure(
                name: "report.junit",
                input: "5000 steps",
                ours: junitTime,
                referenceName: "results.json",
                reference: reference,
                runs: 5
            ).line,
            BenchmarkFigure(
                name: "report.html",
                input: "5000 steps (\(size / 1_000_000) MB)",
                ours: htmlTime,
                referenceName: "results.json",
                reference: reference,
                runs: 5
            ).line,
        ]
    }

    /// The fixture's suites repeated (each copy a new suite file) until the run has `steps` steps.
    static func largeRun(steps: Int) -> RunResult? {
        let fixture = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/ReportsTests/__Fixtures__/mixed-results.json")
        guard let data = FileManager.default.contents(atPath: fixture.path),
            case .object(var document)? = try? JSONParser.parse([UInt8](data)),
            let suites = document["suites"]?.arrayValue
        else { return nil }
        var copies: [JSONValue] = []
        var count = 0
        var copy = 0
        while count < steps {
            for suite in suites where count < steps {
                guard case .object(var object) = suite else { continue }
                for key in ["id", "path", "name"] {
                    object[key] = .string((object[key]?.stringValue ?? "") + "-\(copy)")
                }
                if copy % 10 != 0, let steps = object["steps"]?.arrayValue {
                    object["steps"] = .array(steps.map(passing))
                }
                count += object["steps"]?.arrayValue?.count ?? 0
                copies.append(.object(object))
            }
            copy += 1
        }
        document["suites"] = .array(copies)
        return try? ResultsDocument.read(JSONWriter().bytes(of: .object(document)), path: "bench")
    }

    /// A failed or errored step turned into a passing one.
    private static func passing(_ step: JSONValue) -> JSONValue {
        guard case .object(var object) = step, object["outcome"] == "failed" || object["outcome"] == "error" else {
            return step
        }
        object["outcome"] = "passed"
        object["findings"] = []
        object["error"] = .null
        return .object(object)
    }
}
