import Diagnostics
public import Foundation
public import JSON
import Suites

extension ResultsDocument {
    /// Reads a `results.json` back into the ``RunResult`` it was written from.
    ///
    /// Reports re-render saved results with it (`meshcheck report`), and later tools (merge, compare) combine runs
    /// with it. Writing the result again gives the same bytes. Keys this version does not know are ignored, as
    /// `docs/results.md` promises; a missing key or a value of the wrong type is an error naming its JSON pointer.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - path: The file's path, for messages.
    /// - Returns: The run.
    /// - Throws: ``ResultsDocumentError`` when the bytes are not JSON, not a results document, of a newer
    ///   `formatVersion`, or when a field is missing or malformed.
    public static func read(_ bytes: [UInt8], path: String) throws(ResultsDocumentError) -> RunResult {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes, path: path)
        } catch {
            throw ResultsDocumentError(path: path, reason: .invalidJSON(error))
        }
        guard value["format"]?.stringValue == format else {
            let found = value["format"].map { $0.stringValue ?? $0.serialized() }
            throw ResultsDocumentError(path: path, reason: .notResults(format: found))
        }
        guard let version = value["formatVersion"]?.intValue, version == formatVersion else {
            let found = value["formatVersion"]?.serialized() ?? "(absent)"
            throw ResultsDocumentError(path: path, reason: .unsupportedVersion(found: found, supported: formatVersion))
        }
        do {
            return try ResultsReader(root: value).run()
        } catch {
            throw ResultsDocumentError(
                path: path,
                reason: .invalidField(pointer: error.pointer, expected: error.expected)
            )
        }
    }
}

/// Why a `results.json` could not be read.
public struct ResultsDocumentError: Error, Sendable, Equatable {
    /// What is wrong with the file.
    public enum Reason: Sendable, Equatable {
        /// The file is not JSON.
        case invalidJSON(JSONError)
        /// `format` is not `meshcheck-results` (or is absent).
        case notResults(format: String?)
        /// `formatVersion` is not one this meshcheck reads.
        case unsupportedVersion(found: String, supported: Int)
        /// A field is missing or has the wrong type.
        case invalidField(pointer: String, expected: String)
    }

    /// The file.
    public var path: String
    /// What is wrong.
    public var reason: Reason

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - reason: What is wrong.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }
}

// MARK: - CustomStringConvertible, LocalizedError

extension ResultsDocumentError: CustomStringConvertible, LocalizedError {
    /// `path: error: …`, or the JSON error with its line and column.
    public var description: String {
        switch reason {
        case .invalidJSON(let error):
            "\(error.location): error: not a results file: \(error.reason)"
        case .notResults(let format):
            "\(path): error: not a meshcheck results file: 'format' is "
                + (format.map { "'\($0)'" } ?? "absent") + "; expected '\(ResultsDocument.format)'"
        case .unsupportedVersion(let found, let supported):
            "\(path): error: unsupported 'formatVersion' \(found); this meshcheck reads version \(supported)"
        case .invalidField(let pointer, let expected):
            "\(path): error: \(pointer.isEmpty ? "the document" : pointer): expected \(expected)"
        }
    }

    /// The same text, so `localizedDescription` is useful on Linux too.
    public var errorDescription: String? { description }
}

/// A field that is missing or has the wrong type.
struct ResultsFieldError: Error {
    var pointer: String
    var expected: String
}

/// Walks a results document, naming the JSON pointer of whatever is missing or malformed.
private struct ResultsReader {
    let root: JSONValue

    func run() throws(ResultsFieldError) -> RunResult {
        let at = Field(value: root, pointer: JSONPointer(tokens: []))
        let options = try at.member("options")
        let stopReason = try at.member("stopReason").optionalString()
        var reason: RunResult.StopReason?
        if let stopReason {
            guard let known = RunResult.StopReason(rawValue: stopReason) else {
                throw try at.member("stopReason").error(
                    "one of fail-fast, max-failures, server-unreachable, interrupted"
                )
            }
            reason = known
        }
        var result = RunResult(
            runID: try at.member("runId").string(),
            toolVersion: try at.member("meshcheckVersion").string(),
            specTitle: try at.member("spec").member("title").string(),
            specVersion: try at.member("spec").member("version").string(),
            specPath: try at.member("spec").member("path").string(),
            serverName: try at.member("server").member("name").string(),
            serverURL: try at.member("server").member("url").string(),
            startedAt: try at.member("startedAt").date(),
            duration: try at.member("durationMs").duration(),
            stopReason: reason,
            jobs: try options.member("jobs").int(),
            includeTags: try options.member("tags").array().map { field throws(ResultsFieldError) in try field.string()
            },
            excludeTags: try options.member("excludeTags").array().map { field throws(ResultsFieldError) in
                try field.string()
            },
            failFast: try options.member("failFast").bool(),
            maxFailures: try options.member("maxFailures").optional()?.int(),
            suites: try at.member("suites").array().map { field throws(ResultsFieldError) in try suite(field) }
        )
        // `gate` is absent from files written before gating existed: read as `null`; `hostname` likewise.
        result.gate = try GateReader.gate(root["gate"])
        result.hostname = root["hostname"] == nil ? nil : try at.member("hostname").optionalString()
        return result
    }

