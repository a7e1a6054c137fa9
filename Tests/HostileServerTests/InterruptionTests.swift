import Foundation
import TestSupport
import Testing

/// SIGINT and SIGTERM in the middle of `meshcheck run` (the built binary, started with default signal actions):
/// no request starts after the signal, the one in flight is abandoned after the grace period, the reports are
/// complete and valid and say the run was interrupted, and the exit code is 130 or 143.
extension BinaryRunTests {
    struct InterruptionTests {
        static let suite = """
            name: Hanging server
            steps:
              - name: first
                request: { method: GET, path: /api/v1/status }
                expect: { status: 200 }
              - name: second
                request: { method: GET, path: /api/v1/status }
                expect: { status: 200 }
              - name: third
                request: { method: GET, path: /api/v1/status }
                expect: { status: 200 }
            """

        @Test(.timeLimit(.minutes(2)), arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
        func aSignalStopsTheRunWithPartialReports(signal: Int32, expectedExitCode: Int32) async throws {
            let server = try HostileServer(.noResponse)
            defer { server.stop() }
            let folder = try TemporaryDirectory()
            let suitePath = try folder.write("hanging.yaml", Self.suite)
            let out = folder.path + "/out"
            let child = try ChildProcess(
                try meshcheckExecutable().path,
                ["run", suitePath, "--server", server.baseURL, "--out", out, "--timeout", "30s", "--jobs", "1"],
                environment: [
                    "MESH_CLIENT_ID": "interrupt-id", "MESH_CLIENT_SECRET": "interrupt-secret", "NO_COLOR": "1",
                ]
            )
            // Wait (bounded) until the first request is in flight, then signal; the server holds it for 90 s.
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(60)
            while server.requestCount == 0 && clock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            try #require(server.requestCount == 1, "the run never reached the server")
            let signalled = clock.now
            child.send(signal)
            let outcome = try await child.wait(timeout: .seconds(30))
            print("interrupted by signal \(signal): exited \(outcome.exitCode) after \(clock.now - signalled)")
            #expect(outcome.exitCode == expectedExitCode, "stdout: \(outcome.stdout)\nstderr: \(outcome.stderr)")
            #expect(server.requestCount == 1, "a request started after the signal")
            let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
            #expect(
                outcome.stderr.contains(
                    "meshcheck run: \(name) received; stopping (no new requests, requests in flight get 1.5 s), then "
                        + "writing partial reports"
                )
            )
            #expect(outcome.stdout.contains("0 passed, 1 failed (1 error), 2 skipped in 1 suite"))
            #expect(outcome.stdout.contains("stopped early: interrupted"))
            #expect(
                outcome.stdout.contains(
                    "transport: abandoned: the run was interrupted and the response did not arrive within 1.5 s"
                )
            )
            #expect(outcome.stdout.contains("SKIP  Hanging server › second: the run stopped (interrupted)"))

            let results = try String(contentsOfFile: out + "/results.json", encoding: .utf8)
            #expect(results.contains("\"interrupted\":true") || results.contains("\"interrupted\": true"))
            #expect(
                results.contains("\"stopReason\":\"interrupted\"")
                    || results.contains("\"stopReason\": \"interrupted\"")
            )
            let junit = try String(contentsOfFile: out + "/junit.xml", encoding: .utf8)
            #expect(
                junit.contains("<!-- interrupted: this run was stopped before its end; the results are partial -->")
            )
            try await HostileRun.expectValidJUnit(at: out + "/junit.xml")
            let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
            #expect(html.contains("<div class=\"notice interrupted\" id=\"interrupted\">"))
            #expect(html.hasSuffix("</html>\n"))
        }
    }
}
