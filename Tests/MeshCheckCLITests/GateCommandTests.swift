import ArgumentParsing
import Foundation
import JSON
import MeshCheckCLI
import MockServer
import OpenAPI
import TestSupport
import Testing

/// `meshcheck run` with gate options and `meshcheck merge`, as the built binary against the real mock.
struct GateCommandTests {
    static let environment = ["MESH_CLIENT_ID": "gate-client", "MESH_CLIENT_SECRET": "gate-secret", "NO_COLOR": "1"]
    static let example = "suites/auth/authenticate-mfa.yaml"
    static let authenticateFails = "status=503,op=POST /api/v1/authenticate"
    static let xunitSchema = SharedFixtures.shared("corpora/junit/xunit-junit-10.xsd")

    static func mock(faults: [String]) throws -> ReferenceMock {
        let document = try #require(RunCommandTests.document, "the Mesh spec did not load")
        return try ReferenceMock.start(
            MockConfiguration(document: document, faults: try faults.map { try MockFault(parsing: $0) })
        )
    }

    static func json(_ folder: TemporaryDirectory, _ name: String = "results.json") throws -> JSONValue {
        try JSONParser.parse(Array(try folder.contents(of: name).utf8))
    }

    /// Every step of a results file as `suite id › suite name › step name`.
    static func stepKeys(_ results: JSONValue) -> [String] {
        (results["suites"]?.arrayValue ?? []).flatMap { suite in
            (suite["steps"]?.arrayValue ?? []).map { step in
                "\(suite["id"]?.stringValue ?? "") › \(suite["name"]?.stringValue ?? "") › "
                    + (step["name"]?.stringValue ?? "")
            }
        }
    }

    @Test(.timeLimit(.minutes(3))) func theShippedSuitesSplitFourWaysMergeToTheJUnitOfOneRun() async throws {
        let mock = try Self.mock(faults: [Self.authenticateFails])
        defer { mock.stop() }
        let full = try TemporaryDirectory()
        let one = try await runMeshcheck(
            ["run", "--server", mock.baseURL, "--out", full.path],
            environment: Self.environment
        )
        #expect(one.exitCode == 1, "the fault makes steps fail: \(one.stderr)")
        var shardFiles: [String] = []
        for index in 1...4 {
            let folder = try TemporaryDirectory()
            let outcome = try await runMeshcheck(
                ["run", "--server", mock.baseURL, "--shard", "\(index)/4", "--out", folder.path],
                environment: Self.environment
            )
            #expect([0, 1].contains(outcome.exitCode), "stderr: \(outcome.stderr)")
            #expect(outcome.stdout.contains("GATE: "))
            let copy = try full.write("results-\(index).json", try folder.contents(of: "results.json"))
            shardFiles.append(copy)
        }
        let merged = try TemporaryDirectory()
        let merge = try await runMeshcheck(
            ["merge"] + shardFiles.reversed() + ["--out", merged.path, "--previous", full.path + "/results.json"],
            environment: Self.environment
        )
        #expect(merge.exitCode == 1, "stdout: \(merge.stdout)\nstderr: \(merge.stderr)")
        let fullResults = try Self.json(full)
        let mergedResults = try Self.json(merged)
        #expect(mergedResults["totals"] == fullResults["totals"])
        let steps = fullResults["totals"]?["steps"]?.intValue ?? 0
        #expect(steps > 400, "the shipped suites have about 500 steps")
        #expect(Self.stepKeys(mergedResults) == Self.stepKeys(fullResults), "the merge keeps the unsharded order")
        let fullJUnit = try full.contents(of: "junit.xml")
        let mergedJUnit = try merged.contents(of: "junit.xml")
        for marker in ["<testcase ", "<failure ", "<error ", "<skipped ", "<testsuite "] {
            #expect(
                mergedJUnit.components(separatedBy: marker).count == fullJUnit.components(separatedBy: marker).count
            )
        }
        let totalsLine = { (xml: String) in
            (xml.split(separator: "\n").first { $0.hasPrefix("<testsuites ") } ?? "").components(separatedBy: " time=")[
                0
            ]
        }
        #expect(totalsLine(mergedJUnit) == totalsLine(fullJUnit))
        #expect(totalsLine(fullJUnit).hasPrefix("<testsuites name=\"meshcheck\" tests=\"\(steps)\" failures=\""))
        #expect(!totalsLine(fullJUnit).contains("failures=\"0\""))
        #expect(merge.stdout.hasPrefix("merged 4 shards: \(steps) steps in 88 suites"))
        let gateLine = merge.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(gateLine.hasPrefix("GATE: FAIL ("), "\(merge.stdout)")
        #expect(try merged.contents(of: "index.html").contains("id=\"trend\""))

        // The merged file renders again to the same bytes.
        let again = try TemporaryDirectory()
        let report = try await runMeshcheck(
            ["report", merged.path + "/results.json", "--out", again.path],
            environment: Self.environment
        )
        #expect(report.exitCode == 0, "\(report.stderr)")
        #expect(try again.contents(of: "junit.xml") == mergedJUnit)
        #expect(try again.contents(of: "index.html") == merged.contents(of: "index.html"))

