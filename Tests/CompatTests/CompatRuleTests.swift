import Compat
import JSON
import Testing

struct CompatRuleTests {
    private static func ruleIDs(_ report: CompatReport) -> [String] {
        Array(Set(report.changes.map(\.rule.id))).sorted()
    }

    @Test(arguments: RuleCase.all)
    func classifiesBothDirections(_ rule: RuleCase) throws {
        let forward = try SpecFixture.compare(rule.old, rule.new)
        let backward = try SpecFixture.compare(rule.new, rule.old)
        #expect(Self.ruleIDs(forward) == rule.forward.sorted(), "\(forward.text())")
        #expect(Self.ruleIDs(backward) == rule.backward.sorted(), "\(backward.text())")
        for change in forward.changes + backward.changes {
            #expect(!change.operations.isEmpty)
            #expect(change.old?.location != nil && change.new?.location != nil, "\(change)")
        }
    }

    @Test
    func everyRuleHasAUnitCase() {
        let covered = Set(RuleCase.all.flatMap { $0.forward + $0.backward })
        let missing = CompatRule.all.map(\.id).filter { !covered.contains($0) }
        #expect(missing.isEmpty, "rules without a unit case: \(missing)")
    }

    @Test
    func ruleIDsAreUniqueAndKebabCase() {
        let ids = CompatRule.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(id)")
            #expect(CompatRule.rule(id: id)?.id == id)
        }
        for rule in CompatRule.all {
            #expect(rule.summary.hasSuffix("."), "\(rule.id)")
        }
        print("compat rules: \(ids.count) (\(CompatRule.all.filter { $0.level == .error }.count) error-level)")
    }

    @Test
    func identicalSpecsHaveNoChanges() throws {
        let spec = SpecFixture.bothDirections("{type: string, enum: [ok, locked]}")
        let report = try SpecFixture.compare(spec, spec)
        #expect(report.changes.isEmpty)
        #expect(report.text() == "compat: old.yaml → new.yaml: 0 errors, 0 warnings, 0 info\n")
    }

    @Test
    func caseOnlyRenamesAreOneChangeWithTheWholeStory() throws {
        let report = try SpecFixture.compare(
            SpecFixture.bothDirections("{type: string, enum: [Robinhood, ETrade, Alpaca, Kraken, Gone]}"),
            SpecFixture.bothDirections("{type: string, enum: [robinhood, eTrade, alpaca, kraken, fresh]}")
        )
        #expect(
            report.text() == """
                error   [enum-values-renamed-by-case] POST /items
                  4 values of Status were renamed by case only (Robinhood → robinhood, ETrade → eTrade, Alpaca → \
                alpaca, …): enum values are case-sensitive, so requests with the old spelling are rejected and \
                clients matching responses on it miss them.
                  old: old.yaml:15:35 /components/schemas/Status/enum/0
                  new: new.yaml:15:35 /components/schemas/Status/enum/0
                error   [request-enum-value-removed] POST /items
                  Status no longer accepts 1 value (Gone): requests that send it are rejected.
                  old: old.yaml:15:70 /components/schemas/Status/enum/4
                  new: new.yaml:15:34 /components/schemas/Status/enum
                warning [response-enum-value-added] POST /items
                  Status has 1 new value (fresh): clients that decode it into a closed enum or switch over it \
                exhaustively meet a value they do not know.
                  old: old.yaml:15:34 /components/schemas/Status/enum
                  new: new.yaml:15:70 /components/schemas/Status/enum/4
                warning [response-enum-value-removed] POST /items
                  Status no longer returns 1 value (Gone): clients that wait for or branch on it never see it again.
                  old: old.yaml:15:70 /components/schemas/Status/enum/4
                  new: new.yaml:15:34 /components/schemas/Status/enum
                info    [request-enum-value-added] POST /items
                  Status accepts 1 new value (fresh); existing requests are unaffected.
                  old: old.yaml:15:34 /components/schemas/Status/enum
                  new: new.yaml:15:70 /components/schemas/Status/enum/4
                compat: old.yaml → new.yaml: 2 errors, 2 warnings, 1 info

                """
        )
    }

    @Test
    func aChangeInASharedSchemaListsEveryOperationOnce() throws {
        func spec(_ maxLength: Int) -> String {
            SpecFixture.spec(
                paths: """
                      /a: {post: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Id'}}}}, \
                    responses: {'204': {description: done}}}}
                      /b: {put: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Id'}}}}, \
                    responses: {'204': {description: done}}}}
                      /c: {get: {responses: {'200': {description: ok}}}}
                    """,
                schemas: "    Id: {type: string, maxLength: \(maxLength)}"
            )
        }
        let report = try SpecFixture.compare(spec(64), spec(32))
        #expect(report.changes.count == 1)
        let change = try #require(report.changes.first)
        #expect(change.rule == .requestConstraintTightened)
        #expect(change.operations == ["POST /a", "PUT /b"])
        #expect(
            change.message == "maxLength of Id went from 64 to 32: requests that were valid before can be rejected."
        )
        #expect(change.old?.description == "old.yaml:9:35 /components/schemas/Id/maxLength")
    }

    @Test
    func recursiveSchemasAreComparedOnceThroughTheCycle() throws {
        func spec(_ leaf: String) -> String {
            SpecFixture.response(
                "{type: object, properties: {name: \(leaf), children: {type: array, items: "
                    + "{$ref: '#/components/schemas/Item'}}, parent: {$ref: '#/components/schemas/Item'}}}"
            )
        }
        let report = try SpecFixture.compare(spec("{type: string}"), spec("{type: string, nullable: true}"))
        #expect(report.changes.map(\.rule) == [.responsePropertyBecameNullable])
        #expect(report.changes.first?.message.hasPrefix("Item.name can now be null") == true)
    }

    @Test
    func unreferencedSchemasDoNotAffectClients() throws {
        let old = SpecFixture.spec(
            paths: "  /a: {get: {responses: {'200': {description: ok}}}}",
            schemas: "    Unused: {type: object, required: [a], properties: {a: {type: string}}}"
        )
        let new = SpecFixture.spec(
            paths: "  /a: {get: {responses: {'200': {description: ok}}}}",
            schemas: "    Unused: {type: object, properties: {}}"
        )
        #expect(try SpecFixture.compare(old, new).changes.isEmpty)
    }

    @Test
    func levelsOrderAndParse() {
        #expect(CompatLevel.info < .warning && CompatLevel.warning < .error)
        #expect(CompatLevel(name: "warning") == .warning)
        #expect(CompatLevel(name: "fatal") == nil)
    }
}
