public import Diagnostics
public import Runner

/// Writes a run as one self-contained HTML page that opens from disk and reads well without JavaScript.
///
/// 1. Summary: the verdict, counts, a bar, duration, server, spec, run id; a notice when the run was interrupted.
/// 2. Results: one collapsible `<details>` per suite instance (open when it failed), one per step inside it with the
///    outcome, operation, status and the first problem on its summary line. Opened, a step shows every violation
///    (check id, pointer, expected against actual, spec and suite locations), the request and response (headers,
///    pretty JSON with the violating parts marked by JSON pointer), a `curl` line with a copy button, and timings.
/// 3. Spec coverage: operations × declared response codes, how often each was seen, which never.
///
/// Everything is in the HTML (for runs above ``lazyDetailsThreshold`` steps, the details of passing and skipped
/// steps sit in a JSON block the script builds from when a step is opened); the script filters (outcome, tag, text), expands and
/// copies. Every string from
/// a server, a suite or a spec is escaped (``MarkupEscaping``), and the page's Content-Security-Policy allows only
/// its own style and script by hash (``HTMLPage``). Bodies are cut to ``bodyExcerptLimit`` (failing steps) or
/// ``passingBodyExcerptLimit`` bytes.
public struct HTMLReportWriter: Sendable {
    /// The spec coverage, or `nil` when the spec is not available.
    public var coverage: SpecCoverage?
    /// Said in the coverage section instead (why there is no coverage), or beside it (a different spec version).
    public var coverageNote: String?
    /// The most bytes of each body shown for a failed or errored step.
    public var bodyExcerptLimit: Int
    /// The most bytes of each body shown for a passed step.
    public var passingBodyExcerptLimit: Int
    /// Decides which header names the `curl` lines mask.
    public var redactor: SecretRedactor
    /// Above this many steps, the details of passing and skipped steps are kept in a JSON block and built when
    /// opened, so a 5,000-step report opens quickly; failures and errors are always in the HTML itself.
    public var lazyDetailsThreshold: Int
    /// The baseline marks of the run being rendered, for the KNOWN and EXPIRED badges.
    var gateMarks = GateMarkIndex(nil)

    /// Creates a writer.
    ///
    /// - Parameters:
    ///   - coverage: The spec coverage, or `nil` when the spec is not available.
    ///   - coverageNote: Why there is no coverage, or a caveat about it.
    ///   - bodyExcerptLimit: The most bytes of each body shown for a failed step.
    ///   - passingBodyExcerptLimit: The most bytes of each body shown for a passed step.
    ///   - redactor: Decides which header names the `curl` lines mask.
    ///   - lazyDetailsThreshold: Above this many steps, passing steps' details are put in the page when opened.
    public init(
        coverage: SpecCoverage? = nil,
        coverageNote: String? = nil,
        bodyExcerptLimit: Int = 16 * 1024,
        passingBodyExcerptLimit: Int = 4 * 1024,
        redactor: SecretRedactor = .standard,
        lazyDetailsThreshold: Int = 500
    ) {
        self.lazyDetailsThreshold = lazyDetailsThreshold
        self.coverage = coverage
        self.coverageNote = coverageNote
        self.bodyExcerptLimit = bodyExcerptLimit
        self.passingBodyExcerptLimit = passingBodyExcerptLimit
        self.redactor = redactor
    }

    /// The page for a run.
    ///
    /// - Parameter result: The run.
    /// - Returns: The HTML document, ending in a line break.
    public func html(for result: RunResult) -> String {
        var writer = self
        writer.gateMarks = GateMarkIndex(result.gate)
        return writer.page(for: result)
    }

    private func page(for result: RunResult) -> String {
        var body = "<main>\n"
        body += summary(result)
        body += gateSection(result)
        body += results(result)
        body += coverageSection(result)
        body += "<footer>meshcheck \(MarkupEscaping.html(result.toolVersion)) · run "
        body += "\(MarkupEscaping.html(result.runID)) · the full data is in results.json</footer>\n"
        body += "</main>\n"
        let verdict = Self.verdict(of: result)
        let title =
            "meshcheck \(verdict.text.lowercased()): \(result.serverName) · \(result.specTitle) \(result.specVersion)"
        return HTMLPage(
            title: title,
            styleSheet: HTMLReportStyle.sheet + (result.gate == nil ? "" : Self.gateStyle),
            script: HTMLReportScript.source,
            body: body
        ).html
    }

    /// `PASSED`, `FAILED` or `INTERRUPTED`, and its class.
    static func verdict(of result: RunResult) -> (text: String, className: String) {
        if result.isInterrupted { return ("INTERRUPTED", "interrupted") }
        let totals = result.totals
        return totals.failed + totals.errors > 0 ? ("FAILED", "failed") : ("PASSED", "passed")
    }

