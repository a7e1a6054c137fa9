import Diagnostics
import Gating
import JSON
import Runner
import Testing

struct BaselineTests {
    typealias F = GatingFixture

    static func baseline(
        _ text: String,
        path: String = "suites/baseline.yaml"
    ) throws(BaselineError) -> Baseline {
        try Baseline.load(Array(text.utf8), path: path)
    }

    static func entry(suite: String, step: String, check: String, expires: String = "2999-12-31") -> String {
        """
        - suite: \(suite)
          step: \(step)
          check: \(check)
          reason: sandbox bug MESH-1
          owner: team-a
          expires: \(expires)

        """
    }

    /// One run that meets every kind of entry: live and failing, expired and failing, live and passing, a step that
    /// was skipped, and a step the run did not have.
    static func markedRun() throws -> RunResult {
        try F.run([
            F.SuiteSpec(
                id: "suites/a.yaml",
                name: "A",
                steps: [
                    F.step("known one", "failed", checks: ["response-schema"]),
                    F.step("expired one", "failed", checks: ["expect.status"]),
                    F.step("fixed one"),
                    F.step("skipped one", "skipped"),
                    F.step("new one", "failed", checks: ["mesh-error-type"]),
                ]
            )
        ])
    }

    @Test func failuresAreKnownExpiredOrFixedAndTheVerdictSaysSo() throws {
        let baseline = try Self.baseline(
            Self.entry(suite: "suites/a.yaml", step: "known one", check: "response-schema")
                + Self.entry(suite: "A", step: "expired one", check: "expect.status", expires: "2000-01-01")
                + Self.entry(suite: "suites/a.yaml", step: "fixed one", check: "response-schema")
                + Self.entry(suite: "suites/a.yaml", step: "skipped one", check: "response-schema")
                + Self.entry(suite: "suites/other.yaml", step: "elsewhere", check: "response-schema")
        )
        #expect(baseline.entries.count == 5)
        var result = try Self.markedRun()
        let marks = baseline.marks(for: result, today: "2026-12-01")
        #expect(marks.map(\.status) == [.known, .expired, .fixed])
        #expect(marks.map(\.key.step) == ["known one", "expired one", "fixed one"])
        #expect(marks[1].location.description == "suites/baseline.yaml:7:3")
        result.gate = RunGate(marks: marks)
        let verdict = result.gateVerdict
        #expect(verdict.line == "GATE: FAIL (1 passed, 1 known, 1 new, 1 expired, 1 fixed)")
        #expect(!verdict.isPassing)
    }

    @Test func knownFailuresAloneDoNotFailTheGateUnlessFailOnAny() throws {
        let baseline = try Self.baseline(Self.entry(suite: "suites/a.yaml", step: "broken", check: "response-schema"))
        var result = try F.run([
            F.SuiteSpec(
                id: "suites/a.yaml",
                name: "A",
                steps: [F.step("ok"), F.step("broken", "failed", checks: ["response-schema"])]
            )
        ])
        result.gate = RunGate(marks: baseline.marks(for: result, today: "2026-12-01"))
        #expect(result.gateVerdict.line == "GATE: PASS (1 passed, 1 known, 0 new)")
        #expect(result.gateVerdict.isPassing)
        result.gate?.policy = GatePolicy(failOn: .any)
        #expect(result.gateVerdict.line == "GATE: FAIL (1 passed, 1 known, 0 new; fail-on any)")
        result.gate?.policy = GatePolicy(failOn: .any, allowedFailures: 1)
        #expect(result.gateVerdict.line == "GATE: PASS (1 passed, 1 known, 0 new; fail-on any, 1 allowed)")
    }

    @Test func aStepWithAnUncoveredCheckIsNewAndErrorsAreNamedByKind() throws {
        let baseline = try Self.baseline(
            Self.entry(suite: "suites/a.yaml", step: "two checks", check: "response-schema")
                + Self.entry(suite: "suites/a.yaml", step: "no connection", check: "error:transport")
        )
        var transport = F.step("no connection", "error")
        transport.errorKind = "transport"
        var result = try F.run([
            F.SuiteSpec(
                id: "suites/a.yaml",
                name: "A",
                steps: [F.step("two checks", "failed", checks: ["response-schema", "expect.json"]), transport]
            )
        ])
        result.gate = RunGate(marks: baseline.marks(for: result, today: "2026-12-01"))
        let index = GateMarkIndex(result.gate)
        let suite = result.suites[0]
        #expect(index.status(of: suite.steps[0], in: suite) == .new)
        guard case .known(let mark) = index.status(of: suite.steps[1], in: suite) else {
            Issue.record("the transport error should be known")
            return
        }
        #expect(mark.check == "error:transport")
        #expect(result.gateVerdict.line == "GATE: FAIL (0 passed, 1 known, 1 new)")
    }

