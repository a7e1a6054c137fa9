import Diagnostics
import JSON
import Testing
import YAML

/// What documents become: the core schema, tags, keys, documents and node positions.
struct YAMLLoaderTests {
    private func value(_ text: String) throws -> JSONValue {
        let documents = try YAMLLoader.load(text, path: "t.yaml")
        try #require(documents.count == 1)
        return documents[0].value
    }

    @Test(
        arguments: [
            ("null", JSONValue.null), ("~", .null), ("", .null), ("Null", .null), ("NULL", .null),
            ("nULL", "nULL"), ("true", true), ("False", false), ("TRUE", true), ("yes", "yes"), ("on", "on"),
            ("0", 0), ("-0", .number(JSONNumber(unchecked: "-0"))), ("+12", 12), ("007", "007"), ("-012", "-012"),
            ("!!int 012", 12), ("0o17", 15),
            ("0x1F", 31), ("0xffffffffffffffffff", .number(JSONNumber(unchecked: "4722366482869645213695"))),
            ("0o8", "0o8"), ("0x", "0x"), ("1.5", 1.5), (".5", 0.5), ("-.5", -0.5), ("1.", 1), ("1e3", 1000),
            ("+1.5E-2", 0.015), ("1_000", "1_000"), ("1.2.3", "1.2.3"), ("2001-12-14", "2001-12-14"),
            ("'12'", "12"), ("\"true\"", "true"), ("!!str 12", "12"), ("!!int '12'", 12), ("!!float 1", 1),
            ("!!bool \"false\"", false), ("!!null ''", .null), ("! 12", "12"), ("|\n  12\n", "12\n"),
        ] as [(String, JSONValue)]
    )
    func scalarsResolveUnderTheCoreSchema(text: String, expected: JSONValue) throws {
        #expect(try value("value: " + text)["value"] == expected)
    }

    @Test func numbersKeepTheirValueAsJSONText() throws {
        let converted = try value("[0x10, 1.50, -0.0e+1, 12345678901234567890123]")
        #expect(converted.serialized() == "[16,1.50,-0.0e+1,12345678901234567890123]")
    }

