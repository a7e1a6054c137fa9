import JSON

/// Pretty-prints a JSON body as HTML, with the parts findings point at wrapped in `<mark>`.
///
/// A pointer that does not exist in the body (a missing required property) adds a marked line `"name": (missing)`
/// inside its nearest existing object or array. Keys, strings, numbers and literals get classes for colour; every
/// string is escaped.
struct JSONHighlighter {
    /// Notes by pointer text (`/content/status`), as given by the findings.
    private var notes: [String: [String]] = [:]
    /// What is missing, by the pointer of the nearest existing container: the first missing token and the note.
    private var missing: [String: [(token: String, note: String)]] = [:]

    /// Creates a highlighter for a body.
    ///
    /// - Parameters:
    ///   - value: The parsed body.
    ///   - marks: Pointer text and the note for it (`response-schema: … is not one of …`).
    init(value: JSONValue, marks: [(pointer: String, note: String)]) {
        for (pointerText, note) in marks {
            guard let pointer = try? JSONPointer(parsing: pointerText) else { continue }
            var tokens = pointer.tokens
            var first: String?
            while !tokens.isEmpty && value.value(at: JSONPointer(tokens: tokens)) == nil {
                first = tokens.removeLast()
            }
            let container = JSONPointer(tokens: tokens).description
            if let first {
                missing[container, default: []].append((first, note))
            } else {
                notes[container, default: []].append(note)
            }
        }
    }

    /// Whether any finding points into the body.
    var hasMarks: Bool { !notes.isEmpty || !missing.isEmpty }

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
            let kind = value.arrayValue != nil || value.objectValue != nil ? "hit block" : "hit"
            output += "<mark class=\"\(kind)\" title=\"\(MarkupEscaping.html(note.joined(separator: "\n")))\">"
        }
        output += prefix
        let absent = missing[pointer] ?? []
        switch value {
        case .object(let object):
            if object.isEmpty && absent.isEmpty {
                output += "{}"
            } else {
                output += "{\n"
                let padding = String(repeating: " ", count: indent + 2)
                output += Self.missingLines(absent, padding: padding, trailingComma: !object.isEmpty)
                for (index, member) in object.members.enumerated() {
                    let key = "<span class=\"k\">\(Self.literal(member.key))</span>: "
                    output += padding
                    render(
                        member.value,
                        pointer: pointer + "/" + JSONPointer.escape(member.key),
                        indent: indent + 2,
                        prefix: key,
                        into: &output
                    )
                    output += index + 1 < object.count ? ",\n" : "\n"
                }
                output += String(repeating: " ", count: indent) + "}"
            }
        case .array(let array):
            if array.isEmpty && absent.isEmpty {
                output += "[]"
            } else {
                output += "[\n"
                let padding = String(repeating: " ", count: indent + 2)
                output += Self.missingLines(absent, padding: padding, trailingComma: !array.isEmpty)
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

    /// `"name": (missing)` lines, marked, for what findings say is absent from a container.
    private static func missingLines(
        _ absent: [(token: String, note: String)],
        padding: String,
        trailingComma: Bool
    ) -> String {
        var output = ""
        for (index, entry) in absent.enumerated() {
            let comma = trailingComma || index + 1 < absent.count ? "," : ""
            output += padding + "<mark class=\"hit missing\" title=\"\(MarkupEscaping.html(entry.note))\">"
            output += "<span class=\"k\">\(literal(entry.token))</span>: (missing)</mark>\(comma)\n"
        }
        return output
    }

    /// A string as a JSON literal (quotes, escapes), escaped for HTML.
    private static func literal(_ string: String) -> String {
        var bytes: [UInt8] = []
        JSONWriter.writeString(string, into: &bytes)
        return MarkupEscaping.html(String(decoding: bytes, as: UTF8.self))
    }
}
