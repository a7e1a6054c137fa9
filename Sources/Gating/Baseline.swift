public import Diagnostics
import JSON
import YAML

/// A baseline file: the failures a team has accepted for now, each with a reason, an owner and an expiry date.
///
/// The file is a YAML list (`suites/baseline.yaml` by convention; `docs/gating.md`):
///
/// ```yaml
/// - suite: suites/accounts/holdings.yaml     # the suite's id, or the instance name with its matrix
///   step: get holdings                       # the step's name (with or without its matrix values)
///   check: response-schema                   # a finding's check id, or error:KIND
///   reason: sandbox returns cashBalance as a string (MESH-1234)
///   owner: payments-team
///   expires: 2027-01-31                      # the last day the entry is live
///   issue: https://example.com/MESH-1234     # optional
/// ```
///
/// An empty file has no entries. Every problem is reported with its `path:line:column`, not only the first.
public struct Baseline: Sendable {
    /// The keys an entry may have.
    public static let keys = ["suite", "step", "check", "reason", "owner", "expires", "issue"]

    /// The file's path.
    public var path: String
    /// The entries, in file order.
    public var entries: [BaselineEntry]

    /// Creates a baseline.
    ///
    /// - Parameters:
    ///   - path: The file's path.
    ///   - entries: The entries.
    public init(path: String, entries: [BaselineEntry]) {
        self.path = path
        self.entries = entries
    }

    /// Loads a baseline file.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - path: Its path, for locations.
    /// - Returns: The baseline.
    /// - Throws: ``BaselineError`` with every problem found, each located.
    public static func load(_ bytes: [UInt8], path: String) throws(BaselineError) -> Baseline {
        let documents: [YAMLDocument]
        do {
            documents = try YAMLLoader.load(bytes, path: path)
        } catch {
            throw BaselineError(diagnostics: [error.diagnostic])
        }
        guard let document = documents.first else { return Baseline(path: path, entries: []) }
        if documents.count > 1, let second = documents.dropFirst().first {
            throw BaselineError(diagnostics: [
                Diagnostic(
                    .error,
                    "a baseline is one YAML document; found \(documents.count)",
                    at: second.root.location
                )
            ])
        }
        if document.value.isNull { return Baseline(path: path, entries: []) }
        guard let items = document.root.sequence else {
            throw BaselineError(diagnostics: [
                Diagnostic(
                    .error,
                    "a baseline is a list of entries (- suite: …, step: …, check: …)",
                    at: document.root.location
                )
            ])
        }
        var diagnostics: [Diagnostic] = []
        var entries: [BaselineEntry] = []
        var seen: [String: FileLocation] = [:]
        for item in items {
            guard let entry = entry(item, diagnostics: &diagnostics) else { continue }
            let identity = "\(entry.suite)\u{0}\(entry.step)\u{0}\(entry.check)"
            if let first = seen[identity] {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "duplicate entry for \(entry.suite) › \(entry.step) [\(entry.check)] "
                            + "(first at \(first.line):\(first.column))",
                        at: entry.location
                    )
                )
                continue
            }
            seen[identity] = entry.location
            entries.append(entry)
        }
        if !diagnostics.isEmpty { throw BaselineError(diagnostics: diagnostics) }
        return Baseline(path: path, entries: entries)
    }

    private static func entry(_ node: YAMLNode, diagnostics: inout [Diagnostic]) -> BaselineEntry? {
        guard let pairs = node.mapping else {
            diagnostics.append(
                Diagnostic(.error, "a baseline entry is a mapping (suite, step, check, …)", at: node.location)
            )
            return nil
        }
        var values: [String: String] = [:]
        var isValid = true
        for (key, value) in pairs {
            let name = key.scalar?.value ?? ""
            guard keys.contains(name) else {
                var message = "unknown key '\(name)' in a baseline entry"
                if let suggestion = Spelling.closestMatch(to: name, among: keys) {
                    message += "; did you mean '\(suggestion)'?"
                }
                diagnostics.append(Diagnostic(.error, message, at: key.location))
                isValid = false
                continue
            }
            guard let text = value.scalar?.value, !text.isEmpty else {
                diagnostics.append(Diagnostic(.error, "'\(name)' must be a non-empty string", at: value.location))
                isValid = false
                continue
            }
            if name == "expires" && !BaselineDate.isValid(text) {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "'expires' must be a date such as 2027-01-31; found '\(text)'",
                        at: value.location
                    )
                )
                isValid = false
                continue
            }
            values[name] = text
        }
        for name in keys where name != "issue" && !pairs.contains(where: { $0.key.scalar?.value == name }) {
            diagnostics.append(Diagnostic(.error, "the baseline entry has no '\(name)'", at: node.location))
            isValid = false
        }
        guard isValid, let suite = values["suite"], let step = values["step"], let check = values["check"],
            let reason = values["reason"], let owner = values["owner"], let expires = values["expires"]
        else { return nil }
        return BaselineEntry(
            suite: suite,
            step: step,
            check: check,
            reason: reason,
            owner: owner,
            expires: expires,
            issue: values["issue"],
            location: node.location
        )
    }
}

