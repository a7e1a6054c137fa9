import Foundation
import JSON
import TestSupport
import Testing

/// `meshcheck generate` and `meshcheck run --generate` as the built binary: printing cases, running them against
/// the embedded mock (where every one must pass) and against a server that accepts everything.
struct GenerateCommandTests {
    static let environment = ["NO_COLOR": "1"]

    static func results(_ folder: TemporaryDirectory) throws -> JSONValue {
        try JSONParser.parse(Array(try folder.contents(of: "results.json").utf8))
    }

    static func steps(_ results: JSONValue) -> [JSONValue] {
        (results["suites"]?.arrayValue ?? []).flatMap { $0["steps"]?.arrayValue ?? [] }
    }

    @Test func printsTheCasesOfAnOperationByName() async throws {
        let outcome = try await runMeshcheck(
            ["generate", "--operation", "POST /api/v1/authenticate", "--kind", "negative", "--print"],
            environment: Self.environment
        )
        #expect(outcome.exitCode == 0, "stderr: \(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.prefix(6) == [
                "POST /api/v1/authenticate · negative · credentials missing",
                "POST /api/v1/authenticate · negative · query userId missing",
                "POST /api/v1/authenticate · negative · query userId maxLength+1",
                "POST /api/v1/authenticate · negative · body undeclared media type",
                "POST /api/v1/authenticate · negative · body invalid JSON",
                "POST /api/v1/authenticate · negative · body type missing",
            ]
        )
        #expect(lines.last == "35 cases (35 negative, 0 boundary) for 1 operation")
        #expect(outcome.stderr.isEmpty)
    }

    @Test func theDefaultOutputIsTheSameEveryRunAndASeedChangesValuesNotNames() async throws {
        let arguments = ["generate", "--operation", "tag:Portfolio", "--operation", "GET /api/v1/cataloglink", "-v"]
        let first = try await runMeshcheck(arguments, environment: Self.environment)
        let second = try await runMeshcheck(arguments, environment: Self.environment)
        let seeded = try await runMeshcheck(arguments + ["--seed", "11"], environment: Self.environment)
        #expect(first.exitCode == 0 && second.exitCode == 0 && seeded.exitCode == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout != seeded.stdout)
        let names = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix(" ") } }
        #expect(names(first.stdout) == names(seeded.stdout))
        #expect(names(first.stdout).last == "230 cases (35 negative, 195 boundary) for 4 operations")
    }

    @Test func verboseShowsEachRequestWithSecretsMasked() async throws {
        let outcome = try await runMeshcheck(
            ["generate", "--operation", "POST /api/v1/authenticate", "--verbose"],
            environment: Self.environment
        )
        #expect(outcome.exitCode == 0)
        let text = outcome.stdout
        #expect(
            text.contains(
                """
                POST /api/v1/authenticate · negative · credentials missing
                    POST /api/v1/authenticate?userId=
                """
            )
        )
        #expect(
            text.contains(
                "    (no credentials)\n    expect: 400\n    why: the request carries no credentials: no X-Client-Id"
            )
        )
        #expect(text.contains("\"password\":\"<redacted>\""))
        #expect(!text.contains("\"password\":\"password\""))
        #expect(!text.contains("\"mfaCode\":\"000000\""))
    }

    @Test func anUnknownOperationIsAUsageErrorWithTheNearestName() async throws {
        let outcome = try await runMeshcheck(
            ["generate", "--operation", "POST /api/v1/authenticat"],
            environment: Self.environment
        )
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.stderr
                == "error: unknown operation 'POST /api/v1/authenticat' (not in suites/spec/mesh-integration-api.yaml); "
                + "did you mean 'POST /api/v1/authenticate'?\n"
        )
        let tag = try await runMeshcheck(
            ["run", "--generate", "negative", "--operation", "tag:Portfolo"],
            environment: Self.environment
        )
        #expect(tag.exitCode == 2)
        #expect(tag.stderr == "error: no operation has the tag 'Portfolo'; did you mean 'tag:Portfolio'?\n")
        let kind = try await runMeshcheck(["run", "--generate", "negatives"], environment: Self.environment)
        #expect(kind.exitCode == 2)
        #expect(
            kind.stderr.hasPrefix(
                "error: '--generate' takes negative, boundary or both (negative,boundary); found 'negatives'\n"
            )
        )
        let alone = try await runMeshcheck(["run", "--operation", "GET /api/v1/status"], environment: Self.environment)
        #expect(alone.exitCode == 2)
        #expect(alone.stderr.hasPrefix("error: '--operation' selects generated cases: give '--generate' too\n"))
    }

    @Test func helpDescribesEveryOption() async throws {
        let generate = try await runMeshcheck(["generate", "--help"], environment: Self.environment)
        #expect(generate.exitCode == 0)
        for option in [
            "--kind <kinds>", "--operation <operation>", "--seed <n>", "--spec <file>", "--print", "--verbose",
        ] {
            #expect(generate.stdout.contains(option), "generate --help lacks \(option)")
        }
        #expect(generate.stdout.contains("POST /api/v1/authenticate · negative · query userId maxLength+1"))
        let run = try await runMeshcheck(["run", "--help"], environment: Self.environment)
        for option in ["--generate <kinds>", "--operation <operation>", "--seed <n>"] {
            #expect(run.stdout.contains(option), "run --help lacks \(option)")
        }
        let top = try await runMeshcheck(["--help"], environment: Self.environment)
        #expect(top.stdout.contains("generate"))
    }

    @Test(.timeLimit(.minutes(3))) func everyGeneratedCasePassesAgainstTheEmbeddedMock() async throws {
        let reports = try TemporaryDirectory()
        let started = ContinuousClock.now
        let outcome = try await runMeshcheck(
            ["run", "--generate", "negative,boundary", "--server", "mock", "--out", reports.path],
            environment: Self.environment
        )
        let elapsed = ContinuousClock.now - started
        let failures = outcome.stdout.split(separator: "\n").filter { !$0.hasPrefix("PASS") }.prefix(20)
        #expect(outcome.exitCode == 0, "\(failures.joined(separator: "\n"))\nstderr: \(outcome.stderr)")
        let results = try Self.results(reports)
        let steps = Self.steps(results)
        let generated = steps.filter { $0["phase"] == "step" }
        let negative = generated.filter { $0["negative"] == true }.count
        let passed = results["totals"]?["passed"]?.intValue ?? 0
        #expect(passed == steps.count && results["totals"]?["failed"] == 0 && results["totals"]?["errors"] == 0)
        #expect(negative == 708)
        #expect(generated.count - negative == 2387)
        let runMilliseconds = results["durationMs"]?.numberValue?.doubleValue ?? 0
        print(
            "generated cases against the embedded mock: \(generated.count) (\(negative) negative, "
                + "\(generated.count - negative) boundary) plus \(steps.count - generated.count) logins in "
                + "\(results["totals"]?["suites"]?.intValue ?? 0) suite instances; run \(Int(runMilliseconds)) ms, "
                + "process \(elapsed)"
        )
    }

    @Test(.timeLimit(.minutes(1))) func aSuiteWithGenerateRunsItsFlowBeforeTheCases() async throws {
        let folder = try TemporaryDirectory()
        try folder.write(
            "portfolio.yaml",
            """
            name: Portfolio
            variables: { userId: "gen-{{ run.instance }}" }
            setup:
              - name: log in
                request:
                  method: POST
                  path: /api/v1/authenticate
                  query: { userId: "{{ userId }}" }
                  json: { type: robinhood, username: Mesh, password: Pass123, mfaCode: "123456" }
                expect: { status: 200, json: { /content/status: succeeded } }
                capture: { token: /content/accountTokens/0/accessToken }
            steps:
              - name: holdings
                request:
                  method: POST
                  path: /api/v1/holdings/get
                  json: { authToken: "{{ token }}", type: robinhood }
            generate:
              operations: ["POST /api/v1/holdings/get", "DELETE /api/v1/account"]
              from: [holdings]
              values: { authToken: "{{ token }}", type: robinhood }
            """
        )
        let reports = try TemporaryDirectory()
        let outcome = try await runMeshcheck(
            ["run", folder.path, "--server", "mock", "--out", reports.path],
            environment: Self.environment
        )
        #expect(outcome.exitCode == 0, "stdout: \(outcome.stdout)\nstderr: \(outcome.stderr)")
        let results = try Self.results(reports)
        let names = (results["suites"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        #expect(names.first == "Portfolio [POST /api/v1/holdings/get]")
        #expect(names.dropFirst().allSatisfy { $0.hasPrefix("Portfolio [DELETE /api/v1/account · ") })
        let wrong = Self.steps(results).first {
            $0["name"] == "POST /api/v1/holdings/get · negative · body type wrong type"
        }
        #expect(wrong?["outcome"] == "passed" && wrong?["negative"] == true)
        #expect(wrong?["exchange"]?["request"]?["body"]?.stringValue?.contains("\"authToken\":\"<redacted>\"") == true)
        #expect(wrong?["exchange"]?["response"]?["status"] == 400)
        let listed = try await runMeshcheck(["generate", folder.path], environment: Self.environment)
        #expect(
            listed.stdout.hasPrefix("\(folder.path)/portfolio.yaml: Portfolio\nPOST /api/v1/holdings/get · negative · ")
        )
    }

    @Test(.timeLimit(.minutes(1))) func aServerThatAcceptsEverythingFailsTheNegativeCasesSayingWhy() async throws {
        let server = try FakeMeshServer(faults: [.acceptEverything])
        defer { server.stop() }
        let reports = try TemporaryDirectory()
        let outcome = try await runMeshcheck(
            [
                "run", "--generate", "negative", "--operation", "GET /api/v1/status", "--server", server.baseURL,
                "--out", reports.path,
            ],
            environment: ["NO_COLOR": "1", "MESH_CLIENT_ID": "id-1", "MESH_CLIENT_SECRET": "secret-1"]
        )
        #expect(outcome.exitCode == 1)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first?.hasPrefix(
                "FAIL  Generated cases [GET /api/v1/status] › GET /api/v1/status · negative · credentials missing  "
            ) == true
        )
        #expect(
            lines.contains(
                "      [expect.status] expected status 401 (the request carries no credentials: no X-Client-Id, "
                    + "no X-Client-Secret), got 200"
            )
        )
    }
}
