import Diagnostics
import Foundation
import OpenAPI
import Runner
import Suites
import TestSupport
import Testing

/// Generated cases run against servers that wrongly accept bad input: the right cases fail, saying which field and
/// which rule.
struct GeneratedCaseRunTests {
    static let suite = """
        name: Generated
        generate:
          kinds: [negative, boundary]
          operations: ["POST /api/v1/authenticate", "POST /api/v1/holdings/get", "GET /api/v1/transfers/managed/mesh"]
          isolate: suite
        """

    static func run(_ faults: Set<FakeMeshServer.Fault>) async throws -> [CaseResult] {
        let server = try FakeMeshServer(faults: faults)
        defer { server.stop() }
        let suites = try RunnerFixture.suites(Self.suite)
        let result = try await RunnerFixture.run(suites, against: server.baseURL)
        #expect(result.suites.count == 1)
        return RunnerFixture.steps(result)
    }

    static func step(_ name: String, in steps: [CaseResult]) throws -> CaseResult {
        try #require(steps.first { $0.name == name }, "no step '\(name)'")
    }

    @Test(.timeLimit(.minutes(1))) func aServerThatAcceptsEverythingFailsEveryNegativeCaseNamingFieldAndRule()
        async throws
    {
        let steps = try await Self.run([.acceptEverything])
        let negatives = steps.filter(\.isNegative)
        #expect(negatives.count > 50)
        for step in negatives {
            #expect(step.outcome == .failed, "\(step.name) passed")
            #expect(step.findings.contains { $0.check == "expect.status" && $0.actual == "200" }, "\(step.name)")
            #expect(step.disabledChecks["request-conforms"] != nil)
        }
        let userId = try Self.step("POST /api/v1/authenticate · negative · query userId maxLength+1", in: steps)
        #expect(
            userId.findings.map(\.message) == [
                "expected status 400 (query userId is 51 characters, over maxLength 50), got 200"
            ]
        )
        let broker = try Self.step("POST /api/v1/authenticate · negative · body type enum case changed", in: steps)
        #expect(
            broker.findings.map(\.message) == [
                "expected status 400 (body type is \"Robinhood\"; the enum of BrokerType has \"robinhood\", and values "
                    + "are case-sensitive), got 200"
            ]
        )
        let count = try Self.step("GET /api/v1/transfers/managed/mesh · negative · query Count above int32", in: steps)
        #expect(count.findings.first?.message.contains("query Count is 2147483648, outside int32") == true)
        // An ApiResult 400 is expected, so the ok envelope fails the errorType expectation too.
        let token = try Self.step("POST /api/v1/holdings/get · negative · body authToken missing", in: steps)
        #expect(token.findings.map(\.check) == ["expect.status", "expect.json"])
        #expect(
            token.findings.last?.message
                == "/errorType: expected a non-empty value, got \"\" (body authToken is required and left out)"
        )
        #expect(token.findings.first?.suiteLocation == FileLocation(path: "test.yaml", line: 3, column: 3))
    }

    @Test(.timeLimit(.minutes(1))) func aServerThatFailsEverythingFailsEveryCaseAsAServerError() async throws {
        let steps = try await Self.run([.serverError])
        #expect(steps.count > 100)
        for step in steps {
            #expect(step.outcome == .failed, "\(step.name) passed")
            #expect(step.findings.contains { $0.check == "not-server-error" }, "\(step.name)")
        }
        let boundary = try Self.step("POST /api/v1/authenticate · boundary · query userId maxLength", in: steps)
        #expect(
            boundary.findings.contains {
                $0.message == "expected status 200 (query userId is 50 characters, exactly maxLength), got 500"
            }
        )
        #expect(boundary.disabledChecks["request-conforms"] == nil)
    }
}
