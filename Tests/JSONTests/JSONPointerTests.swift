import JSON
import Testing

struct JSONPointerTests {
    /// The document of RFC 6901 section 5.
    static let document: JSONValue = [
        "foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8,
    ]

    @Test(
        arguments: [
            ("", document), ("/foo", ["bar", "baz"]), ("/foo/0", "bar"), ("/", 0), ("/a~1b", 1), ("/c%d", 2),
            ("/e^f", 3), ("/g|h", 4), ("/i\\j", 5), ("/k\"l", 6), ("/ ", 7), ("/m~0n", 8),
        ] as [(String, JSONValue)]
    )
    func resolvesRFC6901Examples(pointer: String, expected: JSONValue) throws {
        #expect(Self.document.value(at: try JSONPointer(parsing: pointer)) == expected)
    }

    @Test(arguments: [
        ("#", ""), ("#/foo", "/foo"), ("#/foo/0", "/foo/0"), ("#/", "/"), ("#/a~1b", "/a~1b"), ("#/c%25d", "/c%d"),
        ("#/e%5Ef", "/e^f"), ("#/g%7Ch", "/g|h"), ("#/i%5Cj", "/i\\j"), ("#/k%22l", "/k\"l"), ("#/%20", "/ "),
        ("#/m~0n", "/m~0n"),
    ])
    func parsesRFC6901URIFragments(fragment: String, pointer: String) throws {
        #expect(try JSONPointer(uriFragment: fragment) == JSONPointer(parsing: pointer))
    }

    @Test func roundTripsTokensThroughEscaping() throws {
        let pointer = JSONPointer(tokens: ["a/b", "m~n", "~1", "", "é"])
        #expect(pointer.description == "/a~1b/m~0n/~01//é")
        #expect(try JSONPointer(parsing: pointer.description) == pointer)
        #expect(try JSONPointer(uriFragment: pointer.uriFragment) == pointer)
    }

    @Test func rejectsMalformedPointers() {
        #expect(throws: JSONPointerError(pointer: "foo", reason: "must start with '/'")) {
            try JSONPointer(parsing: "foo")
        }
        #expect(throws: JSONPointerError(pointer: "/a~2", reason: "'~' must be followed by '0' or '1'")) {
            try JSONPointer(parsing: "/a~2")
        }
        #expect(throws: JSONPointerError.self) { try JSONPointer(parsing: "/a~") }
    }

    @Test func arrayTokensMustBeCanonicalIndexes() throws {
        let value: JSONValue = ["a", "b"]
        #expect(value.value(at: try JSONPointer(parsing: "/1")) == "b")
        #expect(value.value(at: try JSONPointer(parsing: "/01")) == nil)
        #expect(value.value(at: try JSONPointer(parsing: "/-")) == nil)
        #expect(value.value(at: try JSONPointer(parsing: "/2")) == nil)
        #expect(value.value(at: try JSONPointer(parsing: "/x")) == nil)
    }

    @Test func setsValuesInPlace() throws {
        var value: JSONValue = ["content": ["list": [1, 2]]]
        #expect(value.setValue("x", at: try JSONPointer(parsing: "/content/list/0")))
        #expect(value.setValue(3, at: try JSONPointer(parsing: "/content/list/-")))
        #expect(value.setValue(true, at: try JSONPointer(parsing: "/content/flag")))
        #expect(!value.setValue(1, at: try JSONPointer(parsing: "/missing/deeper")))
        #expect(value == ["content": ["list": ["x", 2, 3], "flag": true]])
    }
}
