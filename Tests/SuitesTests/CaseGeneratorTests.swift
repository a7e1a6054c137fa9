import Diagnostics
import Foundation
import JSON
import OpenAPI
import Suites
import TestSupport
import Testing

/// The generator on the Mesh spec: which cases, their names, requests and expectations, and determinism.
struct CaseGeneratorTests {
    static let document: OpenAPIDocument? = {
        let path = SharedFixtures.repository(OpenAPIDocument.defaultSpecPath).path
        return (try? SpecSource.load(path: path)).flatMap { try? OpenAPILoader.load($0) }
    }()

    static let here = FileLocation(path: "g.yaml", line: 1, column: 1)

    static func spec() throws -> OpenAPIDocument {
        try #require(document, "the Mesh spec did not load")
    }

    static func cases(_ method: String, _ template: String, seed: UInt64 = 0) throws -> [GeneratedCase] {
        let document = try Self.spec()
        let operation = try #require(document.operation(method: method, template: template))
        return CaseGenerator(document: document).cases(
            for: operation,
            kinds: GeneratedCaseKind.allCases,
            seed: seed,
            at: here
        )
    }

    static func named(_ name: String, in cases: [GeneratedCase]) throws -> GeneratedCase {
        try #require(cases.first { $0.name == name }, "no case '\(name)' among \(cases.count)")
    }

    static func body(of generated: GeneratedCase) -> JSONValue? {
        if case .json(let value)? = generated.request.body { return value.valueWithTemplatesAsText }
        return nil
    }

    static func query(_ name: String, of generated: GeneratedCase) -> JSONValue? {
        generated.request.query.first { $0.name == name }?.value.valueWithTemplatesAsText
    }

    @Test func theMeshSpecGivesThisManyCasesPerKind() throws {
        let document = try Self.spec()
        let generator = CaseGenerator(document: document)
        var counts: [GeneratedCaseKind: Int] = [:]
        for operation in document.operations {
            for generated in generator.cases(for: operation, kinds: GeneratedCaseKind.allCases, at: Self.here) {
                counts[generated.kind, default: 0] += 1
            }
        }
        print(
            "generated cases for the Mesh spec (\(document.operations.count) operations): "
                + "\(counts[.negative] ?? 0) negative, \(counts[.boundary] ?? 0) boundary"
        )
        #expect(counts[.negative] == 708)
        #expect(counts[.boundary] == 2391)
    }

    @Test func authenticateCasesAreNamedForTheirFieldAndRule() throws {
        let cases = try Self.cases("POST", "/api/v1/authenticate")
        let names = cases.map(\.name)
        let prefix = "POST /api/v1/authenticate · "
        for expected in [
            "negative · credentials missing", "negative · query userId missing", "negative · query userId maxLength+1",
            "negative · body undeclared media type", "negative · body invalid JSON", "negative · body type missing",
            "negative · body type wrong type", "negative · body type not in enum",
            "negative · body type enum case changed", "negative · body extra property", "boundary · base request",
            "boundary · query userId maxLength", "boundary · body type = robinhood", "boundary · body type = vanguard",
            "boundary · body mfaCode null", "boundary · body optional fields absent",
        ] {
            #expect(names.contains(prefix + expected), "missing \(expected)")
        }
        #expect(Set(names).count == names.count, "names repeat")
        let firstBoundary = try #require(cases.firstIndex { $0.kind == .boundary })
        #expect(cases[..<firstBoundary].allSatisfy { $0.kind == .negative })
        #expect(cases[firstBoundary...].allSatisfy { $0.kind == .boundary })
    }

    @Test func aStringOneOverMaxLengthIsRefusedWithTheDeclared400() throws {
        let cases = try Self.cases("POST", "/api/v1/authenticate")
        let over = try Self.named("POST /api/v1/authenticate · negative · query userId maxLength+1", in: cases)
        let value = try #require(Self.query("userId", of: over)?.stringValue)
        #expect(value.count == 51)
        #expect(over.explanation == "query userId is 51 characters, over maxLength 50")
        #expect(over.expectation.statuses.map(\.description) == ["400"])
        // The declared 400 of authenticate is a ProblemDetails: no errorType to require.
        #expect(over.expectation.json.isEmpty)
        #expect(over.expectation.rationale == over.explanation)
        let exact = try Self.named("POST /api/v1/authenticate · boundary · query userId maxLength", in: cases)
        #expect(Self.query("userId", of: exact)?.stringValue?.count == 50)
        #expect(exact.expectation.statuses.map(\.description) == ["200"])
    }

