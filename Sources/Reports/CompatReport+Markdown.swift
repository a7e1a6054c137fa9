public import Compat

extension CompatReport {
    /// The report as a Markdown table, for a pull-request comment or a changelog.
    ///
    /// Every spec-derived string is escaped (``MarkupEscaping/markdown(_:)``), so a crafted description cannot
    /// inject HTML or break the table.
    ///
    /// - Parameter failOn: The `--fail-on` level, shown in the summary.
    /// - Returns: The Markdown, ending in a line break.
    public func markdown(failOn: CompatLevel) -> String {
        let escape = MarkupEscaping.markdown
        var text = "# API compatibility: \(escape(old.path)) → \(escape(new.path))\n\n"
        let failing = changes(atOrAbove: failOn).count
        text += "**\(countsDescription)**; \(failing) at or above \(failOn) (`--fail-on \(failOn)`).\n\n"
        guard !changes.isEmpty else { return text + "No changes that matter to clients.\n" }
        text += "| Level | Rule | Operations | Change | Old | New |\n"
        text += "|---|---|---|---|---|---|\n"
        for change in changes {
            let cells = [
                change.level.description,
                escape(change.rule.id),
                change.operations.map(escape).joined(separator: "<br>"),
                escape(change.message),
                change.old.map { escape($0.description) } ?? "-",
                change.new.map { escape($0.description) } ?? "-",
            ]
            text += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return text
    }
}
