import Foundation
import JSON
import MockServer
import OpenAPI
import TestSupport
import Testing

/// The suites under `suites/`, as `make run` runs them: lint-clean, all passing against the reference mock, and
/// reaching every operation of the spec with its declared 200, 400 and 401.
struct ShippedSuitesTests {
    @Test func theShippedSuitesLintCleanly() async throws {
        let outcome = try await runMeshcheck(["lint"], environment: ["NO_COLOR": "1"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        // Pinned, so a suite that stops loading (or a wrong path) cannot pass as zero suites.
        #expect(outcome.stdout == "24 suites, 177 steps: 0 errors, 0 warnings\n")
    }

    @Test(.timeLimit(.minutes(2))) func everySuitePassesAgainstTheMockWhoseAnswersAllMeetTheSpec() async throws {
        let document = try ShippedRun.spec()
        let mock = try ReferenceMock.start(MockConfiguration(document: document, selfCheck: true))
        defer { mock.stop() }
        let outcome = try await ShippedRun.run([], server: mock.baseURL)
        #expect(outcome.process.exitCode == 0, "\(outcome.failures)\n\(outcome.process.stderr)")
        #expect(outcome.steps.count > 400)
        #expect(
            outcome.steps.allSatisfy { $0.outcome == "passed" },
            "\(outcome.steps.filter { $0.outcome != "passed" })"
        )
        // The mock validated every answer it gave the suites against the spec before sending it.
        #expect(mock.selfCheckViolations.isEmpty, "\(mock.selfCheckViolations)")
        #expect(outcome.results["totals"]?["suites"] == 88)
    }

    @Test(.timeLimit(.minutes(2))) func everyOperationIsReachedWithItsDeclared200And400And401() async throws {
        let document = try ShippedRun.spec()
        let outcome = try await ShippedRun.run([], server: nil)
        #expect(outcome.process.exitCode == 0, "\(outcome.failures)")
        #expect(outcome.results["server"]?["name"] == "mock")
        var reached: [String: Set<Int>] = [:]
        for step in outcome.steps {
            guard let operation = step.operation, let status = step.status else { continue }
            reached[operation, default: []].insert(status)
        }
        #expect(document.operations.count == 45)
        #expect(Set(reached.keys) == Set(document.operations.map(\.name)))
        // Every parameter of these two is an optional string without limits and they take no body: no request
        // can break the spec, so their declared 400 cannot be provoked honestly (their error path is the 401).
        let noInvalidRequest: Set = ["GET /api/v1/balance/portfolio", "GET /api/v1/wallets/verify"]
        for operation in document.operations {
            let declared = Set(
                operation.responses.compactMap { response -> Int? in
                    if case .code(let code) = response.status, [200, 400, 401].contains(code) { return code }
                    return nil
                }
            )
            var missing = declared.subtracting(reached[operation.name] ?? [])
            if noInvalidRequest.contains(operation.name) {
                #expect(missing == [400])
                missing.remove(400)
            }
            #expect(missing.isEmpty, "\(operation.name) never answered \(missing.sorted())")
        }
    }

    @Test(.timeLimit(.minutes(1))) func theSeedSuitesPassAgainstAnIndependentServerToo() async throws {
        // FakeMeshServer is a second reading of Mesh's docs for the three seed operations: the suites pass there
        // too, so they hold Mesh to its docs, not to whatever the embedded mock happens to do.
        let server = try FakeMeshServer()
        defer { server.stop() }
        let outcome = try await ShippedRun.run(["suites/seed"], server: server.baseURL)
        #expect(outcome.process.exitCode == 0, "\(outcome.failures)")
        #expect(outcome.steps.count == 38)
        #expect(outcome.steps.allSatisfy { $0.outcome == "passed" })
    }

    @Test func theSandboxNeedsBothCredentialsAndNamesTheMissingOne() async throws {
        for (environment, variable) in [
            (["MESH_CLIENT_ID": "", "MESH_CLIENT_SECRET": ""], "MESH_CLIENT_ID"),
            (["MESH_CLIENT_ID": "id", "MESH_CLIENT_SECRET": ""], "MESH_CLIENT_SECRET"),
        ] {
            let outcome = try await runMeshcheck(["run", "--server", "sandbox"], environment: environment)
            #expect(outcome.exitCode == 2)
            #expect(
                outcome.stderr.hasPrefix("error: \(variable) is not set: server 'sandbox' needs client credentials")
            )
            #expect(outcome.stdout.isEmpty, "nothing ran")
        }
    }
}
