import Foundation
import HTTP
import JSON
import MockServer
import OpenAPI
import TestSupport
import Testing

/// `meshcheck run` as the built binary, against the real embedded mock and against broken servers.
struct RunCommandTests {
    static let clientID = "cli-client-4d1e"
    static let clientSecret = "cli-secret-Qx7/+=9z"
    static let credentials = ["MESH_CLIENT_ID": clientID, "MESH_CLIENT_SECRET": clientSecret, "NO_COLOR": "1"]

    static let document: OpenAPIDocument? = {
        let path = SharedFixtures.repository(OpenAPIDocument.defaultSpecPath).path
        return (try? SpecSource.load(path: path)).flatMap { try? OpenAPILoader.load($0) }
    }()

    static func results(_ folder: TemporaryDirectory) throws -> JSONValue {
        try JSONParser.parse(Array(try folder.contents(of: "results.json").utf8))
    }

    /// The example suite of docs/suites.md: three steps (the whole shipped set is proven in ShippedSuitesTests).
    static let example = "suites/auth/authenticate-mfa.yaml"

    @Test(.timeLimit(.minutes(1))) func theExampleSuitePassesAgainstTheEmbeddedMock() async throws {
        let reports = try TemporaryDirectory()
        let outcome = try await runMeshcheck(
            ["run", Self.example, "--out", reports.path],
            environment: ["NO_COLOR": "1"]
        )
        #expect(outcome.exitCode == 0, "stdout: \(outcome.stdout)\nstderr: \(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 7)
        #expect(lines[0].hasPrefix("PASS  Authenticate with MFA › login asks for MFA  (POST /api/v1/authenticate, "))
        #expect(lines[3].hasPrefix("3 passed, 0 failed, 0 skipped in 1 suite, "))
        #expect(lines[4] == "results: \(reports.path)/results.json")
        #expect(lines[5] == "junit: \(reports.path)/junit.xml")
        #expect(lines[6] == "html: \(reports.path)/index.html")
        let results = try Self.results(reports)
        #expect(results["server"]?["name"] == "mock")
        #expect(results["server"]?["url"]?.stringValue?.hasPrefix("http://127.0.0.1:") == true)
        #expect(results["totals"]?["passed"] == 3)
    }

    @Test(
        .timeLimit(.minutes(1)),
        arguments: [
            ([String](), Int32(0)), (["malformed=1"], Int32(1)),
            (["status=503,op=POST /api/v1/authenticate"], Int32(1)),
        ]
    )
    func shippedSuitesAgainstTheMockWithFaults(faults: [String], expectedExitCode: Int32) async throws {
        let document = try #require(Self.document)
        let mock = try ReferenceMock.start(
            MockConfiguration(document: document, faults: try faults.map { try MockFault(parsing: $0) })
        )
        defer { mock.stop() }
        let reports = try TemporaryDirectory()
        let outcome = try await runMeshcheck(
            ["run", Self.example, "--server", mock.baseURL, "--out", reports.path],
            environment: Self.credentials
        )
        #expect(outcome.exitCode == expectedExitCode, "stdout: \(outcome.stdout)\nstderr: \(outcome.stderr)")
        let results = try Self.results(reports)
        #expect(results["server"] == ["name": "url", "url": .string(mock.baseURL)])
        let text =
            try reports.contents(of: "results.json") + reports.contents(of: "junit.xml")
            + reports.contents(of: "index.html") + outcome.stdout + outcome.stderr
        for secret in [Self.clientID, Self.clientSecret, "cli-secret-Qx7%2F%2B%3D9z", "Y2xpLXNlY3JldC1ReDcvKz05eg"] {
            #expect(!text.contains(secret), "\(secret) leaked")
        }
        if expectedExitCode == 1 {
            #expect(outcome.stdout.contains("FAIL  Authenticate with MFA › "))
        }
    }

    @Test(.timeLimit(.minutes(1))) func secretsEchoedByAServerAppearInNoOutput() async throws {
        let server = try FakeMeshServer(echoSecrets: true)
        defer { server.stop() }
        let reports = try TemporaryDirectory()
        let outcome = try await runMeshcheck(
            ["run", Self.example, "--server", server.baseURL, "--out", reports.path, "--jobs", "1"],
            environment: Self.credentials
        )
        #expect(outcome.exitCode == 0, "stdout: \(outcome.stdout)\nstderr: \(outcome.stderr)")
        let text =
            try reports.contents(of: "results.json") + reports.contents(of: "junit.xml")
            + reports.contents(of: "index.html") + outcome.stdout + outcome.stderr
        let pair = Data("\(Self.clientID):\(Self.clientSecret)".utf8).base64EncodedString()
        let forms = [
            Self.clientID, Self.clientSecret, Data(Self.clientSecret.utf8).base64EncodedString(),
            String(pair.dropFirst(24)),
            "cli%2Dsecret%2DQx7%2F%2B%3D9z", "Pass123", "123456",
        ]
        for form in forms {
            #expect(!text.contains(form), "\(form) leaked")
        }
        #expect(server.requests.count == 3)
    }

