import JSON

// Plain and quoted scalars.
extension Scanner {
    /// Space, tab, `\n`, `\r` and `:`: the bytes below 0x3B that may end a word of a plain scalar.
    private static let blockStopMask: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0D | 1 << 0x3A
    /// The same plus `,` inside flow collections.
    private static let flowStopMask: UInt64 = blockStopMask | 1 << 0x2C

    /// Appends the input bytes `start..<stop` to the scratch buffer.
    @inline(__always)
    mutating func appendInput(_ start: Int, _ stop: Int) {
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<stop]))
    }

    /// The scratch buffer as a string (the input was validated as UTF-8 before scanning).
    @inline(__always)
    func scratchString() -> String {
        String(decoding: scratch, as: UTF8.self)
    }

    @inline(__always)
    mutating func appendLineFeeds(_ count: Int) {
        for _ in 0..<count {
            scratch.append(Byte.lineFeed)
        }
    }

    /// Scans a plain scalar, folding its lines; single-line scalars stay slices of the input.
    mutating func scanPlainScalar() throws(YAMLFailure) -> Token {
        let inFlow = flowLevel > 0
        let minimumIndent: Int
        if inFlow {
            // Inside a flow collection the level added after `-` or `:` is already one past the block's indent.
            minimumIndent = indents.last.map { $0.needsBlockEnd ? indent + 1 : indent } ?? indent + 1
        } else {
            unrollNonBlockIndents()
            minimumIndent = indent + 1
        }
        let start = mark
        if inFlow && start.column < minimumIndent {
            throw YAMLFailure(.invalidIndentation, at: start.index)
        }
        let stopMask = inFlow ? Self.flowStopMask : Self.blockStopMask
        var endMark = start
        var isBuilding = false
        var sawLineBreak = false
        var trailingBreaks = 0
        var hasWhitespace = false
        var lastWordEnd = index
        var isEmpty = true

        while index < end {
            let first = bytes[index]
            if first == Byte.hash {
                if !isEmpty && hasWhitespace && !inFlow {
                    plainScalarCommentAt = index
                }
                break
            }
            if index == lineStart && isDocumentIndicator(at: index) {
                break
            }
            let following = next
            if first == Byte.colon && (Byte.isBlankOrEnd(following) || (inFlow && Byte.isFlowIndicator(following))) {
                break
            }
            if inFlow && Byte.isFlowIndicator(first) {
                break
            }
            if leadingWhitespace {
                if sawLineBreak {
                    if !isBuilding {
                        scratch.removeAll(keepingCapacity: true)
                        appendInput(start.index, lastWordEnd)
                        isBuilding = true
                    }
                    if trailingBreaks == 0 {
                        scratch.append(Byte.space)
                    } else {
                        appendLineFeeds(trailingBreaks)
                    }
                    sawLineBreak = false
                    trailingBreaks = 0
                }
                leadingWhitespace = false
            } else if hasWhitespace && isBuilding {
                appendInput(lastWordEnd, index)
            }
            hasWhitespace = false
            let wordStart = index
            index += 1
            while index < end {
                let byte = bytes[index]
                if byte < 0x3B {
                    if stopMask & (1 << UInt64(byte)) != 0 {
                        if byte != Byte.colon { break }
                        let after = self.byte(at: index + 1)
                        if Byte.isBlankOrEnd(after) || (inFlow && Byte.isFlowIndicator(after)) { break }
                    }
                } else if inFlow
                    && (byte == Byte.openBracket || byte == Byte.closeBracket || byte == Byte.openBrace
                        || byte == Byte.closeBrace)
                {
                    break
                }
                index += 1
            }
            if isBuilding {
                appendInput(wordStart, index)
            }
            lastWordEnd = index
            endMark = mark
            isEmpty = false

            guard index < end, Byte.isBlank(bytes[index]) || Byte.isBreak(bytes[index]) else { break }
            while index < end {
                let byte = bytes[index]
                if byte == Byte.space || byte == Byte.tab {
                    if leadingWhitespace && byte == Byte.tab && column < minimumIndent {
                        let tabAt = index
                        while Byte.isBlank(current) {
                            index += 1
                        }
                        if !Byte.isBreakOrEnd(current) && current != Byte.hash {
                            throw YAMLFailure(.tabInIndentation, at: tabAt)
                        }
                        continue
                    }
                    if !leadingWhitespace {
                        hasWhitespace = true
                    }
                    index += 1
                } else if byte == Byte.lineFeed || byte == Byte.carriageReturn {
                    if leadingWhitespace {
                        trailingBreaks += 1
                    } else {
                        sawLineBreak = true
                        leadingWhitespace = true
                        hasWhitespace = false
                    }
                    skipBreak()
                } else {
                    break
                }
            }
            if !inFlow && column < minimumIndent {
                break
            }
        }
        if isEmpty {
            throw YAMLFailure(.cannotStartPlainScalar("'\(Character(Unicode.Scalar(current)))'"), at: start.index)
        }
        if leadingWhitespace {
            simpleKeyAllowed = true
        }
        let text: ScalarText = isBuilding ? .decoded(scratchString()) : .slice(start: start.index, end: lastWordEnd)
        return Token(kind: .scalar, start: start, end: endMark, payload: .scalar(text, .plain))
    }

    /// Scans a single- or double-quoted scalar; one without escapes or line breaks stays a slice of the input.
    mutating func scanQuotedScalar(isSingle: Bool) throws(YAMLFailure) -> Token {
        let start = mark
        let quote = isSingle ? Byte.apostrophe : Byte.quote
        index += 1
        let contentStart = index
        var probe = index
        if isSingle {
            while probe < end {
                let byte = bytes[probe]
                if byte == Byte.apostrophe || byte == Byte.lineFeed || byte == Byte.carriageReturn { break }
                probe += 1
            }
            if probe < end && bytes[probe] == Byte.apostrophe && byte(at: probe + 1) != Byte.apostrophe {
                index = probe + 1
                return try finishQuotedScalar(start, .slice(start: contentStart, end: probe), isSingle: true)
            }
        } else {
            while probe < end {
                let byte = bytes[probe]
                if byte == Byte.quote || byte == Byte.backslash || byte == Byte.lineFeed
                    || byte == Byte.carriageReturn
                {
                    break
                }
                probe += 1
            }
            if probe < end && bytes[probe] == Byte.quote {
                index = probe + 1
                return try finishQuotedScalar(start, .slice(start: contentStart, end: probe), isSingle: false)
            }
        }

        scratch.removeAll(keepingCapacity: true)
        var leadingBreak = false
        var trailingBreaks = 0
        while true {
            if index == lineStart && isDocumentIndicator(at: index) {
                throw YAMLFailure(.documentMarkerInQuotedScalar, at: index)
            }
            guard index < end else {
                throw YAMLFailure(.unterminatedQuotedScalar, at: start.index)
            }
            if column < indent && line > start.line {
                throw YAMLFailure(.invalidIndentation, at: index)
            }
            var leadingBlanks = false
            while index < end {
                let byte = bytes[index]
                if Byte.isBlank(byte) || Byte.isBreak(byte) { break }
                if isSingle {
                    if byte == Byte.apostrophe {
                        if next == Byte.apostrophe {
                            scratch.append(Byte.apostrophe)
                            index += 2
                            continue
                        }
                        break
                    }
                } else {
                    if byte == Byte.quote { break }
                    if byte == Byte.backslash {
                        if Byte.isBreak(next) {
                            index += 1
                            skipBreak()
                            leadingBlanks = true
                            break
                        }
                        try decodeEscape()
                        continue
                    }
                }
                scratch.append(byte)
                index += 1
            }
            guard index < end else {
                throw YAMLFailure(.unterminatedQuotedScalar, at: start.index)
            }
            if bytes[index] == quote {
                break
            }
            var whitespaceStart = index
            var whitespaceEnd = index
            while index < end {
                let byte = bytes[index]
                if Byte.isBlank(byte) {
                    if leadingBlanks {
                        if byte == Byte.tab && column < indent {
                            throw YAMLFailure(.tabInIndentation, at: index)
                        }
                        index += 1
                    } else {
                        index += 1
                        whitespaceEnd = index
                    }
                } else if Byte.isBreak(byte) {
                    if leadingBlanks {
                        trailingBreaks += 1
                    } else {
                        whitespaceStart = whitespaceEnd
                        leadingBreak = true
                        leadingBlanks = true
                    }
                    skipBreak()
                } else {
                    break
                }
            }
            if leadingBlanks {
                if leadingBreak {
                    if trailingBreaks == 0 {
                        scratch.append(Byte.space)
                    } else {
                        appendLineFeeds(trailingBreaks)
                    }
                    leadingBreak = false
                } else {
                    appendLineFeeds(trailingBreaks)
                }
                trailingBreaks = 0
            } else {
                appendInput(whitespaceStart, whitespaceEnd)
            }
        }
        index += 1
        return try finishQuotedScalar(start, .decoded(scratchString()), isSingle: isSingle)
    }

    /// Checks what follows the closing quote and builds the token.
    mutating func finishQuotedScalar(
        _ start: Mark,
        _ text: ScalarText,
        isSingle: Bool
    ) throws(YAMLFailure) -> Token {
        leadingWhitespace = false
        let stop = mark
        try skipBlanksAndComment()
        let following = current
        let isAllowed =
            Byte.isBreakOrEnd(following)
            || (flowLevel > 0
                && (following == Byte.comma || following == Byte.closeBracket || following == Byte.closeBrace
                    || following == Byte.colon))
            || (following == Byte.colon && start.line == line)
        guard isAllowed else {
            if following == Byte.colon && Byte.isBlankOrEnd(next) {
                throw YAMLFailure(.implicitKeyAcrossLines, at: start.index)
            }
            throw YAMLFailure(.contentAfterQuotedScalar, at: index)
        }
        return Token(
            kind: .scalar,
            start: start,
            end: stop,
            payload: .scalar(text, isSingle ? .singleQuoted : .doubleQuoted)
        )
    }

    /// Decodes the escape sequence at the current backslash into the scratch buffer.
    mutating func decodeEscape() throws(YAMLFailure) {
        let escapeStart = index
        index += 1
        let code = current
        var length = 0
        var value: UInt32 = 0
        switch code {
        case Byte.zero: value = 0
        case UInt8(ascii: "a"): value = 0x07
        case UInt8(ascii: "b"): value = 0x08
        case UInt8(ascii: "t"), Byte.tab: value = 0x09
        case UInt8(ascii: "n"): value = 0x0A
        case UInt8(ascii: "v"): value = 0x0B
        case UInt8(ascii: "f"): value = 0x0C
        case UInt8(ascii: "r"): value = 0x0D
        case UInt8(ascii: "e"): value = 0x1B
        case Byte.space: value = 0x20
        case Byte.quote: value = 0x22
        case UInt8(ascii: "/"): value = 0x2F
        case Byte.backslash: value = 0x5C
        case UInt8(ascii: "N"): value = 0x85
        case UInt8(ascii: "_"): value = 0xA0
        case UInt8(ascii: "L"): value = 0x2028
        case UInt8(ascii: "P"): value = 0x2029
        case UInt8(ascii: "x"): length = 2
        case UInt8(ascii: "u"): length = 4
        case UInt8(ascii: "U"): length = 8
        default:
            throw YAMLFailure(.invalidEscape(escapeText(from: escapeStart, length: 2)), at: escapeStart)
        }
        index += 1
        if length > 0 {
            value = try readHex(length, escapeStart: escapeStart)
            if length == 4 && value >= 0xD800 && value <= 0xDBFF {
                // A UTF-16 surrogate pair, as JSON writes characters outside the BMP.
                guard current == Byte.backslash && next == UInt8(ascii: "u") else {
                    throw YAMLFailure(.invalidEscape(escapeText(from: escapeStart, length: 6)), at: escapeStart)
                }
                index += 2
                let low = try readHex(4, escapeStart: escapeStart)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw YAMLFailure(.invalidEscape(escapeText(from: escapeStart, length: 12)), at: escapeStart)
                }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            guard value <= 0x10FFFF, !(value >= 0xD800 && value <= 0xDFFF) else {
                throw YAMLFailure(.invalidEscape(escapeText(from: escapeStart, length: 2 + length)), at: escapeStart)
            }
        }
        appendScalar(value)
    }

    func escapeText(from start: Int, length: Int) -> String {
        let stop = min(start + length, end)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
    }

    mutating func readHex(_ length: Int, escapeStart: Int) throws(YAMLFailure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<length {
            guard let digit = Byte.hexValue(current) else {
                throw YAMLFailure(.invalidEscape(escapeText(from: escapeStart, length: 2 + length)), at: escapeStart)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Appends the UTF-8 form of a scalar value.
    mutating func appendScalar(_ value: UInt32) {
        UTF8Validation.append(scalar: value, to: &scratch)
    }
}
