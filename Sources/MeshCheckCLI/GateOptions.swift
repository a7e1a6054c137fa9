import ArgumentParsing
import Foundation
import Gating
import Runner

/// The release-gating options `run` takes (`docs/gating.md`): baseline, policy, shard, previous results.
struct GateOptions {
    /// The options, for `run --help`.
    static let options: [OptionDefinition] = [
        .value("--baseline", placeholder: "file", help: "Accepted failures with reasons and expiry dates (YAML)."),
        .flag("--update-baseline", help: "Append this run's new failures to the --baseline file (needs --reason)."),
        .value("--reason", placeholder: "text", help: "Why the failures --update-baseline adds are accepted."),
        .value("--owner", placeholder: "name", help: "Who owns the entries --update-baseline adds (default: $USER)."),
        .value(
            "--expires",
            placeholder: "date",
            help: "The last day the added entries are live, YYYY-MM-DD (default: 30 days from today)."
        ),
        .value(
            "--fail-on",
            placeholder: "new|any",
            help: "Which failures fail the gate: new (not in the baseline; the default) or any."
        ),
        .value("--allow-failures", placeholder: "n", help: "The gate still passes with up to n counted failures."),
        .value("--shard", placeholder: "i/n", help: "Run only shard i of n (suites split by a stable hash)."),
        .value(
            "--previous",
            placeholder: "path",
            help: "Earlier results.json (or a folder of them): the trend, and durations to balance --shard."
        ),
    ]

    var baselinePath: String?
    var updatesBaseline: Bool
    var reason: String?
    var owner: String?
    var expires: String?
    var policy: GatePolicy
    var shard: ShardSelection?
    var previousPath: String?
    /// Whether a gate option was given: then the run records a gate and ends with the GATE line.
    var isActive: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        baselinePath = arguments.value(of: "--baseline")
        updatesBaseline = arguments.isSet("--update-baseline")
        reason = arguments.value(of: "--reason")
        owner = arguments.value(of: "--owner")
        expires = arguments.value(of: "--expires")
        previousPath = arguments.value(of: "--previous")
        policy = GatePolicy()
        if let text = arguments.value(of: "--fail-on") {
            guard let failOn = GatePolicy.FailOn(rawValue: text) else {
                throw UsageError("'--fail-on' must be 'new' or 'any'; found '\(text)'")
            }
            policy.failOn = failOn
        }
        if let text = arguments.value(of: "--allow-failures") {
            guard let count = Int(text), count >= 0 else {
                throw UsageError("'--allow-failures' must be a number from 0; found '\(text)'")
            }
            policy.allowedFailures = count
        }
        if let text = arguments.value(of: "--shard") {
            guard let shard = ShardSelection(parsing: text) else {
                throw UsageError("'--shard' must be i/n with 1 ≤ i ≤ n ≤ 256, such as 2/4; found '\(text)'")
            }
            self.shard = shard
        }
        if updatesBaseline {
            guard baselinePath != nil else { throw UsageError("'--update-baseline' needs '--baseline FILE'") }
            guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw UsageError("'--update-baseline' needs '--reason TEXT' saying why the failures are accepted")
            }
        } else {
            for name in ["--reason", "--owner", "--expires"] where arguments.value(of: name) != nil {
                throw UsageError("'\(name)' is only used with '--update-baseline'")
            }
        }
        if let expires, !BaselineDate.isValid(expires) {
            throw UsageError("'--expires' must be a date such as 2027-01-31; found '\(expires)'")
        }
        isActive =
            baselinePath != nil || shard != nil || previousPath != nil
            || ["--fail-on", "--allow-failures"].contains { arguments.value(of: $0) != nil }
    }
}
