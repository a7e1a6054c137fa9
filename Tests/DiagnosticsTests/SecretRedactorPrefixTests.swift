import Diagnostics
import Testing

struct SecretRedactorPrefixTests {
    let redactor = SecretRedactor(secretValues: ["sk_live_4f9a0c1d+/=Zx9", "tiny"])

    @Test func theStartOfASecretCutByAnExcerptIsMasked() {
        #expect(
            redactor.redactIncludingPrefixes("response does not start with 'HTTP/' (got 'sk_live_4f9a0c1d')")
                == "response does not start with 'HTTP/' (got '<redacted>')"
        )
    }

    @Test func wholeValuesAndEncodedOnesAreMaskedAsByRedact() {
        #expect(redactor.redactIncludingPrefixes("a sk_live_4f9a0c1d+/=Zx9 b") == "a <redacted> b")
        #expect(redactor.redactIncludingPrefixes("a sk_live_4f9a0c1d%2B%2F%3DZx9 b") == "a <redacted> b")
    }

    @Test func startsShorterThanSixBytesAndShortValuesAreKeptButSixAreMasked() {
        #expect(redactor.redactIncludingPrefixes("got 'sk_liv'") == "got '<redacted>'")
        #expect(redactor.redactIncludingPrefixes("got 'sk_li'") == "got 'sk_li'")
        #expect(redactor.redactIncludingPrefixes("a tin b") == "a tin b")
        #expect(SecretRedactor().redactIncludingPrefixes("sk_live_4f9a0c1d") == "sk_live_4f9a0c1d")
        #expect(redactor.redactIncludingPrefixes("ends with sk_live_4f") == "ends with <redacted>")
    }

    @Test func aStartFollowedByMoreTextIsAWordNotACutSecret() {
        let words = SecretRedactor(secretValues: ["interrupt-secret"])
        #expect(
            words.redactIncludingPrefixes("abandoned: the run was interrupted and the response did not arrive")
                == "abandoned: the run was interrupted and the response did not arrive"
        )
        #expect(words.redactIncludingPrefixes("(got 'interrupt-se')") == "(got '<redacted>')")
    }
}
