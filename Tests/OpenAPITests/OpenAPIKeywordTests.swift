import Diagnostics
import JSON
import OpenAPI
import Testing

/// The OpenAPI 3.0 keywords draft 4 lacks: nullable, discriminator, readOnly/writeOnly, and OpenAPI's formats.
struct OpenAPIKeywordTests {
    static func validator(_ schema: JSONValue) -> SchemaValidator {
        let (validator, diagnostics) = SchemaValidator.compile(schema, dialect: .openAPI30)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return validator
    }

    /// A spec with these components, for schemas that refer to each other by name.
    static func document(schemas: String) throws -> OpenAPIDocument {
        let text = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
             "components": {"schemas": \(schemas)}}
            """
        return try OpenAPILoader.load(try SpecSource.parse(Array(text.utf8), path: "spec.json"))
    }

    @Test func nullableAcceptsNullOnlyWhenSet() {
        let plain = Self.validator(["type": "string"])
        let nullable = Self.validator(["type": "string", "nullable": true])
        #expect(!plain.isValid(nil))
        #expect(
            plain.validate(nil).map(\.description) == ["(root): expected string, got null (the schema is not nullable)"]
        )
        #expect(nullable.isValid(nil))
        #expect(nullable.isValid("x"))
        #expect(!nullable.isValid(1))
    }

    @Test func nullableWithEnumAcceptsNullWithoutListingIt() {
        // Swashbuckle (which generates Mesh's spec) writes nullable enums this way and means null is allowed.
        let validator = Self.validator(["type": "string", "enum": ["a", "b"], "nullable": true])
        #expect(validator.isValid(nil))
        #expect(validator.isValid("a"))
        #expect(validator.validate("c").map(\.description) == [#"(root): "c" is not one of ["a", "b"]"#])
    }

    @Test func nullableOnAnAllOfWrapperAcceptsNull() throws {
        let document = try Self.document(
            schemas: """
                {"Holder": {"type": "object", "properties": {"kind": {"allOf": [{"$ref": "#/components/schemas/Kind"}],
                 "nullable": true}}}, "Kind": {"type": "string", "enum": ["x", "y"]}}
                """
        )
        let holder = try #require(document.schema(named: "Holder"))
        #expect(holder.isValid(["kind": nil]))
        #expect(holder.isValid(["kind": "x"]))
        #expect(holder.validate(["kind": "z"]).map(\.description) == [#"/kind: "z" is not one of ["x", "y"] (Kind)"#])
    }

    @Test func nullIsNotATypeInOpenAPI() {
        let (_, diagnostics) = SchemaValidator.compile(["type": "null"], dialect: .openAPI30)
        #expect(diagnostics.map(\.message) == ["unknown type 'null'"])
    }

    @Test func discriminatorWithMappingChecksOnlyTheSelectedBranch() throws {
        let document = try Self.document(
            schemas: """
                {"Pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                         "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Cat", "dog": "Dog"}}},
                 "Cat": {"type": "object", "required": ["kind", "lives"], "properties": {"kind": {"type": "string"},
                         "lives": {"type": "integer", "format": "int32"}}},
                 "Dog": {"type": "object", "required": ["kind", "bark"], "properties": {"kind": {"type": "string"},
                         "bark": {"type": "boolean"}}}}
                """
        )
        let pet = try #require(document.schema(named: "Pet"))
        #expect(pet.isValid(["kind": "cat", "lives": 9]))
        #expect(pet.isValid(["kind": "dog", "bark": true]))
        #expect(
            pet.validate(["kind": "dog", "lives": 9]).map(\.description) == [
                "(root): required property 'bark' is missing (present: kind, lives)"
            ]
        )
        #expect(
            pet.validate(["kind": "cow"]).map(\.description) == [
                #"/kind: "cow" is not a discriminator value of Pet; expected one of ["Cat", "Dog", "cat", "dog"]"#
            ]
        )
        #expect(pet.validate(["lives": 9]).first?.keyword == "discriminator")
    }

    @Test func discriminatorWithoutMappingUsesSchemaNames() throws {
        let document = try Self.document(
            schemas: """
                {"Shape": {"anyOf": [{"$ref": "#/components/schemas/Circle"}, {"$ref": "#/components/schemas/Square"}],
                           "discriminator": {"propertyName": "shapeType"}},
                 "Circle": {"type": "object", "properties": {"radius": {"type": "number"}}, "required": ["radius"]},
                 "Square": {"type": "object", "properties": {"side": {"type": "number"}}, "required": ["side"]}}
                """
        )
        let shape = try #require(document.schema(named: "Shape"))
        #expect(shape.isValid(["shapeType": "Circle", "radius": 1]))
        #expect(!shape.isValid(["shapeType": "Circle", "side": 1]))
        #expect(shape.isValid(["shapeType": "Square", "side": 1]))
    }

    @Test func discriminatorOnABaseSchemaDispatchesToTheSchemaThatExtendsIt() throws {
        let document = try Self.document(
            schemas: """
                {"Event": {"type": "object", "required": ["eventType"], "properties": {"eventType": {"type": "string"}},
                           "discriminator": {"propertyName": "eventType"}},
                 "Login": {"allOf": [{"$ref": "#/components/schemas/Event"},
                           {"type": "object", "required": ["user"], "properties": {"user": {"type": "string"}}}]}}
                """
        )
        let event = try #require(document.schema(named: "Event"))
        #expect(event.isValid(["eventType": "Login", "user": "u"]))
        #expect(
            event.validate(["eventType": "Login"]).map(\.description) == [
                "(root): required property 'user' is missing (present: eventType)"
            ]
        )
        #expect(!event.isValid(["eventType": "Logout"]))
        #expect(event.isValid(["eventType": "Event"]))
        #expect(try #require(document.schema(named: "Login")).isValid(["eventType": "Login", "user": "u"]))
    }

    @Test func readOnlyIsNotRequiredInRequestsAndWriteOnlyNotInResponses() {
        let validator = Self.validator([
            "type": "object",
            "required": ["id", "password", "name"],
            "properties": [
                "id": ["type": "string", "readOnly": true],
                "password": ["type": "string", "writeOnly": true],
                "name": ["type": "string"],
            ],
        ])
        #expect(validator.isValid(["password": "p", "name": "n"], in: .request))
        #expect(!validator.isValid(["id": "1", "name": "n"], in: .request))
        #expect(validator.isValid(["id": "1", "name": "n"], in: .response))
        #expect(!validator.isValid(["password": "p", "name": "n"], in: .response))
        #expect(!validator.isValid(["name": "n"], in: .standalone))
        #expect(
            validator.validate(["name": "n"], in: .response).map(\.description) == [
                "(root): required property 'id' is missing (present: name)"
            ]
        )
    }

    @Test(arguments: [
        (JSONValue.number(JSONNumber(2_147_483_647)), true),
        (JSONValue.number(JSONNumber(-2_147_483_648)), true),
        (JSONValue.number(JSONNumber(2_147_483_648)), false),
        (JSONValue.number(JSONNumber(-2_147_483_649)), false),
        (JSONValue.number(JSONNumber(unchecked: "2147483647.0")), true),
        (JSONValue.number(JSONNumber(unchecked: "1e10")), false),
    ])
    func int32Range(value: JSONValue, isValid: Bool) {
        let validator = Self.validator(["type": "integer", "format": "int32"])
        #expect(validator.isValid(value) == isValid)
    }

    @Test func int32OverflowMessage() {
        let validator = Self.validator(["type": "integer", "format": "int32"])
        #expect(
            validator.validate(.number(JSONNumber(2_147_483_648))).map(\.description) == [
                "(root): 2147483648 is not a whole number from -2147483648 to 2147483647 (int32)"
            ]
        )
    }

    @Test func int64AndFloatRanges() {
        let int64 = Self.validator(["type": "integer", "format": "int64"])
        #expect(int64.isValid(.number(JSONNumber(unchecked: "9223372036854775807"))))
        #expect(!int64.isValid(.number(JSONNumber(unchecked: "9223372036854775808"))))
        let float = Self.validator(["type": "number", "format": "float"])
        #expect(float.isValid(.number(JSONNumber(unchecked: "3.4e38"))))
        #expect(!float.isValid(.number(JSONNumber(unchecked: "3.5e38"))))
        let double = Self.validator(["type": "number", "format": "double"])
        #expect(!double.isValid(.number(JSONNumber(unchecked: "1e400"))))
    }

    @Test(arguments: [
        ("2024-02-29T12:00:00Z", true),
        ("2023-02-29T12:00:00Z", false),
        ("2024-01-01t00:00:00.123456789+05:30", true),
        ("2024-01-01T00:00:00", false),
        ("2024-01-01 00:00:00Z", false),
        ("2024-12-31T23:59:60Z", true),
        ("2024-12-31T23:59:60+01:00", false),
        ("2025-01-01T00:59:60+01:00", true),
        ("2024-01-01T00:00:00.Z", false),
        ("2024-01-01T00:00:00+24:00", false),
        ("1900-02-29T00:00:00Z", false),
        ("2000-02-29T00:00:00Z", true),
    ])
    func dateTimeEdgeCases(text: String, isValid: Bool) {
        let validator = Self.validator(["type": "string", "format": "date-time"])
        #expect(validator.isValid(.string(text)) == isValid, "\(text)")
    }

    @Test(arguments: [
        ("date", "2024-02-29", true), ("date", "2024-2-29", false),
        ("uuid", "123e4567-e89b-12d3-a456-426614174000", true),
        ("uuid", "123e4567e89b12d3a456426614174000", false), ("byte", "aGVsbG8=", true), ("byte", "aGVsbG8", false),
        ("byte", "", true), ("email", "a@b.co", true), ("email", "a@@b", false), ("ipv4", "10.0.0.1", true),
        ("ipv6", "fe80::1", true), ("uri", "https://x.test/a?b=c", true), ("uri", "/relative", false),
        ("password", "anything", true), ("unknown-format", "anything", true),
    ])
    func stringFormats(format: String, text: String, isValid: Bool) {
        let validator = Self.validator(["type": "string", "format": .string(format)])
        #expect(validator.isValid(.string(text)) == isValid, "\(format): \(text)")
    }
}
