import Foundation
import TestSupport
import Testing

/// A 50 MB body against the built binary: the step fails at the 10 MiB limit, the server is cut off long before it
/// has sent everything, and the process's peak resident set stays bounded (printed next to a small run's, for the
/// record; the bound is generous so that it only catches buffering the whole body or more).
extension BinaryRunTests {
    struct LargeBodyMemoryTests {
        static let suite = """
            name: Large body
            steps:
              - name: status
                request: { method: GET, path: /api/v1/status }
                expect: { status: 200 }
            """

        static func run(against behaviour: HostileBehaviour) async throws -> (ChildProcess.Outcome, sentBytes: Int) {
            let server = try HostileServer(behaviour)
            defer { server.stop() }
            let folder = try TemporaryDirectory()
            let suitePath = try folder.write("large.yaml", suite)
            let outcome = try await ChildProcess.run(
                try meshcheckExecutable().path,
                ["run", suitePath, "--server", server.baseURL, "--out", folder.path + "/out", "--timeout", "20s"],
                environment: ["MESH_CLIENT_ID": "large-id", "MESH_CLIENT_SECRET": "large-secret", "NO_COLOR": "1"]
            )
            let junit = try folder.contents(of: "out/junit.xml")
            #expect(junit.contains("<failure") || junit.contains("<error"))
            return (outcome, server.sentBytes)
        }

        @Test(.timeLimit(.minutes(1)))
        func aFiftyMegabyteBodyKeepsMemoryBounded() async throws {
            let (small, _) = try await Self.run(against: .invalidJSON)
            // Announced: refused from its Content-Length. Unannounced (chunked, 50 MB): read up to the limit, then cut.
            for behaviour in [HostileBehaviour.fiftyMegabyteBody, .endlessChunkedBody] {
                let (large, sent) = try await Self.run(against: behaviour)
                print(
                    "\(behaviour) (50 MB): peak RSS \(large.peakRSSKiB / 1024) MiB (a small failing run: "
                        + "\(small.peakRSSKiB / 1024) MiB); the server sent \(sent / 1024 / 1024) MiB before the client "
                        + "stopped reading"
                )
                #expect(small.exitCode == 1 && large.exitCode == 1, "\(large.stdout) \(large.stderr)")
                #expect(large.stdout.contains("response body larger than 10485760 bytes"))
                #expect(sent < 40 * 1024 * 1024)
                #expect(large.peakRSSKiB < small.peakRSSKiB + 100 * 1024)
            }
        }
    }
}
