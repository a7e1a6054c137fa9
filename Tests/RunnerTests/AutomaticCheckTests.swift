import Diagnostics
import Foundation
import OpenAPI
import Runner
import Suites
import TestSupport
import Testing

/// Each automatic check failing for the right reason against a server broken on purpose, and nothing else failing.
struct AutomaticCheckTests {
    static let suite = """
        name: Checks
        variables: { userId: "u-{{ run.instance }}" }
        steps:
          - name: login
            request:
              method: POST
              path: /api/v1/authenticate
              query: { userId: "{{ userId }}" }
              json: { type: robinhood, username: Mesh, password: Pass123 }
          - name: holdings
            request: { method: POST, path: /api/v1/holdings/get, json: { authToken: t, type: robinhood } }
            expect: { status: 400 }
          - name: status
            request: { method: GET, path: /api/v1/status }
        """

    /// Check ids and pointers found per step (login, holdings, status), for each fault.
    static let cases: [([FakeMeshServer.Fault], [[String]])] = [
        ([], [[], [], []]),
        ([.wrongStatus], [["status-declared"], [], ["status-declared"]]),
        (
            [.undeclaredContentType],
            [["content-type-declared"], ["content-type-declared"], ["content-type-declared"]]
        ),
        ([.missingContentType], [["content-type-declared"], ["content-type-declared"], ["content-type-declared"]]),
        ([.schemaViolation], [["response-schema /content/status"], [], []]),
        ([.emptyErrorType], [[], ["mesh-error-type /errorType"], []]),
        (
            [.serverError],
            [
                ["content-type-declared", "not-server-error"],
                ["status-declared", "not-server-error", "expect.status"],
                ["status-declared", "not-server-error"],
            ]
        ),
        ([.duplicateKeys], [["json-well-formed"], ["json-well-formed"], ["json-well-formed"]]),
        ([.envelopeOkOnError], [[], ["mesh-envelope-status /status"], []]),
        ([.invalidJSON], [["json-well-formed"], ["json-well-formed"], ["json-well-formed"]]),
        (
            [.invalidJSON, .undeclaredContentType],
            [["content-type-declared"], ["content-type-declared"], ["content-type-declared"]]
        ),
        (
            [.invalidJSON, .missingContentType],
            [
                ["content-type-declared", "json-well-formed"], ["content-type-declared", "json-well-formed"],
                ["content-type-declared", "json-well-formed"],
            ]
        ),
    ]

    @Test(.timeLimit(.minutes(1)), arguments: cases)
    func eachCheckFailsForItsFault(faults: [FakeMeshServer.Fault], expected: [[String]]) async throws {
        let server = try FakeMeshServer(faults: Set(faults))
        defer { server.stop() }
        let result = try await RunnerFixture.run(try RunnerFixture.suites(Self.suite), against: server.baseURL)
        let steps = RunnerFixture.steps(result)
        let found = steps.map { step in
            step.findings.map { [$0.check, $0.pointer ?? ""].filter { !$0.isEmpty }.joined(separator: " ") }
        }
        #expect(found == expected, "\(steps.flatMap(\.findings).map(\.message))")
        #expect(steps.map(\.outcome) == expected.map { $0.isEmpty ? .passed : .failed })
    }

