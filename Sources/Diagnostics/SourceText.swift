/// The bytes of a source file, kept so that byte offsets become lines, columns and caret snippets on demand.
///
/// Parsers track byte offsets only; a ``FileLocation`` is computed when a diagnostic is built, which keeps the
/// hot paths free of line counting.
public struct SourceText: Sendable {
    /// The path shown in locations.
    public let path: String
    /// The file's bytes, as read.
    public let bytes: [UInt8]

    /// Creates source text from bytes.
    ///
    /// - Parameters:
    ///   - path: The path shown in locations.
    ///   - bytes: The file's bytes.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Turns a byte offset into a 1-based line and column (in Unicode scalars).
    ///
    /// An offset past the end is clamped to the end. A line break is `\n`, `\r\n` or a lone `\r`.
    ///
    /// - Parameter offset: The byte offset.
    /// - Returns: The location of that byte.
    public func location(ofOffset offset: Int) -> FileLocation {
        Self.location(ofOffset: offset, in: bytes, path: path)
    }

    /// Turns a byte offset into a 1-based line and column (in Unicode scalars) for an error message.
    ///
    /// - Parameters:
    ///   - offset: The byte offset; clamped to the end of `bytes`.
    ///   - bytes: The source bytes.
    ///   - path: The path shown in the location.
    /// - Returns: The location of that byte.
    public static func location(ofOffset offset: Int, in bytes: [UInt8], path: String) -> FileLocation {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var column = 1
        var index = 0
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte == UInt8(ascii: "\r") {
                if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") {
                    // The `\n` that follows ends the line.
                } else {
                    line += 1
                    column = 1
                }
            } else if byte & 0xC0 != 0x80 {  // a continuation byte does not start a scalar
                column += 1
            }
            index += 1
        }
        return FileLocation(path: path, line: line, column: column)
    }

    /// The text of the 1-based line `line`, without its line break; invalid UTF-8 is shown as U+FFFD.
    ///
    /// - Parameter line: The line number, from 1.
    /// - Returns: The line's text, or `nil` when the file has fewer lines.
    public func lineText(_ line: Int) -> String? {
        guard line >= 1 else { return nil }
        var current = 1
        var start = 0
        var index = 0
        while index < bytes.count && current < line {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                current += 1
                start = index + 1
            }
            index += 1
        }
        guard current == line, start <= bytes.count else { return nil }
        var end = start
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") && bytes[end] != UInt8(ascii: "\r") {
            end += 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The line at `location` followed by a caret under its column, as compilers print them.
    ///
    /// Tabs before the column are kept so the caret lines up in a terminal; control characters are shown
    /// as `?` so a hostile file cannot drive the terminal.
    ///
    /// - Parameter location: A location in this file.
    /// - Returns: Two lines (source and caret), or `nil` when the line does not exist.
    public func snippet(at location: FileLocation) -> String? {
        guard let text = lineText(location.line) else { return nil }
        var shown = ""
        var caretPad = ""
        var column = 1
        for scalar in text.unicodeScalars {
            let visible: Character
            if scalar == "\t" {
                visible = "\t"
            } else if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                visible = "?"
            } else {
                visible = Character(scalar)
            }
            shown.append(visible)
            if column < location.column {
                caretPad.append(visible == "\t" ? "\t" : " ")
            }
            column += 1
        }
        if location.column > column {
            caretPad += String(repeating: " ", count: location.column - column)
        }
        return shown + "\n" + caretPad + "^"
    }
}
