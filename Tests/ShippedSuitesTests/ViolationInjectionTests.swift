import Foundation
import JSON
import MockServer
import TestSupport
import Testing

/// The shipped seed suites against servers that break the spec on purpose: each failure names the check that
/// caught it and the pointer into the body, and nothing else fails.
struct ViolationInjectionTests {
    static let removeConnection = "suites/seed/remove-connection.yaml"
    static let schemes = "suites/seed/authentication-schemes.yaml"
    static let authenticate = "suites/seed/authenticate.yaml"

    static let removal = "Remove connection (seed) › "
    static let removalBy = "Remove connection by media type (seed) [contentType="
    static let scheme = "Authentication schemes (seed) › "
    static let auth = "Authenticate (seed) › "

    /// The 400 steps of the remove-connection suite, each a broken body.
    static let badBodies = [
        "a missing authToken is a 400 missingField", "an empty authToken is a 400", "an extra property is a 400",
        "an unknown type is a 400",
    ]

    /// Every `POST /api/v1/authenticate` step of the authenticate suite that expects a 200 with `content.status`.
    static let authenticate200s = [
        "Base64-encoded username and password ask for an MFA code", "a Base64-encoded MFA code connects the account",
        "a userId of 50 characters is accepted", "a wrong MFA code fails the login", "a wrong password fails the login",
        "before a wrong code, the login asks for MFA", "the MFA code connects the account",
        "username and password ask for an MFA code",
    ]

    /// `FakeMeshServer` faults on one path, the suite run, and every finding expected (`step | check pointer`).
    static let fakeServerCases: [(FakeMeshServer.Fault, String, String, [String])] = [
        (
            .unknownBrokerType, "/api/v1/authenticationSchemes", schemes,
            [
                scheme + "every scheme uses the spec's enums | expect.json /content/0/brokerType",
                scheme + "every scheme uses the spec's enums | expect.json /content/1/brokerType",
                scheme + "every scheme uses the spec's enums | response-schema /content/0/brokerType",
                scheme + "every scheme uses the spec's enums | response-schema /content/1/brokerType",
            ]
        ),
        (
            .missingRequiredField, "/api/v1/authenticationSchemes", schemes,
            [scheme + "every scheme uses the spec's enums | response-schema /content/1/trueAuthAuthenticaion"]
        ),
        (
            .wrongStatus, "/api/v1/authenticationSchemes", schemes,
            [
                scheme + "every scheme uses the spec's enums | expect.status",
                scheme + "every scheme uses the spec's enums | status-declared",
            ]
        ),
        (
            .undeclaredContentType, "/api/v1/authenticationSchemes", schemes,
            [
                scheme + "every scheme uses the spec's enums | content-type-declared",
                scheme + "without client credentials it is a 401 | content-type-declared",
                scheme + "without the client secret it is a 401 | content-type-declared",
            ]
        ),
        (
            .emptyErrorType, "/api/v1/account", removeConnection,
            badBodies.flatMap {
                [removal + $0 + " | expect.json /errorType", removal + $0 + " | mesh-error-type /errorType"]
            }
                + [removal + "the removed token no longer removes anything | mesh-error-type /errorType"]
        ),
        (
            .envelopeOkOnError, "/api/v1/account", removeConnection,
            badBodies.flatMap {
                [removal + $0 + " | expect.json /status", removal + $0 + " | mesh-envelope-status /status"]
            }
                + [removal + "the removed token no longer removes anything | mesh-envelope-status /status"]
        ),
        (
            .extraProperty, "/api/v1/account", removeConnection,
            (badBodies + ["the connection is removed", "the removed token no longer removes anything"]).map {
                removal + $0 + " | response-schema /unexpected"
            }
                + ["application/json", "application/vnd.meshcheck+json", "text/json"].map {
                    removalBy + $0 + "] › the connection is removed | response-schema /unexpected"
                }
        ),
        (
            .schemaViolation, "/api/v1/authenticate", authenticate,
            authenticate200s.flatMap {
                [auth + $0 + " | expect.json /content/status", auth + $0 + " | response-schema /content/status"]
            }
        ),
    ]

    @Test(.timeLimit(.minutes(1)), arguments: fakeServerCases)
    func aBrokenServerFailsTheRightChecks(
        fault: FakeMeshServer.Fault,
        path: String,
        suite: String,
        expected: [String]
    ) async throws {
        let server = try FakeMeshServer(faults: [fault], faultedPaths: [path])
        defer { server.stop() }
        let outcome = try await ShippedRun.run([suite], server: server.baseURL)
        #expect(outcome.process.exitCode == 1)
        #expect(outcome.failures == expected.sorted())
        #expect(outcome.steps.allSatisfy { $0.outcome == "passed" || $0.outcome == "failed" }, "nothing skipped")
    }

