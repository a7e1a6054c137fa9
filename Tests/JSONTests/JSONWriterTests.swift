import JSON
import TestSupport
import Testing

struct JSONWriterTests {
    @Test func writesCompactAndPrettyStably() throws {
        let value = try JSONParser.parse(#"{"b": [1, {"c": null}, []], "a": {}, "s": "x"}"#)
        #expect(value.serialized() == #"{"b":[1,{"c":null},[]],"a":{},"s":"x"}"#)
        #expect(
            value.serialized(pretty: true) == """
                {
                  "b": [
                    1,
                    {
                      "c": null
                    },
                    []
                  ],
                  "a": {},
                  "s": "x"
                }
                """
        )
        #expect(value.serialized(sortingKeys: true) == #"{"a":{},"b":[1,{"c":null},[]],"s":"x"}"#)
    }

    @Test func escapesControlCharacters() {
        let value: JSONValue = .string("q\"b\\s/\n\r\t\u{8}\u{C}\u{1}\u{1F}\u{7F}é")
        #expect(value.serialized() == #""q\"b\\s/\n\r\t\b\f\u0001\u001f"# + "\u{7F}é\"")
    }

    static let corpus = SharedFixtures.corpus("json-test-suite/test_parsing")

    @Test(
        .enabled(if: corpus.isPresent, "../shared/corpora/json-test-suite is absent"),
        arguments: corpus.files(withPrefix: "y_")
    )
    func roundTripsEveryAcceptedFile(file: CorpusFile) throws {
        let value = try JSONParser.parse(try file.bytes(), options: .init(allowsDuplicateKeys: true))
        for pretty in [false, true] {
            let text = value.serialized(pretty: pretty)
            let again = try JSONParser.parse(text)
            #expect(again == value)
            #expect(again.serialized(pretty: pretty) == text)
        }
    }
}
