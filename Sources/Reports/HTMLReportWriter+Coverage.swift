import Diagnostics
import Runner

extension HTMLReportWriter {
    func coverageSection(_ result: RunResult) -> String {
        let escape = MarkupEscaping.html
        var html = "<section class=\"card\" id=\"coverage\">\n<h2>Spec coverage</h2>\n"
        guard let coverage else {
            html += "<p class=\"muted\">\(escape(coverageNote ?? "The spec was not available."))</p>\n"
            return html + "</section>\n"
        }
        if let coverageNote { html += "<p class=\"notice info\">\(escape(coverageNote))</p>\n" }
        let operations = coverage.operations.count
        let exercised = coverage.exercisedOperations
        let declared = coverage.declaredResponses
        let seen = coverage.seenResponses
        html += "<div class=\"cov-bars\">"
        html += Self.coverageRow("Operations exercised", exercised, of: operations)
        html += Self.coverageRow("Declared responses seen", seen, of: declared)
        html += "</div>\n"
        let undeclared = coverage.undeclaredResponses
        if undeclared > 0 {
            html += "<p><span class=\"code undeclared\">\(undeclared)</span> response\(undeclared == 1 ? "" : "s") "
            html += "with a status the operation does not declare.</p>\n"
        }
        if !coverage.unknownOperations.isEmpty {
            let names = coverage.unknownOperations.map { "\($0.name) (\($0.count))" }.joined(separator: ", ")
            html += "<p class=\"notice info\">Steps reached operations this spec does not have: "
            html += "<code>\(escape(names))</code>. Were the results made with another spec version?</p>\n"
        }
        html += "<label class=\"cov-filter js-only\"><input type=\"checkbox\" id=\"untouched-only\"> "
        html += "Only operations never exercised (\(operations - exercised))</label>\n"
        html += "<table class=\"coverage\" id=\"coverage-table\"><thead><tr><th>Operation</th><th>Steps</th>"
        html += "<th>Declared responses (times seen)</th></tr></thead>\n<tbody>\n"
        for operation in coverage.operations {
            html += Self.coverageRow(operation)
        }
        return html + "</tbody></table>\n</section>\n"
    }

    private static func coverageRow(_ label: String, _ count: Int, of total: Int) -> String {
        let percent = total == 0 ? 0 : count * 100 / total
        return "<span>\(label)</span><div class=\"bar\"><span class=\"w\(percent)\"></span></div>"
            + "<span><b>\(count)</b> of \(total) (\(percent)%)</span>"
    }

    private static func coverageRow(_ operation: SpecCoverage.Operation) -> String {
        let escape = MarkupEscaping.html
        let parts = operation.name.split(separator: " ", maxSplits: 1)
        let method = parts.first.map(String.init) ?? ""
        let path = parts.count > 1 ? String(parts[1]) : operation.name
        var html = "<tr class=\"\(operation.isExercised ? "touched" : "untouched")\"><td class=\"opname\">"
        html += "<span class=\"method m-\(escape(method.lowercased()))\">\(escape(method))</span>"
        html += "<code>\(escape(path))</code>"
        var facts: [String] = []
        if let operationID = operation.operationID { facts.append(escape(operationID)) }
        if !operation.tags.isEmpty { facts.append(escape(operation.tags.joined(separator: ", "))) }
        if operation.isDeprecated { facts.append("deprecated") }
        if let location = operation.location { facts.append(escape(location.description)) }
        if !facts.isEmpty { html += "<div class=\"muted small\">\(facts.joined(separator: " · "))</div>" }
        html += "</td><td class=\"num\">\(operation.requests)</td><td><div class=\"codes\">"
        for response in operation.responses {
            let times = response.count == 1 ? "once" : "\(response.count) times"
            if response.count > 0 {
                html += "<span class=\"code seen\" title=\"\(escape(response.description)): seen \(times)\">"
                html += "\(escape(response.key))<b>\(response.count)</b></span>"
            } else {
                html += "<span class=\"code\" title=\"\(escape(response.description)): never seen\">"
                html += "\(escape(response.key))</span>"
            }
        }
        for (status, count) in operation.undeclared {
            html += "<span class=\"code undeclared\" title=\"not declared by the spec\">\(status)<b>\(count)</b></span>"
        }
        return html + "</div></td></tr>\n"
    }
}