    @Test(.timeLimit(.minutes(1))) func findingsNameTheCheckThePointerAndExpectedAgainstActual() async throws {
        let server = try FakeMeshServer(faults: [.schemaViolation, .emptyErrorType, .wrongStatus])
        defer { server.stop() }
        let result = try await RunnerFixture.run(try RunnerFixture.suites(Self.suite), against: server.baseURL)
        let findings = RunnerFixture.steps(result).flatMap(\.findings)
        let spec = try RunnerFixture.spec().path
        #expect(
            findings.map { "\($0.check) | \($0.pointer ?? "-") | \($0.expected) | \($0.actual) | \($0.message)" } == [
                "status-declared | - | one of 200, 400, 500, 503 | 202 | status 202 is not declared for "
                    + "POST /api/v1/authenticate (declared: 200, 400, 500, 503)",
                "mesh-error-type | /errorType | a non-empty string | \"\" | a 400 response with an 'errorType' member "
                    + "must carry a non-empty one; got \"\"",
                "status-declared | - | one of 200, 401 | 202 | status 202 is not declared for GET /api/v1/status "
                    + "(declared: 200, 401)",
            ]
        )
        #expect(findings[0].specLocation?.path == spec)
        let schemaServer = try FakeMeshServer(faults: [.schemaViolation])
        defer { schemaServer.stop() }
        let schemaResult = try await RunnerFixture.run(
            try RunnerFixture.suites(Self.suite),
            against: schemaServer.baseURL
        )
        let violation = try #require(RunnerFixture.steps(schemaResult).first?.findings.first)
        #expect(violation.check == "response-schema" && violation.pointer == "/content/status")
        #expect(violation.actual == "\"mfaPending\"")
        #expect(violation.schemaPath == "#/components/schemas/BrokerAuthStatus/enum")
        #expect(violation.specLocation?.path == spec && (violation.specLocation?.line ?? 0) > 1)
        #expect(violation.message.hasPrefix("/content/status: \"mfaPending\" is not one of"))
    }

    @Test(.timeLimit(.minutes(1))) func checksSwitchedOffWithAReasonDoNotRun() async throws {
        let server = try FakeMeshServer(faults: [.serverError])
        defer { server.stop() }
        let suites = try RunnerFixture.suites(
            """
            name: Off
            checks:
              not-server-error: { off: "the upstream is down today" }
              content-type-declared: { off: "500 bodies are text" }
            steps:
              - name: status
                request: { method: GET, path: /api/v1/status }
                checks: { status-declared: { off: "500 is not declared" }, not-server-error: on }
              - name: expected 500
                request: { method: GET, path: /api/v1/status }
                expect: { status: 500 }
                checks: { status-declared: { off: "500 is not declared" }, not-server-error: on }
            """
        )
        let result = try await RunnerFixture.run(suites, against: server.baseURL)
        let steps = RunnerFixture.steps(result)
        #expect(steps[0].findings.map(\.check) == ["not-server-error"])
        #expect(
            steps[0].disabledChecks == [
                "content-type-declared": "500 bodies are text", "status-declared": "500 is not declared",
            ]
        )
        #expect(steps[1].findings.isEmpty, "a status the step expects is not a server error finding")
        #expect(steps[1].outcome == .passed)
    }

    @Test(.timeLimit(.minutes(1))) func requestsThatBreakTheSpecFailUnlessNegative() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let text = """
            name: Requests
            steps:
              - name: bad request
                request:
                  method: POST
                  path: /api/v1/authenticate
                  query: { userId: "0123456789012345678901234567890123456789012345678901" }
                  json: { type: robinhod }
                  credentials: none
              - name: bad request on purpose
                negative: true
                request:
                  method: POST
                  path: /api/v1/authenticate
                  json: { type: robinhod }
                  credentials: none
            """
        let result = try await RunnerFixture.run(try RunnerFixture.suites(text, lint: false), against: server.baseURL)
        let steps = RunnerFixture.steps(result)
        let conforms = steps[0].findings.filter { $0.check == "request-conforms" }
        #expect(
            conforms.map(\.message) == [
                "query parameter 'userId': \"0123456789012345678901234567890123456789012345678901\" has 52 "
                    + "characters; the schema allows at most 50",
                "POST /api/v1/authenticate needs credentials that the request lacks: header 'X-Client-Secret', "
                    + "header 'X-Client-Id'",
                "request body: /type: \"robinhod\" is not one of the 63 values of BrokerType (e.g. \"robinhood\", "
                    + "\"coinbase\")",
            ]
        )
        #expect(steps[1].findings.allSatisfy { $0.check != "request-conforms" })
        #expect(
            steps[1].disabledChecks["request-conforms"]
                == "the step is negative: its request breaks the spec on purpose"
        )
    }

    @Test(.timeLimit(.minutes(1))) func aRepeatedQueryParameterIsOneArray() async throws {
        // GET /api/v1/transfers/managed/mesh: Statuses is an array of at most 5 TransferStatus values, sent in the
        // default form style (the name repeated); Count is an int32.
        let server = try FakeMeshServer()
        defer { server.stop() }
        let text = """
            name: Arrays
            steps:
              - name: two statuses
                request: { method: GET, path: /api/v1/transfers/managed/mesh, query: { Statuses: [pending, failed] } }
              - name: one status
                request: { method: GET, path: /api/v1/transfers/managed/mesh, query: { Statuses: pending } }
              - name: six statuses
                request:
                  method: GET
                  path: /api/v1/transfers/managed/mesh
                  query: { Statuses: [pending, failed, pending, failed, pending, failed] }
              - name: an unknown status
                request: { method: GET, path: /api/v1/transfers/managed/mesh, query: { Statuses: [pending, lost] } }
            """
        let result = try await RunnerFixture.run(try RunnerFixture.suites(text, lint: false), against: server.baseURL)
        let conforms = RunnerFixture.steps(result).map { step in
            step.findings.filter { $0.check == "request-conforms" }.map { "\($0.pointer ?? "") \($0.message)" }
        }
        #expect(conforms[0].isEmpty && conforms[1].isEmpty, "\(conforms)")
        #expect(
            conforms[2].count == 1
                && conforms[2].first?.hasPrefix("query:Statuses query parameter 'Statuses': ") == true
        )
        #expect(conforms[3].count == 1 && conforms[3].first?.contains("\"lost\"") == true, "\(conforms[3])")
    }
}
