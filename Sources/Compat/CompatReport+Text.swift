extension CompatReport {
    /// The report as plain text: one block per change, then a summary line.
    ///
    /// ```
    /// error   [request-property-became-required] POST /api/v1/linktoken (+2 more operations)
    ///   GetLinkTokenRequest.userId became required: clients that omit it are rejected.
    ///   old: old.json:120:9 /components/schemas/GetLinkTokenRequest/properties/userId
    ///   new: new.json:131:9 /components/schemas/GetLinkTokenRequest/required/0
    /// ```
    ///
    /// Control characters from the specs (which could drive a terminal) are shown as `\u{1B}`.
    ///
    /// - Parameter highlight: Decorates the level word (the CLI colours it); plain by default.
    /// - Returns: The text, ending in a line break.
    public func text(highlight: (CompatLevel, String) -> String = { $1 }) -> String {
        var text = ""
        for change in changes {
            let level = change.level.description
            let padding = String(repeating: " ", count: max(1, 8 - level.count))
            text += highlight(change.level, level) + padding
            text += Self.printable("[\(change.rule.id)] \(change.operationsSummary)") + "\n"
            text += "  " + Self.printable(change.message) + "\n"
            text += "  old: " + Self.printable(change.old?.description ?? "-") + "\n"
            text += "  new: " + Self.printable(change.new?.description ?? "-") + "\n"
        }
        text += Self.printable(summaryLine) + "\n"
        return text
    }

    /// `text` with control characters written out as `\u{1B}`.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `compat: old.json → new.json: 2 errors, 1 warning, 14 info`.
    public var summaryLine: String {
        "compat: \(old.path) → \(new.path): \(countsDescription)"
    }
}

extension CompatChange {
    /// `POST /api/v1/linktoken (+2 more operations)`.
    public var operationsSummary: String {
        let more = operations.count - 1
        guard more > 0 else { return operation }
        return "\(operation) (+\(more) more operation\(more == 1 ? "" : "s"))"
    }
}
