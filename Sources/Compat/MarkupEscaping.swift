/// Escaping for text that came from a spec (names, enum values, patterns) and goes into XML, HTML or Markdown.
///
/// Everything a spec holds is treated as hostile: it can contain `<script>`, quotes, or control characters that
/// XML 1.0 cannot carry at all.
package enum MarkupEscaping {
    /// Escapes text for XML 1.0 content and attribute values.
    ///
    /// `&`, `<`, `>`, `"` and `'` become entities; characters XML 1.0 forbids (C0 controls other than tab, line
    /// feed and carriage return, and U+FFFE/U+FFFF) become U+FFFD, as no escape can express them.
    ///
    /// - Parameter text: The text.
    /// - Returns: The escaped text.
    package static func xml(_ text: String) -> String {
        escape(text, apostrophe: "&apos;")
    }

    /// Escapes text for HTML content and quoted attribute values: as for XML, with `&#39;` for the apostrophe.
    ///
    /// - Parameter text: The text.
    /// - Returns: The escaped text.
    package static func html(_ text: String) -> String {
        escape(text, apostrophe: "&#39;")
    }

    private static func escape(_ text: String, apostrophe: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += apostrophe
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
                    || (0x7F...0x9F).contains(scalar.value)
                {
                    escaped += "\u{FFFD}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    /// Escapes text for a Markdown table cell: characters with meaning in Markdown get a backslash, `<` `>` `&`
    /// become entities (so no HTML gets through), and line breaks become spaces.
    ///
    /// - Parameter text: The text.
    /// - Returns: The escaped text.
    package static func markdown(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#": escaped += "\\" + String(scalar)
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\n", "\r", "\t": escaped += " "
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    escaped += "\u{FFFD}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }
}
