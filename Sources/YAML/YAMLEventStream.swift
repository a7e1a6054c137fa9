/// The parser's event stream in the yaml-test-suite's `test.event` notation, for conformance tests and debugging.
package enum YAMLEventStream {
    /// The events of a stream, one line each (`+STR`, `+DOC ---`, `=VAL :text`, `-MAP`, …).
    ///
    /// - Parameter bytes: The stream.
    /// - Returns: The event lines.
    /// - Throws: ``YAMLError`` at the first problem (the lines so far are lost).
    package static func lines(of bytes: [UInt8]) throws(YAMLError) -> [String] {
        let result: Result<[String], YAMLFailure> = bytes.withUnsafeBufferPointer { buffer in
            do throws(YAMLFailure) {
                try YAMLLoader.checkCharacters(buffer)
                var parser = Parser(scanner: Scanner(bytes: buffer, maximumDepth: 512))
                var lines: [String] = []
                while true {
                    let event = try parser.next()
                    lines.append(describe(event, in: buffer))
                    if case .streamEnd = event.kind { return .success(lines) }
                }
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let lines):
            return lines
        case .failure(let failure):
            throw YAMLError(
                reason: failure.reason,
                location: YAMLLoader.location(ofOffset: failure.offset, in: bytes, path: "<input>")
            )
        }
    }

    private static func properties(_ event: Event) -> String {
        var text = ""
        if let anchor = event.anchor { text += " &" + anchor }
        if let tag = event.tag { text += " <" + tag + ">" }
        return text
    }

    private static func describe(_ event: Event, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch event.kind {
        case .streamStart: return "+STR"
        case .streamEnd: return "-STR"
        case .documentStart(let isExplicit): return isExplicit ? "+DOC ---" : "+DOC"
        case .documentEnd(let isExplicit): return isExplicit ? "-DOC ..." : "-DOC"
        case .alias(let name): return "=ALI *" + name
        case .sequenceStart(let isFlow): return "+SEQ" + (isFlow ? " []" : "") + properties(event)
        case .sequenceEnd: return "-SEQ"
        case .mappingStart(let isFlow): return "+MAP" + (isFlow ? " {}" : "") + properties(event)
        case .mappingEnd: return "-MAP"
        case .scalar(let text, let style):
            let value: String
            switch text {
            case .slice(let start, let end):
                value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            case .decoded(let decoded):
                value = decoded
            }
            let indicator: String
            switch style {
            case .plain: indicator = ":"
            case .singleQuoted: indicator = "'"
            case .doubleQuoted: indicator = "\""
            case .literal: indicator = "|"
            case .folded: indicator = ">"
            }
            var escaped = ""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\\": escaped += "\\\\"
                case "\n": escaped += "\\n"
                case "\t": escaped += "\\t"
                case "\r": escaped += "\\r"
                case "\u{08}": escaped += "\\b"
                case "\u{00}": escaped += "\\0"
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            return "=VAL" + properties(event) + " " + indicator + escaped
        }
    }
}
