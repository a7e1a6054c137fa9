import Diagnostics
import Foundation
public import JSON
import Suites

/// The `results.json` document: a ``RunResult`` as versioned JSON.
///
/// It is the input of the report writers and of later tools (merge, compare, baselines); `docs/results.md`
/// documents every field.
///
/// The shape is fixed: optional fields are present with `null`, lists are present when empty. Secrets were masked
/// before the data entered the result, so the document holds none.
public enum ResultsDocument {
    /// The value of `format`.
    public static let format = "meshcheck-results"
    /// The value of `formatVersion`; raised when a field changes meaning or disappears (adding fields does not).
    public static let formatVersion = 1
    /// The file name written in the output folder.
    public static let fileName = "results.json"

    /// The document for a result.
    ///
    /// - Parameter result: The run.
    /// - Returns: The JSON value.
    public static func value(of result: RunResult) -> JSONValue {
        let totals = result.totals
        return object([
            ("format", .string(format)),
            ("formatVersion", number(formatVersion)),
            ("runId", .string(result.runID)),
            ("meshcheckVersion", .string(result.toolVersion)),
            (
                "spec",
                object([
                    ("title", .string(result.specTitle)), ("version", .string(result.specVersion)),
                    ("path", .string(result.specPath)),
                ])
            ),
            ("server", object([("name", .string(result.serverName)), ("url", .string(result.serverURL))])),
            ("hostname", result.hostname.map(JSONValue.string) ?? .null),
            ("startedAt", .string(timestamp(result.startedAt))),
            ("durationMs", milliseconds(result.duration)),
            ("interrupted", .bool(result.isInterrupted)),
            ("stopReason", result.stopReason.map { .string($0.rawValue) } ?? .null),
            (
                "options",
                object([
                    ("jobs", number(result.jobs)),
                    ("tags", .array(result.includeTags.map(JSONValue.string))),
                    ("excludeTags", .array(result.excludeTags.map(JSONValue.string))),
                    ("failFast", .bool(result.failFast)),
                    ("maxFailures", result.maxFailures.map(number) ?? .null),
                ])
            ),
            (
                "totals",
                object([
                    ("suites", number(totals.suites)), ("steps", number(totals.steps)),
                    ("passed", number(totals.passed)), ("failed", number(totals.failed)),
                    ("errors", number(totals.errors)), ("skipped", number(totals.skipped)),
                ])
            ),
            ("gate", result.gate.map(value(of:)) ?? .null),
            ("suites", .array(result.suites.map(value(of:)))),
        ])
    }

    /// The document as pretty-printed UTF-8 bytes, ending with a line break.
    ///
    /// - Parameter result: The run.
    /// - Returns: The bytes.
    public static func bytes(of result: RunResult) -> [UInt8] {
        JSONWriter(isPretty: true).bytes(of: value(of: result)) + [0x0A]
    }

