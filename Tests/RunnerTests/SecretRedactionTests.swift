import Diagnostics
import Foundation
import HTTP
import JSON
import Runner
import Suites
import TestSupport
import Testing

/// Secrets never reach results: not the credentials, not captured tokens, not what a server echoes back.
struct SecretRedactionTests {
    static let suite = """
        name: Echo
        variables: { userId: "e-{{ run.instance }}", password: Pass123 }
        steps:
          - name: login
            request: { method: POST, path: /api/v1/authenticate, query: { userId: "{{ userId }}" },
                       json: { type: robinhood, username: Mesh, password: "{{ password }}" } }
          - name: code
            request: { method: POST, path: /api/v1/authenticate, query: { userId: "{{ userId }}" },
                       json: { type: robinhood, mfaCode: "123456" } }
            capture: { token: /content/accountTokens/0/accessToken, refresh: /content/accountTokens/0/refreshToken }
            expect:
              json: { /content/accountTokens/0/accessToken: "not-the-token" }
          - name: use the token
            request:
              method: POST
              path: /api/v1/holdings/get
              query: { hint: "{{ token }}" }
              headers: { X-Token: "{{ token }}", Authorization: "Bearer {{ refresh }}" }
              json: { authToken: "{{ token }}", type: robinhood }
            expect:
              json: { /message: "{{ token }}" }
        """

    /// Every encoding of `secret` a server or a report could produce.
    static func encodings(of secret: String) -> [String] {
        let bytes = Array(secret.utf8)
        var forms = [secret, secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret]
        forms.append(Data(bytes).base64EncodedString())
        forms.append(String(Data(bytes).base64EncodedString().dropLast(2)))
        for prefix in ["x", "xy", RunnerFixture.clientID + ":"] {
            let encoded = Data(Array(prefix.utf8) + bytes).base64EncodedString()
            let skip = (prefix.utf8.count * 4 + 2) / 3 + 1
            forms.append(String(encoded.dropFirst(skip).prefix(8)))
        }
        return forms
    }

    @Test(.timeLimit(.minutes(1))) func echoedCredentialsAndCapturedTokensNeverReachResults() async throws {
        let server = try FakeMeshServer(echoSecrets: true)
        defer { server.stop() }
        let result = try await RunnerFixture.run(try RunnerFixture.suites(Self.suite), against: server.baseURL)
        let text = String(decoding: ResultsDocument.bytes(of: result), as: UTF8.self)
        let steps = RunnerFixture.steps(result)
        #expect(steps.count == 3)
        let userId = try #require(server.requests.first?.query?.split(separator: "=").last.map(String.init))
        let secrets = [
            RunnerFixture.clientSecret, RunnerFixture.clientID, "access-\(userId)-s3cr3t", "refresh-\(userId)-s3cr3t",
            "Pass123",
        ]
        for secret in secrets {
            for form in Self.encodings(of: secret) {
                #expect(!text.contains(form), "'\(form)' (a form of '\(secret)') is in results.json")
            }
        }
        #expect(text.contains("<redacted>"))
        let useToken = steps[2]
        #expect(useToken.outcome == .failed, "the echo is not the token, and the expectation says so")
        #expect(useToken.exchange?.url.contains("hint=<redacted>") == true)
        let wrong = try #require(steps[1].findings.first)
        #expect(wrong.actual == "<redacted>" && wrong.expected == "<redacted>")
        #expect(wrong.message == "/content/accountTokens/0/accessToken: expected <redacted>, got <redacted>")
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(requests[2].headers["X-Token"] == "access-\(userId)-s3cr3t", "the real value was sent")
    }

    @Test(.timeLimit(.minutes(1))) func configuredSecretNamesAreMaskedToo() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let suites = try RunnerFixture.suites(
            """
            name: Custom
            steps:
              - name: status
                request: { method: GET, path: /api/v1/status, headers: { X-Session-Key: abc-123-secret } }
            """
        )
        let result = try await RunnerFixture.run(suites, against: server.baseURL) { configuration in
            configuration.redactor = SecretRedactor(secretNames: SecretRedactor.defaultSecretNames + ["sessionKey"])
        }
        let text = String(decoding: ResultsDocument.bytes(of: result), as: UTF8.self)
        #expect(!text.contains("abc-123-secret"))
        #expect(text.contains(#""name": "X-Session-Key","#))
    }
}
