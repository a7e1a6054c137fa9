import JSON
import Runner

/// A request and its response side by side, with the parts findings point at marked.
///
/// Headers as a table, bodies pretty-printed when they are JSON. Reusable by any report that shows exchanges (the
/// drift report shows two responses the same way).
struct ExchangeView {
    let exchange: ExchangeRecord
    let findings: [Finding]
    /// The most bytes of each body shown.
    let bodyLimit: Int

    var html: String {
        let escape = MarkupEscaping.html
        var requestMarks: [(pointer: String, note: String)] = []
        var responseMarks: [(pointer: String, note: String)] = []
        var requestHeaders: Set<String> = []
        var responseHeaders: Set<String> = []
        for finding in findings {
            guard let pointer = finding.pointer else { continue }
            let note = "\(finding.check): \(finding.message)"
            if finding.check == "request-conforms" {
                if pointer.hasPrefix("header:") {
                    requestHeaders.insert(pointer.dropFirst("header:".count).lowercased())
                } else if pointer.isEmpty || pointer.hasPrefix("/") {
                    requestMarks.append((pointer, note))
                }
            } else if finding.check == "expect.headers" {
                responseHeaders.insert(pointer.lowercased())
            } else if pointer.isEmpty || pointer.hasPrefix("/") {
                responseMarks.append((pointer, note))
            }
        }
        var html = "<div class=\"exchange\">\n<section class=\"panel request\"><header><b>Request</b>"
        html += "<span class=\"mono\">\(escape(exchange.method)) \(escape(exchange.url))</span></header>\n"
        html += Self.message(exchange.request, marks: requestMarks, markedHeaders: requestHeaders, limit: bodyLimit)
        html += "</section>\n<section class=\"panel response\"><header><b>Response</b>"
        if let response = exchange.response {
            html +=
                "<span class=\"http h\(response.status / 100) mono\">\(response.status) \(escape(response.reason))</span>"
            if let total = exchange.totalMilliseconds {
                html += "<span class=\"muted small\">\(escape(ReportText.human(milliseconds: total)))</span>"
            }
            html += "</header>\n"
            html += Self.message(
                response.message,
                marks: responseMarks,
                markedHeaders: responseHeaders,
                limit: bodyLimit
            )
        } else {
            html += "</header>\n<p class=\"note\">No response was received.</p>\n"
        }
        return html + "</section>\n</div>\n"
    }

    /// The exchange as data for the page's script (a passing step of a large run, so nothing is marked):
    /// `{"q": [line, [[name, value], …], body, note], "r": [status line, time, headers, body, note] or null}`.
    var deferredData: JSONValue {
        func headers(_ message: ExchangeRecord.Message) -> JSONValue {
            .array(message.headers.map { .array([.string($0.name), .string($0.value)]) })
        }
        func body(_ message: ExchangeRecord.Message) -> JSONValue {
            guard !message.body.isEmpty else { return .string("") }
            if !message.bodyTruncated, message.body.utf8.count <= bodyLimit,
                let value = try? JSONParser.parse(message.body), value.arrayValue != nil || value.objectValue != nil
            {
                return .string(value.serialized(pretty: true))
            }
            return .string(ReportText.excerpt(message.body, limit: bodyLimit, totalBytes: message.bodyBytes))
        }
        let request: JSONValue = .array([
            .string("\(exchange.method) \(exchange.url)"), headers(exchange.request), body(exchange.request),
            .string(Self.note(exchange.request)),
        ])
        guard let response = exchange.response else {
            return .object(["q": request, "r": .null])
        }
        let time = exchange.totalMilliseconds.map { ReportText.human(milliseconds: $0) } ?? ""
        return .object([
            "q": request,
            "r": .array([
                .string("\(response.status) \(response.reason)"), .string(time), headers(response.message),
                body(response.message), .string(Self.note(response.message)),
            ]),
        ])
    }

    private static func note(_ message: ExchangeRecord.Message) -> String {
        guard !message.body.isEmpty else { return "No body." }
        var notes: [String] = []
        if message.headersTruncated { notes.append("More header fields came; they were not kept.") }
        if !message.bodyIsValidUTF8 {
            notes.append("The body is not valid UTF-8; invalid bytes are shown as \u{FFFD}.")
        }
        notes.append("\(message.bodyBytes) bytes.")
        return notes.joined(separator: " ")
    }

    private static func message(
        _ message: ExchangeRecord.Message,
        marks: [(pointer: String, note: String)],
        markedHeaders: Set<String>,
        limit: Int
    ) -> String {
        let escape = MarkupEscaping.html
        var html = ""
        if !message.headers.isEmpty {
            html += "<table class=\"headers\">"
            for (name, value) in message.headers {
                let marked = markedHeaders.contains(name.lowercased())
                html += marked ? "<tr class=\"hit\">" : "<tr>"
                html += "<td>\(escape(name))</td><td class=\"mono\">\(escape(value))</td></tr>"
            }
            html += "</table>\n"
        }
        if message.headersTruncated { html += "<p class=\"note\">More header fields came; they were not kept.</p>\n" }
        guard !message.body.isEmpty else {
            return html + "<p class=\"note\">No body.</p>\n"
        }
        html += "<pre class=\"body\">" + body(message, marks: marks, limit: limit) + "</pre>\n"
        var notes: [String] = []
        if !message.bodyIsValidUTF8 {
            notes.append("The body is not valid UTF-8; invalid bytes are shown as \u{FFFD}.")
        }
        notes.append("\(message.bodyBytes) bytes.")
        return html + "<p class=\"note\">\(escape(notes.joined(separator: " ")))</p>\n"
    }

    /// The body pretty-printed and marked when it is JSON and short enough, else as text.
    private static func body(
        _ message: ExchangeRecord.Message,
        marks: [(pointer: String, note: String)],
        limit: Int
    )
        -> String
    {
        let text = message.body
        if !message.bodyTruncated, text.utf8.count <= limit, let first = text.utf8.first(where: { $0 > 0x20 }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
            let value = try? JSONParser.parse(text)
        {
            let highlighter = JSONHighlighter(value: value, marks: marks)
            let pretty = highlighter.html(for: value)
            if pretty.utf8.count <= limit * 4 { return pretty }
        }
        var shown = MarkupEscaping.html(ReportText.excerpt(text, limit: limit, totalBytes: message.bodyBytes))
        if marks.contains(where: { $0.pointer.isEmpty }) {
            shown = "<mark class=\"hit\">" + shown + "</mark>"
        }
        return shown
    }
}
