import Diagnostics
public import JSON
import Runner
import Suites

extension FidelityReport {
    /// The format name in `fidelity.json`.
    public static let formatName = "meshcheck-fidelity"

    /// The report as `fidelity.json`: both servers, the score and every step with its drift.
    ///
    /// Nothing in it depends on the clock or on ports of the embedded mock beyond the servers' URLs, so two
    /// comparisons of the same servers differ only there and in run ids.
    ///
    /// - Returns: The JSON value (`format`, `formatVersion: 1`, `reference`, `candidate`, `summary`, `steps`).
    public func json() -> JSONValue {
        var summary: JSONObject = [
            "steps": .number(JSONNumber(steps.count)),
            "compared": .number(JSONNumber(comparedCount)),
            "identical": .number(JSONNumber(comparedCount - driftingCount)),
            "drifting": .number(JSONNumber(driftingCount)),
            "drifts": .number(JSONNumber(driftCount)),
            "score": .string(scoreText),
            "ignoreRules": .number(JSONNumber(ruleCount)),
        ]
        var kinds = JSONObject()
        for (kind, count) in countsByKind {
            kinds[kind.rawValue] = .number(JSONNumber(count))
        }
        summary["byKind"] = .object(kinds)
        var items: [JSONValue] = []
        for step in steps {
            var item: JSONObject = [
                "suite": .string(step.suiteID),
                "suiteName": .string(step.suiteName),
                "name": .string(step.name),
                "phase": .string(step.phase.rawValue),
                "location": .string(step.location.description),
                "compared": .bool(step.isCompared),
            ]
            if let operation = step.operation { item["operation"] = .string(operation) }
            if let status = step.reference?.exchange?.response?.status {
                item["referenceStatus"] = .number(JSONNumber(status))
            }
            if let status = step.candidate?.exchange?.response?.status {
                item["candidateStatus"] = .number(JSONNumber(status))
            }
            item["drifts"] = .array(
                step.drifts.map { drift in
                    var object: JSONObject = [
                        "kind": .string(drift.kind.rawValue),
                        "reference": .string(drift.reference),
                        "candidate": .string(drift.candidate),
                    ]
                    if let pointer = drift.pointer { object["pointer"] = .string(pointer.description) }
                    return .object(object)
                }
            )
            items.append(.object(item))
        }
        let root: JSONObject = [
            "format": .string(Self.formatName),
            "formatVersion": 1,
            "reference": Self.server(reference),
            "candidate": Self.server(candidate),
            "summary": .object(summary),
            "steps": .array(items),
        ]
        return .object(root)
    }

    private static func server(_ run: RunResult) -> JSONValue {
        [
            "server": .string(run.serverName),
            "url": .string(run.serverURL),
            "runId": .string(run.runID),
        ]
    }
}
