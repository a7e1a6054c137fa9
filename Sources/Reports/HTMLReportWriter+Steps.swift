import Diagnostics
import JSON
import Runner
import Suites

extension HTMLReportWriter {
    func results(_ result: RunResult) -> String {
        let escape = MarkupEscaping.html
        let totals = result.totals
        var html = "<section id=\"results\">\n<div class=\"section-head\"><h2>Results</h2>"
        html += "<a href=\"#coverage\">Spec coverage ↓</a></div>\n"
        html += "<div class=\"filters js-only\" role=\"search\">"
        for (outcome, count, label) in [
            ("passed", totals.passed, "Passed"), ("failed", totals.failed, "Failed"),
            ("error", totals.errors, "Errors"), ("skipped", totals.skipped, "Skipped"),
        ] {
            html += "<button type=\"button\" class=\"chip\" data-outcome=\"\(outcome)\" aria-pressed=\"true\">"
            html += "<span class=\"dot \(outcome)\"></span>\(label) \(count)</button>"
        }
        let tags = Array(Set(result.suites.flatMap(\.tags))).sorted()
        if !tags.isEmpty {
            html += "<select id=\"tag-filter\" aria-label=\"Tag\"><option value=\"\">All tags</option>"
            for tag in tags {
                html += "<option value=\"\(escape(tag))\">\(escape(tag))</option>"
            }
            html += "</select>"
        }
        html += "<input type=\"search\" id=\"search\" placeholder=\"Search steps, operations, checks…\" "
        html += "aria-label=\"Search\">"
        html += "<button type=\"button\" class=\"plain\" data-action=\"expand-failures\">Open failures</button>"
        html += "<button type=\"button\" class=\"plain\" data-action=\"expand-suites\">Expand suites</button>"
        html += "<button type=\"button\" class=\"plain\" data-action=\"collapse-all\">Collapse all</button>"
        html += "<span class=\"count\" id=\"shown-count\"></span></div>\n"
        let lazy = totals.steps > lazyDetailsThreshold
        if lazy {
            html += "<noscript><p class=\"muted small\">Filters need JavaScript. This run has \(totals.steps) steps: "
            html += "failures and errors are shown in full below; the details of passing and skipped steps need "
            html += "JavaScript (or read results.json).</p></noscript>\n"
        } else {
            html += "<noscript><p class=\"muted small\">Filters need JavaScript; every result below is readable "
            html += "without it (open a suite, then a step).</p></noscript>\n"
        }
        if result.suites.isEmpty {
            html += "<p class=\"card muted\">No suite ran.</p>\n"
        }
        let deferred = lazy ? DeferredDetails() : nil
        for (index, suite) in result.suites.enumerated() {
            html += self.suite(
                suite,
                index: index,
                isOpen: suite.outcome == .failed || totals.steps <= 50,
                deferring: deferred
            )
        }
        if let deferred {
            // Data, not script: CSP does not apply, the script reads it with JSON.parse. Escaped so that nothing
            // in it can close the element.
            let details = JSONValue.object(JSONObject(deferred.entries)).serialized()
            html += "<script type=\"application/json\" id=\"step-details\">"
            html += MarkupEscaping.scriptJSON(details) + "</script>\n"
        }
        return html + "</section>\n"
    }

    /// A suite is open when it failed, or when the whole run is small enough to show at once.
    private func suite(_ suite: SuiteResult, index: Int, isOpen: Bool, deferring deferred: DeferredDetails?) -> String {
        let escape = MarkupEscaping.html
        let outcome = suite.outcome
        let tags = JSONValue.array(suite.tags.map(JSONValue.string)).serialized()
        var html =
            "<details class=\"suite \(outcome.rawValue)\" id=\"s\(index + 1)\" data-outcome=\"\(outcome.rawValue)\" "
        html += "data-tags=\"\(escape(tags))\"\(isOpen ? " open" : "")>\n<summary>"
        html += "<span class=\"dot \(outcome.rawValue)\"></span>"
        html += "<span class=\"suite-name\">\(escape(suite.name))</span>"
        html += "<span class=\"path\">\(escape(suite.location.description))</span>"
        html += "<span class=\"counts\">"
        var counts: [CaseResult.Outcome: Int] = [:]
        for step in suite.steps {
            counts[step.outcome, default: 0] += 1
        }
        for (outcome, word) in [
            (CaseResult.Outcome.passed, "passed"), (.failed, "failed"), (.error, "errors"), (.skipped, "skipped"),
        ] {
            guard let count = counts[outcome] else { continue }
            html += "<span class=\"\(outcome.rawValue)\">\(count) \(word)</span>"
        }
        html += "</span><span class=\"time\">\(escape(ReportText.human(suite.duration)))</span></summary>\n"
        var info: [String] = []
        if let description = suite.description, !description.isEmpty { info.append(escape(description)) }
        if let reason = suite.skipReason { info.append("Skipped: " + escape(reason)) }
        let tagChips = suite.tags.map { "<span class=\"tag\">\(escape($0))</span>" }.joined()
        if !tagChips.isEmpty { info.append(tagChips) }
        if !info.isEmpty { html += "<div class=\"suite-info\">\(info.joined(separator: " · "))</div>\n" }
        if !suite.steps.isEmpty {
            html += "<div class=\"steps\">\n"
            for (stepIndex, step) in suite.steps.enumerated() {
                let id = Self.stepID(suite: index, step: stepIndex)
                html += self.step(step, id: id, suite: suite, deferring: deferred)
            }
            html += "</div>\n"
        }
        return html + "</details>\n"
    }

