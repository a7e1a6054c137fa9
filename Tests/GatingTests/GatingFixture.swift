import Foundation
import JSON
import Runner
import Testing

/// Fabricated runs for the gating tests, built as `results.json` documents and read back as a real run would be.
enum GatingFixture {
    /// A step: its name, outcome, the check ids of its findings, attempts and duration.
    struct Step {
        var name: String
        var outcome: String = "passed"
        var checks: [String] = []
        var errorKind: String?
        var attempts = 1
        var milliseconds = 10.0
    }

    /// A suite instance: id, name and steps.
    struct SuiteSpec {
        var id: String
        var name: String
        var steps: [Step]
    }

    static func step(_ name: String, _ outcome: String = "passed", checks: [String] = [], ms: Double = 10) -> Step {
        Step(name: name, outcome: outcome, checks: checks, milliseconds: ms)
    }

    static func run(
        _ suites: [SuiteSpec],
        runID: String = "r1",
        startedAt: String = "2026-12-01T00:00:00.000Z",
        specVersion: String = "1.0",
        gate: JSONValue = .null
    ) throws -> RunResult {
        let spec: JSONValue = object([
            ("title", .string("Mesh")), ("version", .string(specVersion)), ("path", .string("spec.yaml")),
        ])
        let server: JSONValue = object([("name", .string("mock")), ("url", .string("http://127.0.0.1:1"))])
        let options: JSONValue = object([
            ("jobs", number(1)), ("tags", .array([])), ("excludeTags", .array([])), ("failFast", .bool(false)),
            ("maxFailures", .null),
        ])
        var members: [(String, JSONValue)] = [
            ("format", .string("meshcheck-results")), ("formatVersion", number(1)), ("runId", .string(runID)),
            ("meshcheckVersion", .string("test")), ("spec", spec), ("server", server),
        ]
        members += [
            ("startedAt", .string(startedAt)), ("durationMs", number(100)), ("interrupted", .bool(false)),
            ("stopReason", .null), ("options", options), ("gate", gate), ("suites", .array(suites.map(suite))),
        ]
        return try ResultsDocument.read(Array(object(members).serialized().utf8), path: "\(runID).json")
    }

    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members))
    }

    static func number(_ value: Int) -> JSONValue {
        .number(JSONNumber(value))
    }

    static func location(_ path: String, _ line: Int) -> JSONValue {
        object([("path", .string(path)), ("line", number(line)), ("column", number(3))])
    }

    private static func suite(_ suite: SuiteSpec) -> JSONValue {
        let steps = suite.steps.enumerated().map { step($0.element, index: $0.offset, path: suite.id) }
        let total = JSONNumber(suite.steps.reduce(0) { $0 + $1.milliseconds }) ?? JSONNumber(0)
        var members: [(String, JSONValue)] = [
            ("id", .string(suite.id)), ("path", .string(suite.id)), ("name", .string(suite.name)),
            ("suiteName", .string(suite.name)), ("description", .null), ("tags", .array([])),
        ]
        members += [
            ("matrix", object([])), ("location", location(suite.id, 1)), ("outcome", .string("passed")),
            ("skipReason", .null), ("startedAt", .null), ("durationMs", .number(total)), ("steps", .array(steps)),
        ]
        return object(members)
    }

    private static func step(_ step: Step, index: Int, path: String) -> JSONValue {
        let findings: [JSONValue] = step.checks.map { check in
            object([
                ("check", .string(check)), ("pointer", .null), ("expected", .string("x")), ("actual", .string("y")),
                ("message", .string("\(check) failed")), ("specLocation", .null), ("schemaPath", .null),
                ("suiteLocation", .null),
            ])
        }
        var error = JSONValue.null
        if let kind = step.errorKind {
            error = object([("kind", .string(kind)), ("message", .string("connection refused"))])
        }
        let timings = object([
            ("sendMs", number(0)), ("parseMs", number(0)), ("checkMs", number(0)), ("recordMs", number(0)),
        ])
        var members: [(String, JSONValue)] = [
            ("name", .string(step.name)), ("stepName", .string(step.name)), ("phase", .string("step")),
            ("index", number(index)), ("location", location(path, 2)), ("operation", .null), ("operationId", .null),
        ]
        members += [
            ("matrix", object([])), ("negative", .bool(false)), ("outcome", .string(step.outcome)),
            ("skipReason", step.outcome == "skipped" ? .string("skip") : .null), ("error", error),
            ("findings", .array(findings)), ("disabledChecks", object([])), ("captures", object([])),
        ]
        members += [
            ("attempts", number(step.attempts)), ("startedAt", .null),
            ("durationMs", .number(JSONNumber(step.milliseconds) ?? JSONNumber(0))), ("timings", timings),
            ("exchange", .null),
        ]
        return object(members)
    }

    /// `count` suites of 1 to 4 steps, some failing, for sharding and merging.
    static func manySuites(_ count: Int) -> [SuiteSpec] {
        var suites: [SuiteSpec] = []
        for index in 0..<count {
            var steps: [Step] = []
            for stepIndex in 0..<(index % 4 + 1) {
                let milliseconds = Double(index * 3 + stepIndex)
                if index % 7 == 3 && stepIndex == 0 {
                    steps.append(step("step \(stepIndex)", "failed", checks: ["response-schema"], ms: milliseconds))
                } else {
                    steps.append(step("step \(stepIndex)", ms: milliseconds))
                }
            }
            suites.append(
                SuiteSpec(id: "suites/area-\(index % 5)/suite-\(index).yaml", name: "Suite \(index)", steps: steps)
            )
        }
        return suites
    }
}
