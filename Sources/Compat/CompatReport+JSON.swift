import Diagnostics
import JSON

extension CompatReport {
    /// The report as pretty JSON with sorted keys, for tools.
    ///
    /// `{ "old": {…}, "new": {…}, "failOn": "error", "failing": 2, "summary": {"error": 2, …}, "changes": [{ "rule",
    /// "level", "operation", "operations", "message", "old": {"pointer", "file", "line", "column"}, "new": … }] }`;
    /// a side without a position is `null`.
    ///
    /// - Parameter failOn: The `--fail-on` level, recorded with the count of changes at or above it.
    /// - Returns: The JSON text, ending in a line break.
    public func json(failOn: CompatLevel) -> String {
        let summary = JSONObject(CompatLevel.allCases.map { ($0.description, Self.number(count(of: $0))) })
        let root: JSONValue = .object(
            JSONObject([
                ("old", Self.json(old)),
                ("new", Self.json(new)),
                ("failOn", .string(failOn.description)),
                ("failing", Self.number(changes(atOrAbove: failOn).count)),
                ("summary", .object(summary)),
                ("changes", .array(changes.map(Self.json))),
            ])
        )
        return JSONWriter(isPretty: true, sortsKeys: true).string(of: root) + "\n"
    }

    private static func number(_ value: Int) -> JSONValue {
        .number(JSONNumber(value))
    }

    private static func json(_ spec: SpecSummary) -> JSONValue {
        .object(
            JSONObject([
                ("path", .string(spec.path)),
                ("title", .string(spec.title)),
                ("version", .string(spec.version)),
                ("operations", number(spec.operationCount)),
            ])
        )
    }

    private static func json(_ change: CompatChange) -> JSONValue {
        .object(
            JSONObject([
                ("rule", .string(change.rule.id)),
                ("level", .string(change.level.description)),
                ("operation", .string(change.operation)),
                ("operations", .array(change.operations.map(JSONValue.string))),
                ("message", .string(change.message)),
                ("old", json(change.old)),
                ("new", json(change.new)),
            ])
        )
    }

    private static func json(_ position: CompatSpecPosition?) -> JSONValue {
        guard let position else { return .null }
        var members: [(String, JSONValue)] = [("pointer", .string(position.pointer.description))]
        if let location = position.location {
            members += [
                ("file", .string(location.path)), ("line", number(location.line)),
                ("column", number(location.column)),
            ]
        }
        return .object(JSONObject(members))
    }
}