/// One accepted failure.
public struct BaselineEntry: Sendable, Equatable {
    /// The suite's id (its path) or the suite instance's name with its matrix values.
    public var suite: String
    /// The step's name, with or without its matrix values.
    public var step: String
    /// A finding's check id, or `error:KIND` for a step that could not complete.
    public var check: String
    /// Why the failure is accepted.
    public var reason: String
    /// Who owns the fix.
    public var owner: String
    /// The last day the entry is live, `YYYY-MM-DD`.
    public var expires: String
    /// A link to the issue.
    public var issue: String?
    /// Where the entry starts in the file.
    public var location: FileLocation

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - suite: The suite id or instance name.
    ///   - step: The step name.
    ///   - check: The check id.
    ///   - reason: Why it is accepted.
    ///   - owner: Who owns it.
    ///   - expires: The last live day.
    ///   - issue: An issue link.
    ///   - location: Where it is written.
    public init(
        suite: String,
        step: String,
        check: String,
        reason: String,
        owner: String,
        expires: String,
        issue: String? = nil,
        location: FileLocation
    ) {
        self.suite = suite
        self.step = step
        self.check = check
        self.reason = reason
        self.owner = owner
        self.expires = expires
        self.issue = issue
        self.location = location
    }

    /// Whether the entry is past its `expires` day on `today` (`YYYY-MM-DD`).
    ///
    /// - Parameter today: The day, `YYYY-MM-DD`.
    /// - Returns: `true` from the day after `expires`.
    public func isExpired(on today: String) -> Bool {
        today > expires
    }
}

/// Every problem in a baseline file.
public struct BaselineError: Error, Sendable {
    /// The problems, each with its location.
    public var diagnostics: [Diagnostic]
}

/// `YYYY-MM-DD` dates, compared as text.
public enum BaselineDate {
    /// Whether `text` is a real calendar date written `YYYY-MM-DD`.
    ///
    /// - Parameter text: The text.
    /// - Returns: Whether it is one.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        var numbers: [Int] = []
        for range in [0..<4, 5..<7, 8..<10] {
            var value = 0
            for index in range {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return false }
                value = value * 10 + Int(digit)
            }
            numbers.append(value)
        }
        let (year, month, day) = (numbers[0], numbers[1], numbers[2])
        guard (1...12).contains(month), day >= 1 else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// The day of `secondsSince1970` in UTC, `YYYY-MM-DD`.
    ///
    /// - Parameter secondsSince1970: A time.
    /// - Returns: Its day.
    public static func day(secondsSince1970: Double) -> String {
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let days = Int((secondsSince1970 / 86_400).rounded(.down)) + 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}
