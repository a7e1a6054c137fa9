import Diagnostics
import JSON
import OpenAPI
import Testing

/// Loading: operations, parameters, responses, `$ref`s and their errors, lookups by method and path.
struct OpenAPILoaderTests {
    static let spec = """
        {
          "openapi": "3.0.1",
          "info": {"title": "Mesh", "version": "1.0"},
          "servers": [{"url": "https://integration-api.meshconnect.com"}],
          "security": [{"Client-Id": [], "Client-Secret": []}],
          "paths": {
            "/api/v1/authenticate/{brokerType}": {
              "parameters": [{"name": "brokerType", "in": "path", "required": true, "schema": {"type": "string"}},
                             {"name": "userId", "in": "query", "schema": {"type": "string"}}],
              "get": {
                "operationId": "getAuth",
                "tags": ["Auth"],
                "parameters": [{"name": "userId", "in": "query", "required": true,
                                "schema": {"type": "string", "maxLength": 50}}],
                "responses": {
                  "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ok"}}}},
                  "4XX": {"$ref": "#/components/responses/Problem"},
                  "default": {"description": "other"}
                }
              }
            },
            "/api/v1/authenticate/robinhood": {
              "get": {"deprecated": true, "security": [], "responses": {"200": {"description": "literal"}}}
            },
            "/api/v1/items/{id}.json": {
              "get": {"parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                      "responses": {"200": {"description": "item"}}}
            }
          },
          "components": {
            "schemas": {"Ok": {"type": "object", "properties": {"status": {"type": "string"}}}},
            "responses": {"Problem": {"description": "problem", "headers": {"X-Request-Id": {"required": true,
              "schema": {"type": "string"}}}, "content": {"application/problem+json": {"schema": {"type": "object"}},
              "application/*+json": {"schema": {"type": "object"}}}}},
            "securitySchemes": {
              "Client-Id": {"type": "apiKey", "name": "X-Client-Id", "in": "header"},
              "Client-Secret": {"type": "apiKey", "name": "X-Client-Secret", "in": "header"},
              "Bearer": {"type": "http", "scheme": "Bearer", "bearerFormat": "JWT"}
            }
          }
        }
        """

    static func load(_ text: String, path: String = "spec.json") throws -> OpenAPIDocument {
        try OpenAPILoader.load(try SpecSource.parse(Array(text.utf8), path: path))
    }

