import Foundation
import JSON
import Runner
import Suites
import TestSupport
import Testing

struct PassingSuiteTests {
    @Test(.timeLimit(.minutes(1))) func shippedMFASuitePassesAgainstACorrectServer() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let suites = try RunnerFixture.suites(try RunnerFixture.shippedSuite("suites/auth/authenticate-mfa.yaml"))
        let result = try await RunnerFixture.run(suites, against: server.baseURL)
        let steps = RunnerFixture.steps(result)
        #expect(steps.map(\.outcome) == [.passed, .passed, .passed])
        #expect(result.totals.passed == 3 && result.stopReason == nil && !result.isInterrupted)
        #expect(steps.map(\.operation) == Array(repeating: "POST /api/v1/authenticate", count: 3))
        #expect(steps.map(\.attempts) == [1, 1, 1])
        #expect(result.suites.map(\.outcome) == [.passed])
    }
}
