import Diagnostics
import Foundation
import HTTP
import JSON
import Runner
import Suites
import TestSupport
import Testing

/// A step's own expectations, captures and matrices over real exchanges.
struct ExpectationTests {
    @Test(.timeLimit(.minutes(1))) func failedExpectationsNameThePointerAndTheirPlaceInTheSuite() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let text = """
            name: Expectations
            steps:
              - name: login
                request:
                  method: POST
                  path: /api/v1/authenticate
                  query: { userId: expectations }
                  json: { type: robinhood, username: Mesh, password: Pass123 }
                expect:
                  status: [201, 4xx]
                  headers:
                    Content-Type: { matches: "^text/" }
                    X-Missing: { exists: true }
                  json:
                    /content/status: succeeded
                    /content/mfaType: { oneOf: [email, totp] }
                    /content/accountTokens: { exists: true }
                    /status: { notEquals: ok }
                    /message: { type: string, maxLength: 0, nonEmpty: true }
                  body: { contains: "nothing like this" }
                capture: { token: /content/accountTokens/0/accessToken }
            """
        let result = try await RunnerFixture.run(try RunnerFixture.suites(text), against: server.baseURL)
        let step = try #require(RunnerFixture.steps(result).first)
        #expect(step.outcome == .failed)
        #expect(
            step.findings.map { "\($0.check) \($0.pointer ?? "-") @\($0.suiteLocation?.line ?? 0): \($0.message)" } == [
                "expect.status - @10: expected status one of 201, 4xx, got 200",
                #"expect.headers Content-Type @12: header Content-Type: "application/json; charset=utf-8" does not match /^text//"#,
                "expect.headers X-Missing @13: header X-Missing: expected present, but the value is absent",
                #"expect.json /content/status @15: /content/status: expected "succeeded", got "mfaRequired""#,
                #"expect.json /content/mfaType @16: /content/mfaType: expected one of ["email", "totp"], got "phone""#,
                "expect.json /content/accountTokens @17: /content/accountTokens: expected present, but the value is absent",
                #"expect.json /status @18: /status: expected anything but "ok""#,
                #"expect.json /message @19: /message: expected a non-empty value, got """#,
                #"expect.body - @20: body: expected text containing "nothing like this", got "#
                    + #""{\"content\":{\"status\":\"mfaRequired\",\"mfaType\":\"phone\"},\"status\":\"ok\",\"message\":\"\",\"errorHash\":\"9f8e7d6c5b4a3921\",\"errorType\":\"\"}""#,
                "capture /content/accountTokens/0/accessToken @21: cannot capture 'token': "
                    + "/content/accountTokens/0/accessToken is absent",
            ]
        )
        #expect(step.findings.allSatisfy { $0.suiteLocation?.path == "test.yaml" })
    }

    @Test(.timeLimit(.minutes(1))) func capturesFlowIntoLaterStepsAndAMissingOneSkipsItsDependents() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let text = """
            name: Captures
            variables: { userId: "c-{{ run.instance }}" }
            steps:
              - name: login
                request: { method: POST, path: /api/v1/authenticate, query: { userId: "{{ userId }}" },
                           json: { type: robinhood, username: Mesh, password: Pass123 } }
                capture: { mfa: /content/mfaType, status: { status: true }, kind: { header: Content-Type } }
              - name: code
                request: { method: POST, path: /api/v1/authenticate, query: { userId: "{{ userId }}" },
                           json: { type: robinhood, mfaCode: "123456" } }
                expect: { json: { /content/status: succeeded } }
                capture: { token: /content/accountTokens/0/accessToken, account: /content/accountTokens/0/account }
              - name: use them
                request: { method: POST, path: /api/v1/holdings/get, json: { authToken: "{{ token }}", type: robinhood } }
                expect:
                  status: 400
                  json: { /errorType: { nonEmpty: true } }
              - name: compare captured values
                request: { method: GET, path: /api/v1/status, headers: { X-Account: "{{ account.accountId }}-{{ status }}" } }
                expect: { json: { /content/0/type: { notEquals: "{{ mfa }}" } } }
              - name: nothing to capture
                request: { method: GET, path: /api/v1/status }
                capture: { absent: /content/9/name }
              - name: needs the missing value
                request: { method: GET, path: /api/v1/status, headers: { X-Absent: "{{ absent }}" } }
            """
        let result = try await RunnerFixture.run(try RunnerFixture.suites(text), against: server.baseURL)
        let steps = RunnerFixture.steps(result)
        #expect(steps.map(\.outcome) == [.passed, .passed, .passed, .passed, .failed, .skipped])
        #expect(
            steps[0].captures == ["kind": "\"application/json; charset=utf-8\"", "mfa": "\"phone\"", "status": "200"]
        )
        #expect(steps[1].captures["token"] == SecretRedactor.mask)
        #expect(steps[5].skipReason == "needs 'absent', which step 'nothing to capture' did not capture")
        let sent = server.requests
        let holdings = try #require(sent.first { $0.path == "/api/v1/holdings/get" })
        let body = try JSONParser.parse(holdings.body)
        #expect(body["authToken"]?.stringValue?.hasPrefix("access-c-") == true)
        #expect(sent.compactMap { $0.headers["X-Account"] } == ["acc-1-200"])
    }

    @Test(.timeLimit(.minutes(1))) func schemaOverridesAndCredentialOverridesApply() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let text = """
            name: Overrides
            steps:
              - name: by name
                request: { method: GET, path: /api/v1/status }
                expect: { schema: ApiResult }
              - name: inline
                request: { method: GET, path: /api/v1/status, credentials: { clientSecret: "other-{{ run.id }}" } }
                expect: { schema: { type: object, required: [nope], properties: { content: { type: array, maxItems: 2 } } } }
              - name: no credentials
                negative: true
                request: { method: GET, path: /api/v1/status, credentials: none }
                expect: { status: 401 }
            """
        let result = try await RunnerFixture.run(try RunnerFixture.suites(text), against: server.baseURL) {
            configuration in
            configuration.runID = "rtest"
        }
        let steps = RunnerFixture.steps(result)
        #expect(
            steps[0].findings.map { "\($0.check) \($0.pointer ?? "")" } == ["response-schema /content"],
            "\(steps[0].findings.map(\.message))"
        )
        #expect(
            steps[1].findings.map { "\($0.check) \($0.pointer ?? "")" } == [
                "response-schema /content", "response-schema ",
            ]
        )
        #expect(steps[2].outcome == .passed, "\(steps[2].findings.map(\.message))")
        let secrets = server.requests.map { $0.headers["X-Client-Secret"] }
        #expect(secrets == [RunnerFixture.clientSecret, "other-rtest", nil])
        #expect(server.requests.allSatisfy { $0.headers["Accept"] == "application/json" })
    }

    @Test(.timeLimit(.minutes(1))) func matricesRunASuiteOrAStepPerValue() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let text = """
            name: Matrix
            matrix: { kind: [robinhood, kraken] }
            steps:
              - name: per MFA type
                matrix: { mfa: { enum: MfaType } }
                request: { method: GET, path: /api/v1/status, headers: { X-Mfa: "{{ mfa }}", X-Kind: "{{ kind }}" } }
              - name: per broker
                matrix: { broker: [robinhood, kraken, coinbase] }
                request: { method: GET, path: /api/v1/status }
                expect: { json: { /content/0/type: "{{ broker }}" } }
            """
        let result = try await RunnerFixture.run(try RunnerFixture.suites(text), against: server.baseURL)
        #expect(result.suites.map(\.name) == ["Matrix [kind=robinhood]", "Matrix [kind=kraken]"])
        #expect(result.suites.map(\.matrix) == [["kind": "robinhood"], ["kind": "kraken"]])
        let steps = result.suites[0].steps
        let mfaTypes = try #require(SuiteMatrix.enumValues(ofSchemaNamed: "MfaType", in: try RunnerFixture.spec()))
        #expect(mfaTypes.count == 13)
        #expect(steps.count == 13 + 3)
        #expect(steps[0].name == "per MFA type [mfa=phone]" && steps[0].matrix == ["mfa": "phone"])
        #expect(
            steps[13...].map(\.name) == [
                "per broker [broker=robinhood]", "per broker [broker=kraken]", "per broker [broker=coinbase]",
            ]
        )
        #expect(steps[13...].map(\.outcome) == [.passed, .failed, .failed])
        #expect(result.totals == RunTotals(suites: 2, steps: 32, passed: 28, failed: 4, errors: 0, skipped: 0))
        let kinds = Set(server.requests.compactMap { $0.headers["X-Kind"] })
        #expect(kinds == ["robinhood", "kraken"])
    }
}

extension RunTotals {
    init(suites: Int, steps: Int, passed: Int, failed: Int, errors: Int, skipped: Int) {
        self.init()
        self.suites = suites
        self.steps = steps
        self.passed = passed
        self.failed = failed
        self.errors = errors
        self.skipped = skipped
    }
}
