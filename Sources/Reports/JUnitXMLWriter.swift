public import Diagnostics
import Foundation
public import Runner

/// Writes a run as JUnit XML that Jenkins, GitLab, GitHub Actions reporters and Ant's schema readers accept.
///
/// 1. `<testsuites>` with the run's totals and time.
/// 2. One `<testsuite>` per suite file (its matrix instances and documents together), with counts, time,
///    timestamp, hostname, `package` and `id`, and `<properties>`: server, spec, meshcheck version, run id, and
///    `interrupted` when the results are partial.
/// 3. One `<testcase>` per step: `classname` is the suite file's path with dots (`suites.auth.authenticate-mfa`),
///    `name` the step's name with every matrix value (suite and step), unique within the file.
/// 4. `<failure type="check-id" message="first violation">` listing every violation, the request and response
///    excerpts and a `curl` line; `<error>` for a step that could not complete; `<skipped message="reason">`, also
///    for a known failure under a baseline (`docs/gating.md`).
///
/// Every string is escaped by ``MarkupEscaping``: no CDATA, characters XML 1.0 forbids shown as `\u0001`, bodies
/// cut to ``bodyExcerptLimit`` bytes with a marker. The output is valid against Jenkins xUnit's `junit-10.xsd`;
/// against Ant's (windyroad) schema only the attributes on `<testsuites>` are extra, as that schema allows none —
/// `docs/reports.md` explains the choice.
public struct JUnitXMLWriter: Sendable {
    /// The host named in each `<testsuite hostname>`; `localhost` when unknown.
    public var hostname: String
    /// The most bytes of each body shown in a failure.
    public var bodyExcerptLimit: Int
    /// Decides which header names the `curl` lines mask.
    public var redactor: SecretRedactor

    /// Creates a writer.
    ///
    /// - Parameters:
    ///   - hostname: The host the run ran on.
    ///   - bodyExcerptLimit: The most bytes of each body shown.
    ///   - redactor: Decides which header names the `curl` lines mask.
    public init(hostname: String = "localhost", bodyExcerptLimit: Int = 4096, redactor: SecretRedactor = .standard) {
        self.hostname = hostname.isEmpty ? "localhost" : hostname
        self.bodyExcerptLimit = bodyExcerptLimit
        self.redactor = redactor
    }

    /// The JUnit XML document for a run, ending in a line break.
    ///
    /// - Parameter result: The run.
    /// - Returns: The document.
    public func xml(for result: RunResult) -> String {
        // Known failures (a baseline) are reported as skipped, with the entry's reason.
        let result = result.knownFailuresSkipped
        let attribute = MarkupEscaping.xmlAttribute
        let totals = result.totals
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        if result.isInterrupted {
            xml += "<!-- interrupted: this run was stopped before its end; the results are partial -->\n"
        }
        xml += "<testsuites name=\"meshcheck\" tests=\"\(totals.steps)\" failures=\"\(totals.failed)\" "
        xml += "errors=\"\(totals.errors)\" time=\"\(ReportText.seconds(result.duration))\">\n"
        for (index, file) in SuiteFile.group(result.suites).enumerated() {
            let counts = file.totals
            let className = ReportText.className(forPath: file.path)
            let started = file.instances.compactMap(\.startedAt).min() ?? result.startedAt
            xml += "  <testsuite name=\"\(attribute(file.name))\" tests=\"\(counts.steps)\" "
            xml += "failures=\"\(counts.failed)\" errors=\"\(counts.errors)\" skipped=\"\(counts.skipped)\" "
            xml += "time=\"\(ReportText.seconds(file.duration))\" timestamp=\"\(ReportText.junitTimestamp(started))\" "
            xml += "hostname=\"\(attribute(hostname))\" package=\"\(attribute(className))\" id=\"\(index)\">\n"
            xml += properties(result, file: file)
            for testCase in file.cases {
                xml += self.testCase(testCase, className: className)
            }
            xml += "    <system-out>\(MarkupEscaping.xml(systemOut(result, file: file)))</system-out>\n"
            xml += "    <system-err></system-err>\n"
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    private func properties(_ result: RunResult, file: SuiteFile) -> String {
        var pairs: [(String, String)] = [
            ("meshcheck.version", result.toolVersion),
            ("run.id", result.runID),
            ("server.name", result.serverName),
            ("server.url", result.serverURL),
            ("spec.title", result.specTitle),
            ("spec.version", result.specVersion),
            ("spec.path", result.specPath),
            ("suite.path", file.path),
            ("interrupted", result.isInterrupted ? "true" : "false"),
        ]
        if let reason = result.stopReason { pairs.append(("stop.reason", reason.rawValue)) }
        let tags = Array(Set(file.instances.flatMap(\.tags))).sorted()
        if !tags.isEmpty { pairs.append(("suite.tags", tags.joined(separator: ","))) }
        var xml = "    <properties>\n"
        for (name, value) in pairs {
            xml += "      <property name=\"\(name)\" value=\"\(MarkupEscaping.xmlAttribute(value))\"/>\n"
        }
        return xml + "    </properties>\n"
    }

    private func systemOut(_ result: RunResult, file: SuiteFile) -> String {
        var lines: [String] = []
        if result.isInterrupted {
            lines.append("INTERRUPTED: the run was stopped before its end; these results are partial.")
        } else if let reason = result.stopReason {
            lines.append("The run stopped early (\(reason.rawValue)); steps not run are skipped.")
        }
        for suite in file.instances {
            var line = "\(suite.name): \(suite.outcome.rawValue), \(suite.steps.count) steps in "
            line += "\(ReportText.human(suite.duration)) (\(suite.location))"
            if let reason = suite.skipReason { line += "; skipped: \(reason)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
