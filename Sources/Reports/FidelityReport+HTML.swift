import Diagnostics
public import Fidelity
import JSON
import Runner

extension FidelityReport {
    private static let styleSheet = """
        body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1f2328;background:#fff}
        h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.15rem;margin-top:2rem}
        code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
        table{border-collapse:collapse;width:100%;margin-top:1rem}
        th,td{border-bottom:1px solid #d0d7de;padding:.4rem .5rem;text-align:left;vertical-align:top}
        th{background:#f6f8fa}.muted{color:#57606a}td code{word-break:break-all}
        .badge{display:inline-block;border-radius:1rem;padding:0 .6rem;font-weight:600;color:#fff;background:#57606a}
        .badge.ok{background:#1a7f37}.badge.drift{background:#cf222e}
        section.step{border:1px solid #d0d7de;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}
        .sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
        .sides pre{background:#f6f8fa;padding:.5rem;overflow:auto;max-height:40rem;margin:0}
        .sides pre span{display:block}.sides pre span.hit{background:#ffebe9;outline:1px solid #ff8182}
        details summary{cursor:pointer;color:#0969da}
        """

    /// The comparison as one self-contained HTML page: the score, the drift by kind, then each drifting step with
    /// both responses side by side and the lines of every drifting pointer highlighted; identical steps are
    /// listed in a table.
    ///
    /// No script and nothing loaded from elsewhere (a Content-Security-Policy forbids it); every string from the
    /// servers is escaped, and bodies are the redacted excerpts the runs kept.
    ///
    /// - Returns: The HTML document.
    public func html() -> String {
        let escape = MarkupEscaping.html
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; \
            base-uri 'none'; form-action 'none'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Mock fidelity: \(escape(candidate.serverURL)) against \(escape(reference.serverURL))</title>
            <style>
            \(Self.styleSheet)
            </style>
            </head>
            <body>
            <h1>Mock fidelity</h1>

            """
        html += "<p>Reference: <code>\(escape(reference.serverName))</code> <code>\(escape(reference.serverURL))</code>"
        html +=
            "<br>Candidate: <code>\(escape(candidate.serverName))</code> <code>\(escape(candidate.serverURL))</code>"
        html += "</p>\n<p><span class=\"badge \(driftingCount == 0 ? "ok" : "drift")\">fidelity \(scoreText)</span> "
        html += "<span class=\"muted\">\(comparedCount - driftingCount) of \(comparedCount) steps identical in shape, "
        html += "\(driftCount) drift\(driftCount == 1 ? "" : "s"), \(ruleCount) ignore rule"
        html += "\(ruleCount == 1 ? "" : "s") besides the built-in ones</span></p>\n"
        if !countsByKind.isEmpty {
            html += "<table><thead><tr><th>Drift</th><th>Count</th></tr></thead><tbody>\n"
            for (kind, count) in countsByKind {
                html += "<tr><td><code>\(kind.rawValue)</code></td><td>\(count)</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        let drifting = steps.filter { $0.isCompared && !$0.isIdentical }
        if !drifting.isEmpty {
            html += "<h2>Steps with drift</h2>\n"
            for step in drifting {
                html += Self.section(step)
            }
        }
        html += "<h2>All steps</h2>\n<table><thead><tr><th>Step</th><th>Operation</th><th>Reference</th>"
        html += "<th>Candidate</th><th>Drift</th></tr></thead><tbody>\n"
        for step in steps {
            let drift = step.isCompared ? String(step.drifts.count) : "not compared"
            html += "<tr><td>\(escape(step.suiteName)) › \(escape(step.name))</td>"
            html += "<td><code>\(escape(step.operation ?? ""))</code></td>"
            html += "<td>\(Self.status(step.reference))</td><td>\(Self.status(step.candidate))</td>"
            html += "<td>\(drift)</td></tr>\n"
        }
        html += "</tbody></table>\n</body>\n</html>\n"
        return html
    }

    private static func status(_ result: CaseResult?) -> String {
        guard let result else { return "not run" }
        if let status = result.exchange?.response?.status { return String(status) }
        return MarkupEscaping.html(result.outcome.rawValue)
    }

    private static func section(_ step: StepComparison) -> String {
        let escape = MarkupEscaping.html
        var html = "<section class=\"step\">\n<h3>\(escape(step.suiteName)) › \(escape(step.name))</h3>\n"
        html += "<p class=\"muted\"><code>\(escape(step.location.description))</code>"
        if let operation = step.operation { html += " <code>\(escape(operation))</code>" }
        html += "</p>\n<ul>\n"
        for drift in step.drifts {
            html += "<li><code>\(escape(drift.place))</code> \(escape(drift.kind.rawValue)): reference "
            html += "<code>\(escape(drift.reference))</code>, candidate <code>\(escape(drift.candidate))</code></li>\n"
        }
        html += "</ul>\n"
        let pointers = Set(step.drifts.compactMap { $0.pointer?.description })
        html += "<div class=\"sides\">\n"
        for (label, result) in [("Reference", step.reference), ("Candidate", step.candidate)] {
            html += "<div><strong>\(label)</strong>"
            guard let response = result?.exchange?.response else {
                html += "<p class=\"muted\">no response</p></div>\n"
                continue
            }
            html += " <code>\(response.status)</code>\n<pre>"
            html += lines(of: response.message, highlighting: pointers)
            html += "</pre></div>\n"
        }
        html += "</div>\n</section>\n"
        return html
    }

    /// The body pretty-printed one member per line, each line of a drifting pointer marked.
    private static func lines(of message: ExchangeRecord.Message, highlighting pointers: Set<String>) -> String {
        guard let value = try? JSONParser.parse(Array(message.body.utf8), path: "<body>") else {
            return MarkupEscaping.html(message.body)
        }
        var output = ""
        var budget = 2_000
        emit(
            value,
            key: nil,
            pointer: .root,
            indent: 0,
            isLast: true,
            pointers: pointers,
            budget: &budget,
            into: &output
        )
        if budget <= 0 { output += "<span class=\"muted\">…</span>" }
        return output
    }

    private static func emit(
        _ value: JSONValue,
        key: String?,
        pointer: JSONPointer,
        indent: Int,
        isLast: Bool,
        pointers: Set<String>,
        budget: inout Int,
        into output: inout String
    ) {
        guard budget > 0 else { return }
        budget -= 1
        let pad = String(repeating: "  ", count: indent)
        let prefix = pad + (key.map { JSONValue.string($0).serialized() + ": " } ?? "")
        let comma = isLast ? "" : ","
        let hit = pointers.contains(pointer.description)
        let open = hit ? "<span class=\"hit\">" : "<span>"
        switch value {
        case .object(let object) where !object.isEmpty:
            output += open + MarkupEscaping.html(prefix + "{") + "</span>"
            for (index, member) in object.enumerated() {
                emit(
                    member.value,
                    key: member.key,
                    pointer: pointer.appending(member.key),
                    indent: indent + 1,
                    isLast: index == object.count - 1,
                    pointers: pointers,
                    budget: &budget,
                    into: &output
                )
            }
            output += "<span>" + MarkupEscaping.html(pad + "}" + comma) + "</span>"
        case .array(let items) where !items.isEmpty:
            output += open + MarkupEscaping.html(prefix + "[") + "</span>"
            for (index, item) in items.enumerated() {
                emit(
                    item,
                    key: nil,
                    pointer: pointer.appending(index: index),
                    indent: indent + 1,
                    isLast: index == items.count - 1,
                    pointers: pointers,
                    budget: &budget,
                    into: &output
                )
            }
            output += "<span>" + MarkupEscaping.html(pad + "]" + comma) + "</span>"
        default:
            output += open + MarkupEscaping.html(prefix + value.serialized() + comma) + "</span>"
        }
    }
}
