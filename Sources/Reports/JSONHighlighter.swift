import JSON

/// Pretty-prints a JSON body as HTML, with the parts findings point at wrapped in `<mark>`.
///
/// A pointer that does not exist in the body (a missing required property) marks its nearest existing ancestor
/// and says what is missing. Keys, strings, numbers and literals get classes for colour; every string is escaped.
struct JSONHighlighter {
    /// Notes by pointer text (`/content/status`), as given by the findings.
    private var notes: [String: [String]] = [:]

    /// Creates a highlighter for a body.
    ///
    /// - Parameters:
    ///   - value: The parsed body.
    ///   - marks: Pointer text and the note for it (`response-schema: … is not one of …`).
    init(value: JSONValue, marks: [(pointer: String, note: String)]) {
        for (pointerText, note) in marks {
            guard let pointer = try? JSONPointer(parsing: pointerText) else { continue }
            var tokens = pointer.tokens
            var text = note
            while !tokens.isEmpty && value.value(at: JSONPointer(tokens: tokens)) == nil {
                tokens.removeLast()
                text = note + " (missing here: \(pointerText))"
            }
            notes[JSONPointer(tokens: tokens).description, default: []].append(text)
        }
    }

    /// Whether any finding points into the body.
    var hasMarks: Bool { !notes.isEmpty }

    /// The HTML for `value`, without a surrounding element.
    ///
    /// - Parameter value: The parsed body, the one given at creation.
    /// - Returns: HTML text with line breaks, for a `<pre>`.
    func html(for value: JSONValue) -> String {
        var output = ""
        output.reserveCapacity(1024)
        render(value, pointer: "", indent: 0, prefix: "", into: &output)
        return output
    }

    private func render(_ value: JSONValue, pointer: String, indent: Int, prefix: String, into output: inout String) {
        let note = notes[pointer]
        if let note {
            output += "<mark class=\"hit\" title=\"\(MarkupEscaping.html(note.joined(separator: "\n")))\">"
        }
        output += prefix
        switch value {
        case .object(let object):
            if object.isEmpty {
                output += "{}"
            } else {
                output += "{\n"
                let padding = String(repeating: " ", count: indent + 2)
                for (index, member) in object.members.enumerated() {
                    let key = "<span class=\"k\">\(Self.literal(member.key))</span>: "
                    output += padding
                    render(
                        member.value,
                        pointer: pointer + "/" + Self.escapedToken(member.key),
                        indent: indent + 2,
                        prefix: key,
                        into: &output
                    )
                    output += index + 1 < object.count ? ",\n" : "\n"
                }
                output += String(repeating: " ", count: indent) + "}"
            }
        case .array(let array):
            if array.isEmpty {
                output += "[]"
            } else {
                output += "[\n"
                let padding = String(repeating: " ", count: indent + 2)
                for (index, element) in array.enumerated() {
                    output += padding
                    render(element, pointer: pointer + "/\(index)", indent: indent + 2, prefix: "", into: &output)
                    output += index + 1 < array.count ? ",\n" : "\n"
                }
                output += String(repeating: " ", count: indent) + "]"
            }
        case .string(let string):
            output += "<span class=\"s\">\(Self.literal(string))</span>"
        case .number(let number):
            output += "<span class=\"n\">\(number.text)</span>"
        case .bool(let bool):
            output += "<span class=\"l\">\(bool)</span>"
        case .null:
            output += "<span class=\"l\">null</span>"
        }
        if note != nil { output += "</mark>" }
    }

    /// A string as a JSON literal (quotes, escapes), escaped for HTML.
    private static func literal(_ string: String) -> String {
        var bytes: [UInt8] = []
        JSONWriter.writeString(string, into: &bytes)
        return MarkupEscaping.html(String(decoding: bytes, as: UTF8.self))
    }

    private static func escapedToken(_ token: String) -> String {
        guard token.contains("~") || token.contains("/") else { return token }
        return token.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
