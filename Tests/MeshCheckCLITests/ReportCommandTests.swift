import Foundation
import JSON
import TestSupport
import Testing

/// `meshcheck run --report/--junit/--html` and `meshcheck report RESULTS.json` as the built binary.
struct ReportCommandTests {
    static func files(in folder: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test(.timeLimit(.minutes(3)))
    func runWritesTheChosenReportsAndReportRendersTheSameFromResults() async throws {
        let reports = try TemporaryDirectory()
        let run = try await runMeshcheck(["run", "--out", reports.path], environment: ["NO_COLOR": "1"])
        #expect(run.exitCode == 0, "stderr: \(run.stderr)")
        #expect(try Self.files(in: reports) == ["index.html", "junit.xml", "results.json"])
        let again = try TemporaryDirectory()
        let report = try await runMeshcheck(
            ["report", reports.path + "/results.json", "--out", again.path],
            environment: ["NO_COLOR": "1"]
        )
        #expect(report.exitCode == 0, "stderr: \(report.stderr)")
        #expect(report.stdout == "junit: \(again.path)/junit.xml\nhtml: \(again.path)/index.html\n")
        #expect(try again.contents(of: "junit.xml") == reports.contents(of: "junit.xml"))
        #expect(try again.contents(of: "index.html") == reports.contents(of: "index.html"))
        #expect(try Self.files(in: again) == ["index.html", "junit.xml"])

        // The run records its machine; a report rendered elsewhere names that machine, not its own.
        let recorded = try JSONParser.parse(Array(try reports.contents(of: "results.json").utf8))
        #expect(recorded["hostname"] == .string(ProcessInfo.processInfo.hostName))
        guard case .object(var object) = recorded else { throw TestSupportError("results.json is not an object") }
        object["hostname"] = "ci-runner-7"
        let moved = try TemporaryDirectory()
        let movedResults = try moved.write("results.json", JSONValue.object(object).serialized())
        let elsewhere = try await runMeshcheck(
            ["report", movedResults, "--out", moved.path, "--report", "junit"],
            environment: ["NO_COLOR": "1"]
        )
        #expect(elsewhere.exitCode == 0, "stderr: \(elsewhere.stderr)")
        let junit = try moved.contents(of: "junit.xml")
        #expect(junit.contains(#"hostname="ci-runner-7""#))
        #expect(!junit.contains(#"hostname="\#(ProcessInfo.processInfo.hostName)""#))
    }

    @Test(.timeLimit(.minutes(3)))
    func reportFlagsChooseFormatsAndPaths() async throws {
        let reports = try TemporaryDirectory()
        let elsewhere = try TemporaryDirectory()
        let outcome = try await runMeshcheck(
            [
                "run", "--out", reports.path, "--report", "json", "--junit", elsewhere.path + "/ci/junit-meshcheck.xml",
            ],
            environment: ["NO_COLOR": "1"]
        )
        #expect(outcome.exitCode == 0, "stderr: \(outcome.stderr)")
        #expect(try Self.files(in: reports) == ["results.json"])
        #expect(
            try elsewhere.contents(of: "ci/junit-meshcheck.xml").hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            )
        )
        // No temporary file is left beside a report.
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path + "/ci") == ["junit-meshcheck.xml"])
        let htmlOnly = try TemporaryDirectory()
        let report = try await runMeshcheck(
            ["report", reports.path + "/results.json", "--report", "html", "--out", htmlOnly.path],
            environment: ["NO_COLOR": "1"]
        )
        #expect(report.exitCode == 0, "stderr: \(report.stderr)")
        #expect(try Self.files(in: htmlOnly) == ["index.html"])
        #expect(try htmlOnly.contents(of: "index.html").contains("<h2>Spec coverage</h2>"))
    }

    @Test(.timeLimit(.minutes(3)))
    func withoutTheSpecTheReportSaysSoAndAnExplicitSpecMustLoad() async throws {
        let reports = try TemporaryDirectory()
        let run = try await runMeshcheck(
            ["run", "--out", reports.path, "--report", "json"],
            environment: ["NO_COLOR": "1"]
        )
        #expect(run.exitCode == 0, "stderr: \(run.stderr)")
        // From the results' own folder, the recorded spec path (relative to the repository) does not resolve.
        let outcome = try await runMeshcheck(
            ["report", "results.json", "--out", "."],
            environment: ["NO_COLOR": "1"],
            workingDirectory: reports.url
        )
        #expect(outcome.exitCode == 0)
        #expect(outcome.stderr == "warning: spec 'suites/spec/mesh-integration-api.yaml' not found; no coverage view\n")
        #expect(
            try reports.contents(of: "index.html").contains(
                "<p class=\"muted\">The spec (suites/spec/mesh-integration-api.yaml) was not found, so coverage is not shown;"
            )
        )
        let explicit = try await runMeshcheck(
            ["report", "results.json", "--spec", "missing.yaml"],
            environment: ["NO_COLOR": "1"],
            workingDirectory: reports.url
        )
        #expect(explicit.exitCode == 2)
        #expect(explicit.stderr.contains("missing.yaml"), "stderr: \(explicit.stderr)")
        let spec = SharedFixtures.repository("suites/spec/mesh-integration-api.yaml").path
        let withSpec = try await runMeshcheck(
            ["report", "results.json", "--spec", spec, "--out", "."],
            environment: ["NO_COLOR": "1"],
            workingDirectory: reports.url
        )
        #expect(withSpec.exitCode == 0 && withSpec.stderr.isEmpty, "stderr: \(withSpec.stderr)")
        #expect(try reports.contents(of: "index.html").contains("id=\"coverage-table\""))
    }

    @Test(arguments: [
        (
            ["run", "--report", "json,pdf"],
            "error: '--report' takes a comma-separated list of json, junit and html; found 'pdf'"
        ),
        (["run", "--report", "html,html"], "error: '--report' lists 'html' twice"),
        (["report"], "error: missing argument <results>"),
        (["report", "/nonexistent/results.json"], "error: cannot read '/nonexistent/results.json': no such file"),
    ])
    func usageAndInputErrorsExitTwo(arguments: [String], message: String) async throws {
        let outcome = try await runMeshcheck(arguments, environment: ["NO_COLOR": "1"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.hasPrefix(message), "stderr: \(outcome.stderr)")
    }

    @Test(arguments: [
        (
            "{\"format\":\"meshcheck-results\",\"formatVersion\":7}",
            "results.json: error: unsupported 'formatVersion' 7; this meshcheck reads version 1\n"
        ),
        ("<testsuites/>", "results.json:1:1: error: not a results file: unexpected character '<', expected a value\n"),
        (
            "{\"format\":\"other\"}",
            "results.json: error: not a meshcheck results file: 'format' is 'other'; expected 'meshcheck-results'\n"
        ),
    ])
    func aFileThatIsNotResultsIsRefused(text: String, message: String) async throws {
        let folder = try TemporaryDirectory()
        try folder.write("results.json", text)
        let outcome = try await runMeshcheck(
            ["report", "results.json"],
            environment: ["NO_COLOR": "1"],
            workingDirectory: folder.url
        )
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr == message)
        #expect(try Self.files(in: folder) == ["results.json"])
    }
}
