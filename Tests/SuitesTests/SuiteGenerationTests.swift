import Diagnostics
import Foundation
import JSON
import OpenAPI
import Suites
import TestSupport
import Testing

/// `generate:` in a suite: reading it, linting it against the spec, and expanding it into steps and instances.
struct SuiteGenerationTests {
    static let flow = """
        name: Portfolio
        variables: { userId: "gen-{{ run.instance }}" }
        setup:
          - name: log in
            request:
              method: POST
              path: /api/v1/authenticate
              query: { userId: "{{ userId }}" }
              json: { type: robinhood, username: Mesh, password: Pass123, mfaCode: "123456" }
            capture: { token: /content/accountTokens/0/accessToken }
        steps:
          - name: holdings
            request:
              method: POST
              path: /api/v1/holdings/get
              json: { authToken: "{{ token }}", type: robinhood, includeMarketValue: true }
        generate:
          kinds: negative
          operations: ["POST /api/v1/holdings/get", { tag: Balance }, "DELETE /api/v1/account"]
          exclude: ["GET /api/v1/balance/portfolio"]
          from: holdings
          values: { authToken: "{{ token }}" }
        """

    static func load(_ text: String) throws -> SuiteSet {
        let document = try CaseGeneratorTests.spec()
        var set = SuiteLoader.load(file: "g.yaml", bytes: Array(text.utf8))
        SuiteLoader.lint(&set, against: document, environment: [:])
        return set
    }

    static func rendered(_ set: SuiteSet) -> String {
        set.diagnostics.map(set.rendered).joined(separator: "\n")
    }