    private func step(
        _ step: CaseResult,
        id: String,
        suite: SuiteResult,
        deferring deferred: DeferredDetails?
    )
        -> String
    {
        let escape = MarkupEscaping.html
        let outcome = step.outcome.rawValue
        var html = "<details class=\"step \(outcome)\" id=\"\(id)\" data-outcome=\"\(outcome)\"><summary>"
        html += badge(step, in: suite) + "<span class=\"step-name\">"
        if step.phase.rawValue != "step" { html += "<span class=\"phase\">\(step.phase.rawValue)</span>" }
        if step.isNegative { html += "<span class=\"phase\">negative</span>" }
        html += escape(step.name)
        if let operation = step.operation { html += "<span class=\"op mono\">\(escape(operation))</span>" }
        html += "</span>"
        if let status = step.exchange?.response?.status {
            html += "<span class=\"http h\(status / 100)\">\(status)</span>"
        } else {
            html += "<span></span>"
        }
        html += "<span class=\"time\">\(escape(ReportText.human(step.duration)))</span>"
        if let why = Self.why(step) {
            html += "<span class=\"why \(outcome)\">\(escape(why))</span>"
        }
        if let deferred, step.outcome == .passed || step.outcome == .skipped {
            // A passing or skipped step of a large run: its details come from the JSON block when it is opened.
            deferred.entries.append((id, deferredData(step)))
            return html + "</summary>\n<div class=\"step-body\" data-deferred=\"\(id)\"></div>\n</details>\n"
        }
        html += "</summary>\n<div class=\"step-body\">\n"
        html += stepBody(step, id: id)
        return html + "</div>\n</details>\n"
    }

    /// Step details kept out of the DOM until asked for, by step id.
    final class DeferredDetails {
        var entries: [(String, JSONValue)] = []
    }

    static func badgeText(_ outcome: CaseResult.Outcome) -> String {
        switch outcome {
        case .passed: "PASS"
        case .failed: "FAIL"
        case .error: "ERROR"
        case .skipped: "SKIP"
        }
    }

    /// The one line under a step's name: its first problem, or why it was skipped.
    static func why(_ step: CaseResult) -> String? {
        switch step.outcome {
        case .passed: return nil
        case .failed:
            guard let first = step.findings.first else { return "failed" }
            let more = step.findings.count > 1 ? "  (+\(step.findings.count - 1) more)" : ""
            return "\(first.check): \(first.message)\(more)"
        case .error: return step.error.map { "\($0.kind): \($0.message)" } ?? "error"
        case .skipped: return step.skipReason.map { "skipped: \($0)" } ?? "skipped"
        }
    }