    @Test func theLastLiveDayIsStillLive() throws {
        let entry = BaselineEntry(
            suite: "s",
            step: "t",
            check: "c",
            reason: "r",
            owner: "o",
            expires: "2026-12-01",
            location: FileLocation(path: "b.yaml", line: 1, column: 3)
        )
        #expect(!entry.isExpired(on: "2026-12-01"))
        #expect(entry.isExpired(on: "2026-12-02"))
        #expect(BaselineDate.day(secondsSince1970: 1_796_083_200) == "2026-12-01")
        #expect(BaselineDate.day(secondsSince1970: 951_782_400) == "2000-02-29")
        #expect(BaselineDate.isValid("2024-02-29") && !BaselineDate.isValid("2026-02-29"))
    }

    @Test func problemsInTheFileAreReportedWithTheirLocations() throws {
        let text = """
            - suite: suites/a.yaml
              stepp: login
              check: response-schema
              reason: r
              owner: o
              expires: 2027-13-01
            - suite: suites/a.yaml
              step: login
              check: response-schema
              reason: r
              owner: o
              expires: 2027-01-01
            - suite: suites/a.yaml
              step: login
              check: response-schema
              reason: r
              owner: o
              expires: 2027-01-02
            - just text

            """
        #expect(throws: BaselineError.self) { try Self.baseline(text) }
        do {
            _ = try Self.baseline(text)
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    "suites/baseline.yaml:2:3: error: unknown key 'stepp' in a baseline entry; did you mean 'step'?",
                    "suites/baseline.yaml:6:12: error: 'expires' must be a date such as 2027-01-31; found '2027-13-01'",
                    "suites/baseline.yaml:1:3: error: the baseline entry has no 'step'",
                    "suites/baseline.yaml:13:3: error: duplicate entry for suites/a.yaml › login [response-schema] "
                        + "(first at 7:3)",
                    "suites/baseline.yaml:19:3: error: a baseline entry is a mapping (suite, step, check, …)",
                ]
            )
        }
    }

    @Test func anEmptyFileHasNoEntriesAndAMappingIsRefused() throws {
        #expect(try Self.baseline("").entries.isEmpty)
        #expect(try Self.baseline("# nothing yet\n").entries.isEmpty)
        do {
            _ = try Self.baseline("suite: x\n")
            Issue.record("a mapping is not a baseline")
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    "suites/baseline.yaml:1:1: error: a baseline is a list of entries (- suite: …, step: …, check: …)"
                ]
            )
        }
    }

    @Test func newEntriesCoverTheNewFailuresAndLeaveOthersAlone() throws {
        let existing = Self.entry(suite: "suites/a.yaml", step: "known one", check: "response-schema")
        let baseline = try Self.baseline(existing)
        var result = try Self.markedRun()
        result.gate = RunGate(marks: baseline.marks(for: result, today: "2026-12-01"))
        let added = baseline.newEntriesText(
            for: result,
            reason: "accepted \"for now\"",
            owner: "release",
            expires: "2027-01-31"
        )
        #expect(added.count == 2)
        #expect(
            added.text == """
                - suite: "suites/a.yaml"
                  step: "expired one"
                  check: "expect.status"
                  reason: "accepted \\"for now\\""
                  owner: "release"
                  expires: 2027-01-31
                - suite: "suites/a.yaml"
                  step: "new one"
                  check: "mesh-error-type"
                  reason: "accepted \\"for now\\""
                  owner: "release"
                  expires: 2027-01-31

                """
        )
        let updated = try Self.baseline(existing + added.text)
        result.gate = RunGate(marks: updated.marks(for: result, today: "2026-12-01"))
        #expect(result.gateVerdict.line == "GATE: PASS (1 passed, 3 known, 0 new)")
    }
}