    @Test func aServerWithoutCredentialsIsAConfigurationErrorNamingTheVariable() async throws {
        let outcome = try await runMeshcheck(
            ["run", "--server", "http://127.0.0.1:9"],
            environment: ["MESH_CLIENT_ID": "id", "MESH_CLIENT_SECRET": "", "NO_COLOR": "1"]
        )
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.stderr == "error: MESH_CLIENT_SECRET is not set: server 'url' needs client credentials in "
                + "MESH_CLIENT_ID and MESH_CLIENT_SECRET\n"
        )
        let sandbox = try await runMeshcheck(
            ["run", "--server", "sandbox"],
            environment: ["MESH_CLIENT_ID": "", "MESH_CLIENT_SECRET": "", "NO_COLOR": "1"]
        )
        #expect(sandbox.exitCode == 2)
        #expect(sandbox.stderr.hasPrefix("error: MESH_CLIENT_ID is not set: server 'sandbox' needs client credentials"))
        let unknown = try await runMeshcheck(["run", "--server", "sandbx"], environment: ["NO_COLOR": "1"])
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr == "error: unknown server 'sandbx'; did you mean 'sandbox'?\n")
    }

    @Test(.timeLimit(.minutes(1))) func anUnreachableServerExitsThreeAndStillWritesResults() async throws {
        let closed = HTTPServer { _ in HTTPResponse(status: 200) }
        try closed.start()
        let port = closed.port
        closed.stop()
        let reports = try TemporaryDirectory()
        let url = "http://127.0.0.1:\(port)"
        let outcome = try await runMeshcheck(
            ["run", "--server", url, "--out", reports.path],
            environment: Self.credentials
        )
        #expect(outcome.exitCode == 3, "stdout: \(outcome.stdout)\nstderr: \(outcome.stderr)")
        #expect(outcome.stderr.hasPrefix("error: cannot reach \(url): cannot connect to 127.0.0.1:\(port): "))
        #expect(try Self.results(reports)["stopReason"] == "server-unreachable")
    }

    @Test(.timeLimit(.minutes(1))) func aSuiteWithLintErrorsNeverRuns() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let folder = try TemporaryDirectory()
        try folder.write(
            "good.yaml",
            "name: good\nsteps:\n  - name: s\n    request: { method: GET, path: /api/v1/status }\n"
        )
        let bad = try folder.write(
            "bad.yaml",
            "name: bad\nsteps:\n  - name: s\n    request: { method: GET, path: /api/v1/status, headers: { X-A: \"{{ env.MESHCHECK_UNSET_FOR_TEST }}\" } }\n"
        )
        let outcome = try await runMeshcheck(
            ["run", folder.path, "--server", server.baseURL, "--out", folder.path + "/out"],
            environment: Self.credentials
        )
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.stderr.hasPrefix("\(bad):4:62: error: environment variable 'MESHCHECK_UNSET_FOR_TEST' is not set\n")
        )
        #expect(outcome.stderr.hasSuffix("error: 1 problem in the suites; nothing was run\n"))
        #expect(server.requests.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/results.json"))
    }

    @Test(arguments: [
        (["run", "--jobs", "0"], "error: '--jobs' must be a number from 1 to 256; found '0'"),
        (["run", "--max-failures", "x"], "error: '--max-failures' must be a positive number; found 'x'"),
        (["run", "--timeout", "soon"], "error: '--timeout' must be a duration such as 500ms, 10s or 2m; found 'soon'"),
    ])
    func badOptionsAreUsageErrors(arguments: [String], message: String) async throws {
        let outcome = try await runMeshcheck(arguments, environment: ["NO_COLOR": "1"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.hasPrefix(message + "\n"))
    }

    @Test(.timeLimit(.minutes(1))) func failingStepsExitOneAndPrintTheirFindings() async throws {
        let server = try FakeMeshServer(faults: [.schemaViolation])
        defer { server.stop() }
        let reports = try TemporaryDirectory()
        let outcome = try await runMeshcheck(
            ["run", Self.example, "--server", server.baseURL, "--out", reports.path, "--fail-fast"],
            environment: Self.credentials
        )
        #expect(outcome.exitCode == 1)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("FAIL  Authenticate with MFA › login asks for MFA  (POST /api/v1/authenticate, "))
        #expect(
            lines[1]
                == #"      [response-schema] /content/status: "mfaPending" is not one of the 17 values of BrokerAuthStatus (e.g. "mfaRequired", "failed")"#
        )
        #expect(lines[2].hasPrefix("        spec: suites/spec/mesh-integration-api.yaml:"))
        #expect(lines[3] == #"      [expect.json] /content/status: expected "mfaRequired", got "mfaPending""#)
        #expect(lines[4] == "        at suites/auth/authenticate-mfa.yaml:19:9")
        #expect(lines.contains("SKIP  Authenticate with MFA › MFA code succeeds: the run stopped (fail-fast)"))
        #expect(
            lines.contains {
                $0.hasPrefix("0 passed, 1 failed, 2 skipped in 1 suite, ") && $0.hasSuffix("; stopped early: fail-fast")
            }
        )
    }
}