    private func suite(_ at: Field) throws(ResultsFieldError) -> SuiteResult {
        SuiteResult(
            id: try at.member("id").string(),
            path: try at.member("path").string(),
            name: try at.member("name").string(),
            suiteName: try at.member("suiteName").string(),
            description: try at.member("description").optionalString(),
            tags: try at.member("tags").array().map { field throws(ResultsFieldError) in try field.string() },
            matrix: try at.member("matrix").object(),
            location: try at.member("location").location(),
            skipReason: try at.member("skipReason").optionalString(),
            startedAt: try at.member("startedAt").optional()?.date(),
            duration: try at.member("durationMs").duration(),
            steps: try at.member("steps").array().map { field throws(ResultsFieldError) in try step(field) }
        )
    }

    private func step(_ at: Field) throws(ResultsFieldError) -> CaseResult {
        let name = try at.member("name").string()
        let stepName = try at.member("stepName").string()
        let phaseField = try at.member("phase")
        guard let phase = StepPhase(rawValue: try phaseField.string()) else {
            throw phaseField.error("one of setup, step, teardown")
        }
        let outcomeField = try at.member("outcome")
        guard let outcome = CaseResult.Outcome(rawValue: try outcomeField.string()) else {
            throw outcomeField.error("one of passed, failed, error, skipped")
        }
        var error: StepError?
        if let field = try at.member("error").optional() {
            error = StepError(kind: try field.member("kind").string(), message: try field.member("message").string())
        }
        let timings = try at.member("timings")
        var phases = PhaseTimings()
        phases.send = try timings.member("sendMs").duration()
        phases.parse = try timings.member("parseMs").duration()
        phases.check = try timings.member("checkMs").duration()
        phases.record = try timings.member("recordMs").duration()
        return CaseResult(
            name: name,
            stepName: stepName,
            phase: phase,
            index: try at.member("index").int(),
            location: try at.member("location").location(),
            operation: try at.member("operation").optionalString(),
            operationID: try at.member("operationId").optionalString(),
            matrix: try at.member("matrix").object(),
            isNegative: try at.member("negative").bool(),
            outcome: outcome,
            skipReason: try at.member("skipReason").optionalString(),
            error: error,
            findings: try at.member("findings").array().map { field throws(ResultsFieldError) in try finding(field) },
            disabledChecks: try at.member("disabledChecks").stringDictionary(),
            exchange: try at.member("exchange").optional().map { field throws(ResultsFieldError) in
                try exchange(field)
            },
            captures: try at.member("captures").stringDictionary(),
            attempts: try at.member("attempts").int(),
            startedAt: try at.member("startedAt").optional()?.date(),
            duration: try at.member("durationMs").duration(),
            phases: phases
        )
    }

    private func finding(_ at: Field) throws(ResultsFieldError) -> Finding {
        Finding(
            check: try at.member("check").string(),
            pointer: try at.member("pointer").optionalString(),
            expected: try at.member("expected").string(),
            actual: try at.member("actual").string(),
            message: try at.member("message").string(),
            specLocation: try at.member("specLocation").optional()?.location(),
            schemaPath: try at.member("schemaPath").optionalString(),
            suiteLocation: try at.member("suiteLocation").optional()?.location()
        )
    }

    private func exchange(_ at: Field) throws(ResultsFieldError) -> ExchangeRecord {
        let request = try at.member("request")
        let timings = try at.member("timings")
        var response: ExchangeRecord.Response?
        if let field = try at.member("response").optional() {
            response = ExchangeRecord.Response(
                status: try field.member("status").int(),
                reason: try field.member("reason").string(),
                message: try message(field)
            )
        }
        return ExchangeRecord(
            method: try request.member("method").string(),
            url: try request.member("url").string(),
            request: try message(request),
            response: response,
            connectMilliseconds: try timings.member("connectMs").optional()?.double(),
            firstByteMilliseconds: try timings.member("firstByteMs").optional()?.double(),
            totalMilliseconds: try timings.member("totalMs").optional()?.double()
        )
    }

