/// The one escaper for text that goes into XML, HTML or Markdown: server responses, spec strings, suite names.
///
/// Everything is treated as hostile: it can contain `<script>`, `]]>`, quotes, or control characters that XML 1.0
/// cannot carry at all. Characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage return,
/// U+FFFE and U+FFFF) and the C1 controls are replaced *visibly* by their escape, `\u0001`, so a reader sees that
/// the server sent one; invalid UTF-8 never reaches here, as results already hold it as U+FFFD. No output of these
/// functions opens a tag, a comment, a CDATA section or an entity of its own.
package enum MarkupEscaping {
    /// Escapes text for XML 1.0 element content.
    ///
    /// `&`, `<`, `>`, `"` and `'` become entities and a carriage return `&#13;` (so XML's line-end normalisation
    /// keeps it); tabs and line feeds stay.
    ///
    /// - Parameter text: The text.
    /// - Returns: The escaped text.
    package static func xml(_ text: String) -> String {
        escape(text, apostrophe: "&apos;", inAttribute: false)
    }

    /// Escapes text for an XML 1.0 attribute value in double quotes.
    ///
    /// As ``xml(_:)``, and tabs and line breaks become character references, which attribute-value normalisation
    /// would otherwise turn into spaces.
    ///
    /// - Parameter text: The text.
    /// - Returns: The escaped text.
    package static func xmlAttribute(_ text: String) -> String {
        escape(text, apostrophe: "&apos;", inAttribute: true)
    }

    /// Escapes text for HTML content and quoted attribute values: as for XML, with `&#39;` for the apostrophe.
    ///
    /// - Parameter text: The text.
    /// - Returns: The escaped text.
    package static func html(_ text: String) -> String {
        escape(text, apostrophe: "&#39;", inAttribute: false)
    }

    /// The visible stand-in for a character XML 1.0 cannot carry: `\u0001`, `\uFFFE`.
    ///
    /// - Parameter scalar: The character.
    /// - Returns: Six characters.
    package static func visibleEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Whether XML 1.0 forbids the character, or it is a C1 control that readers mishandle.
    ///
    /// - Parameter scalar: The character.
    /// - Returns: `true` for U+0000…U+0008, U+000B, U+000C, U+000E…U+001F, U+007F…U+009F, U+FFFE, U+FFFF.
    package static func isUnsafeControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value != 0x09 && value != 0x0A && value != 0x0D }
        return (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF
    }

    private static func escape(_ text: String, apostrophe: String, inAttribute: Bool) -> String {
        // Most text needs nothing: check the bytes first and return it as it is.
        if !text.utf8.contains(where: {
            $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 >= 0x7F
        }) {
            return text
        }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += apostrophe
            case "\r": escaped += "&#13;"
            case "\n": escaped += inAttribute ? "&#10;" : "\n"
            case "\t": escaped += inAttribute ? "&#9;" : "\t"
            default:
                if isUnsafeControl(scalar) {
                    escaped += visibleEscape(scalar)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    /// Escapes text for a Markdown table cell: characters with meaning in Markdown get a backslash, `<` `>` `&`
    /// become entities (so no HTML gets through), line breaks become spaces and control characters their visible
    /// escape.
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
                if isUnsafeControl(scalar) {
                    escaped += "\\" + visibleEscape(scalar)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    /// Makes text safe inside `<script type="application/json">`: `<`, `>`, `&`, U+2028 and U+2029 become `\u`
    /// escapes, which JSON reads back unchanged and which cannot close the element or open a comment.
    ///
    /// - Parameter json: JSON text.
    /// - Returns: The same JSON, safe in a script element.
    package static func scriptJSON(_ json: String) -> String {
        // On UTF-8 bytes: the five cases are ASCII or start with E2 80 (U+2028 is E2 80 A8, U+2029 E2 80 A9), and a
        // scalar-by-scalar copy took a tenth of a large report's rendering.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(json.utf8.count + 64)
        var text = json
        text.withUTF8 { source in
            var index = 0
            var runStart = 0
            let count = source.count
            func escape(_ replacement: StaticString, skipping length: Int) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
                bytes.append(
                    contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount)
                )
                index += length
                runStart = index
            }
            while index < count {
                switch source[index] {
                case UInt8(ascii: "<"): escape("\\u003C", skipping: 1)
                case UInt8(ascii: ">"): escape("\\u003E", skipping: 1)
                case UInt8(ascii: "&"): escape("\\u0026", skipping: 1)
                case 0xE2 where index + 2 < count && source[index + 1] == 0x80 && source[index + 2] == 0xA8:
                    escape("\\u2028", skipping: 3)
                case 0xE2 where index + 2 < count && source[index + 1] == 0x80 && source[index + 2] == 0xA9:
                    escape("\\u2029", skipping: 3)
                default: index += 1
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<count]))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
