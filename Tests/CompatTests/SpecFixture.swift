import Compat
import OpenAPI

/// Small hand-made specs for the rule tests, written as YAML.
enum SpecFixture {
    /// Loads YAML text as an OpenAPI document.
    static func load(_ yaml: String, path: String) throws -> OpenAPIDocument {
        try OpenAPILoader.load(try SpecSource.parse(Array(yaml.utf8), path: path))
    }

    /// Compares two YAML specs, named `old.yaml` and `new.yaml`.
    static func compare(_ old: String, _ new: String) throws -> CompatReport {
        CompatChecker.compare(old: try load(old, path: "old.yaml"), new: try load(new, path: "new.yaml"))
    }

    /// A spec with `paths` (indented two spaces) and `schemas` (indented four spaces under components/schemas).
    static func spec(paths: String, schemas: String = "", extra: String = "") -> String {
        var text = "openapi: 3.0.3\ninfo: {title: Fixture, version: '1'}\npaths:\n" + paths + "\n"
        if !schemas.isEmpty || !extra.isEmpty {
            text += "components:\n"
            if !schemas.isEmpty { text += "  schemas:\n" + schemas + "\n" }
            text += extra
        }
        return text
    }

    /// `POST /items`, whose request body is `components/schemas/Item`, given as a flow mapping.
    static func request(_ item: String, parameters: String = "[]") -> String {
        spec(
            paths: """
                  /items:
                    post:
                      parameters: \(parameters)
                      requestBody:
                        required: true
                        content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}
                      responses: {'204': {description: done}}
                """,
            schemas: "    Item: \(item)"
        )
    }

    /// `GET /items`, whose 200 response is `components/schemas/Item`, given as a flow mapping.
    static func response(_ item: String) -> String {
        spec(
            paths: """
                  /items:
                    get:
                      responses:
                        '200':
                          description: ok
                          content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}
                """,
            schemas: "    Item: \(item)"
        )
    }

    /// `GET /items` with the given query parameters (a flow sequence) and a plain 200 response.
    static func parameters(_ parameters: String) -> String {
        spec(
            paths: """
                  /items:
                    get:
                      parameters: \(parameters)
                      responses: {'200': {description: ok}}
                """
        )
    }

    /// `POST /items` answering with `status` in its 200 response and taking it in its body: one schema in both
    /// directions.
    static func bothDirections(_ status: String) -> String {
        spec(
            paths: """
                  /items:
                    post:
                      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Status'}}}}
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {type: object, properties: {status: {$ref: '#/components/schemas/Status'}}}
                """,
            schemas: "    Status: \(status)"
        )
    }
}