    @Test func theSettingsAreReadAsWritten() throws {
        let set = try Self.load(Self.flow)
        #expect(set.diagnostics.isEmpty, "\(Self.rendered(set))")
        let settings = try #require(set.suites.first?.generation)
        #expect(settings.kinds == [.negative])
        #expect(
            settings.operations.map(\.selector) == [
                .operation("POST /api/v1/holdings/get"), .tag("Balance"), .operation("DELETE /api/v1/account"),
            ]
        )
        #expect(settings.excluded.map(\.selector) == [.operation("GET /api/v1/balance/portfolio")])
        #expect(settings.baseSteps.map(\.name) == ["holdings"])
        #expect(settings.values.map(\.name) == ["authToken"])
        #expect(settings.isolation == .auto && settings.seed == 0)
        #expect(settings.location == FileLocation(path: "g.yaml", line: 18, column: 3))
    }

    @Test func aShorthandNamesTheKindsAndStepsMayBeLeftOut() throws {
        let set = try Self.load("name: All\ngenerate: [boundary]\n")
        #expect(set.diagnostics.isEmpty, "\(Self.rendered(set))")
        let suite = try #require(set.suites.first)
        #expect(suite.generation?.kinds == [.boundary] && suite.generation?.operations.isEmpty == true)
        #expect(suite.steps.isEmpty)
    }

    @Test func everyGenerateProblemIsReportedWithItsPlace() throws {
        let document = try CaseGeneratorTests.spec()
        let set = try Self.load(
            """
            name: Broken
            steps:
              - { name: status, request: { method: GET, path: /api/v1/status } }
              - { name: free, operation: none, request: { method: GET, path: /elsewhere } }
            generate:
              kinds: [negative, sideways]
              operations: ["POST /api/v1/holding/get", { tag: Portfolo }, 7]
              from: [holdigns, free, status]
              values: { authToken: "{{ tokn }}", nothing: 1 }
              isolate: cases
              colour: red
            """
        )
        #expect(
            Self.rendered(set) == """
                g.yaml:6:10: error: 'kinds' must name the kinds negative and/or boundary (or all); found negative, sideways
                  kinds: [negative, sideways]
                         ^
                g.yaml:7:16: error: unknown operation 'POST /api/v1/holding/get' (not in \(document.path)); did you mean 'POST /api/v1/holdings/get'?
                  operations: ["POST /api/v1/holding/get", { tag: Portfolo }, 7]
                               ^
                g.yaml:7:51: error: no operation has the tag 'Portfolo'; did you mean 'Portfolio'?
                  operations: ["POST /api/v1/holding/get", { tag: Portfolo }, 7]
                                                                  ^
                g.yaml:7:63: error: 'operations' must be all, 'METHOD /path', an operationId or { tag: Name }; found a number
                  operations: ["POST /api/v1/holding/get", { tag: Portfolo }, 7]
                                                                              ^
                g.yaml:8:10: error: 'from' names no step of this suite's setup or steps: 'holdigns'
                  from: [holdigns, free, status]
                         ^
                g.yaml:8:20: error: step 'free' reaches no operation of the spec to generate from
                  from: [holdigns, free, status]
                                   ^
                g.yaml:8:26: warning: step 'status' calls GET /api/v1/status, which 'generate' does not select
                  from: [holdigns, free, status]
                                         ^
                g.yaml:9:13: error: undefined variable 'tokn'
                  values: { authToken: "{{ tokn }}", nothing: 1 }
                            ^
                g.yaml:10:12: error: 'isolate' must be one of auto, suite, operation, case; found 'cases'; did you mean 'case'?
                  isolate: cases
                           ^
                g.yaml:11:3: error: unknown key 'colour' in generate; expected one of: kinds, operations, exclude, from, values, isolate, seed
                  colour: red
                  ^
                """
        )
    }

    @Test func aValueNoSelectedOperationTakesIsAWarning() throws {
        let set = try Self.load(
            """
            name: Values
            generate:
              operations: ["GET /api/v1/status", "POST /api/v1/holdings/get"]
              values: { authTokn: x, AuthToken: y }
            """
        )
        #expect(
            Self.rendered(set) == """
                g.yaml:4:13: warning: value 'authTokn' is a parameter or body property of none of the selected operations
                  values: { authTokn: x, AuthToken: y }
                            ^
                g.yaml:4:26: warning: value 'AuthToken' is a parameter or body property of none of the selected operations
                  values: { authTokn: x, AuthToken: y }
                                         ^
                """
        )
    }

    @Test func stepsComeFromTheNamedStepWithTheFlowsTemplatesKept() throws {
        let document = try CaseGeneratorTests.spec()
        let suite = try #require(try Self.load(Self.flow).suites.first)
        let generator = SuiteGenerator(document: document)
        #expect(
            generator.operations(selectedBy: try #require(suite.generation)).map(\.name) == [
                "POST /api/v1/holdings/get", "POST /api/v1/balance/get", "DELETE /api/v1/account",
            ]
        )
        let cases = generator.cases(of: suite)
        #expect(cases.allSatisfy { $0.kind == .negative })
        let wrongType = try #require(
            cases.first { $0.name == "POST /api/v1/holdings/get · negative · body type wrong type" }
        )
        guard case .json(let body)? = wrongType.request.body else {
            Issue.record("no JSON body")
            return
        }
        // The step's own body, token template kept, with one field broken.
        #expect(
            body.valueWithTemplatesAsText
                == ["authToken": "{{ token }}", "type": 12345, "includeMarketValue": true]
        )
        #expect(body.expressions.map(\.name) == ["token"])
        // Balance's base comes from the spec, with the flow's token set in it.
        let balance = try #require(
            cases.first { $0.name == "POST /api/v1/balance/get · negative · body type wrong type" }
        )
        guard case .json(let balanceBody)? = balance.request.body else {
            Issue.record("no JSON body")
            return
        }
        #expect(balanceBody.valueWithTemplatesAsText["authToken"] == "{{ token }}")
    }

    @Test func expansionGroupsStepsPerOperationAndDeleteCasesOnTheirOwn() throws {
        let document = try CaseGeneratorTests.spec()
        let suite = try #require(try Self.load(Self.flow).suites.first)
        let generator = SuiteGenerator(document: document)
        let cases = generator.cases(of: suite)
        let expanded = generator.expand(suite)
        let deletes = cases.filter { $0.operation.method == "DELETE" }.count
        #expect(deletes > 1)
        #expect(expanded.count == 2 + deletes)
        #expect(
            expanded.map(\.name).prefix(2) == [
                "Portfolio [POST /api/v1/holdings/get]", "Portfolio [POST /api/v1/balance/get]",
            ]
        )
        #expect(expanded[2].name == "Portfolio [DELETE /api/v1/account · negative · credentials missing]")
        for instance in expanded {
            #expect(instance.generation == nil)
            #expect(instance.setup.map(\.name) == ["log in"])
            #expect(instance.steps.first?.name == "holdings")
            let generated = instance.steps.dropFirst()
            #expect(generated.allSatisfy { $0.isNegative && $0.location == suite.generation?.location })
            #expect(generated.enumerated().allSatisfy { $0.element.index == $0.offset + 1 })
            if case .named(let name)? = generated.first?.operation {
                #expect(instance.name.contains(name))
            } else {
                Issue.record("a generated step names no operation")
            }
        }
        #expect(expanded.reduce(0) { $0 + $1.steps.count - 1 } == cases.count)
    }

    @Test func isolationSuiteKeepsOneInstanceAndNamesStayUnique() throws {
        let document = try CaseGeneratorTests.spec()
        let set = try Self.load(
            """
            name: One
            steps:
              - name: "GET /api/v1/status · negative · credentials missing"
                request: { method: GET, path: /api/v1/status }
            generate: { operations: ["GET /api/v1/status"], isolate: suite }
            """
        )
        let suite = try #require(set.suites.first)
        let expanded = SuiteGenerator(document: document).expand(suite)
        #expect(expanded.count == 1)
        #expect(
            expanded.first?.steps.map(\.name) == [
                "GET /api/v1/status · negative · credentials missing",
                "GET /api/v1/status · negative · credentials missing (2)",
                "GET /api/v1/status · boundary · base request",
            ]
        )
        #expect(expanded.first?.steps.map(\.isNegative) == [false, true, false])
    }

    @Test func aSuiteWithoutGenerateIsLeftAlone() throws {
        let document = try CaseGeneratorTests.spec()
        let set = try Self.load(
            "name: Plain\nsteps:\n  - { name: s, request: { method: GET, path: /api/v1/status } }\n"
        )
        let suite = try #require(set.suites.first)
        let expanded = SuiteGenerator(document: document).expand(suite)
        #expect(expanded.count == 1 && expanded.first?.name == "Plain" && expanded.first?.steps.count == 1)
    }

    @Test func theStandaloneSuiteLogsInOnlyWhenATokenIsTaken() throws {
        let document = try CaseGeneratorTests.spec()
        let generator = SuiteGenerator(document: document)
        var settings = GenerationSettings(at: FileLocation(path: SuiteGenerator.standalonePath, line: 1, column: 1))
        settings.operations = [GenerationSettings.Selection(.operation("GET /api/v1/status"), at: settings.location)]
        let plain = generator.standaloneSuite(settings)
        #expect(plain.setup.isEmpty && plain.generation?.values.isEmpty == true)
        settings.operations = [GenerationSettings.Selection(.tag("Portfolio"), at: settings.location)]
        let withToken = generator.standaloneSuite(settings)
        #expect(withToken.setup.map(\.name) == ["log in with the sandbox login"])
        #expect(withToken.setup.first?.captures.map(\.name) == ["token", "refreshToken"])
        #expect(withToken.generation?.values.map(\.name).contains("authToken") == true)
        let linted = SuiteLinter(document: document, environment: [:]).lint(withToken)
        #expect(linted.filter { $0.severity == .error }.isEmpty, "\(linted)")
    }
}
