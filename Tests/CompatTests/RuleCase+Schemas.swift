extension RuleCase {
    private typealias F = SpecFixture

    static let requestSchemas: [RuleCase] = [
        RuleCase(
            name: "required request property added",
            old: F.request("{type: object, properties: {a: {type: string}}}"),
            new: F.request("{type: object, required: [b], properties: {a: {type: string}, b: {type: string}}}"),
            forward: ["request-required-property-added"],
            backward: ["request-property-removed"]
        ),
        RuleCase(
            name: "required request property added to a closed schema",
            old: F.request("{type: object, additionalProperties: false, properties: {a: {type: string}}}"),
            new: F.request(
                "{type: object, additionalProperties: false, required: [b], properties: {a: {type: string}, "
                    + "b: {type: string}}}"
            ),
            forward: ["request-required-property-added"],
            backward: ["request-property-now-rejected"]
        ),
        RuleCase(
            name: "optional request property added",
            old: F.request("{type: object, properties: {a: {type: string}}}"),
            new: F.request("{type: object, properties: {a: {type: string}, b: {type: string}}}"),
            forward: ["request-property-added"],
            backward: ["request-property-removed"]
        ),
        RuleCase(
            name: "request property became required",
            old: F.request("{type: object, properties: {a: {type: string}}}"),
            new: F.request("{type: object, required: [a], properties: {a: {type: string}}}"),
            forward: ["request-property-became-required"],
            backward: ["request-property-became-optional"]
        ),
        RuleCase(
            name: "read-only property added to a request is not sent",
            old: F.request("{type: object, properties: {a: {type: string}}}"),
            new: F.request(
                "{type: object, required: [id], properties: {a: {type: string}, id: {type: string, readOnly: true}}}"
            ),
            forward: [],
            backward: []
        ),
        RuleCase(
            name: "request enum value added",
            old: F.request("{type: string, enum: [buy, sell]}"),
            new: F.request("{type: string, enum: [buy, sell, swap]}"),
            forward: ["request-enum-value-added"],
            backward: ["request-enum-value-removed"]
        ),
        RuleCase(
            name: "request enum added where any value went",
            old: F.request("{type: string}"),
            new: F.request("{type: string, enum: [buy, sell]}"),
            forward: ["request-constraint-tightened"],
            backward: ["request-constraint-relaxed"]
        ),
        RuleCase(
            name: "request property no longer nullable",
            old: F.request("{type: object, properties: {a: {type: string, nullable: true}}}"),
            new: F.request("{type: object, properties: {a: {type: string}}}"),
            forward: ["request-property-no-longer-nullable"],
            backward: ["request-constraint-relaxed"]
        ),
        RuleCase(
            name: "request maxLength lowered",
            old: F.request("{type: object, properties: {userId: {type: string, maxLength: 50}}}"),
            new: F.request("{type: object, properties: {userId: {type: string, maxLength: 40}}}"),
            forward: ["request-constraint-tightened"],
            backward: ["request-constraint-relaxed"]
        ),
        RuleCase(
            name: "request minimum raised",
            old: F.request("{type: object, properties: {amount: {type: number, minimum: 0}}}"),
            new: F.request("{type: object, properties: {amount: {type: number, minimum: 1.5}}}"),
            forward: ["request-constraint-tightened"],
            backward: ["request-constraint-relaxed"]
        ),
        RuleCase(
            name: "request minLength 0 added says nothing",
            old: F.request("{type: object, properties: {a: {type: string}}}"),
            new: F.request("{type: object, properties: {a: {type: string, minLength: 0}}}"),
            forward: [],
            backward: []
        ),
        RuleCase(
            name: "request pattern changed",
            old: F.request("{type: string, pattern: '^[a-z]+$'}"),
            new: F.request("{type: string, pattern: '^[a-z0-9]+$'}"),
            forward: ["request-constraint-tightened"],
            backward: ["request-constraint-tightened"]
        ),
        RuleCase(
            name: "request schema closed to unknown properties",
            old: F.request("{type: object, properties: {a: {type: string}}}"),
            new: F.request("{type: object, additionalProperties: false, properties: {a: {type: string}}}"),
            forward: ["request-constraint-tightened"],
            backward: ["request-constraint-relaxed"]
        ),
        RuleCase(
            name: "request array items changed type",
            old: F.request("{type: array, items: {type: string}}"),
            new: F.request("{type: array, items: {type: integer}}"),
            forward: ["request-type-changed"],
            backward: ["request-type-changed"]
        ),
    ]

    static let responses: [RuleCase] = [
        RuleCase(
            name: "success status added",
            old: F.spec(paths: "  /a: {post: {responses: {'200': {description: ok}}}}"),
            new: F.spec(paths: "  /a: {post: {responses: {'200': {description: ok}, '202': {description: later}}}}"),
            forward: ["response-success-status-added"],
            backward: ["response-success-status-removed"]
        ),
        RuleCase(
            name: "error status added",
            old: F.spec(paths: "  /a: {get: {responses: {'200': {description: ok}}}}"),
            new: F.spec(paths: "  /a: {get: {responses: {'200': {description: ok}, '404': {description: none}}}}"),
            forward: ["response-status-added"],
            backward: ["response-error-status-removed"]
        ),
        RuleCase(
            name: "response media type added",
            old: F.spec(
                paths: "  /a: {get: {responses: {'200': {description: ok, content: {application/json: {}}}}}}"
            ),
            new: F.spec(
                paths: "  /a: {get: {responses: {'200': {description: ok, content: {application/json: {}, "
                    + "text/plain: {}}}}}}"
            ),
            forward: ["response-media-type-added"],
            backward: ["response-media-type-removed"]
        ),
        RuleCase(
            name: "optional response property added",
            old: F.response("{type: object, properties: {a: {type: string}}}"),
            new: F.response("{type: object, properties: {a: {type: string}, b: {type: string}}}"),
            forward: ["response-property-added"],
            backward: ["response-optional-property-removed"]
        ),
        RuleCase(
            name: "required response property added",
            old: F.response("{type: object, properties: {a: {type: string}}}"),
            new: F.response("{type: object, required: [b], properties: {a: {type: string}, b: {type: string}}}"),
            forward: ["response-property-added"],
            backward: ["response-required-property-removed"]
        ),
        RuleCase(
            name: "response property became optional",
            old: F.response("{type: object, required: [a], properties: {a: {type: string}}}"),
            new: F.response("{type: object, properties: {a: {type: string}}}"),
            forward: ["response-property-became-optional"],
            backward: ["response-property-became-required"]
        ),
        RuleCase(
            name: "write-only property is not in responses",
            old: F.response(
                "{type: object, required: [secret], properties: {secret: {type: string, writeOnly: true}}}"
            ),
            new: F.response("{type: object, properties: {}}"),
            forward: [],
            backward: []
        ),
        RuleCase(
            name: "response property became nullable",
            old: F.response("{type: object, properties: {a: {type: string}}}"),
            new: F.response("{type: object, properties: {a: {type: string, nullable: true}}}"),
            forward: ["response-property-became-nullable"],
            backward: ["response-constraint-tightened"]
        ),
        RuleCase(
            name: "nullable through an allOf wrapper",
            old: F.response("{type: object, properties: {a: {allOf: [{type: string}]}}}"),
            new: F.response("{type: object, properties: {a: {allOf: [{type: string}], nullable: true}}}"),
            forward: ["response-property-became-nullable"],
            backward: ["response-constraint-tightened"]
        ),
        RuleCase(
            name: "response type changed",
            old: F.response("{type: object, properties: {marketplaceId: {type: integer}}}"),
            new: F.response("{type: object, properties: {marketplaceId: {type: string}}}"),
            forward: ["response-type-changed"],
            backward: ["response-type-changed"]
        ),
        RuleCase(
            name: "response format changed",
            old: F.response("{type: string, format: date}"),
            new: F.response("{type: string, format: date-time}"),
            forward: ["response-format-changed"],
            backward: ["response-format-changed"]
        ),
        RuleCase(
            name: "response format widened",
            old: F.response("{type: integer, format: int32}"),
            new: F.response("{type: integer, format: int64}"),
            forward: ["response-constraint-relaxed"],
            backward: ["response-constraint-tightened"]
        ),
        RuleCase(
            name: "response enum value added",
            old: F.response("{type: string, enum: [pending, succeeded]}"),
            new: F.response("{type: string, enum: [pending, succeeded, refunded]}"),
            forward: ["response-enum-value-added"],
            backward: ["response-enum-value-removed"]
        ),
        RuleCase(
            name: "response maxLength raised",
            old: F.response("{type: string, maxLength: 10}"),
            new: F.response("{type: string, maxLength: 20}"),
            forward: ["response-constraint-relaxed"],
            backward: ["response-constraint-tightened"]
        ),
        RuleCase(
            name: "response oneOf alternative added",
            old: F.response("{oneOf: [{type: string}]}"),
            new: F.response("{oneOf: [{type: string}, {type: object}]}"),
            forward: ["response-constraint-relaxed"],
            backward: ["response-constraint-tightened"]
        ),
        RuleCase(
            name: "response schema opened to unknown properties",
            old: F.response("{type: object, additionalProperties: false, properties: {a: {type: string}}}"),
            new: F.response("{type: object, properties: {a: {type: string}}}"),
            forward: ["response-constraint-relaxed"],
            backward: ["response-constraint-tightened"]
        ),
    ]

    static let enumsAndSecurity: [RuleCase] = [
        RuleCase(
            name: "enum values renamed by case",
            old: F.bothDirections("{type: string, enum: [Robinhood, ETrade, Alpaca]}"),
            new: F.bothDirections("{type: string, enum: [robinhood, eTrade, alpaca]}"),
            forward: ["enum-values-renamed-by-case"],
            backward: ["enum-values-renamed-by-case"]
        ),
        RuleCase(
            name: "enum value added to a schema used both ways",
            old: F.bothDirections("{type: string, enum: [ok]}"),
            new: F.bothDirections("{type: string, enum: [ok, locked]}"),
            forward: ["request-enum-value-added", "response-enum-value-added"],
            backward: ["request-enum-value-removed", "response-enum-value-removed"]
        ),
        RuleCase(
            name: "security requirement added",
            old: F.spec(
                paths: "  /a: {get: {responses: {'200': {description: ok}}}}",
                extra: "  securitySchemes: {Key: {type: apiKey, in: header, name: X-Client-Id}}\n"
            ),
            new: F.spec(
                paths: "  /a: {get: {security: [{Key: []}], responses: {'200': {description: ok}}}}",
                extra: "  securitySchemes: {Key: {type: apiKey, in: header, name: X-Client-Id}}\n"
            ),
            forward: ["security-requirement-added"],
            backward: ["security-alternative-added"]
        ),
        RuleCase(
            name: "security scope added",
            old: F.spec(
                paths: "  /a: {get: {security: [{OAuth: [read]}], responses: {'200': {description: ok}}}}",
                extra: "  securitySchemes: {OAuth: {type: oauth2, flows: {}}}\n"
            ),
            new: F.spec(
                paths: "  /a: {get: {security: [{OAuth: [read, write]}], responses: {'200': {description: ok}}}}",
                extra: "  securitySchemes: {OAuth: {type: oauth2, flows: {}}}\n"
            ),
            forward: ["security-requirement-added"],
            backward: ["security-alternative-added"]
        ),
        RuleCase(
            name: "security scheme changed",
            old: F.spec(
                paths: "  /a: {get: {security: [{Key: []}], responses: {'200': {description: ok}}}}",
                extra: "  securitySchemes: {Key: {type: apiKey, in: header, name: X-Client-Id}}\n"
            ),
            new: F.spec(
                paths: "  /a: {get: {security: [{Key: []}], responses: {'200': {description: ok}}}}",
                extra: "  securitySchemes: {Key: {type: apiKey, in: header, name: X-Api-Key}}\n"
            ),
            forward: ["security-scheme-changed"],
            backward: ["security-scheme-changed"]
        ),
    ]

    static let all = operations + parameters + requestBodies + requestSchemas + responses + enumsAndSecurity
}