    @Test func infinityAndNaNStayStringsWithAWarning() throws {
        let documents = try YAMLLoader.load("a: .inf\nb: -.Inf\nc: .NaN\n", path: "t.yaml")
        #expect(documents[0].value == ["a": ".inf", "b": "-.Inf", "c": ".NaN"])
        #expect(
            documents[0].warnings.map(\.description) == [
                "t.yaml:1:4: warning: '.inf' has no JSON number; it is kept as the string \".inf\"",
                "t.yaml:2:4: warning: '-.Inf' has no JSON number; it is kept as the string \"-.Inf\"",
                "t.yaml:3:4: warning: '.NaN' has no JSON number; it is kept as the string \".NaN\"",
            ]
        )
    }

    @Test func unknownTagsKeepTheValueWithOneWarningEach() throws {
        let documents = try YAMLLoader.load("- !thing 12\n- !thing 13\n- !!set {a}\n- !!binary aGk=\n", path: "t.yaml")
        #expect(documents[0].value == ["12", "13", ["a": nil], "aGk="])
        #expect(
            documents[0].warnings.map(\.description) == [
                "t.yaml:1:3: warning: unknown tag '!thing'; the value is kept as a string",
                "t.yaml:3:3: warning: unknown tag '!!set'; the mapping is kept as it is",
                "t.yaml:4:3: warning: unknown tag '!!binary'; the value is kept as a string",
            ]
        )
        #expect(documents[0].root.sequence?[0].tag == "!thing")
    }

    @Test func keysAreTheirScalarText() throws {
        #expect(
            try value("1: a\ntrue: b\n~: c\n0x10: d\n? e\n") == [
                "1": "a", "true": "b", "~": "c", "0x10": "d", "e": nil,
            ]
        )
    }

    @Test func aliasesCopyTheAnchoredNode() throws {
        let documents = try YAMLLoader.load("base: &b {x: 1}\nuse: *b\nlist: [&s str, *s]\n", path: "t.yaml")
        #expect(documents[0].value == ["base": ["x": 1], "use": ["x": 1], "list": ["str", "str"]])
        let use = try #require(documents[0].root["use"])
        #expect(use.location == FileLocation(path: "t.yaml", line: 2, column: 6))
        #expect(use["x"]?.location == FileLocation(path: "t.yaml", line: 1, column: 14))
    }

    @Test func everyDocumentOfAStreamLoads() throws {
        let documents = try YAMLLoader.load("--- a\n...\n%YAML 1.2\n---\n- b\n---\n", path: "t.yaml")
        #expect(documents.map(\.value) == ["a", ["b"], nil])
        #expect(try YAMLLoader.load("", path: "t.yaml").isEmpty)
        #expect(try YAMLLoader.load("# nothing\n", path: "t.yaml").isEmpty)
    }

    @Test func tagDirectivesExpandHandles() throws {
        let documents = try YAMLLoader.load(
            "%TAG !e! tag:example.com,2000:app/\n--- !e!foo\na: !!str 1\n",
            path: "t.yaml"
        )
        #expect(documents[0].root.tag == "tag:example.com,2000:app/foo")
        #expect(documents[0].root["a"]?.tag == "tag:yaml.org,2002:str")
    }

    @Test func nodesKnowWhereTheyStartAndEndInUnicodeColumns() throws {
        let text = "name: é\nlist:\n  - \"x\"\n  - {ké: vé}\nblock: |\n  one\n  two\n"
        let document = try #require(try YAMLLoader.load(text, path: "t.yaml").first)
        func at(_ pointer: String) throws -> (FileLocation?, FileLocation?) {
            let node = document.root.node(at: try JSONPointer(parsing: pointer))
            return (node?.location, node?.endLocation)
        }
        #expect(try at("/name").0 == FileLocation(path: "t.yaml", line: 1, column: 7))
        #expect(try at("/name").1 == FileLocation(path: "t.yaml", line: 1, column: 8))
        #expect(try at("/list/0").0 == FileLocation(path: "t.yaml", line: 3, column: 5))
        #expect(try at("/list/1").0 == FileLocation(path: "t.yaml", line: 4, column: 5))
        #expect(try at("/list/1").1 == FileLocation(path: "t.yaml", line: 4, column: 13))
        #expect(try at("/list/1/ké").0 == FileLocation(path: "t.yaml", line: 4, column: 10))
        #expect(try at("/list").0 == FileLocation(path: "t.yaml", line: 3, column: 3))
        #expect(try at("/list").1 == FileLocation(path: "t.yaml", line: 4, column: 13))
        #expect(try at("/block").1 == FileLocation(path: "t.yaml", line: 7, column: 6))
        #expect(try at("/list/2").0 == nil)
        #expect(try at("/list/01").0 == nil)
        #expect(try at("/missing").0 == nil)
        #expect(document.location(of: .root) == FileLocation(path: "t.yaml", line: 1, column: 1))
    }

    @Test func jsonLoadsWithPositions() throws {
        let text = "{\n  \"a\": [1, {\"b\":\"\\ud83d\\ude00\"}],\n\t\"c\":null\n}\n"
        let document = try #require(try YAMLLoader.load(text, path: "t.json").first)
        #expect(document.value == (try JSONParser.parse(text)))
        #expect(
            document.location(of: try JSONPointer(parsing: "/a/1/b"))
                == FileLocation(path: "t.json", line: 2, column: 17)
        )
        #expect(
            document.location(of: try JSONPointer(parsing: "/c")) == FileLocation(path: "t.json", line: 3, column: 6)
        )
    }

    @Test func blockScalarsChompAndIndent() throws {
        let text = "a: |2-\n    two\n  one\n\nb: >+\n  folded\n  text\n\n\nc: |\n  kept\n"
        #expect(try value(text) == ["a": "  two\none", "b": "folded text\n\n\n", "c": "kept\n"])
    }
}

extension YAMLLoaderTests {
    @Test func leadingZeroIntegersStayStringsWithAWarning() throws {
        let documents = try YAMLLoader.load("id: 012345678912345678\nzip: '01234'\n", path: "t.yaml")
        #expect(documents[0].value == ["id": "012345678912345678", "zip": "01234"])
        #expect(
            documents[0].warnings.map(\.description) == [
                "t.yaml:1:5: warning: '012345678912345678' has a leading zero (octal in YAML 1.1, decimal in YAML 1.2); "
                    + "it is kept as the string \"012345678912345678\""
            ]
        )
    }
}

extension YAMLLoaderTests {
    @Test(
        arguments: [
            [0xFE, 0xFF, 0x00, 0x61, 0x00, 0x3A, 0x00, 0x20, 0x00, 0xE9],
            [0x61, 0x00, 0x3A, 0x00, 0x20, 0x00, 0xE9, 0x00],
            [0x00, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00, 0x3A, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0xE9],
            [
                0xFF, 0xFE, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00, 0x3A, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0xE9,
                0x00, 0x00, 0x00,
            ],
            [0xEF, 0xBB, 0xBF, 0x61, 0x3A, 0x20, 0xC3, 0xA9],
        ] as [[UInt8]]
    )
    func utf16AndUTF32StreamsLoad(bytes: [UInt8]) throws {
        #expect(try YAMLLoader.load(bytes, path: "t.yaml").map(\.value) == [["a": "é"]])
    }

    @Test func undecodableUTF16IsAnError() {
        #expect(
            throws: YAMLError(
                reason: .invalidEncoding("UTF-16LE"),
                location: FileLocation(path: "t.yaml", line: 1, column: 1)
            )
        ) {
            try YAMLLoader.load([0x61, 0x00, 0x00, 0xD8], path: "t.yaml")
        }
    }
}