    @Test func enumCasesSendAValueOutsideAndTheCaseChangedFirstValue() throws {
        let cases = try Self.cases("POST", "/api/v1/authenticate")
        let outside = try Self.named("POST /api/v1/authenticate · negative · body type not in enum", in: cases)
        #expect(Self.body(of: outside)?["type"] == "meshcheck-not-in-enum")
        let changed = try Self.named("POST /api/v1/authenticate · negative · body type enum case changed", in: cases)
        #expect(Self.body(of: changed)?["type"] == "Robinhood")
        #expect(
            changed.explanation
                == "body type is \"Robinhood\"; the enum of BrokerType has \"robinhood\", and values are case-sensitive"
        )
        let document = try Self.spec()
        let brokers = try #require(SuiteMatrix.enumValues(ofSchemaNamed: "BrokerType", in: document))
        let each = cases.filter { $0.name.hasPrefix("POST /api/v1/authenticate · boundary · body type = ") }
        #expect(each.compactMap { Self.body(of: $0)?["type"] } == brokers)
    }

    @Test func anApiResult400MustCarryANonEmptyErrorTypeAndCredentialsGet401() throws {
        let cases = try Self.cases("POST", "/api/v1/holdings/get")
        let missing = try Self.named("POST /api/v1/holdings/get · negative · body authToken missing", in: cases)
        #expect(missing.expectation.statuses.map(\.description) == ["400"])
        #expect(missing.expectation.json.map(\.target) == ["/errorType"])
        #expect(Self.body(of: missing)?["authToken"] == nil)
        let empty = try Self.named("POST /api/v1/holdings/get · negative · body authToken minLength-1", in: cases)
        #expect(Self.body(of: empty)?["authToken"] == "")
        let credentials = try Self.named("POST /api/v1/holdings/get · negative · credentials missing", in: cases)
        #expect(credentials.request.credentials == .none)
        #expect(credentials.expectation.statuses.map(\.description) == ["401"])
    }

    @Test func withoutADeclared400TheDocumentedEnvelopeIsExpected() throws {
        let list = try Self.cases("POST", "/api/v1/transactions/list")
        let missing = try Self.named("POST /api/v1/transactions/list · negative · body authToken missing", in: list)
        #expect(missing.expectation.statuses.map(\.description) == ["200"])
        let conditions = missing.expectation.json.map { "\($0.target) \($0.predicate.conditions.map(\.key))" }
        #expect(conditions == ["/status [\"equals\"]", "/errorType [\"nonEmpty\"]"])
        let integrations = try Self.cases("GET", "/api/v1/integrations")
        let credentials = try Self.named("GET /api/v1/integrations · negative · credentials missing", in: integrations)
        #expect(credentials.expectation.statuses.map(\.description) == ["200"])
        let status = try #require(credentials.expectation.json.first)
        guard case .equals(let value)? = status.predicate.conditions.first else {
            Issue.record("expected an equals condition on /status")
            return
        }
        #expect(value.valueWithTemplatesAsText == "permissionDenied")
    }

    @Test func numbersOutsideTheirRangeAndInt32() throws {
        let link = try Self.cases("POST", "/api/v1/linktoken")
        let below = try Self.named(
            "POST /api/v1/linktoken · negative · body transferOptions.clientFee below minimum",
            in: link
        )
        #expect(Self.body(of: below)?["transferOptions"]?["clientFee"] == -1)
        let above = try Self.named(
            "POST /api/v1/linktoken · negative · body transferOptions.clientFee above maximum",
            in: link
        )
        #expect(Self.body(of: above)?["transferOptions"]?["clientFee"] == 2)
        let maximum = try Self.named(
            "POST /api/v1/linktoken · boundary · body transferOptions.clientFee maximum",
            in: link
        )
        #expect(Self.body(of: maximum)?["transferOptions"]?["clientFee"] == 1)
        let mesh = try Self.cases("GET", "/api/v1/transfers/managed/mesh")
        let count = try Self.named("GET /api/v1/transfers/managed/mesh · negative · query Count above int32", in: mesh)
        #expect(Self.query("Count", of: count)?.numberValue?.text == "2147483648")
        let wrong = try Self.named("GET /api/v1/transfers/managed/mesh · negative · query Count wrong type", in: mesh)
        #expect(Self.query("Count", of: wrong) == "notANumber")
        let statuses = try Self.named(
            "GET /api/v1/transfers/managed/mesh · negative · query Statuses maxItems+1",
            in: mesh
        )
        #expect(Self.query("Statuses", of: statuses)?.arrayValue?.count == 6)
    }

    @Test func pathParametersAreVariedButNeverLeftOut() throws {
        let cases = try Self.cases("POST", "/api/v1/transactions/{side}")
        let names = cases.map(\.name)
        #expect(!names.contains { $0.contains("path side missing") })
        let outside = try Self.named("POST /api/v1/transactions/{side} · negative · path side not in enum", in: cases)
        #expect(outside.request.path?.template.source == "/api/v1/transactions/meshcheck-not-in-enum")
        let buy = try Self.named("POST /api/v1/transactions/{side} · boundary · path side = buy", in: cases)
        #expect(buy.request.path?.template.source == "/api/v1/transactions/buy")
    }

    @Test func everyBoundaryBodyIsValidAndEveryNegativeFieldCaseIsNot() throws {
        let document = try Self.spec()
        let generator = CaseGenerator(document: document)
        var checked = 0
        for operation in document.operations {
            guard let entry = operation.requestBody?.content.first(where: { $0.name == "application/json" }),
                let schema = entry.schema
            else { continue }
            for generated in generator.cases(for: operation, kinds: GeneratedCaseKind.allCases, at: Self.here) {
                guard generated.target.hasPrefix("body"), let body = Self.body(of: generated),
                    generated.request.contentType == nil
                else { continue }
                let violations = schema.validate(body, in: .request)
                if generated.kind == .boundary {
                    #expect(violations.isEmpty, "\(generated.name): \(violations)")
                } else {
                    #expect(!violations.isEmpty, "\(generated.name) is valid")
                }
                checked += 1
            }
        }
        #expect(checked > 2000)
    }

    @Test func theSameSpecAndSeedGiveTheSameCasesAndAnotherSeedOnlyOtherValues() throws {
        let first = try Self.cases("POST", "/api/v1/transfers/managed/preview")
        let again = try Self.cases("POST", "/api/v1/transfers/managed/preview")
        let seeded = try Self.cases("POST", "/api/v1/transfers/managed/preview", seed: 7)
        #expect(first.map(\.name) == again.map(\.name))
        #expect(first.map { $0.describedRequest() } == again.map { $0.describedRequest() })
        #expect(first.map(\.name) == seeded.map(\.name))
        let changed = zip(first, seeded).filter { $0.describedRequest() != $1.describedRequest() }
        #expect(!changed.isEmpty)
        // A seed changes what is chosen (a wrong type, a value outside the enum), never a required field's presence.
        #expect(changed.allSatisfy { pair in !pair.0.name.hasSuffix(" missing") })
    }

    @Test func theVerboseFormShowsTheRequestWithSecretsMasked() throws {
        let cases = try Self.cases("POST", "/api/v1/authenticate")
        let generated = try Self.named("POST /api/v1/authenticate · negative · body type wrong type", in: cases)
        let lines = generated.describedRequest()
        #expect(lines.first?.hasPrefix("POST /api/v1/authenticate?userId=") == true)
        #expect(lines.contains("Content-Type: application/json"))
        #expect(lines.contains { $0.contains("\"type\":12345") && $0.contains("\"password\":\"<redacted>\"") })
        #expect(lines.suffix(2) == ["expect: 400", "why: body type must be a string; sends the number 12345"])
    }

    @Test func kindListsReadFromTheCommandLine() {
        #expect(GeneratedCaseKind.list(parsing: "negative,boundary") == [.negative, .boundary])
        #expect(GeneratedCaseKind.list(parsing: "boundary, negative") == [.negative, .boundary])
        #expect(GeneratedCaseKind.list(parsing: "all") == [.negative, .boundary])
        #expect(GeneratedCaseKind.list(parsing: "negativ") == nil)
        #expect(GeneratedCaseKind.list(parsing: "") == nil)
    }
}