    private func message(_ at: Field) throws(ResultsFieldError) -> ExchangeRecord.Message {
        ExchangeRecord.Message(
            headers: try at.member("headers").array().map { field throws(ResultsFieldError) in
                (try field.member("name").string(), try field.member("value").string())
            },
            headersTruncated: try at.member("headersTruncated").bool(),
            body: try at.member("body").string(),
            bodyBytes: try at.member("bodyBytes").int(),
            bodyTruncated: try at.member("bodyTruncated").bool(),
            bodyIsValidUTF8: try at.member("bodyValidUTF8").bool()
        )
    }
}

/// A value in the document and where it is.
private struct Field {
    let value: JSONValue
    let pointer: JSONPointer

    func error(_ expected: String) -> ResultsFieldError {
        ResultsFieldError(pointer: pointer.description, expected: expected)
    }

    func member(_ key: String) throws(ResultsFieldError) -> Field {
        let pointer = pointer.appending(key)
        guard case .object(let object) = value else { throw error("an object") }
        guard let member = object[key] else {
            throw ResultsFieldError(pointer: pointer.description, expected: "a value (the key is missing)")
        }
        return Field(value: member, pointer: pointer)
    }

    /// `nil` for `null`.
    func optional() throws(ResultsFieldError) -> Field? {
        value.isNull ? nil : self
    }

    func string() throws(ResultsFieldError) -> String {
        guard let string = value.stringValue else { throw error("a string") }
        return string
    }

    func optionalString() throws(ResultsFieldError) -> String? {
        if value.isNull { return nil }
        return try string()
    }

    func int() throws(ResultsFieldError) -> Int {
        guard let int = value.intValue else { throw error("a whole number") }
        return int
    }

    func double() throws(ResultsFieldError) -> Double {
        guard let number = value.numberValue, number.doubleValue.isFinite else { throw error("a number") }
        return number.doubleValue
    }

    func bool() throws(ResultsFieldError) -> Bool {
        guard let bool = value.boolValue else { throw error("true or false") }
        return bool
    }

    func object() throws(ResultsFieldError) -> JSONObject {
        guard let object = value.objectValue else { throw error("an object") }
        return object
    }

    func array() throws(ResultsFieldError) -> [Field] {
        guard let array = value.arrayValue else { throw error("an array") }
        return array.enumerated().map { Field(value: $0.element, pointer: pointer.appending(index: $0.offset)) }
    }

    func stringDictionary() throws(ResultsFieldError) -> [String: String] {
        var dictionary: [String: String] = [:]
        for (key, member) in try object() {
            guard let text = member.stringValue else {
                throw ResultsFieldError(pointer: pointer.appending(key).description, expected: "a string")
            }
            dictionary[key] = text
        }
        return dictionary
    }

    func location() throws(ResultsFieldError) -> FileLocation {
        FileLocation(
            path: try member("path").string(),
            line: try member("line").int(),
            column: try member("column").int()
        )
    }

    /// A duration from milliseconds, exact to the nanosecond the writer keeps (three decimals).
    func duration() throws(ResultsFieldError) -> Duration {
        let milliseconds = try double()
        guard milliseconds >= 0, milliseconds < 1e12 else { throw error("a duration in milliseconds") }
        return .nanoseconds(Int64((milliseconds * 1_000_000).rounded()))
    }

    /// An RFC 3339 time in UTC with milliseconds, as ``Timestamp`` writes it.
    func date() throws(ResultsFieldError) -> Date {
        guard let milliseconds = Timestamp.milliseconds(parsing: try string()) else {
            throw error("an RFC 3339 time such as 2026-12-01T02:54:13.327Z")
        }
        // Half a millisecond later, so that writing it again (which rounds down) gives the same text.
        return Date(timeIntervalSince1970: (Double(milliseconds) + 0.5) / 1000)
    }
}

extension Timestamp {
    /// Milliseconds since 1970 for `2026-12-01T02:54:13.327Z` (the fraction may be absent or shorter), the inverse
    /// of ``text(_:)``; `nil` for anything else.
    static func milliseconds(parsing text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[4] == UInt8(ascii: "-"),
            bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hours = number(11..<13), let minutes = number(14..<16), let seconds = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hours < 24, minutes < 60, seconds < 61
        else { return nil }
        var millis: Int64 = 0
        if bytes.count > 20 {
            let fraction = 20..<(bytes.count - 1)
            guard bytes[19] == UInt8(ascii: "."), (1...3).contains(fraction.count), let value = number(fraction) else {
                return nil
            }
            millis = value * [1, 100, 10, 1][fraction.count]
        } else if bytes[19] != UInt8(ascii: "Z") {
            return nil
        }
        // Days since 1970-01-01 from a civil date (Howard Hinnant's algorithm).
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return ((days * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000 + millis
    }
}
