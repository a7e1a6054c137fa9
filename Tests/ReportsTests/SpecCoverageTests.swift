import OpenAPI
import Reports
import Runner
import Testing

/// Operations × declared responses: what a run exercised, how often, and what it never touched.
struct SpecCoverageTests {
    @Test
    func theMixedRunExercisedThreeOperations() throws {
        let spec = try ReportsFixture.spec()
        let coverage = SpecCoverage(document: spec, result: try ReportsFixture.mixed())
        #expect(coverage.operations.count == spec.operations.count)
        #expect(coverage.exercisedOperations == 3)
        let authenticate = try #require(coverage.operations.first { $0.name == "POST /api/v1/authenticate" })
        #expect(authenticate.requests == 7)
        #expect(authenticate.responses.map(\.key) == ["200", "400", "500", "503"])
        #expect(authenticate.responses.map(\.count) == [3, 0, 0, 3])
        let status = try #require(coverage.operations.first { $0.name == "GET /api/v1/status" })
        #expect(status.responses.map(\.count) == [1, 0] && status.undeclared.map(\.status) == [503])
        #expect(coverage.undeclaredResponses == 2)
        #expect(coverage.seenResponses == 4 && coverage.unknownOperations.isEmpty)
    }

    @Test
    func stepsOnOperationsTheSpecLacksAreListed() throws {
        var result = try ReportsFixture.mixed()
        result.suites[0].steps[0].operation = "GET /api/v0/gone"
        let coverage = SpecCoverage(document: try ReportsFixture.spec(), result: result)
        #expect(coverage.unknownOperations.map(\.name) == ["GET /api/v0/gone"])
    }
}