    private func stepBody(_ step: CaseResult, id: String) -> String {
        let escape = MarkupEscaping.html
        var html = ""
        if let error = step.error {
            html += "<div class=\"errorbox\"><b>\(escape(error.kind)) error:</b> \(escape(error.message))</div>\n"
        }
        if let reason = step.skipReason {
            html += "<p class=\"muted\">Skipped: \(escape(reason))</p>\n"
        }
        if !step.findings.isEmpty {
            let count = step.findings.count
            html += "<h3>\(count) violation\(count == 1 ? "" : "s")</h3>\n"
            for finding in step.findings {
                html += Self.finding(finding)
            }
        }
        if let exchange = step.exchange {
            let limit = step.outcome == .passed ? passingBodyExcerptLimit : bodyExcerptLimit
            html += "<h3>Exchange</h3>\n"
            html += ExchangeView(exchange: exchange, findings: step.findings, bodyLimit: limit).html
            html += "<h3>Reproduce</h3>\n<div class=\"curl\"><pre><code id=\"\(id)-curl\">"
            html += escape(CurlCommand.line(for: exchange, redactor: redactor))
            html += "</code></pre><button type=\"button\" class=\"plain copy js-only\" data-copy=\"\(id)-curl\">"
            html += "Copy</button></div>\n"
        }
        html += "<h3>Details</h3>\n" + facts(step)
        return html
    }

    static func finding(_ finding: Finding) -> String {
        let escape = MarkupEscaping.html
        var html =
            "<div class=\"finding\"><div class=\"head\"><span class=\"check mono\">\(escape(finding.check))</span>"
        if let pointer = finding.pointer {
            html += "<code>\(escape(pointer.isEmpty ? "(the body)" : pointer))</code>"
        }
        var places: [String] = []
        if let location = finding.specLocation { places.append("spec " + escape(location.description)) }
        if let location = finding.suiteLocation { places.append("suite " + escape(location.description)) }
        if !places.isEmpty { html += "<span class=\"where mono\">\(places.joined(separator: " · "))</span>" }
        html += "</div><p>\(escape(finding.message))</p><dl class=\"versus\">"
        html += "<dt>expected</dt><dd class=\"mono\">\(escape(finding.expected))</dd>"
        html += "<dt>actual</dt><dd class=\"mono\">\(escape(finding.actual))</dd>"
        if let schemaPath = finding.schemaPath {
            html += "<dt>schema</dt><dd class=\"mono\">\(escape(schemaPath))</dd>"
        }
        return html + "</dl></div>\n"
    }

    private func facts(_ step: CaseResult) -> String {
        let escape = MarkupEscaping.html
        var html = "<dl class=\"facts\">"
        for (name, value) in factList(step) {
            html += "<div><dt>\(escape(name))</dt><dd class=\"mono\">\(escape(value))</dd></div>"
        }
        return html + "</dl>\n"
    }

    /// A passing step's details as data for the page's script, which builds them with `textContent` only:
    /// `{"x": exchange, "c": curl line, "f": [[name, value], …]}` (see ``ExchangeView/deferredData``).
    private func deferredData(_ step: CaseResult) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let exchange = step.exchange {
            members.append(
                ("x", ExchangeView(exchange: exchange, findings: [], bodyLimit: passingBodyExcerptLimit).deferredData)
            )
            members.append(("c", .string(CurlCommand.line(for: exchange, redactor: redactor))))
        }
        members.append(("f", .array(factList(step).map { .array([.string($0.0), .string($0.1)]) })))
        return .object(JSONObject(members))
    }

    private func factList(_ step: CaseResult) -> [(String, String)] {
        var facts: [(String, String)] = [("written at", step.location.description)]
        if let operationID = step.operationID { facts.append(("operationId", operationID)) }
        if let started = step.startedAt { facts.append(("started", ReportText.humanTimestamp(started))) }
        facts.append(("duration", ReportText.human(step.duration)))
        facts.append(("attempts", String(step.attempts)))
        if let exchange = step.exchange {
            if let connect = exchange.connectMilliseconds {
                facts.append(("connect", ReportText.human(milliseconds: connect)))
            } else if exchange.response != nil {
                facts.append(("connect", "reused connection"))
            }
            if let firstByte = exchange.firstByteMilliseconds {
                facts.append(("first byte", ReportText.human(milliseconds: firstByte)))
            }
            if let total = exchange.totalMilliseconds {
                facts.append(("exchange", ReportText.human(milliseconds: total)))
            }
        }
        for (name, duration) in [
            ("send", step.phases.send), ("parse", step.phases.parse), ("checks", step.phases.check),
            ("record", step.phases.record),
        ] {
            facts.append((name, ReportText.human(duration)))
        }
        for member in step.matrix {
            facts.append(("matrix \(member.key)", member.value.serialized()))
        }
        for (name, value) in step.captures.sorted(by: { $0.key < $1.key }) {
            facts.append(("captured \(name)", value))
        }
        for (check, reason) in step.disabledChecks.sorted(by: { $0.key < $1.key }) {
            facts.append(("off: \(check)", reason))
        }
        return facts
    }
}
