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
        for step in steps {
            print(step.name, step.outcome, step.findings.map(\.message), step.error as Any)
        }
        #expect(steps.map(\.outcome) == [.passed, .passed, .passed])
        print(String(decoding: ResultsDocument.bytes(of: result), as: UTF8.self))
    }
}