/// The generator on a small spec of its own: header parameters, a required body, a declared 415, no security, and
/// an operation that declares no 4xx at all.
struct CaseGeneratorGenericSpecTests {
    static let spec = """
        openapi: 3.0.3
        info: { title: Widgets, version: "1" }
        paths:
          /widgets/{id}:
            put:
              operationId: putWidget
              parameters:
                - { name: id, in: path, required: true, schema: { type: integer, format: int64, minimum: 1 } }
                - { name: X-Tenant, in: header, required: true, schema: { type: string, maxLength: 8 }, example: acme }
                - { name: dryRun, in: query, schema: { type: boolean } }
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      additionalProperties: false
                      required: [size]
                      properties:
                        size: { type: integer, minimum: 1, maximum: 10, exclusiveMaximum: true }
                        tags: { type: array, maxItems: 2, minItems: 1, items: { type: string, enum: [red, blue] } }
                        note: { type: string, nullable: true, minLength: 2, maxLength: 4 }
                    example: { size: 3, tags: [red], note: abc }
              responses:
                "204": { description: stored }
                "400": { description: bad, content: { application/json: { schema: { type: object } } } }
                "415": { description: not JSON }
          /ping:
            get:
              parameters: [{ name: n, in: query, required: true, schema: { type: integer } }]
              responses: { "200": { description: pong } }
        """

