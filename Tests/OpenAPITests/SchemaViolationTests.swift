import Diagnostics
import JSON
import OpenAPI
import Testing

/// What violations say: instance and schema pointers, and messages a person can act on.
struct SchemaViolationTests {
    static let brokerTypes: [JSONValue] = ["robinhood", "kraken", "krakenDirect", "coinbase", "binance", "bitfinex"]

    @Test func enumMessageNamesTheSchemaAndTheNearestValues() throws {
        let text = """
            {"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": {
              "BrokerType": {"type": "string", "enum": \(JSONValue.array(Self.brokerTypes))},
              "Scheme": {"type": "object", "properties": {"brokerType": {"$ref": "#/components/schemas/BrokerType"}}},
              "List": {"type": "object", "properties": {"content": {"type": "array",
                       "items": {"$ref": "#/components/schemas/Scheme"}}}}}}}
            """
        let document = try OpenAPILoader.load(try SpecSource.parse(Array(text.utf8), path: "spec.json"))
        let list = try #require(document.schema(named: "List"))
        let body: JSONValue = ["content": [["brokerType": "robinhood"], ["brokerType": "krakenPro"]]]
        let violations = list.validate(body, in: .response)
        #expect(
            violations.map(\.description) == [
                #"/content/1/brokerType: "krakenPro" is not one of the 6 values of BrokerType (e.g. "kraken", "krakenDirect")"#
            ]
        )
        let violation = try #require(violations.first)
        #expect(violation.keyword == "enum")
        #expect(violation.schemaPath.description == "/components/schemas/BrokerType/enum")
        #expect(violation.schemaLocation?.description == "spec.json:2:44")
        #expect(violation.actual == #""krakenPro""#)
        #expect(violation.expected == "one of 6 values")
    }

    @Test func anEnumRepeatedThroughAWrapperIsReportedOnceByTheNamedSchema() throws {
        let text = """
            {"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": {
              "Kind": {"type": "string", "enum": ["a", "b"]},
              "Holder": {"type": "object", "properties": {"kind": {"enum": ["a", "b"],
                         "allOf": [{"$ref": "#/components/schemas/Kind"}]}}}}}}
            """
        let document = try OpenAPILoader.load(try SpecSource.parse(Array(text.utf8), path: "spec.json"))
        let holder = try #require(document.schema(named: "Holder"))
        #expect(holder.validate(["kind": "c"]).map(\.description) == [#"/kind: "c" is not one of ["a", "b"] (Kind)"#])
    }

    @Test func actualValuesAreShortenedAndSecretsMasked() throws {
        let validator = SchemaValidator.compile([
            "type": "object",
            "properties": ["accessToken": ["type": "integer"], "note": ["type": "integer"]],
        ]).validator
        let long = String(repeating: "x", count: 300)
        let violations = validator.validate(["accessToken": "s3cr3t-value", "note": .string(long)])
        #expect(violations.count == 2)
        #expect(violations[0].actual == "<redacted>")
        #expect(!violations[0].description.contains("s3cr3t"))
        #expect(violations[1].actual.count == 120)
        #expect(violations[1].actual.hasSuffix("…"))
    }

    @Test func anyOfExplainsTheClosestBranch() {
        let validator = SchemaValidator.compile([
            "anyOf": [
                ["type": "string"],
                ["type": "object", "required": ["id", "name"], "properties": ["id": ["type": "integer"]]],
            ]
        ]).validator
        let violations = validator.validate(["id": "7", "name": "n"])
        #expect(
            violations.map(\.description) == [
                "(root): matches none of the 2 schemas in anyOf; the closest is #1, which fails at /id: "
                    + #"expected integer, got a string ("7")"#,
                #"/id: expected integer, got a string ("7")"#,
            ]
        )
    }

    @Test func oneOfMatchingTwoBranchesSaysWhich() {
        let validator = SchemaValidator.compile(["oneOf": [["type": "integer"], ["minimum": 2]]]).validator
        #expect(
            validator.validate(3).map(\.description) == [
                "(root): matches 2 of the 2 schemas in oneOf (#0, #1); it must match exactly one"
            ]
        )
    }

    @Test func additionalPropertySuggestsTheDeclaredName() {
        let validator = SchemaValidator.compile([
            "type": "object", "properties": ["brokerType": ["type": "string"]], "additionalProperties": false,
        ]).validator
        #expect(
            validator.validate(["brokertype": "x"]).map(\.description) == [
                "/brokertype: property 'brokertype' is not allowed (additionalProperties is false); did you mean 'brokerType'?"
            ]
        )
    }

    @Test func lengthsCountCodePoints() {
        let validator = SchemaValidator.compile(["maxLength": 2, "minLength": 2]).validator
        #expect(validator.isValid("💩💩"))
        #expect(validator.isValid("é\u{301}"))  // two code points, one grapheme
        #expect(!validator.isValid("abc"))
        #expect(
            validator.validate("abc").map(\.description) == [
                #"(root): "abc" has 3 characters; the schema allows at most 2"#
            ]
        )
    }

    @Test func multipleOfIsExactForDecimals() {
        let validator = SchemaValidator.compile(["multipleOf": 0.01]).validator
        #expect(validator.isValid(.number(JSONNumber(unchecked: "19.99"))))
        #expect(validator.isValid(.number(JSONNumber(unchecked: "0.07"))))
        #expect(!validator.isValid(.number(JSONNumber(unchecked: "0.071"))))
    }

    @Test func selfReferenceWithoutDescendingFailsInsteadOfLooping() {
        let validator = SchemaValidator.compile(["allOf": [["$ref": "#"]]]).validator
        #expect(!validator.isValid(1))
        #expect(validator.validate(1).first?.keyword == "$ref")
    }

    @Test func recursiveSchemasValidateDeepInstances() {
        let validator = SchemaValidator.compile([
            "type": "object", "properties": ["child": ["$ref": "#"], "value": ["type": "integer"]],
        ]).validator
        var instance: JSONValue = ["value": 1]
        for _ in 0..<150 { instance = ["child": instance] }
        #expect(validator.isValid(instance))
    }
}
