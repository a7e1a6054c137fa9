import Diagnostics
import Runner

extension HTMLReportWriter {
    /// Styles for the gate card and the KNOWN and EXPIRED badges; added to the page only when the run has a gate
    /// record, so other reports keep their bytes.
    static let gateStyle = """
        .badge.known{background:var(--soft);color:var(--known)}.badge.expired{background:var(--fail-bg);color:var(--fail)}
        .gate .line{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-weight:650}
        .gate .line.pass{color:var(--pass)}.gate .line.fail{color:var(--fail)}
        .gate table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0}
        .gate td,.gate th{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
        .gate .st-known{color:var(--known)}.gate .st-expired{color:var(--fail)}.gate .st-fixed{color:var(--pass)}

        """

    /// The badge of a step: its outcome, or KNOWN / EXPIRED for a failure a baseline entry covers.
    func badge(_ step: CaseResult, in suite: SuiteResult) -> String {
        if !gateMarks.isEmpty {
            switch gateMarks.status(of: step, in: suite) {
            case .known(let mark):
                let title = MarkupEscaping.html(
                    "baseline: \(mark.reason) (owner \(mark.owner), expires \(mark.expires))"
                )
                return "<span class=\"badge known\" title=\"\(title)\">KNOWN</span>"
            case .expired(let mark):
                let title = MarkupEscaping.html("baseline entry expired \(mark.expires): \(mark.reason)")
                return "<span class=\"badge expired\" title=\"\(title)\">EXPIRED</span>"
            case .passed, .skipped, .new:
                break
            }
        }
        return "<span class=\"badge \(step.outcome.rawValue)\">\(Self.badgeText(step.outcome))</span>"
    }

    /// The gate card: the verdict line, the shard or merged shards, baseline entries that matter, and the trend.
    ///
    /// Empty when the run has no gate record.
    func gateSection(_ result: RunResult) -> String {
        guard let gate = result.gate else { return "" }
        let escape = MarkupEscaping.html
        let verdict = result.gateVerdict
        var html = "<section class=\"card gate\" id=\"gate\"><h2>Gate</h2>\n"
        html += "<p class=\"line \(verdict.isPassing ? "pass" : "fail")\">\(escape(verdict.line))</p>\n"
        var facts: [String] = []
        if let shard = gate.shard {
            facts.append("shard \(shard.index)/\(shard.count) (\(shard.strategy.rawValue), plan \(shard.planDigest))")
        }
        if !gate.mergedRuns.isEmpty {
            facts.append("merged from \(gate.mergedRuns.count) shards: \(gate.mergedRuns.joined(separator: ", "))")
        }
        if let path = gate.baselinePath { facts.append("baseline \(path)") }
        if !facts.isEmpty { html += "<p class=\"muted small\">\(escape(facts.joined(separator: " · ")))</p>\n" }
        let ids = stepIDs(result)
        let marks =
            gate.marks.filter { $0.status == .expired } + gate.marks.filter { $0.status == .fixed }
            + gate.marks.filter { $0.status == .known }
        if !marks.isEmpty {
            html += "<h3>Baseline</h3><table><tr><th>Status</th><th>Step</th><th>Check</th><th>Reason</th>"
            html += "<th>Owner</th><th>Expires</th><th>Entry</th></tr>\n"
            for mark in marks {
                let status: String
                switch mark.status {
                case .known: status = "known"
                case .expired: status = "expired — fails the gate"
                case .fixed: status = "fixed — remove it"
                }
                var reason = escape(mark.reason)
                if let issue = mark.issue { reason += " <span class=\"muted\">\(escape(issue))</span>" }
                html += "<tr><td class=\"st-\(mark.status.rawValue)\">\(status)</td><td>\(link(mark.key, ids))</td>"
                html += "<td><code>\(escape(mark.check))</code></td><td>\(reason)</td><td>\(escape(mark.owner))</td>"
                html += "<td>\(escape(mark.expires))</td><td><code>\(escape(mark.location.description))</code></td>"
                html += "</tr>\n"
            }
            html += "</table>\n"
        }
        if let trend = gate.trend { html += trendSection(trend, ids: ids) }
        return html + "</section>\n"
    }

    private func trendSection(_ trend: TrendRecord, ids: [StepKey: String]) -> String {
        let escape = MarkupEscaping.html
        var html = "<h3 id=\"trend\">Trend</h3><p class=\"muted small\">Against \(trend.previousRuns.count) earlier "
        html += "run\(trend.previousRuns.count == 1 ? "" : "s"): \(escape(trend.previousRuns.joined(separator: ", ")))"
        html += "</p>\n"
        let lists: [(String, String, [String])] = [
            ("trend-new", "New failures", trend.newFailures.map { link($0, ids) }),
            ("trend-fixed", "Fixed", trend.fixed.map { link($0, ids) }),
            ("trend-flaky", "Flaky", trend.flaky.map { link($0.key, ids) + " — " + escape($0.reason) }),
            (
                "trend-durations", "Duration changes",
                trend.durationChanges.map { change in
                    let before = ReportText.human(milliseconds: change.previousMilliseconds)
                    let now = ReportText.human(milliseconds: change.currentMilliseconds)
                    return link(change.key, ids) + " — \(escape(before)) → \(escape(now))"
                }
            ),
        ]
        for (id, title, items) in lists {
            html += "<div id=\"\(id)\"><b>\(title)</b> (\(items.count))"
            if items.isEmpty {
                html += " <span class=\"muted\">none</span></div>\n"
                continue
            }
            html += "<ul>" + items.map { "<li>\($0)</li>" }.joined() + "</ul></div>\n"
        }
        return html
    }

    private func stepIDs(_ result: RunResult) -> [StepKey: String] {
        var ids: [StepKey: String] = [:]
        for (suiteIndex, suite) in result.suites.enumerated() {
            for (stepIndex, step) in suite.steps.enumerated() {
                let key = StepKey(suiteID: suite.id, suite: suite.name, step: step.name)
                if ids[key] == nil { ids[key] = Self.stepID(suite: suiteIndex, step: stepIndex) }
            }
        }
        return ids
    }

    private func link(_ key: StepKey, _ ids: [StepKey: String]) -> String {
        let text = MarkupEscaping.html(key.description)
        guard let id = ids[key] else { return text }
        return "<a href=\"#\(id)\">\(text)</a>"
    }
}