    @Test(.timeLimit(.minutes(1))) func findingsSayWhatTheSpecWantedAndWhere() async throws {
        let server = try FakeMeshServer(faults: [.unknownBrokerType], faultedPaths: ["/api/v1/authenticationSchemes"])
        defer { server.stop() }
        let outcome = try await ShippedRun.run([Self.schemes], server: server.baseURL)
        let step = try #require(outcome.results["suites"]?[0]?["steps"]?[0])
        let findings = try #require(step["findings"]?.arrayValue)
        let schema = try #require(findings.first { $0["check"] == "response-schema" })
        #expect(schema["pointer"] == "/content/0/brokerType")
        #expect(schema["actual"] == "\"myBroker\"")
        #expect(schema["schemaPath"] == "#/components/schemas/BrokerType/enum")
        #expect(schema["specLocation"]?["path"] == "suites/spec/mesh-integration-api.yaml")
        let expectation = try #require(findings.first { $0["check"] == "expect.json" })
        #expect(
            expectation["message"]
                == #"/content/0/brokerType: element 0: "myBroker" is not one of the 63 values of BrokerType (e.g. "robinhood", "eTrade")"#
        )
        #expect(expectation["suiteLocation"]?["path"] == .string(Self.schemes))
    }

    /// Mock faults on one operation, the suite run, and every finding expected (`step | check pointer`).
    static let mockFaultCases: [(String, String, [String])] = [
        (
            "malformed=1,op=GET /api/v1/authenticationSchemes", schemes,
            [
                scheme + "every scheme uses the spec's enums | expect.json /status",
                scheme + "every scheme uses the spec's enums | json-well-formed",
                scheme + "without client credentials it is a 401 | json-well-formed",
                scheme + "without the client secret it is a 401 | json-well-formed",
            ]
        ),
        (
            // 400 is not declared for this operation: the mock sends it without a body.
            "status=400,op=GET /api/v1/authenticationSchemes", schemes,
            [
                scheme + "every scheme uses the spec's enums | expect.json /status",
                scheme + "every scheme uses the spec's enums | expect.status",
                scheme + "every scheme uses the spec's enums | status-declared",
                scheme + "without client credentials it is a 401 | expect.status",
                scheme + "without client credentials it is a 401 | status-declared",
                scheme + "without the client secret it is a 401 | expect.status",
                scheme + "without the client secret it is a 401 | status-declared",
            ]
        ),
        ("status=503,op=DELETE /api/v1/account", removeConnection, removalFailures503()),
    ]

    /// Every DELETE of the remove-connection suite gets an undeclared 503 (no body); the steps that expected the
    /// token to be dead find it alive.
    static func removalFailures503() -> [String] {
        let undeclared503 = ["expect.status", "not-server-error", "status-declared"]
        let withJSON = ["expect.json /status"] + undeclared503
        var expected: [String] = []
        for step in ["without client credentials it is a 401", "the removed token no longer removes anything"] {
            expected += undeclared503.map { removal + step + " | " + $0 }
        }
        for step in badBodies + ["the connection is removed"] {
            expected += withJSON.map { removal + step + " | " + $0 }
        }
        expected.append(removal + "the removed token no longer reads the balance | expect.status")
        for type in ["application/json", "application/vnd.meshcheck+json", "text/json"] {
            let instance = removalBy + type + "] › "
            expected += withJSON.map { instance + "the connection is removed | " + $0 }
            expected.append(instance + "the removed token no longer reads the balance | expect.status")
        }
        return expected
    }

    @Test(.timeLimit(.minutes(1)), arguments: mockFaultCases)
    func theMockWithAFaultFailsTheRightChecks(fault: String, suite: String, expected: [String]) async throws {
        let mock = try ReferenceMock.start(
            MockConfiguration(document: try ShippedRun.spec(), faults: [try MockFault(parsing: fault)])
        )
        defer { mock.stop() }
        let outcome = try await ShippedRun.run([suite], server: mock.baseURL)
        #expect(outcome.process.exitCode == 1)
        #expect(outcome.failures == expected.sorted())
    }

    @Test(.timeLimit(.minutes(1))) func aDeclaredServerErrorIsNotAnUndeclaredStatus() async throws {
        // POST /api/v1/authenticate declares 503 (without a body): not-server-error fails, status-declared and
        // content-type-declared do not.
        let mock = try ReferenceMock.start(
            MockConfiguration(
                document: try ShippedRun.spec(),
                faults: [try MockFault(parsing: "status=503,op=POST /api/v1/authenticate")]
            )
        )
        defer { mock.stop() }
        let outcome = try await ShippedRun.run([Self.authenticate], server: mock.baseURL)
        #expect(outcome.process.exitCode == 1)
        let authenticateSteps = outcome.steps.filter { $0.operation == "POST /api/v1/authenticate" }
        #expect(authenticateSteps.count == 12)
        for step in authenticateSteps {
            #expect(step.outcome == "failed")
            #expect(step.findings.contains("not-server-error") && step.findings.contains("expect.status"), "\(step)")
            #expect(!step.findings.contains { $0.hasPrefix("status-declared") || $0.hasPrefix("content-type") })
        }
        let following = outcome.steps.first { $0.name == "the access token works in a following call" }
        #expect(following?.outcome == "skipped", "no token was captured")
    }
}
