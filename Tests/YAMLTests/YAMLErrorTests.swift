import Diagnostics
import Foundation
import Testing
import YAML

/// Errors name the offending character, compiler-style, and hostile documents fail fast.
struct YAMLErrorTests {
    private func error(_ text: String, limits: YAMLLimits = YAMLLimits()) -> YAMLError? {
        do {
            _ = try YAMLLoader.load(text, path: "s.yaml", limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test(
        arguments: [
            ("a: 1\nb: 2\n  c: 3\n", "s.yaml:3:4: error: mapping values are not allowed here"),
            ("a: 1\na: 2\n", "s.yaml:2:1: error: duplicate key \"a\" (first at 1:1)"),
            ("x:\n  k: 1\n  'k': 2\n", "s.yaml:3:3: error: duplicate key \"k\" (first at 2:3)"),
            ("{\"é\": 1, \"é\": 2}", "s.yaml:1:10: error: duplicate key \"é\" (first at 1:2)"),
            ("a:\n\t- b\n", "s.yaml:2:1: error: tab characters cannot be used for indentation"),
            ("key: \"open\n", "s.yaml:1:6: error: unterminated quoted scalar"),
            ("list: [a, b\n", "s.yaml:1:7: error: unclosed '['"),
            ("a: \"\\q\"\n", "s.yaml:1:5: error: invalid escape '\\q' in a double-quoted scalar"),
            ("a: @x\n", "s.yaml:1:4: error: '@' cannot start a plain scalar"),
            ("- a\nb: c\n", "s.yaml:2:1: error: expected '-' or the end of the sequence, found a mapping key"),
            ("a: !!int x1\n", "s.yaml:1:4: error: 'x1' is not a valid !!int"),
            ("a: *nope\n", "s.yaml:1:4: error: alias '*nope' refers to an undefined anchor"),
            ("a: &r [1, *r]\n", "s.yaml:1:11: error: alias '*r' refers to a node that contains it"),
            ("? [a]\n: b\n", "s.yaml:1:3: error: a sequence cannot be a mapping key in JSON"),
            ("{a: 1}: b\n", "s.yaml:1:1: error: a mapping cannot be a mapping key in JSON"),
            ("a: 1\nb\n", "s.yaml:2:1: error: could not find expected ':' after this key"),
            ("a: x # note\n  y\n", "s.yaml:1:6: error: a comment cannot interrupt a multi-line plain scalar"),
            ("%YAML 2.0\n---\n", "s.yaml:1:1: error: unsupported YAML version 2.0"),
            ("--- !e!x a\n", "s.yaml:1:5: error: tag handle '!e!' is not declared by a %TAG directive"),
            ("é: [1]]\n", "s.yaml:1:7: error: expected a mapping key, found ']'"),
            ("[1]]\n", "s.yaml:1:4: error: expected the end of the document, found ']'"),
            ("a: \"x\u{01}\"\n", "s.yaml:1:6: error: character U+0001 is not allowed in YAML"),
        ] as [(String, String)]
    )
    func errorsPointAtTheOffendingCharacter(text: String, expected: String) {
        #expect(error(text)?.description == expected)
    }

    @Test func invalidUTF8IsAnError() {
        let bytes: [UInt8] = Array("a: b\nc: ".utf8) + [0xC3, 0x28]
        #expect(throws: YAMLError(reason: .invalidUTF8, location: FileLocation(path: "s.yaml", line: 2, column: 4))) {
            try YAMLLoader.load(bytes, path: "s.yaml")
        }
    }

    @Test func errorsRenderWithTheLineAndACaret() throws {
        let text = "name: ok\nlist: [a, b,, c]\n"
        let failure = try #require(error(text))
        #expect(failure.localizedDescription == "s.yaml:2:13: error: expected a node, found ','")
        let rendered = failure.diagnostic.rendered(withSnippetFrom: SourceText(path: "s.yaml", bytes: Array(text.utf8)))
        #expect(rendered == "s.yaml:2:13: error: expected a node, found ','\nlist: [a, b,, c]\n            ^")
    }

    @Test(.timeLimit(.minutes(1)))
    func billionLaughsFailsFast() throws {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = Array("abcdefghi")
        for index in 1..<names.count {
            let alias = "*\(names[index - 1])"
            text +=
                "\(names[index]): &\(names[index]) [" + Array(repeating: alias, count: 9).joined(separator: ", ")
                + "]\n"
        }
        let failure = try #require(error(text))
        #expect(failure.reason == .aliasExpansionTooLarge(limit: 1_000_000))
        #expect(failure.description.hasPrefix("s.yaml:7:"))
        #expect(error(text, limits: YAMLLimits(maximumAliasExpansion: 100))?.location.line == 3)
    }

    @Test func nestingIsLimited() throws {
        let deepFlow = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(error(deepFlow)?.reason == .tooDeep(limit: 512))
        var deepBlock = ""
        for level in 0..<600 {
            deepBlock += String(repeating: " ", count: level) + "k:\n"
        }
        #expect(error(deepBlock)?.reason == .tooDeep(limit: 512))
        let allowed = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(error(allowed) == nil)
        #expect(error(allowed, limits: YAMLLimits(maximumDepth: 100))?.reason == .tooDeep(limit: 100))
    }
}