    private func summary(_ result: RunResult) -> String {
        let escape = MarkupEscaping.html
        let totals = result.totals
        let verdict = Self.verdict(of: result)
        var html = "<header class=\"top\"><span class=\"brand\">meshcheck</span><h1>Test report</h1>"
        html += "<span class=\"verdict \(verdict.className)\" id=\"verdict\">\(verdict.text)</span></header>\n"
        html += "<p class=\"subtitle\">\(escape(result.specTitle)) \(escape(result.specVersion)) against "
        html += "<b>\(escape(result.serverName))</b> · \(escape(ReportText.humanTimestamp(result.startedAt))) · "
        html += "\(escape(ReportText.human(result.duration)))</p>\n"
        if result.isInterrupted {
            html += "<div class=\"notice interrupted\" id=\"interrupted\"><b>Interrupted.</b> The run was stopped "
            html += "before its end: these results are partial, and steps that did not run are missing or skipped."
            html += "</div>\n"
        } else if let reason = result.stopReason {
            html += "<div class=\"notice info\"><b>Stopped early</b> (\(escape(reason.rawValue))): steps after the "
            html += "stop were skipped.</div>\n"
        }
        html += "<section class=\"tiles\" id=\"totals\">"
        let tiles: [(String, Int, String)] = [
            ("total", totals.steps, "steps in \(totals.suites) suite\(totals.suites == 1 ? "" : "s")"),
            ("passed", totals.passed, "passed"), ("failed", totals.failed, "failed"),
            ("error", totals.errors, "errors"), ("skipped", totals.skipped, "skipped"),
        ]
        for (name, count, label) in tiles {
            let zero = count == 0 && name != "total" ? " zero" : ""
            html +=
                "<div class=\"tile \(name)\(zero)\"><b data-count=\"\(name)\">\(count)</b><span>\(label)</span></div>"
        }
        html += "</section>\n" + Self.bar(totals)
        html += "<section class=\"card\"><dl class=\"meta\">"
        var facts: [(String, String)] = [
            ("Server", "<b>\(escape(result.serverName))</b> <code>\(escape(result.serverURL))</code>"),
            (
                "Spec",
                "\(escape(result.specTitle)) <b>\(escape(result.specVersion))</b> "
                    + "<code class=\"muted\">\(escape(result.specPath))</code>"
            ),
            ("Started", escape(ReportText.humanTimestamp(result.startedAt))),
            ("Duration", escape(ReportText.human(result.duration))),
            ("Run id", "<code>\(escape(result.runID))</code>"),
            ("meshcheck", escape(result.toolVersion)),
        ]
        var options = ["jobs \(result.jobs)"]
        if !result.includeTags.isEmpty { options.append("tags \(result.includeTags.joined(separator: ", "))") }
        if !result.excludeTags.isEmpty { options.append("without \(result.excludeTags.joined(separator: ", "))") }
        if result.failFast { options.append("fail-fast") }
        if let maximum = result.maxFailures { options.append("max failures \(maximum)") }
        facts.append(("Options", escape(options.joined(separator: " · "))))
        if let first = Self.firstProblem(in: result) {
            facts.append(("First problem", "<a href=\"#\(first.id)\">\(escape(first.name))</a>"))
        }
        for (label, value) in facts {
            html += "<div><dt>\(label)</dt><dd>\(value)</dd></div>"
        }
        return html + "</dl></section>\n"
    }

    /// A stacked bar of the outcomes.
    static func bar(_ totals: RunTotals) -> String {
        guard totals.steps > 0 else { return "<div class=\"bar\"></div>\n" }
        var html = "<div class=\"bar\" title=\"passed, failed, errors, skipped\">"
        var used = 0
        let parts = [("passed", totals.passed), ("failed", totals.failed), ("error", totals.errors)]
        for (name, count) in parts where count > 0 {
            // At least 1% so a single failure among thousands stays visible.
            let width = max(1, count * 100 / totals.steps)
            used += width
            html += "<span class=\"\(name) w\(min(width, 100))\"></span>"
        }
        if totals.skipped > 0 { html += "<span class=\"skipped w\(max(0, min(100, 100 - used)))\"></span>" }
        return html + "</div>\n"
    }

    /// The first failed or errored step, for a link from the summary.
    static func firstProblem(in result: RunResult) -> (id: String, name: String)? {
        for (suiteIndex, suite) in result.suites.enumerated() {
            for (stepIndex, step) in suite.steps.enumerated() where step.outcome == .failed || step.outcome == .error {
                return (stepID(suite: suiteIndex, step: stepIndex), "\(suite.name) › \(step.name)")
            }
        }
        return nil
    }

    static func stepID(suite: Int, step: Int) -> String {
        "s\(suite + 1)-\(step + 1)"
    }
}
