import Foundation
import MeshCheckCLI
import TestSupport
import Testing

/// What `meshcheck run` prints on a terminal and off one, in process with a capturing console.
struct RunProgressTests {
    /// The example suite of docs/suites.md: three steps.
    static let example = "suites/auth/authenticate-mfa.yaml"

    private func run(isTerminal: Bool, server: FakeMeshServer, out: String) async -> (ExitCode, CapturedOutput) {
        let (console, captured) = Console.capturing(isTerminal: isTerminal)
        let environment = ["MESH_CLIENT_ID": "progress-id", "MESH_CLIENT_SECRET": "progress-secret"]
        let code = await MeshCheckTool.run(
            arguments: [
                "run", SharedFixtures.repository(Self.example).path, "--server", server.baseURL, "--out", out,
                "--spec", SharedFixtures.repository("suites/spec/mesh-integration-api.yaml").path, "--jobs", "1",
            ],
            context: CommandContext(console: console, environment: environment)
        )
        return (code, captured)
    }

    @Test(.timeLimit(.minutes(1))) func aTerminalGetsOneUpdatingLineWithCounts() async throws {
        let server = try FakeMeshServer(faults: [.schemaViolation])
        defer { server.stop() }
        let reports = try TemporaryDirectory()
        let (code, output) = await run(isTerminal: true, server: server, out: reports.path)
        #expect(code == .testFailures)
        let first = "\r\u{1B}[K[1/3] 0 passed, 1 failed, 0 skipped  Authenticate with MFA › login asks"
        let last = "\r\u{1B}[K[3/3] 1 passed, 2 failed, 0 skipped  Authenticate with MFA › a missing"
        #expect(output.error.hasPrefix(first))
        #expect(output.error.contains(last))
        #expect(output.error.hasSuffix("\r\u{1B}[K"), "the progress line is cleared before the summary")
        #expect(!output.output.contains("PASS "), "passing steps only move the counter")
        #expect(output.output.hasPrefix("FAIL  Authenticate with MFA › login asks for MFA"))
        #expect(!(output.output + output.error).contains("progress-secret"))
    }

    @Test(.timeLimit(.minutes(1))) func elsewhereEachStepGetsAPlainLine() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let reports = try TemporaryDirectory()
        let (code, output) = await run(isTerminal: false, server: server, out: reports.path)
        #expect(code == .success)
        #expect(output.error.isEmpty)
        let lines = output.output.split(separator: "\n")
        #expect(lines.count == 7)  // three steps, the summary, results.json, junit.xml and index.html
        #expect(lines.prefix(3).allSatisfy { $0.hasPrefix("PASS  Authenticate with MFA › ") })
        #expect(!output.output.contains("\u{1B}"))
    }
}
