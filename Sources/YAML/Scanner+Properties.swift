// Directives and tags.
extension Scanner {
    /// Whether `byte` may appear in a URI (`ns-uri-char` without `%`): tags may not hold `!` or flow indicators.
    @inline(__always)
    private static func isURICharacter(_ byte: UInt8, inTag: Bool) -> Bool {
        if Byte.isWordCharacter(byte) { return true }
        switch byte {
        case UInt8(ascii: "#"), UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":"),
            UInt8(ascii: "@"), UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "$"),
            UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "*"), UInt8(ascii: "'"),
            UInt8(ascii: "("), UInt8(ascii: ")"):
            return true
        case Byte.exclamation, Byte.comma, Byte.openBracket, Byte.closeBracket:
            return !inTag
        default:
            return false
        }
    }

    /// Reads URI characters, decoding `%XX` escapes.
    private mutating func scanURI(inTag: Bool) throws(YAMLFailure) -> String {
        scratch.removeAll(keepingCapacity: true)
        while index < end {
            let byte = bytes[index]
            if byte == Byte.percent {
                guard let high = Byte.hexValue(next), let low = Byte.hexValue(self.byte(at: index + 2)) else {
                    throw YAMLFailure(.invalidTag("'%' must be followed by two hex digits"), at: index)
                }
                scratch.append(UInt8(high << 4 | low))
                index += 3
            } else if Self.isURICharacter(byte, inTag: inTag) {
                scratch.append(byte)
                index += 1
            } else {
                break
            }
        }
        guard let text = String(validating: scratch, as: UTF8.self) else {
            throw YAMLFailure(.invalidTag("'%' escapes that are not UTF-8"), at: index)
        }
        return text
    }

    /// Reads a tag handle: `!`, `!!` or `!name!`.
    private mutating func scanTagHandle() throws(YAMLFailure) -> String {
        let start = index
        guard current == Byte.exclamation else {
            throw YAMLFailure(.invalidDirective("a tag handle must start with '!'"), at: index)
        }
        index += 1
        while Byte.isWordCharacter(current) {
            index += 1
        }
        if current == Byte.exclamation {
            index += 1
        } else if index - start > 1 {
            throw YAMLFailure(.invalidDirective("a named tag handle must end with '!'"), at: index)
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    mutating func fetchTag() throws(YAMLFailure) {
        saveSimpleKey()
        simpleKeyAllowed = false
        let start = mark
        let handle: String
        let suffix: String
        if next == Byte.less {
            index += 2
            suffix = try scanURI(inTag: false)
            guard current == Byte.greater else {
                throw YAMLFailure(.invalidTag("a verbatim tag needs its closing '>'"), at: index)
            }
            guard !suffix.isEmpty else {
                throw YAMLFailure(.invalidTag("a verbatim tag cannot be empty"), at: start.index)
            }
            index += 1
            handle = ""
        } else {
            index += 1
            var probe = index
            while Byte.isWordCharacter(byte(at: probe)) {
                probe += 1
            }
            if byte(at: probe) == Byte.exclamation {
                handle = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index - 1)...probe]), as: UTF8.self)
                index = probe + 1
                suffix = try scanURI(inTag: true)
                guard !suffix.isEmpty else {
                    throw YAMLFailure(.invalidTag("'\(handle)' must be followed by a tag name"), at: index)
                }
            } else {
                let text = try scanURI(inTag: true)
                if text.isEmpty {
                    handle = ""
                    suffix = "!"
                } else {
                    handle = "!"
                    suffix = text
                }
            }
        }
        let following = current
        guard Byte.isBlankOrEnd(following) || (flowLevel > 0 && Byte.isFlowIndicator(following)) else {
            throw YAMLFailure(.invalidTag("expected a space after the tag"), at: index)
        }
        leadingWhitespace = false
        push(.tag, from: start, to: mark, payload: .tag(handle: handle, suffix: suffix))
    }

    mutating func fetchDirective() throws(YAMLFailure) {
        unrollIndent(to: -1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        let start = mark
        index += 1
        let nameStart = index
        while Byte.isWordCharacter(current) || current == UInt8(ascii: "_") {
            index += 1
        }
        guard index > nameStart else {
            throw YAMLFailure(.invalidDirective("missing directive name after '%'"), at: start.index)
        }
        guard Byte.isBlankOrEnd(current) else {
            throw YAMLFailure(.invalidDirective("unexpected character in the directive name"), at: index)
        }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<index]), as: UTF8.self)
        let kind: Token.Kind
        let payload: Token.Payload
        switch name {
        case "YAML":
            skipBlanks()
            let major = try scanVersionNumber()
            guard current == Byte.dot else {
                throw YAMLFailure(.invalidDirective("expected '.' in the YAML version"), at: index)
            }
            index += 1
            let minor = try scanVersionNumber()
            guard Byte.isBlankOrEnd(current) else {
                throw YAMLFailure(.invalidDirective("unexpected character in the YAML version"), at: index)
            }
            kind = .versionDirective
            payload = .version(major: major, minor: minor)
        case "TAG":
            skipBlanks()
            let handle = try scanTagHandle()
            guard Byte.isBlank(current) else {
                throw YAMLFailure(.invalidDirective("expected a space after the tag handle"), at: index)
            }
            skipBlanks()
            let prefixStart = index
            let prefix = try scanURI(inTag: false)
            guard !prefix.isEmpty, bytes[prefixStart] == Byte.exclamation || !Byte.isFlowIndicator(bytes[prefixStart])
            else {
                throw YAMLFailure(.invalidDirective("missing or invalid tag prefix"), at: prefixStart)
            }
            guard Byte.isBlankOrEnd(current) else {
                throw YAMLFailure(.invalidDirective("unexpected character in the tag prefix"), at: index)
            }
            kind = .tagDirective
            payload = .tagDirective(handle: handle, prefix: prefix)
        default:
            warnings.append(("unknown directive '%\(name)' is ignored", start.index))
            skipToEndOfLine()
            kind = .reservedDirective
            payload = .none
        }
        let stop = mark
        try skipBlanksAndComment()
        guard index >= end || Byte.isBreak(bytes[index]) else {
            throw YAMLFailure(.invalidDirective("unexpected content after the directive"), at: index)
        }
        leadingWhitespace = false
        push(kind, from: start, to: stop, payload: payload)
    }

    private mutating func skipBlanks() {
        while Byte.isBlank(current) {
            index += 1
        }
    }

    private mutating func scanVersionNumber() throws(YAMLFailure) -> Int {
        var value = 0
        let start = index
        while current >= Byte.zero && current <= Byte.nine {
            guard index - start < 9 else {
                throw YAMLFailure(.invalidDirective("version number too long"), at: start)
            }
            value = value * 10 + Int(current - Byte.zero)
            index += 1
        }
        guard index > start else {
            throw YAMLFailure(.invalidDirective("expected a version number"), at: index)
        }
        return value
    }
}
