import JSON
import Testing

struct JSONParserTests {
    private func errorText(_ text: String, options: JSONParser.Options = .init()) -> String {
        do {
            _ = try JSONParser.parse(text, path: "a.json", options: options)
            return "parsed"
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        ("{\"a\":1,\n  \"b\": tru}", "a.json:2:11: error: unexpected character '}', expected 'true'"),
        ("[1,]", "a.json:1:4: error: unexpected character ']', expected a value"),
        ("{\"a\":1,}", "a.json:1:8: error: unexpected character '}', expected a string key"),
        ("[1 2]", "a.json:1:4: error: unexpected character '2', expected ',' or ']'"),
        ("{\"a\" 1}", "a.json:1:6: error: unexpected character '1', expected ':'"),
        ("[01]", "a.json:1:3: error: invalid number"),
        ("[1.]", "a.json:1:4: error: invalid number"),
        ("[1e]", "a.json:1:4: error: invalid number"),
        ("[-]", "a.json:1:3: error: invalid number"),
        ("[+1]", "a.json:1:2: error: unexpected character '+', expected a value"),
        ("\"abc", "a.json:1:1: error: unterminated string"),
        ("[\"a\\qb\"]", "a.json:1:4: error: invalid escape '\\q' in string"),
        ("[\"\\u12G4\"]", "a.json:1:3: error: invalid unicode escape: '\\u' needs four hex digits"),
        ("[\"\\uD800\"]", "a.json:1:3: error: lone surrogate '\\uD800' in string"),
        ("[\"\\uDC00\\uD800\"]", "a.json:1:3: error: lone surrogate '\\uDC00' in string"),
        ("[\"a\tb\"]", "a.json:1:4: error: control character U+0009 must be escaped in a string"),
        ("{} x", "a.json:1:4: error: unexpected data after the JSON value"),
        ("", "a.json:1:1: error: unexpected end of input, expected a value"),
        ("  \n ", "a.json:2:2: error: unexpected end of input, expected a value"),
        ("[1,\n2", "a.json:2:2: error: unexpected end of input, expected ',' or ']'"),
        ("{\"é\": 1, \"x\": nul}", "a.json:1:18: error: unexpected character '}', expected 'null'"),
        ("{\"a\":1,\r\n\"b\":2,\r\n\"a\":3}", "a.json:3:1: error: duplicate key \"a\" (first at 1:2)"),
    ])
    func reportsTheOffendingCharacter(input: String, expected: String) {
        #expect(errorText(input) == expected)
    }

    @Test func invalidUTF8PointsAtTheBadByte() {
        let bytes: [UInt8] = Array("[\"ab".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
        #expect(throws: JSONError.self) { try JSONParser.parse(bytes) }
        do {
            _ = try JSONParser.parse(bytes, path: "u.json")
        } catch {
            #expect(error.reason == .invalidUTF8)
            #expect(error.offset == 4)
            #expect(error.description == "u.json:1:5: error: invalid UTF-8")
        }
    }

    @Test func invalidUTF8AfterAnEscapeIsFound() {
        let bytes: [UInt8] = Array("[\"\\n".utf8) + [0xFF] + Array("\"]".utf8)
        do {
            _ = try JSONParser.parse(bytes)
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.reason == .invalidUTF8)
            #expect(error.offset == 4)
        }
    }

    @Test func duplicateKeysAreAnErrorUnlessAllowed() throws {
        let text = "{\"a\": 1, \"b\": 2, \"a\": 3}"
        #expect(errorText(text) == "a.json:1:18: error: duplicate key \"a\" (first at 1:2)")
        let value = try JSONParser.parse(text, options: .init(allowsDuplicateKeys: true))
        #expect(value == ["a": 3, "b": 2])
        #expect(value.objectValue?.keys == ["a", "b"])
    }

    @Test func duplicateKeysInLargeObjectsAreFound() {
        let members = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        #expect(errorText("{\(members), \"k7\": 0}").contains("duplicate key \"k7\""))
    }

    @Test func nestingIsLimited() throws {
        let deep = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        _ = try JSONParser.parse(deep)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(errorText(tooDeep) == "a.json:1:513: error: nesting deeper than 512 levels")
        #expect(
            errorText("[[{}]]", options: .init(maximumDepth: 2)) == "a.json:1:3: error: nesting deeper than 2 levels"
        )
    }

    @Test func hugeNestingDoesNotOverflowTheStack() {
        let bomb = String(repeating: "[", count: 1_000_000)
        #expect(errorText(bomb).hasSuffix("nesting deeper than 512 levels"))
    }

    @Test func keepsMemberOrderAndExactNumbers() throws {
        let value = try JSONParser.parse("{\"z\": 1.0, \"a\": 12345678901234567890123, \"m\": 1e2, \"n\": -0}")
        let object = try #require(value.objectValue)
        #expect(object.keys == ["z", "a", "m", "n"])
        #expect(value.serialized() == "{\"z\":1.0,\"a\":12345678901234567890123,\"m\":1e2,\"n\":-0}")
        #expect(value["z"] == 1)
        #expect(value["m"] == 100)
        #expect(value["a"] != .number(try #require(JSONNumber("12345678901234567890124"))))
    }

    @Test func distinguishesBooleansFromNumbers() throws {
        let value = try JSONParser.parse("[true, 1, false, 0]")
        #expect(value[0] != value[1])
        #expect(value[2] != value[3])
        #expect(value[0]?.typeName == "boolean")
        #expect(value[1]?.typeName == "integer")
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#"["\"\\\/\b\f\n\r\t\u0041\u00e9\ud83d\ude00"]"#)
        #expect(value[0] == .string("\"\\/\u{8}\u{C}\n\r\tAé😀"))
    }

    @Test func skipsAUTF8ByteOrderMark() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == .object([:]))
    }
}
