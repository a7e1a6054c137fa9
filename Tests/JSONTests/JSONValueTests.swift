import JSON
import Testing

struct JSONValueTests {
    @Test func objectsCompareRegardlessOfOrder() throws {
        let first = try JSONParser.parse(#"{"a": 1, "b": [1, 2]}"#)
        let second = try JSONParser.parse(#"{"b": [1.0, 2e0], "a": 1}"#)
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(try JSONParser.parse("[1, 2]") != JSONParser.parse("[2, 1]"))
        #expect(try JSONParser.parse(#"{"a": 1}"#) != JSONParser.parse(#"{"a": 1, "b": null}"#))
    }

    @Test func largeObjectsLookUpAndMutate() {
        var object = JSONObject()
        for index in 0..<100 {
            object["k\(index)"] = .number(JSONNumber(index))
        }
        #expect(object["k57"] == 57)
        object["k57"] = nil
        #expect(object["k57"] == nil)
        #expect(object["k58"] == 58)
        #expect(object.count == 99)
        #expect(object.keys.first == "k0")
        object["k0"] = "replaced"
        #expect(object.keys.first == "k0")
        #expect(object["k0"] == "replaced")
    }

    @Test func typeNamesFollowJSONSchema() {
        let values: [JSONValue] = [nil, true, 1, 1.5, "s", [], [:]]
        #expect(values.map(\.typeName) == ["null", "boolean", "integer", "number", "string", "array", "object"])
    }
}