        guard FileManager.default.fileExists(atPath: "/usr/bin/xmllint"),
            FileManager.default.fileExists(atPath: Self.xunitSchema.path)
        else {
            print("JUnit schema check skipped: xmllint or ../shared/corpora/junit is absent")
            return
        }
        let validation = try await Self.xmllint([
            "--noout", "--schema", Self.xunitSchema.path, merged.path + "/junit.xml",
        ])
        #expect(validation.status == 0, "xmllint: \(validation.output)")
    }

    /// `meshcheck ARGUMENTS` in this process (no child process: 36 launches would crowd the other tests).
    static func inProcess(_ arguments: [String]) async -> (code: ExitCode, output: CapturedOutput) {
        let (console, captured) = Console.capturing()
        let code = await MeshCheckTool.run(
            arguments: arguments,
            context: CommandContext(console: console, environment: Self.environment)
        )
        return (code, captured)
    }

    @Test(.timeLimit(.minutes(3))) func shardsOfOneToSevenJobsRunEveryStepExactlyOnce() async throws {
        let root = SharedFixtures.repositoryRoot
        // Four suite files (41 steps): with 5 to 7 shards some are empty, which the merge must accept too.
        let paths = ["suites/seed", Self.example].map { root.appendingPathComponent($0).path }
        let common = [
            "--spec", root.appendingPathComponent("suites/spec/mesh-integration-api.yaml").path, "--jobs", "2",
        ]
        let full = try TemporaryDirectory()
        let one = await Self.inProcess(["run"] + paths + common + ["--out", full.path])
        #expect(one.code == .success, "\(one.output.error)")
        let expected = Self.stepKeys(try Self.json(full))
        #expect(expected.count > 30)
        for count in 1...7 {
            var files: [String] = []
            var covered: [String] = []
            for index in 1...count {
                let folder = try TemporaryDirectory()
                let outcome = await Self.inProcess(
                    ["run"] + paths + common + ["--shard", "\(index)/\(count)", "--out", folder.path]
                )
                #expect(outcome.code == .success, "\(outcome.output.error)")
                covered += Self.stepKeys(try Self.json(folder))
                files.append(try full.write("shard-\(index)-of-\(count).json", try folder.contents(of: "results.json")))
            }
            #expect(covered.sorted() == expected.sorted(), "\(count) shards")
            let merged = try TemporaryDirectory()
            let merge = await Self.inProcess(["merge"] + files + ["--out", merged.path])
            #expect(merge.code == .success, "\(merge.output.error)")
            #expect(merge.output.output.hasSuffix("GATE: PASS (\(expected.count) passed, 0 known, 0 new)\n"))
            #expect(try Self.json(merged)["totals"] == Self.json(full)["totals"], "\(count) shards")
            #expect(Self.stepKeys(try Self.json(merged)) == expected, "\(count) shards")
        }
    }

    @Test(.timeLimit(.minutes(1))) func aBaselineMakesFailuresKnownUntilItExpires() async throws {
        let mock = try Self.mock(faults: [Self.authenticateFails])
        defer { mock.stop() }
        let folder = try TemporaryDirectory()
        let baseline = folder.path + "/baseline.yaml"
        let update = try await runMeshcheck(
            [
                "run", Self.example, "--server", mock.baseURL, "--out", folder.path, "--baseline", baseline,
                "--update-baseline", "--reason", "sandbox answers 503 (MESH-9)", "--owner", "qa", "--expires",
                "2999-12-31",
            ],
            environment: Self.environment
        )
        #expect(update.exitCode == 0, "\(update.stdout)\n\(update.stderr)")
        #expect(update.stdout.contains("baseline: added 9 entries to \(baseline)\n"))
        #expect(update.stdout.hasSuffix("GATE: PASS (0 passed, 3 known, 0 new)\n"))
        let written = try folder.contents(of: "baseline.yaml")
        #expect(
            written.hasPrefix(
                "# meshcheck baseline: accepted failures (docs/gating.md)\n- suite: \"\(Self.example)\"\n"
            )
        )

        let known = try TemporaryDirectory()
        let second = try await runMeshcheck(
            ["run", Self.example, "--server", mock.baseURL, "--out", known.path, "--baseline", baseline],
            environment: Self.environment
        )
        #expect(second.exitCode == 0, "\(second.stderr)")
        let junit = try known.contents(of: "junit.xml")
        #expect(junit.contains("<skipped message=\"known failure (baseline \(baseline):2:3): sandbox answers 503"))
        #expect(junit.contains("tests=\"3\" failures=\"0\" errors=\"0\" skipped=\"3\""))
        #expect(try known.contents(of: "index.html").contains("<span class=\"badge known\""))
        let any = try await runMeshcheck(
            [
                "run", Self.example, "--server", mock.baseURL, "--out", known.path, "--baseline", baseline, "--fail-on",
                "any",
            ],
            environment: Self.environment
        )
        #expect(any.exitCode == 1)
        #expect(any.stdout.hasSuffix("GATE: FAIL (0 passed, 3 known, 0 new; fail-on any)\n"))

        // The same entries, expired: the run fails and says which entry.
        _ = try folder.write("expired.yaml", written.replacingOccurrences(of: "2999-12-31", with: "2000-01-01"))
        let expired = try await runMeshcheck(
            [
                "run", Self.example, "--server", mock.baseURL, "--out", known.path, "--baseline",
                folder.path + "/expired.yaml",
            ],
            environment: Self.environment
        )
        #expect(expired.exitCode == 1)
        #expect(expired.stdout.hasSuffix("GATE: FAIL (0 passed, 0 known, 0 new, 3 expired)\n"))
        #expect(
            expired.stderr.contains(
                "\(folder.path)/expired.yaml:2:3: error: baseline entry expired on 2000-01-01 and Authenticate with MFA "
                    + "› login asks for MFA still fails [not-server-error]: sandbox answers 503 (MESH-9) (owner qa)"
            ),
            "\(expired.stderr)"
        )

        // Without the fault every entry is fixed: the gate passes and says to remove them.
        let healthy = try Self.mock(faults: [])
        defer { healthy.stop() }
        let fixed = try await runMeshcheck(
            ["run", Self.example, "--server", healthy.baseURL, "--out", known.path, "--baseline", baseline],
            environment: Self.environment
        )
        #expect(fixed.exitCode == 0)
        #expect(fixed.stdout.hasSuffix("GATE: PASS (3 passed, 0 known, 0 new, 9 fixed)\n"))
        #expect(
            fixed.stderr.contains(
                "\(baseline):2:3: warning: Authenticate with MFA › login asks for MFA no longer fails"
            )
        )
    }

    @Test(.timeLimit(.minutes(1))) func aBadBaselineIsAConfigurationErrorWithItsLocation() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(
            "baseline.yaml",
            "- suite: a\n  stepp: b\n  check: c\n  reason: r\n  owner: o\n  expires: 2027-01-01\n"
        )
        let outcome = try await runMeshcheck(
            ["run", Self.example, "--baseline", path, "--out", folder.path],
            environment: Self.environment
        )
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.stderr == """
                \(path):2:3: error: unknown key 'stepp' in a baseline entry; did you mean 'step'?
                  stepp: b
                  ^
                \(path):1:3: error: the baseline entry has no 'step'
                - suite: a
                  ^
                error: 2 problems in the baseline; nothing was run

                """
        )
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/results.json"))
    }

    @Test(
        .timeLimit(.minutes(1)),
        arguments: [
            (["run", "--shard", "5/4"], "error: '--shard' must be i/n with 1 ≤ i ≤ n ≤ 256, such as 2/4; found '5/4'"),
            (["run", "--fail-on", "some"], "error: '--fail-on' must be 'new' or 'any'; found 'some'"),
            (["run", "--update-baseline"], "error: '--update-baseline' needs '--baseline FILE'"),
            (["run", "--reason", "x"], "error: '--reason' is only used with '--update-baseline'"),
        ]
    )
    func gateOptionsAreChecked(arguments: [String], message: String) async throws {
        let outcome = try await runMeshcheck(arguments, environment: Self.environment)
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.hasPrefix(message), "\(outcome.stderr)")
    }

    @Test(.timeLimit(.minutes(1))) func mergeRefusesAnIncompleteSetAndPlainResults() async throws {
        let folder = try TemporaryDirectory()
        let shard = try await runMeshcheck(
            ["run", Self.example, "--shard", "1/2", "--out", folder.path],
            environment: Self.environment
        )
        #expect(shard.exitCode == 0, "\(shard.stderr)")
        let results = folder.path + "/results.json"
        let incomplete = try await runMeshcheck(
            ["merge", results, "--out", folder.path + "/m"],
            environment: Self.environment
        )
        #expect(incomplete.exitCode == 2)
        #expect(incomplete.stderr == "error: cannot merge: incomplete shard set: 1 of 2 shards given; missing 2/2\n")
        let plain = try await runMeshcheck(
            ["run", Self.example, "--out", folder.path + "/p"],
            environment: Self.environment
        )
        #expect(plain.exitCode == 0)
        let mixed = try await runMeshcheck(
            ["merge", results, folder.path + "/p/results.json", "--out", folder.path + "/m"],
            environment: Self.environment
        )
        #expect(mixed.exitCode == 2)
        #expect(
            mixed.stderr
                == "error: cannot merge: \(folder.path)/p/results.json is not a shard's results (run with --shard i/n); "
                + "nothing to merge it with\n"
        )
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/m"))
        let missing = try await runMeshcheck(["merge", folder.path + "/none.json"], environment: Self.environment)
        #expect(missing.exitCode == 2)
        #expect(missing.stderr == "error: cannot read '\(folder.path)/none.json'\n")
    }

    /// Runs xmllint without blocking a thread of the cooperative pool; both outputs joined.
    static func xmllint(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let outcome = try await ChildProcess("/usr/bin/xmllint", arguments, joiningOutputs: true).wait()
        return (outcome.exitCode, outcome.stdout)
    }
}