    @Test func buildsOperationsWithMergedParameters() throws {
        let document = try Self.load(Self.spec)
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        #expect(document.servers == ["https://integration-api.meshconnect.com"])
        #expect(
            document.operations.map(\.name) == [
                "GET /api/v1/authenticate/{brokerType}", "GET /api/v1/authenticate/robinhood",
                "GET /api/v1/items/{id}.json",
            ]
        )
        let operation = try #require(document.operation(id: "getAuth"))
        #expect(operation.tags == ["Auth"])
        #expect(operation.parameters.map(\.name) == ["brokerType", "userId"])
        let userID = try #require(operation.parameter(named: "userId", in: .query))
        #expect(userID.isRequired)
        #expect(userID.schema?.isValid(.string(String(repeating: "u", count: 51))) == false)
        #expect(operation.pointer.description == "/paths/~1api~1v1~1authenticate~1{brokerType}/get")
        #expect(document.location(of: operation.pointer)?.description == "spec.json:10:14")
    }

    @Test func securityIsInheritedUnlessTheOperationOverridesIt() throws {
        let document = try Self.load(Self.spec)
        let getAuth = try #require(document.operation(id: "getAuth"))
        #expect(
            document.securityRequirements(of: getAuth).map { $0.entries.map(\.scheme) } == [
                ["Client-Id", "Client-Secret"]
            ]
        )
        let literal = try #require(document.operation(method: "get", template: "/api/v1/authenticate/robinhood"))
        #expect(document.securityRequirements(of: literal).isEmpty)
        #expect(literal.isDeprecated)
        #expect(document.securitySchemes["Client-Id"]?.kind == .apiKey(name: "X-Client-Id", location: .header))
        #expect(document.securitySchemes["Bearer"]?.kind == .http(scheme: "bearer", bearerFormat: "JWT"))
    }

    @Test func concretePathsPreferLiteralSegments() throws {
        let document = try Self.load(Self.spec)
        let literal = try #require(document.operation(method: "GET", path: "/api/v1/authenticate/robinhood"))
        #expect(literal.operation.path.text == "/api/v1/authenticate/robinhood")
        let templated = try #require(
            document.operation(method: "GET", path: "/api/v1/authenticate/kraken%20Pro?userId=1")
        )
        #expect(templated.operation.operationID == "getAuth")
        #expect(templated.pathParameters == ["brokerType": "kraken Pro"])
        let mixed = try #require(document.operation(method: "get", path: "/api/v1/items/42.json"))
        #expect(mixed.pathParameters == ["id": "42"])
        #expect(document.operation(method: "POST", path: "/api/v1/authenticate/robinhood") == nil)
        #expect(document.operation(method: "GET", path: "/api/v1/authenticate/a/b") == nil)
        #expect(document.operation(method: "GET", path: "/api/v1/items/.json") == nil)
    }

    @Test func responsesResolveByCodeThenRangeThenDefault() throws {
        let operation = try #require(try Self.load(Self.spec).operation(id: "getAuth"))
        #expect(operation.response(for: 200)?.status == .code(200))
        #expect(operation.response(for: 404)?.status == .range(4))
        #expect(operation.response(for: 500)?.status == .default)
        let problem = try #require(operation.response(for: 400))
        #expect(problem.description == "problem")
        #expect(problem.headers.map(\.name) == ["X-Request-Id"])
        #expect(problem.headers.first?.isRequired == true)
    }

    @Test(arguments: [
        ("application/json; charset=utf-8", "application/json", OpenAPIMediaTypeMatch.Kind.exact),
        ("Application/JSON", "application/json", .exact),
        ("text/json", "application/json", .jsonEquivalent),
        ("application/problem+json", "application/problem+json", .exact),
        ("application/vnd.mesh+json", "application/*+json", .wildcard),
    ])
    func mediaTypesMatch(contentType: String, expected: String, kind: OpenAPIMediaTypeMatch.Kind) throws {
        let operation = try #require(try Self.load(Self.spec).operation(id: "getAuth"))
        let content =
            expected == "application/json"
            ? try #require(operation.response(for: 200)).content : try #require(operation.response(for: 400)).content
        let match = try #require(OpenAPIMediaType.bestMatch(for: contentType, in: content))
        #expect(match.mediaType.name == expected)
        #expect(match.kind == kind)
    }

    @Test func mediaTypeMismatchIsNil() throws {
        let operation = try #require(try Self.load(Self.spec).operation(id: "getAuth"))
        #expect(operation.response(for: 200, mediaType: "text/html")?.match == nil)
        #expect(operation.response(for: 200, mediaType: nil)?.match?.kind == .onlyEntry)
    }

    @Test func brokenReferencesAreErrorsAtTheRef() throws {
        let text = """
            {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {},
             "components": {"schemas": {
               "A": {"$ref": "#/components/schemas/Missing"},
               "B": {"$ref": "other.yaml#/components/schemas/C"},
               "C": {"properties": {"x": {"$ref": "#/components/schemas/A~1B"}}}}}}
            """
        let document = try Self.load(text, path: "broken.json")
        #expect(
            document.diagnostics.map(\.description).sorted() == [
                "broken.json:3:18: error: $ref '#/components/schemas/Missing' does not resolve: nothing is at "
                    + "'/components/schemas/Missing'",
                "broken.json:4:18: error: $ref 'other.yaml#/components/schemas/C' does not resolve: remote references "
                    + "are not supported; only local references such as '#/components/schemas/Name'",
                "broken.json:5:39: error: $ref '#/components/schemas/A~1B' does not resolve: nothing is at "
                    + "'/components/schemas/A~1B'",
            ]
        )
        let a = try #require(document.schema(named: "A"))
        #expect(!a.isValid(1))
        #expect(a.validate(1).first?.message.contains("does not resolve") == true)
    }

    @Test func refsWithEscapesAndPercentEncodingResolve() throws {
        let text = """
            {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {},
             "components": {"schemas": {
               "a/b": {"type": "integer"}, "c~d": {"type": "string"}, "e f": {"type": "boolean"},
               "Use": {"properties": {"x": {"$ref": "#/components/schemas/a~1b"}, "y": {"$ref": "#/components/schemas/c~0d"},
                       "z": {"$ref": "#/components/schemas/e%20f"}}},
               "Tree": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}}}}}}
            """
        let document = try Self.load(text)
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        let use = try #require(document.schema(named: "Use"))
        #expect(use.isValid(["x": 1, "y": "s", "z": true]))
        #expect(!use.isValid(["x": "1"]))
        #expect(!use.isValid(["z": 1]))
        let tree = try #require(document.schema(named: "Tree"))
        #expect(tree.isValid(["children": [["children": []], ["children": [["children": []]]]]]))
        #expect(!tree.isValid(["children": [["children": [1]]]]))
    }

    @Test func refusesWhatIsNotOpenAPI30() {
        for (text, message) in [
            (#"{"swagger": "2.0"}"#, "Swagger 2.0 is not supported; meshcheck reads OpenAPI 3.0.x"),
            (#"{"openapi": "3.1.0"}"#, "OpenAPI 3.1.0 is not supported; meshcheck reads OpenAPI 3.0.x"),
            ("[1]", "the spec must be an object"),
        ] {
            #expect(throws: SpecLoadError.self) { try Self.load(text) }
            do {
                _ = try Self.load(text)
            } catch let error as SpecLoadError {
                #expect(error.diagnostic.message == message)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func structuralMistakesAreReported() throws {
        let text = """
            {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {
              "/a/{id}": {"get": {"operationId": "x", "responses": {"200": {"description": "ok"}, "2YY": {"description": "?"}}}},
              "/b": {"get": {"operationId": "x", "parameters": [{"name": "q", "in": "body"}], "responses": {}}}}}
            """
        let messages = try Self.load(text).diagnostics.map(\.message)
        #expect(messages.contains("path parameter 'id' of '/a/{id}' is not declared"))
        #expect(messages.contains("response key '2YY' is not a status code, a range like '4XX', or 'default'"))
        #expect(messages.contains { $0.hasPrefix("duplicate operationId 'x'") })
        #expect(messages.contains("parameter 'q' needs 'in': path, query, header or cookie"))
    }
}