    /// Writes `results.json` into `folder` atomically (a temporary file renamed over the old one), creating the
    /// folder if needed.
    ///
    /// - Parameters:
    ///   - result: The run.
    ///   - folder: The output folder.
    /// - Returns: The file's path.
    /// - Throws: A Foundation error when the folder or file cannot be written.
    @discardableResult
    public static func write(_ result: RunResult, toFolder folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = (folder.hasSuffix("/") ? folder : folder + "/") + fileName
        try Data(bytes(of: result)).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    // MARK: - Parts

    private static func value(of suite: SuiteResult) -> JSONValue {
        object([
            ("id", .string(suite.id)),
            ("path", .string(suite.path)),
            ("name", .string(suite.name)),
            ("suiteName", .string(suite.suiteName)),
            ("description", suite.description.map(JSONValue.string) ?? .null),
            ("tags", .array(suite.tags.map(JSONValue.string))),
            ("matrix", .object(suite.matrix)),
            ("location", location(suite.location)),
            ("outcome", .string(suite.outcome.rawValue)),
            ("skipReason", suite.skipReason.map(JSONValue.string) ?? .null),
            ("startedAt", suite.startedAt.map { .string(timestamp($0)) } ?? .null),
            ("durationMs", milliseconds(suite.duration)),
            ("steps", .array(suite.steps.map(value(of:)))),
        ])
    }

    private static func value(of step: CaseResult) -> JSONValue {
        object([
            ("name", .string(step.name)),
            ("stepName", .string(step.stepName)),
            ("phase", .string(step.phase.rawValue)),
            ("index", number(step.index)),
            ("location", location(step.location)),
            ("operation", step.operation.map(JSONValue.string) ?? .null),
            ("operationId", step.operationID.map(JSONValue.string) ?? .null),
            ("matrix", .object(step.matrix)),
            ("negative", .bool(step.isNegative)),
            ("outcome", .string(step.outcome.rawValue)),
            ("skipReason", step.skipReason.map(JSONValue.string) ?? .null),
            (
                "error",
                step.error.map { object([("kind", .string($0.kind)), ("message", .string($0.message))]) } ?? .null
            ),
            ("findings", .array(step.findings.map(value(of:)))),
            (
                "disabledChecks",
                .object(JSONObject(step.disabledChecks.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
            ),
            (
                "captures",
                .object(JSONObject(step.captures.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
            ),
            ("attempts", number(step.attempts)),
            ("startedAt", step.startedAt.map { .string(timestamp($0)) } ?? .null),
            ("durationMs", milliseconds(step.duration)),
            (
                "timings",
                object([
                    ("sendMs", milliseconds(step.phases.send)), ("parseMs", milliseconds(step.phases.parse)),
                    ("checkMs", milliseconds(step.phases.check)), ("recordMs", milliseconds(step.phases.record)),
                ])
            ),
            ("exchange", step.exchange.map(value(of:)) ?? .null),
        ])
    }

    private static func value(of finding: Finding) -> JSONValue {
        object([
            ("check", .string(finding.check)),
            ("pointer", finding.pointer.map(JSONValue.string) ?? .null),
            ("expected", .string(finding.expected)),
            ("actual", .string(finding.actual)),
            ("message", .string(finding.message)),
            ("specLocation", finding.specLocation.map(location) ?? .null),
            ("schemaPath", finding.schemaPath.map(JSONValue.string) ?? .null),
            ("suiteLocation", finding.suiteLocation.map(location) ?? .null),
        ])
    }

    private static func value(of exchange: ExchangeRecord) -> JSONValue {
        var request = message(exchange.request)
        request = prepend([("method", .string(exchange.method)), ("url", .string(exchange.url))], to: request)
        let response: JSONValue =
            exchange.response.map { response in
                prepend(
                    [("status", number(response.status)), ("reason", .string(response.reason))],
                    to: message(response.message)
                )
            } ?? .null
        return object([
            ("request", request),
            ("response", response),
            (
                "timings",
                object([
                    ("connectMs", exchange.connectMilliseconds.map(double) ?? .null),
                    ("firstByteMs", exchange.firstByteMilliseconds.map(double) ?? .null),
                    ("totalMs", exchange.totalMilliseconds.map(double) ?? .null),
                ])
            ),
        ])
    }

    private static func message(_ message: ExchangeRecord.Message) -> JSONValue {
        object([
            (
                "headers",
                .array(message.headers.map { object([("name", .string($0.name)), ("value", .string($0.value))]) })
            ),
            ("headersTruncated", .bool(message.headersTruncated)),
            ("body", .string(message.body)),
            ("bodyBytes", number(message.bodyBytes)),
            ("bodyTruncated", .bool(message.bodyTruncated)),
            ("bodyValidUTF8", .bool(message.bodyIsValidUTF8)),
        ])
    }

    private static func prepend(_ members: [(String, JSONValue)], to value: JSONValue) -> JSONValue {
        guard case .object(let object) = value else { return value }
        return .object(JSONObject(members + object.members.map { ($0.key, $0.value) }))
    }

    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members))
    }

    static func number(_ value: Int) -> JSONValue {
        .number(JSONNumber(value))
    }

    static func double(_ value: Double) -> JSONValue {
        JSONNumber(value).map(JSONValue.number) ?? .null
    }

    private static func milliseconds(_ duration: Duration) -> JSONValue {
        double(StepExecutor.milliseconds(duration))
    }

    static func location(_ location: FileLocation) -> JSONValue {
        object([("path", .string(location.path)), ("line", number(location.line)), ("column", number(location.column))])
    }

    private static func timestamp(_ date: Date) -> String {
        Timestamp.text(date)
    }
}
