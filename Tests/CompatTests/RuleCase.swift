import Testing

/// One rule test: two small specs and the rule ids expected when comparing them in each direction.
///
/// `forward` is old → new; `backward` is new → old, the mirrored edit (a property added is, backwards, a property
/// removed), so every case checks both the rule and its mirror.
struct RuleCase: Sendable, CustomTestStringConvertible {
    var name: String
    var old: String
    var new: String
    var forward: [String]
    var backward: [String]

    var testDescription: String { name }
}

extension RuleCase {
    private typealias F = SpecFixture

    static let operations: [RuleCase] = [
        RuleCase(
            name: "operation removed without deprecation",
            old: F.spec(
                paths: "  /a: {get: {responses: {'200': {description: ok}}}}\n"
                    + "  /b: {get: {responses: {'200': {description: ok}}}}"
            ),
            new: F.spec(paths: "  /a: {get: {responses: {'200': {description: ok}}}}"),
            forward: ["operation-removed", "operation-removed-without-deprecation"],
            backward: ["operation-added"]
        ),
        RuleCase(
            name: "deprecated operation removed",
            old: F.spec(
                paths: "  /a: {get: {responses: {'200': {description: ok}}}}\n"
                    + "  /b: {get: {deprecated: true, responses: {'200': {description: ok}}}}"
            ),
            new: F.spec(paths: "  /a: {get: {responses: {'200': {description: ok}}}}"),
            forward: ["operation-removed"],
            backward: ["operation-added"]
        ),
        RuleCase(
            name: "operation deprecated",
            old: F.spec(paths: "  /a: {get: {responses: {'200': {description: ok}}}}"),
            new: F.spec(paths: "  /a: {get: {deprecated: true, responses: {'200': {description: ok}}}}"),
            forward: ["operation-deprecated"],
            backward: []
        ),
        RuleCase(
            name: "operationId changed",
            old: F.spec(paths: "  /a: {get: {operationId: listA, responses: {'200': {description: ok}}}}"),
            new: F.spec(paths: "  /a: {get: {operationId: getAll, responses: {'200': {description: ok}}}}"),
            forward: ["operation-id-changed"],
            backward: ["operation-id-changed"]
        ),
        RuleCase(
            name: "path parameter renamed",
            old: F.spec(
                paths: "  /accounts/{id}: {get: {parameters: [{name: id, in: path, required: true, "
                    + "schema: {type: string}}], responses: {'200': {description: ok}}}}"
            ),
            new: F.spec(
                paths: "  /accounts/{accountId}: {get: {parameters: [{name: accountId, in: path, required: true, "
                    + "schema: {type: string}}], responses: {'200': {description: ok}}}}"
            ),
            forward: ["path-parameter-renamed"],
            backward: ["path-parameter-renamed"]
        ),
    ]

    static let parameters: [RuleCase] = [
        RuleCase(
            name: "required parameter added",
            old: F.parameters("[]"),
            new: F.parameters("[{name: userId, in: query, required: true, schema: {type: string}}]"),
            forward: ["request-required-parameter-added"],
            backward: ["request-parameter-removed"]
        ),
        RuleCase(
            name: "optional parameter added",
            old: F.parameters("[]"),
            new: F.parameters("[{name: count, in: query, schema: {type: integer}}]"),
            forward: ["request-parameter-added"],
            backward: ["request-parameter-removed"]
        ),
        RuleCase(
            name: "parameter became required",
            old: F.parameters("[{name: userId, in: query, schema: {type: string}}]"),
            new: F.parameters("[{name: userId, in: query, required: true, schema: {type: string}}]"),
            forward: ["request-parameter-became-required"],
            backward: ["request-parameter-became-optional"]
        ),
        RuleCase(
            name: "parameter type changed",
            old: F.parameters("[{name: count, in: query, schema: {type: string}}]"),
            new: F.parameters("[{name: count, in: query, schema: {type: integer}}]"),
            forward: ["request-type-changed"],
            backward: ["request-type-changed"]
        ),
        RuleCase(
            name: "parameter widened from integer to number",
            old: F.parameters("[{name: amount, in: query, schema: {type: integer}}]"),
            new: F.parameters("[{name: amount, in: query, schema: {type: number}}]"),
            forward: ["request-constraint-relaxed"],
            backward: ["request-type-changed"]
        ),
        RuleCase(
            name: "parameter format added",
            old: F.parameters("[{name: id, in: query, schema: {type: string}}]"),
            new: F.parameters("[{name: id, in: query, schema: {type: string, format: uuid}}]"),
            forward: ["request-format-changed"],
            backward: ["request-constraint-relaxed"]
        ),
        RuleCase(
            name: "header parameter names are case-insensitive",
            old: F.parameters("[{name: X-Trace, in: header, schema: {type: string}}]"),
            new: F.parameters("[{name: x-trace, in: header, schema: {type: string}}]"),
            forward: [],
            backward: []
        ),
    ]

    static let requestBodies: [RuleCase] = [
        RuleCase(
            name: "required request body added",
            old: F.parameters("[]"),
            new: F.spec(
                paths: "  /items: {get: {requestBody: {required: true, content: {application/json: "
                    + "{schema: {type: object}}}}, responses: {'200': {description: ok}}}}"
            ),
            forward: ["request-body-became-required"],
            backward: ["request-body-removed"]
        ),
        RuleCase(
            name: "optional request body added",
            old: F.parameters("[]"),
            new: F.spec(
                paths: "  /items: {get: {requestBody: {content: {application/json: {schema: {type: object}}}}, "
                    + "responses: {'200': {description: ok}}}}"
            ),
            forward: ["request-body-added"],
            backward: ["request-body-removed"]
        ),
        RuleCase(
            name: "request body became required",
            old: F.spec(
                paths: "  /items: {post: {requestBody: {content: {application/json: {schema: {type: object}}}}, "
                    + "responses: {'200': {description: ok}}}}"
            ),
            new: F.spec(
                paths: "  /items: {post: {requestBody: {required: true, content: {application/json: "
                    + "{schema: {type: object}}}}, responses: {'200': {description: ok}}}}"
            ),
            forward: ["request-body-became-required"],
            backward: ["request-body-became-optional"]
        ),
        RuleCase(
            name: "request media type added",
            old: F.spec(
                paths: "  /items: {post: {requestBody: {content: {application/json: {schema: {type: object}}}}, "
                    + "responses: {'200': {description: ok}}}}"
            ),
            new: F.spec(
                paths: "  /items: {post: {requestBody: {content: {application/json: {schema: {type: object}}, "
                    + "application/xml: {schema: {type: object}}}}, responses: {'200': {description: ok}}}}"
            ),
            forward: ["request-media-type-added"],
            backward: ["request-media-type-removed"]
        ),
    ]
}
