import Diagnostics
import Foundation
import JSON
import OpenAPI
import Suites
import TestSupport
import Testing

/// Lint against the Mesh spec: operations, request bodies, pointers, variables and names, each at its place.
struct SuiteLintTests {
    static let document: OpenAPIDocument? = {
        let path = SharedFixtures.repository(OpenAPIDocument.defaultSpecPath).path
        return (try? SpecSource.load(path: path)).flatMap { try? OpenAPILoader.load($0) }
    }()

    static func lint(_ text: String, environment: [String: String] = [:]) throws -> SuiteSet {
        let document = try #require(Self.document)
        var set = SuiteLoader.load(file: "l.yaml", bytes: Array(text.utf8))
        SuiteLoader.lint(&set, against: document, environment: environment)
        return set
    }

    @Test func theShippedSuitesAreClean() throws {
        let document = try #require(Self.document)
        let set = SuiteLoader.check([SharedFixtures.repository("suites").path], against: document, environment: [:])
        #expect(set.suites.count >= 1)
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics.map(set.rendered).joined(separator: "\n"))")
    }

    @Test func everySpecProblemIsReportedWithItsPlace() throws {
        let set = try Self.lint(
            """
            name: Lint
            variables:
              userId: "u-{{ run.id }}"
              greeting: "{{ run.nope }} {{ env.MESHCHECK_UNSET_VARIABLE }}"
            matrix:
              broker: { enum: BrokerTyp }
              mfa: { enum: ApiResult }
            steps:
              - name: unknown path
                request: { method: POST, path: /api/v1/authentcate }
              - name: named
                operation: GET /api/v1/status
                request: { method: POST, path: /api/v1/statuz }
              - name: no such operation id
                operation: getStatsu
              - name: template path needs a path
                operation: GET /api/v1/authenticate/{brokerType}
              - name: body problems
                request:
                  method: POST
                  path: /api/v1/authenticate
                  json: { type: robinhod, extra: 1, username: "{{ userId }}", mfaType: "{{ mfaa }}" }
                expect:
                  json:
                    /content/statuz: x
                    /content/accountTokens/0/accesToken: { exists: true }
                    /content/accountTokens/first: x
                    /content/status/inner: x
                    /content/nothing: { exists: false }
                capture: { token: /content/accountTokens/0/accessTokn }
              - name: negative body is not judged
                negative: true
                request: { method: POST, path: /api/v1/authenticate, json: { type: 7 } }
              - name: get with a body
                request: { method: GET, path: /api/v1/status, body: hello }
              - name: wrong media type
                request: { method: POST, path: "/api/v1/authenticate", query: { userId: x }, body: "a=b", contentType: application/xml }
              - name: later capture
                request: { method: GET, path: "/api/v1/authenticate/{{ broker }}", query: { userId: "{{ late }}" } }
                expect: { status: 418, schema: ApiResul }
              - name: later capture
                request: { method: GET, path: /api/v1/status }
                capture: { late: /status }
                only: focus
            """
        )
        let spec = try #require(Self.document).path
        #expect(
            set.diagnostics.map(set.rendered).joined(separator: "\n") == """
                l.yaml:4:3: error: unknown value 'run.nope'; known: run.id, run.instance, run.startedAt
                  greeting: "{{ run.nope }} {{ env.MESHCHECK_UNSET_VARIABLE }}"
                  ^
                l.yaml:4:3: warning: environment variable 'MESHCHECK_UNSET_VARIABLE' is not set
                  greeting: "{{ run.nope }} {{ env.MESHCHECK_UNSET_VARIABLE }}"
                  ^
                l.yaml:6:3: error: matrix 'broker': no schema 'BrokerTyp' in the spec; did you mean 'BrokerType'?
                  broker: { enum: BrokerTyp }
                  ^
                l.yaml:7:3: error: matrix 'mfa': schema 'ApiResult' has no enum
                  mfa: { enum: ApiResult }
                  ^
                l.yaml:10:36: error: unknown operation: no POST /api/v1/authentcate in \(spec); did you mean 'POST /api/v1/authenticate'?
                    request: { method: POST, path: /api/v1/authentcate }
                                                   ^
                note: write 'operation: none' for a request the spec does not describe
                l.yaml:13:14: error: request method POST differs from the operation's, GET /api/v1/status
                    request: { method: POST, path: /api/v1/statuz }
                             ^
                l.yaml:13:36: error: path '/api/v1/statuz' does not fit the operation's path '/api/v1/status'
                    request: { method: POST, path: /api/v1/statuz }
                                                   ^
                l.yaml:15:16: error: unknown operation 'getStatsu' (not in \(spec))
                    operation: getStatsu
                               ^
                l.yaml:16:5: error: step 'template path needs a path' needs a request 'path': GET /api/v1/authenticate/{brokerType} has path parameters
                  - name: template path needs a path
                    ^
                l.yaml:16:5: error: request lacks the required query parameter 'userId' of GET /api/v1/authenticate/{brokerType}
                  - name: template path needs a path
                    ^
                note: mark the step 'negative: true' if it sends this on purpose
                l.yaml:20:7: error: request lacks the required query parameter 'userId' of POST /api/v1/authenticate
                      method: POST
                      ^
                note: mark the step 'negative: true' if it sends this on purpose
                l.yaml:22:21: error: request body violates POST /api/v1/authenticate: /type: "robinhod" is not one of the 63 values of BrokerType (e.g. "robinhood", "coinbase")
                      json: { type: robinhod, extra: 1, username: "{{ userId }}", mfaType: "{{ mfaa }}" }
                                    ^
                note: schema: #/components/schemas/BrokerType/enum (\(spec):9067:7)
                note: mark the step 'negative: true' if it sends this on purpose
                l.yaml:22:31: error: request body violates POST /api/v1/authenticate: /extra: property 'extra' is not allowed (additionalProperties is false); declared: type, phone, username, password, tradePin, countryInfo, challengeId, challengeCode, challengeType, challengeAnswer, …
                      json: { type: robinhod, extra: 1, username: "{{ userId }}", mfaType: "{{ mfaa }}" }
                                              ^
                note: schema: #/components/schemas/B2BBrokerAuthRequest/additionalProperties (\(spec):4674:29)
                note: mark the step 'negative: true' if it sends this on purpose
                l.yaml:22:76: error: undefined variable 'mfaa'; did you mean 'mfa'?
                      json: { type: robinhod, extra: 1, username: "{{ userId }}", mfaType: "{{ mfaa }}" }
                                                                                           ^
                l.yaml:25:9: error: the response schema cannot have '/content/statuz' (200: B2BBrokerAuthResponseApiResult): '/content' has no member 'statuz'; did you mean '/content/status'?
                        /content/statuz: x
                        ^
                l.yaml:26:9: error: the response schema cannot have '/content/accountTokens/0/accesToken' (200: B2BBrokerAuthResponseApiResult): '/content/accountTokens/0' has no member 'accesToken'; did you mean '/content/accountTokens/0/accessToken'?
                        /content/accountTokens/0/accesToken: { exists: true }
                        ^
                l.yaml:27:9: error: the response schema cannot have '/content/accountTokens/first' (200: B2BBrokerAuthResponseApiResult): '/content/accountTokens' is an array; 'first' is not an index
                        /content/accountTokens/first: x
                        ^
                l.yaml:28:9: error: the response schema cannot have '/content/status/inner' (200: B2BBrokerAuthResponseApiResult): '/content/status' is a string
                        /content/status/inner: x
                        ^
                l.yaml:30:16: error: the response schema cannot have '/content/accountTokens/0/accessTokn' (200: B2BBrokerAuthResponseApiResult): '/content/accountTokens/0' has no member 'accessTokn'; did you mean '/content/accountTokens/0/accessToken'?
                    capture: { token: /content/accountTokens/0/accessTokn }
                               ^
                l.yaml:35:57: error: GET /api/v1/status declares no request body
                    request: { method: GET, path: /api/v1/status, body: hello }
                                                                        ^
                note: mark the step 'negative: true' if it sends this on purpose
                l.yaml:37:88: error: POST /api/v1/authenticate declares no request body of type 'application/xml' (declared: application/json)
                    request: { method: POST, path: "/api/v1/authenticate", query: { userId: x }, body: "a=b", contentType: application/xml }
                                                                                                       ^
                note: mark the step 'negative: true' if it sends this on purpose
                l.yaml:39:81: error: variable 'late' is captured only by a later step ('later capture' at l.yaml:43:16)
                    request: { method: GET, path: "/api/v1/authenticate/{{ broker }}", query: { userId: "{{ late }}" } }
                                                                                                ^
                l.yaml:40:23: warning: status 418 is not declared for GET /api/v1/authenticate/{brokerType} (declared: 200, 400)
                    expect: { status: 418, schema: ApiResul }
                                      ^
                l.yaml:40:36: error: no schema 'ApiResul' in the spec; did you mean 'ApiResult'?
                    expect: { status: 418, schema: ApiResul }
                                                   ^
                l.yaml:41:5: error: duplicate step name 'later capture' (first at l.yaml:38:5)
                  - name: later capture
                    ^
                l.yaml:41:5: warning: step 'later capture' says 'only': the other steps will be skipped
                  - name: later capture
                    ^
                """
        )
    }

    @Test func templatedValuesAreNotJudgedBeforeTheRun() throws {
        let set = try Self.lint(
            """
            name: Templates
            variables: { kind: robinhood, n: 3 }
            steps:
              - name: typed template
                request:
                  method: POST
                  path: /api/v1/authenticate
                  query: { userId: "{{ kind }}" }
                  json: { type: "{{ kind }}", isSensitiveFieldsEncrypted: "{{ n }}", username: "x-{{ n }}" }
                expect: { json: { /content/status: "{{ kind }}" } }
            """
        )
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics.map(set.rendered))")
    }

    @Test func unsetEnvironmentVariablesAreErrorsBeforeARun() throws {
        let document = try #require(Self.document)
        let set = SuiteLoader.load(
            file: "e.yaml",
            bytes: Array(
                "steps:\n  - name: s\n    operation: GET /api/v1/status\n    request: { headers: { X-A: \"{{ env.MESHCHECK_TEST_UNSET }}\" } }\n"
                    .utf8
            )
        )
        let strict = SuiteLinter(document: document, environment: [:], missingEnvironmentSeverity: .error)
        #expect(
            strict.lint(set.suites[0]).map(\.description) == [
                "e.yaml:4:27: error: environment variable 'MESHCHECK_TEST_UNSET' is not set"
            ]
        )
        let lenient = SuiteLinter(document: document, environment: ["MESHCHECK_TEST_UNSET": "1"])
        #expect(lenient.lint(set.suites[0]).isEmpty)
    }

    @Test func enumPredicatesNameSchemasWithAnEnum() throws {
        let set = try Self.lint(
            """
            name: Enums
            steps:
              - name: schemes
                request: { method: GET, path: /api/v1/authenticationSchemes }
                expect:
                  json:
                    /content:
                      each:
                        /brokerType: { enum: BrokerTyp }
                        /mfaSchemes: { optional: true, each: { enum: ApiResult } }
                        /authenticationSchemeType: { enum: AuthenticationSchemeType, optional: true }
                        /brokerTipe: { optional: true, type: string }
                        not/a/pointer: 1
            """
        )
        #expect(
            set.diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0): \($0.message)" } == [
                "9:26: enum: no schema 'BrokerTyp' in the spec; did you mean 'BrokerType'?",
                "10:50: enum: schema 'ApiResult' has no enum",
                "12:26: the response schema cannot have '/content/0/brokerTipe' (200: "
                    + "BrokerAuthenticationSchemeIReadOnlyCollectionApiResult): '/content/0' has no member 'brokerTipe'; "
                    + "did you mean '/content/0/brokerType'?",
                "13:13: unknown key 'not/a/pointer' in predicate; expected one of: equals, notEquals, oneOf, matches, "
                    + "exists, type, length, minLength, maxLength, contains, gt, gte, lt, lte, nonEmpty, each, enum, "
                    + "optional, or a JSON pointer (/member)",
            ]
        )
    }

    @Test func runnersBindEnumPredicatesToTheSpec() throws {
        let document = try #require(Self.document)
        let set = SuiteLoader.load(
            file: "b.yaml",
            bytes: Array(
                """
                name: Bind
                steps:
                  - name: login
                    request: { method: POST, path: /api/v1/authenticate, query: { userId: u }, json: { type: robinhood } }
                    expect: { json: { /content/status: { enum: BrokerAuthStatus } } }
                """.utf8
            )
        )
        let suite = try #require(set.suites.first)
        let bound = suite.bindingSchemaEnums(to: document)
        let predicate = try #require(bound.steps.first?.expectation.json.first?.predicate)
        guard case .schemaEnum(let name, let values)? = predicate.conditions.first else {
            Issue.record("not an enum condition: \(predicate.conditions)")
            return
        }
        #expect(name == "BrokerAuthStatus")
        #expect(values?.count == 17)
        #expect(values?.first == "failed")
    }
}