    static func cases(_ operationID: String) throws -> [GeneratedCase] {
        let source = try SpecSource.parse(Array(spec.utf8), path: "widgets.yaml")
        let document = try OpenAPILoader.load(source)
        let operation = try #require(document.operation(id: operationID) ?? document.operations.last)
        return CaseGenerator(document: document).cases(
            for: operation,
            kinds: GeneratedCaseKind.allCases,
            at: FileLocation(path: "w.yaml", line: 1, column: 1)
        )
    }

    @Test func everyRuleOfASpecOfItsOwnIsGenerated() throws {
        let cases = try Self.cases("putWidget")
        let rules = cases.map { "\($0.kind.rawValue) \($0.target.isEmpty ? "" : $0.target + " ")\($0.rule)" }
        #expect(
            rules == [
                "negative path id wrong type", "negative path id below minimum", "negative path id above int64",
                "negative header X-Tenant missing", "negative header X-Tenant maxLength+1",
                "negative query dryRun wrong type", "negative body missing", "negative body undeclared media type",
                "negative body invalid JSON", "negative body size missing", "negative body size wrong type",
                "negative body size below minimum", "negative body size above maximum", "negative body tags wrong type",
                "negative body tags maxItems+1", "negative body tags minItems-1", "negative body tags[0] wrong type",
                "negative body tags[0] not in enum", "negative body tags[0] enum case changed",
                "negative body note wrong type", "negative body note maxLength+1", "negative body note minLength-1",
                "negative body extra property", "boundary base request", "boundary path id minimum",
                "boundary header X-Tenant maxLength", "boundary body size minimum", "boundary body tags[0] = red",
                "boundary body tags[0] = blue", "boundary body note null", "boundary body note maxLength",
                "boundary body note minLength", "boundary body optional fields absent",
            ]
        )
        // No security: no credentials case. A declared 415 answers the media type; 204 is the success.
        let media = try #require(cases.first { $0.rule == "undeclared media type" })
        #expect(media.expectation.statuses.map(\.description) == ["415"])
        let above = try #require(cases.first { $0.rule == "above maximum" })
        #expect(above.explanation == "body size is 10, above exclusiveMaximum 10")
        #expect(cases.last?.expectation.statuses.map(\.description) == ["204"])
        let header = try #require(
            cases.first { $0.name == "PUT /widgets/{id} · negative · header X-Tenant maxLength+1" }
        )
        #expect(header.request.headers.first?.value.valueWithTemplatesAsText == "acmexxxxx")
        #expect(header.request.path?.template.source.hasPrefix("/widgets/") == true)
    }

    @Test func anOperationThatDeclaresNoErrorExpectsAny4xx() throws {
        let cases = try Self.cases("none")
        #expect(
            cases.map(\.name) == [
                "GET /ping · negative · query n missing", "GET /ping · negative · query n wrong type",
                "GET /ping · boundary · base request",
            ]
        )
        #expect(cases.first?.expectation.statuses.map(\.description) == ["4xx"])
    }
}
