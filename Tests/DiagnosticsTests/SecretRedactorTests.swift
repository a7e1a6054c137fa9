import Diagnostics
import Testing

struct SecretRedactorTests {
    @Test(arguments: [
        ("X-Client-Secret", true), ("x_client_secret", true), ("xClientSecret", true), ("X-CLIENT-ID", true),
        ("authorization", true), ("Proxy-Authorization", true), ("Set-Cookie", true), ("authToken", true),
        ("accessToken", true), ("refreshToken", true), ("newPassword", true), ("MfaCode", true),
        ("challengeAnswer", true), ("tradePin", true), ("apiKey", true), ("clientSecret", true),
        ("accountTokens", false), ("linkToken", false), ("userId", false), ("status", false), ("type", false),
        ("", false),
    ])
    func namesAreMarkersIgnoringCaseDashesAndUnderscores(name: String, isSecret: Bool) {
        #expect(SecretRedactor.standard.isSecretName(name) == isSecret)
    }

    @Test func configuredNamesReplaceTheDefaults() {
        let redactor = SecretRedactor(secretNames: ["sessionKey"])
        #expect(redactor.isSecretName("X-Session-Key"))
        #expect(!redactor.isSecretName("password"))
    }

    @Test func registeredValuesAreMaskedInEveryEncoding() {
        let secret = "sk_live Zq81+/x=\"Secr3t"
        let redactor = SecretRedactor(secretValues: [secret])
        let encodings = [
            secret,
            "sk_live Zq81+\\/x=\\\"Secr3t",  // JSON-escaped
            "sk_live%20Zq81%2B%2Fx%3D%22Secr3t",  // percent-encoded
            "sk_live%20Zq81%2b%2fx%3d%22Secr3t",  // lower-case hex
            "sk_live+Zq81%2B%2Fx%3D%22Secr3t",  // form-encoded
            "c2tfbGl2ZSBacTgxKy94PSJTZWNyM3Q=",  // Base64
            "c2tfbGl2ZSBacTgxKy94PSJTZWNyM3Q",  // Base64 without padding
            "c2tfbGl2ZSBacTgxKy94PSJTZWNyM3Q=".replacingSlashesAndPluses(),  // URL-safe Base64
        ]
        for encoded in encodings {
            let text = "before \(encoded) after"
            #expect(redactor.redact(text) == "before <redacted> after", "\(encoded)")
        }
    }

    @Test func base64InsideALongerBase64TextIsMaskedAtEveryAlignment() {
        let secret = "s3cr3t-value"
        let redactor = SecretRedactor(secretValues: [secret])
        for prefix in ["", "a", "ab", "abc", "client-id:", "id:"] {
            let encoded = String(decoding: base64(Array((prefix + secret + ":tail").utf8)), as: UTF8.self)
            let redacted = redactor.redact("Authorization: Basic \(encoded)")
            #expect(redacted.contains("<redacted>"), "prefix '\(prefix)': \(redacted)")
            #expect(!redacted.contains(String(decoding: base64(Array(secret.utf8)).prefix(8), as: UTF8.self)))
        }
    }

    @Test func shortValuesAreNotRegistered() {
        let redactor = SecretRedactor(secretValues: ["abc", ""])
        #expect(!redactor.hasSecretValues)
        #expect(redactor.redact("abc abc") == "abc abc")
    }

    @Test func headersWithSecretNamesAreMaskedKeepingTheScheme() {
        let redactor = SecretRedactor(secretValues: ["tok-123456"])
        #expect(redactor.redactHeader("Bearer abc.def", name: "Authorization") == "Bearer <redacted>")
        #expect(redactor.redactHeader("plain-secret", name: "X-Client-Secret") == "<redacted>")
        #expect(redactor.redactHeader("echo tok-123456", name: "X-Echo") == "echo <redacted>")
        #expect(redactor.redactHeader("application/json", name: "Content-Type") == "application/json")
    }

    @Test func jsonMembersWithSecretNamesAreMaskedAndTheTextStaysJSON() {
        let body =
            #"{"status":"ok","content":{"accountTokens":[{"accessToken":"a\"b","refreshToken":null,"#
            + #""account":{"id":7}}],"password":{"nested":["x"]},"pass\u0077ord":12,"note":"accessToken"}}"#
        let redacted = String(decoding: SecretRedactor.standard.redactJSONMembers(in: Array(body.utf8)), as: UTF8.self)
        #expect(
            redacted == #"{"status":"ok","content":{"accountTokens":[{"accessToken":"<redacted>","#
                + #""refreshToken":"<redacted>","account":{"id":7}}],"password":"<redacted>","#
                + #""pass\u0077ord":"<redacted>","note":"accessToken"}}"#
        )
    }

    @Test func malformedAndTruncatedJSONIsStillRedacted() {
        let truncated = Array(#"{"a": 1, "authToken" : "abc-def"#.utf8)
        #expect(
            String(decoding: SecretRedactor.standard.redactJSONMembers(in: truncated), as: UTF8.self)
                == #"{"a": 1, "authToken" : "<redacted>""#
        )
        let duplicated = Array(#"{"password":"one","password":"two"}"#.utf8)
        #expect(
            String(decoding: SecretRedactor.standard.redactJSONMembers(in: duplicated), as: UTF8.self)
                == #"{"password":"<redacted>","password":"<redacted>"}"#
        )
    }

    @Test func bodiesAreRedactedByMediaType() {
        let redactor = SecretRedactor(secretValues: ["value-of-secret"])
        let form = redactor.redactBody(
            Array("user=Mesh&password=Pass%20123&x=value-of-secret".utf8),
            contentType: "application/x-www-form-urlencoded"
        )
        #expect(String(decoding: form, as: UTF8.self) == "user=Mesh&password=<redacted>&x=<redacted>")
        let json = redactor.redactBody(Array(#" {"mfaCode":"123456"}"#.utf8), contentType: nil)
        #expect(String(decoding: json, as: UTF8.self) == #" {"mfaCode":"<redacted>"}"#)
        let text = redactor.redactBody(Array(#"password: "x" value-of-secret"#.utf8), contentType: "text/plain")
        #expect(String(decoding: text, as: UTF8.self) == #"password: "x" <redacted>"#)
    }

    @Test func urlsLoseUserInformationAndSecretParameters() {
        let redactor = SecretRedactor(secretValues: ["tok-abcdef"])
        #expect(
            redactor.redactURL("https://user:pw@host.test/a/tok-abcdef?userId=u1&authToken=t&Pass%77ord=p#frag")
                == "https://<redacted>@host.test/a/<redacted>?userId=u1&authToken=<redacted>&Pass%77ord=<redacted>#frag"
        )
    }

    private func base64(_ bytes: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let available = min(3, bytes.count - index)
            var triple: UInt32 = 0
            for offset in 0..<3 {
                triple <<= 8
                if offset < available { triple |= UInt32(bytes[index + offset]) }
            }
            for position in 0..<4 {
                output.append(
                    position <= available ? alphabet[Int((triple >> UInt32(18 - 6 * position)) & 0x3F)] : 0x3D
                )
            }
            index += 3
        }
        return output
    }
}

extension String {
    fileprivate func replacingSlashesAndPluses() -> String {
        String(map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }
}
