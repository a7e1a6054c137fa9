import OpenAPI
import Testing

/// ECMA-262 semantics where ICU and PCRE differ, and the step budget.
struct ECMARegexTests {
    @Test(arguments: [
        ("^abc$", "abc\n", false), ("^\\d+$", "٣", false), ("^\\w$", "é", false), ("^\\s$", "\u{FEFF}", true),
        ("^.$", "\n", false), ("^.$", "🐲", true), ("a{2,3}", "caab", true), ("^(a|ab)c$", "abc", true),
        ("^(?:a+)+$", "aaaa", true), ("(?=a)a", "a", true), ("(?!a)a", "a", false), ("(?<=a)b", "ab", true),
        ("(?<!a)b", "ab", false), ("^(a)\\1$", "aa", true), ("^(?<x>a)\\k<x>$", "aa", true), ("[^]", "x", true),
        ("[]", "x", false), ("^\\p{Lu}+$", "ÉCOLE", true), ("^\\cJ$", "\n", true), ("^\\u{1F432}$", "🐲", true),
        ("^\\uD83D\\uDC32$", "🐲", true), ("^[\\d-z]+$", "1-z", true), ("\\bfoo\\b", "a foo b", true),
        ("^x{,2}$", "x{,2}", true), ("^(a*)*$", "aaab", false), ("", "anything", true),
    ])
    func matches(pattern: String, text: String, expected: Bool) throws {
        #expect(try ECMARegex(pattern).matches(in: text) == expected, "/\(pattern)/ on \(text.debugDescription)")
    }

    @Test(arguments: ["(", "a)", "[a", "*a", "a{2,1}", "\\k<missing>(?<x>a)", "\\p{Script=Greek}", "\\2(a)"])
    func rejects(pattern: String) {
        #expect(throws: RegexSyntaxError.self) { try ECMARegex(pattern) }
    }

    @Test func catastrophicBacktrackingStopsAtTheStepLimit() throws {
        let regex = try ECMARegex("^(a|aa)+$")
        let text = String(repeating: "a", count: 60) + "b"
        #expect(throws: RegexMatchError.self) { try regex.matches(in: text, stepLimit: 100_000) }
    }
}
