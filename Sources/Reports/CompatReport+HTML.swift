public import Compat
import Diagnostics
import JSON

extension CompatReport {
    /// The page's only styles; the Content-Security-Policy allows inline styles and nothing else.
    private static let styleSheet = """
        body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1f2328;background:#fff}
        h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.15rem;margin-top:2rem}
        code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
        table{border-collapse:collapse;width:100%;margin-top:1rem}
        th,td{border-bottom:1px solid #d0d7de;padding:.4rem .5rem;text-align:left;vertical-align:top}
        th{background:#f6f8fa}
        .badge{display:inline-block;border-radius:1rem;padding:0 .6rem;font-weight:600;color:#fff}
        .badge.error{background:#cf222e}.badge.warning{background:#9a6700}.badge.info{background:#57606a}
        tr.error td:first-child{border-left:4px solid #cf222e}tr.warning td:first-child{border-left:4px solid #9a6700}
        tr.info td:first-child{border-left:4px solid #8c959f}
        .where div{margin-bottom:.3rem}.muted{color:#57606a}
        details summary{cursor:pointer;color:#0969da}
        """

    /// The report as one self-contained HTML page: inline styles, no script, nothing loaded from elsewhere.
    ///
    /// A Content-Security-Policy meta tag forbids every external load, and every string from the specs is escaped
    /// (``MarkupEscaping/html(_:)``), so a spec cannot inject markup.
    ///
    /// - Parameter failOn: The `--fail-on` level, shown in the summary.
    /// - Returns: The HTML document.
    public func html(failOn: CompatLevel) -> String {
        let escape = MarkupEscaping.html
        let title = "API compatibility: \(old.path) → \(new.path)"
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; \
            base-uri 'none'; form-action 'none'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            \(Self.styleSheet)
            </style>
            </head>
            <body>
            <h1>API compatibility</h1>

            """
        html += "<p>Old: <code>\(escape(old.path))</code> \(Self.htmlDetails(old))<br>"
        html += "New: <code>\(escape(new.path))</code> \(Self.htmlDetails(new))</p>\n"
        html += "<p>"
        for level in CompatLevel.allCases.reversed() {
            let count = count(of: level)
            let plural = count == 1 || level == .info ? "" : "s"
            html += "<span class=\"badge \(level)\">\(count) \(level)\(plural)</span> "
        }
        let failing = changes(atOrAbove: failOn).count
        html += "<span class=\"muted\">\(failing) at or above <code>--fail-on \(failOn)</code></span></p>\n"
        if changes.isEmpty {
            html += "<p>No changes that matter to clients.</p>\n"
        } else {
            html += "<table>\n<thead><tr><th>Level</th><th>Rule</th><th>Operations</th><th>Change</th>"
            html += "<th>Where</th></tr></thead>\n<tbody>\n"
            for change in changes {
                html += Self.htmlRow(change)
            }
            html += "</tbody>\n</table>\n"
        }
        html += htmlRuleTable()
        html += "</body>\n</html>\n"
        return html
    }

    private static func htmlDetails(_ spec: SpecSummary) -> String {
        let escape = MarkupEscaping.html
        return "<span class=\"muted\">(\(escape(spec.title)) \(escape(spec.version)), \(spec.operationCount) "
            + "operations)</span>"
    }

    private static func htmlRow(_ change: CompatChange) -> String {
        let escape = MarkupEscaping.html
        var operations = "<code>\(escape(change.operation))</code>"
        if change.operations.count > 1 {
            let rest = change.operations.dropFirst().map { "<code>\(escape($0))</code>" }.joined(separator: "<br>")
            operations += "<details><summary>+\(change.operations.count - 1) more</summary>\(rest)</details>"
        }
        var place = ""
        for (side, position) in [("old", change.old), ("new", change.new)] {
            guard let position else {
                place += "<div>\(side): -</div>"
                continue
            }
            let location = position.location.map { "<code>\(escape($0.description))</code><br>" } ?? ""
            place +=
                "<div>\(side): \(location)<code class=\"muted\">\(escape(position.pointer.description))</code></div>"
        }
        return "<tr class=\"\(change.level)\"><td><span class=\"badge \(change.level)\">\(change.level)</span></td>"
            + "<td><code>\(escape(change.rule.id))</code></td><td>\(operations)</td>"
            + "<td>\(escape(change.message))</td><td class=\"where\">\(place)</td></tr>\n"
    }

    private func htmlRuleTable() -> String {
        let escape = MarkupEscaping.html
        let counts = Dictionary(grouping: changes, by: \.rule.id).mapValues(\.count)
        var html = "<h2>Rules</h2>\n<table>\n<thead><tr><th>Rule</th><th>Level</th><th>Changes</th>"
        html += "<th>What it means</th></tr></thead>\n<tbody>\n"
        for rule in CompatRule.all {
            html += "<tr><td><code>\(escape(rule.id))</code></td><td>\(rule.level)</td>"
            html += "<td>\(counts[rule.id] ?? 0)</td><td>\(escape(rule.summary))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}
