import Diagnostics
import JSON

extension ResultsDocument {
    /// The `gate` member: policy, shard, merged runs, baseline marks and trend, in that order (`docs/results.md`).
    static func value(of gate: RunGate) -> JSONValue {
        object([
            (
                "policy",
                object([
                    ("failOn", .string(gate.policy.failOn.rawValue)),
                    ("allowedFailures", number(gate.policy.allowedFailures)),
                ])
            ),
            ("shard", gate.shard.map(value(of:)) ?? .null),
            ("mergedRuns", .array(gate.mergedRuns.map(JSONValue.string))),
            ("baseline", gate.baselinePath.map(JSONValue.string) ?? .null),
            ("marks", .array(gate.marks.map(value(of:)))),
            ("trend", gate.trend.map(value(of:)) ?? .null),
        ])
    }

    private static func value(of shard: ShardRecord) -> JSONValue {
        object([
            ("index", number(shard.index)), ("count", number(shard.count)),
            ("strategy", .string(shard.strategy.rawValue)), ("planDigest", .string(shard.planDigest)),
            ("plannedSuites", .array(shard.plannedSuites.map(JSONValue.string))),
        ])
    }

    private static func value(of key: StepKey) -> [(String, JSONValue)] {
        [("suiteId", .string(key.suiteID)), ("suite", .string(key.suite)), ("step", .string(key.step))]
    }

    private static func value(of mark: BaselineMark) -> JSONValue {
        object(
            [("status", .string(mark.status.rawValue))] + value(of: mark.key) + [
                ("check", .string(mark.check)), ("reason", .string(mark.reason)), ("owner", .string(mark.owner)),
                ("expires", .string(mark.expires)), ("issue", mark.issue.map(JSONValue.string) ?? .null),
                ("location", location(mark.location)),
            ]
        )
    }

    private static func value(of trend: TrendRecord) -> JSONValue {
        object([
            ("previousRuns", .array(trend.previousRuns.map(JSONValue.string))),
            ("newFailures", .array(trend.newFailures.map { object(value(of: $0)) })),
            ("fixed", .array(trend.fixed.map { object(value(of: $0)) })),
            ("flaky", .array(trend.flaky.map { object(value(of: $0.key) + [("reason", .string($0.reason))]) })),
            (
                "durationChanges",
                .array(
                    trend.durationChanges.map {
                        object(
                            value(of: $0.key) + [
                                ("previousMs", double($0.previousMilliseconds)),
                                ("currentMs", double($0.currentMilliseconds)),
                            ]
                        )
                    }
                )
            ),
        ])
    }
}

/// Reads the `gate` member of a results document.
enum GateReader {
    static func gate(_ value: JSONValue?) throws(ResultsFieldError) -> RunGate? {
        guard let value, !value.isNull else { return nil }
        let at = Member(value: value, pointer: JSONPointer(tokens: ["gate"]))
        let policy = try at.member("policy")
        let failOnField = try policy.member("failOn")
        guard let failOn = GatePolicy.FailOn(rawValue: try failOnField.string()) else {
            throw failOnField.error("new or any")
        }
        var gate = RunGate(
            policy: GatePolicy(failOn: failOn, allowedFailures: try policy.member("allowedFailures").int())
        )
        if let shard = try at.member("shard").optional() {
            let strategyField = try shard.member("strategy")
            guard let strategy = ShardRecord.Strategy(rawValue: try strategyField.string()) else {
                throw strategyField.error("hash or durations")
            }
            gate.shard = ShardRecord(
                index: try shard.member("index").int(),
                count: try shard.member("count").int(),
                strategy: strategy,
                planDigest: try shard.member("planDigest").string(),
                plannedSuites: try shard.member("plannedSuites").strings()
            )
        }
        gate.mergedRuns = try at.member("mergedRuns").strings()
        gate.baselinePath = try at.member("baseline").optional()?.string()
        gate.marks = try at.member("marks").array().map { field throws(ResultsFieldError) in try mark(field) }
        if let trend = try at.member("trend").optional() {
            gate.trend = TrendRecord(
                previousRuns: try trend.member("previousRuns").strings(),
                newFailures: try trend.member("newFailures").array().map { f throws(ResultsFieldError) in try f.key() },
                fixed: try trend.member("fixed").array().map { f throws(ResultsFieldError) in try f.key() },
                flaky: try trend.member("flaky").array().map { f throws(ResultsFieldError) in
                    TrendRecord.FlakyStep(key: try f.key(), reason: try f.member("reason").string())
                },
                durationChanges: try trend.member("durationChanges").array().map { f throws(ResultsFieldError) in
                    TrendRecord.DurationChange(
                        key: try f.key(),
                        previousMilliseconds: try f.member("previousMs").double(),
                        currentMilliseconds: try f.member("currentMs").double()
                    )
                }
            )
        }
        return gate
    }

    private static func mark(_ at: Member) throws(ResultsFieldError) -> BaselineMark {
        let statusField = try at.member("status")
        guard let status = BaselineMark.Status(rawValue: try statusField.string()) else {
            throw statusField.error("one of known, expired, fixed")
        }
        let location = try at.member("location")
        return BaselineMark(
            status: status,
            key: try at.key(),
            check: try at.member("check").string(),
            reason: try at.member("reason").string(),
            owner: try at.member("owner").string(),
            expires: try at.member("expires").string(),
            issue: try at.member("issue").optional()?.string(),
            location: FileLocation(
                path: try location.member("path").string(),
                line: try location.member("line").int(),
                column: try location.member("column").int()
            )
        )
    }

    /// A value in the `gate` member and its pointer.
    private struct Member {
        let value: JSONValue
        let pointer: JSONPointer

        func error(_ expected: String) -> ResultsFieldError {
            ResultsFieldError(pointer: pointer.description, expected: expected)
        }

        func member(_ key: String) throws(ResultsFieldError) -> Member {
            guard case .object(let object) = value else { throw error("an object") }
            guard let member = object[key] else {
                throw ResultsFieldError(
                    pointer: pointer.appending(key).description,
                    expected: "a value (the key is missing)"
                )
            }
            return Member(value: member, pointer: pointer.appending(key))
        }

        func optional() -> Member? {
            value.isNull ? nil : self
        }

        func string() throws(ResultsFieldError) -> String {
            guard let string = value.stringValue else { throw error("a string") }
            return string
        }

        func int() throws(ResultsFieldError) -> Int {
            guard let int = value.intValue else { throw error("a whole number") }
            return int
        }

        func double() throws(ResultsFieldError) -> Double {
            guard let number = value.numberValue, number.doubleValue.isFinite else { throw error("a number") }
            return number.doubleValue
        }

        func array() throws(ResultsFieldError) -> [Member] {
            guard let array = value.arrayValue else { throw error("an array") }
            return array.enumerated().map { Member(value: $0.element, pointer: pointer.appending(index: $0.offset)) }
        }

        func strings() throws(ResultsFieldError) -> [String] {
            try array().map { field throws(ResultsFieldError) in try field.string() }
        }

        func key() throws(ResultsFieldError) -> StepKey {
            StepKey(
                suiteID: try member("suiteId").string(),
                suite: try member("suite").string(),
                step: try member("step").string()
            )
        }
    }
}
