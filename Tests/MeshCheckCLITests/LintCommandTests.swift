import Foundation
import TestSupport
import Testing

/// `meshcheck lint`, run as the built binary on real files.
struct LintCommandTests {
    @Test func theExampleSuiteIsClean() async throws {
        // The whole shipped set is pinned in ShippedSuitesTests.
        let outcome = try await runMeshcheck(
            ["lint", "suites/auth/authenticate-mfa.yaml"],
            environment: ["NO_COLOR": "1"]
        )
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty)
        #expect(outcome.stdout == "1 suite, 3 steps: 0 errors, 0 warnings\n")
    }

    @Test func problemsArePrintedWithTheLineAndACaretAndExitTwo() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(
            "auth.yaml",
            """
            name: Broken
            steps:
              - name: login
                request: { method: POST, path: /api/v1/authenticate, query: { userId: u },
                           json: { type: robinhood, usernme: Mesh } }
                expcet: { status: 200 }
                expect: { json: { /content/statuz: ok } }
            """
        )
        let outcome = try await runMeshcheck(["lint", path], environment: ["NO_COLOR": "1"])
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.stderr == """
                \(path):5:41: error: request body violates POST /api/v1/authenticate: /usernme: property 'usernme' is \
                not allowed (additionalProperties is false); did you mean 'username'?
                               json: { type: robinhood, usernme: Mesh } }
                                                        ^
                note: schema: #/components/schemas/B2BBrokerAuthRequest/additionalProperties \
                (suites/spec/mesh-integration-api.yaml:4674:29)
                note: mark the step 'negative: true' if it sends this on purpose
                \(path):6:5: error: unknown key 'expcet' in step; did you mean 'expect'?
                    expcet: { status: 200 }
                    ^
                \(path):7:23: error: the response schema cannot have '/content/statuz' (200: \
                B2BBrokerAuthResponseApiResult): '/content' has no member 'statuz'; did you mean '/content/status'?
                    expect: { json: { /content/statuz: ok } }
                                      ^

                """
        )
        #expect(outcome.stdout == "1 suite, 1 step: 3 errors, 0 warnings\n")
    }

    @Test func aMissingPathOrSpecIsAConfigurationError() async throws {
        let missing = try await runMeshcheck(["lint", "no/such/suites"], environment: ["NO_COLOR": "1"])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr == "error: no such file or folder: no/such/suites\n")
        let spec = try await runMeshcheck(["lint", "--spec", "no/such/spec.yaml"], environment: ["NO_COLOR": "1"])
        #expect(spec.exitCode == 2)
        #expect(spec.stderr.hasPrefix("error: "))
    }
}
