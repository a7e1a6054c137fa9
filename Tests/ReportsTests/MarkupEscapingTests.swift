import JSON
import Testing

@testable import Reports

/// The one escaper: markup, XML breakers and characters XML 1.0 cannot carry, in each context.
struct MarkupEscapingTests {
    static let hostile =
        "<script>alert('x')</script> ]]> & \"q\" \u{1}\u{8}\u{B}\u{1F}\u{7F}\u{85}\u{FFFE}\u{FFFF} tab\there\r\nend é 🙂"

    @Test
    func xmlContent() {
        #expect(
            MarkupEscaping.xml(Self.hostile)
                == "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; ]]&gt; &amp; &quot;q&quot; "
                + "\\u0001\\u0008\\u000B\\u001F\\u007F\\u0085\\uFFFE\\uFFFF tab\there&#13;\nend é 🙂"
        )
    }

    @Test
    func xmlAttributesKeepLineBreaksAndTabsAsReferences() {
        #expect(MarkupEscaping.xmlAttribute("a\tb\r\nc\"") == "a&#9;b&#13;&#10;c&quot;")
    }

    @Test
    func html() {
        #expect(MarkupEscaping.html("<b title='x'>&</b>\u{0}") == "&lt;b title=&#39;x&#39;&gt;&amp;&lt;/b&gt;\\u0000")
        #expect(MarkupEscaping.html("plain text, nothing to do") == "plain text, nothing to do")
    }

    @Test
    func markdownCells() {
        #expect(MarkupEscaping.markdown("a|b <i>*x*</i>\n\u{1}") == "a\\|b &lt;i&gt;\\*x\\*&lt;/i&gt; \\\\u0001")
    }

    @Test
    func jsonInAScriptElementCannotCloseItAndReadsBackTheSame() throws {
        let value: JSONValue = ["html": "</script><!-- <script> & \u{2028}\u{2029}"]
        let escaped = MarkupEscaping.scriptJSON(value.serialized())
        #expect(!escaped.contains("<") && !escaped.contains(">") && !escaped.contains("&"))
        #expect(!escaped.contains("\u{2028}") && !escaped.contains("\u{2029}"))
        #expect(try JSONParser.parse(escaped) == value)
    }

    @Test
    func jsonInAScriptElementKeepsEveryOtherCharacterAsItWas() {
        // U+2027 and U+202A share their first two UTF-8 bytes with U+2028/U+2029; "…" (E2 80 A6) too.
        let text = "\"a<b\u{2027}\u{2028}\u{202A}\u{2029}…é😀>&\u{2028}\""
        #expect(
            MarkupEscaping.scriptJSON(text)
                == "\"a\\u003Cb\u{2027}\\u2028\u{202A}\\u2029…é😀\\u003E\\u0026\\u2028\""
        )
        #expect(MarkupEscaping.scriptJSON("") == "")
        #expect(MarkupEscaping.scriptJSON("plain é") == "plain é")
    }

    @Test
    func everyCharacterXML10ForbidsIsEscapedAndEveryOtherKept() {
        for value in UInt32(0)...0x2FF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let escaped = MarkupEscaping.xml(String(Character(scalar)))
            let allowed =
                value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value < 0x7F) || value > 0x9F
            if !allowed {
                #expect(escaped == MarkupEscaping.visibleEscape(scalar), "U+\(String(value, radix: 16))")
            }
            #expect(!escaped.unicodeScalars.contains { MarkupEscaping.isUnsafeControl($0) })
        }
    }
}
