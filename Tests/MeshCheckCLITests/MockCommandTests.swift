import Foundation
import Glibc
import HTTP
import TestSupport
import Testing

/// `meshcheck mock` as a user runs it: help, usage errors, and a run stopped by SIGINT.
struct MockCommandTests {
    @Test func helpListsEveryOption() async throws {
        let outcome = try await runMeshcheck(["mock", "--help"])
        #expect(outcome.exitCode == 0)
        for option in ["--host", "--port", "--spec", "--seed", "--fault", "--self-check", "--help"] {
            #expect(outcome.stdout.contains(option), "\(option) missing from:\n\(outcome.stdout)")
        }
    }

    @Test(arguments: [
        (
            ["mock", "--fault", "explode=1"],
            "error: invalid fault 'explode=1': unknown fault 'explode'; expected latency, status, drop or malformed\n"
        ),
        (["mock", "--port", "99999"], "error: '--port' must be a number from 0 to 65535, not '99999'\n"),
        (["mock", "--seed", "-1"], "error: '--seed' must be a whole number from 0 to 2^64-1, not '-1'\n"),
        (
            ["mock", "--port", "0", "--fault", "drop=1,op=GET /nope"],
            "error: no operation 'GET /nope' in the spec; use 'METHOD /path/template' or an operationId\n"
        ),
    ])
    func refusesBadOptionsWithExitCode2(arguments: [String], message: String) async throws {
        let outcome = try await runMeshcheck(arguments, environment: ["NO_COLOR": "1"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr == message)
    }

    @Test(.timeLimit(.minutes(1)))
    func servesUntilSIGINTThenStopsWithExitCode0() async throws {
        let child = try ChildProcess(
            try meshcheckExecutable().path,
            ["mock", "--port", "0", "--seed", "3", "--self-check"],
            workingDirectory: SharedFixtures.repositoryRoot.path,
            joiningOutputs: true
        )
        defer { child.stop() }
        var url: String?
        for _ in 0..<200 where url == nil {
            let text = child.standardOutputSoFar()
            if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                url = String(text[range])
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        let baseURL = try #require(url, "the mock never printed its URL")
        let client = HTTPClient()
        defer { client.shutdown() }
        let status = try await client.get(
            baseURL + "/api/v1/status",
            headers: ["X-Client-Id": "cli-test", "X-Client-Secret": "cli-secret"]
        )
        #expect(status.response.status == 200)
        child.send(SIGINT)
        let outcome = try await child.wait(timeout: .seconds(10))
        #expect(!outcome.timedOut)
        #expect(outcome.exitCode == 0)
        let text = outcome.stdout
        #expect(text.contains("meshcheck mock: listening on \(baseURL) (45 operations, seed 3)"))
        #expect(text.contains("GET /api/v1/status 200"))
        #expect(text.contains("meshcheck mock: SIGINT, stopping\nmeshcheck mock: stopped\n"))
        #expect(!text.contains("cli-secret"))
        #expect(!text.contains("self-check:"))
    }
}
