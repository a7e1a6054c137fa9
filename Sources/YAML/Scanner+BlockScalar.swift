// Literal (`|`) and folded (`>`) block scalars.
extension Scanner {
    /// How a block scalar's final line breaks are kept.
    private enum Chomping {
        case strip
        case clip
        case keep
    }

    mutating func scanBlockScalar(isLiteral: Bool) throws(YAMLFailure) -> Token {
        let start = mark
        index += 1
        unrollNonBlockIndents()
        var chomping = Chomping.clip
        var increment = 0
        for _ in 0..<2 {
            let byte = current
            if (byte == Byte.plus || byte == Byte.minus) && chomping == .clip {
                chomping = byte == Byte.plus ? .keep : .strip
                index += 1
            } else if byte >= Byte.zero && byte <= Byte.nine && increment == 0 {
                guard byte != Byte.zero else {
                    throw YAMLFailure(.invalidBlockScalarHeader, at: index)
                }
                increment = Int(byte - Byte.zero)
                index += 1
            }
        }
        leadingWhitespace = false
        var contentEnd = mark
        try skipBlanksAndComment()
        guard Byte.isBreakOrEnd(current) else {
            throw YAMLFailure(.invalidBlockScalarHeader, at: index)
        }
        if index < end {
            skipBreak()
        }

        var blockIndent = 0
        var trailingBreaks = 0
        if increment > 0 {
            blockIndent = indent >= 0 ? indent + increment : increment
            skipBlockScalarIndent(blockIndent, breaks: &trailingBreaks)
        } else {
            var maximumIndent = 0
            while true {
                while current == Byte.space {
                    index += 1
                }
                if current == Byte.tab && column <= indent {
                    throw YAMLFailure(.tabInIndentation, at: index)
                }
                maximumIndent = max(maximumIndent, column)
                guard index < end, Byte.isBreak(bytes[index]) else { break }
                skipBreak()
                trailingBreaks += 1
            }
            blockIndent = max(maximumIndent, indent + 1)
            if index < end && column < blockIndent && column > indent {
                throw YAMLFailure(.blockScalarLeadingLineTooIndented, at: index)
            }
        }
        if index < end && column < blockIndent && column > indent && !Byte.isBreak(bytes[index])
            && bytes[index] != Byte.tab && bytes[index] != Byte.hash
        {
            throw YAMLFailure(.blockScalarLineLessIndented, at: index)
        }

        scratch.removeAll(keepingCapacity: true)
        var leadingBreak = false
        var leadingBlank = false
        while column == blockIndent && index < end {
            if column == 0 && isDocumentIndicator(at: index) {
                break
            }
            let isBlankLine = Byte.isBlank(bytes[index])
            if !isLiteral && leadingBreak && !leadingBlank && !isBlankLine {
                if trailingBreaks == 0 {
                    scratch.append(Byte.space)
                } else {
                    appendBreaks(trailingBreaks)
                }
            } else {
                appendBreaks((leadingBreak ? 1 : 0) + trailingBreaks)
            }
            leadingBreak = false
            trailingBreaks = 0
            leadingBlank = isBlankLine
            let lineStart = index
            skipToEndOfLine()
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<index]))
            contentEnd = mark
            guard index < end else { break }
            skipBreak()
            leadingBreak = true
            skipBlockScalarIndent(blockIndent, breaks: &trailingBreaks)
        }
        if chomping != .strip {
            if leadingBreak {
                scratch.append(Byte.lineFeed)
            } else if index >= end && !scratch.isEmpty && contentEnd.index == end {
                // The last line ends the input without a line break; clip and keep still end it with one.
                scratch.append(Byte.lineFeed)
            }
        }
        if index >= end && column > 0 && contentEnd.index != end {
            // A last line of spaces without a line break is still an empty line.
            trailingBreaks += 1
        }
        if chomping == .keep {
            appendBreaks(trailingBreaks)
        }
        leadingWhitespace = true
        let text = String(decoding: scratch, as: UTF8.self)
        return Token(
            kind: .scalar,
            start: start,
            end: contentEnd,
            payload: .scalar(.decoded(text), isLiteral ? .literal : .folded)
        )
    }

    @inline(__always)
    private mutating func appendBreaks(_ count: Int) {
        for _ in 0..<count {
            scratch.append(Byte.lineFeed)
        }
    }

    /// Skips the indentation of the next lines, counting the empty ones.
    private mutating func skipBlockScalarIndent(_ blockIndent: Int, breaks: inout Int) {
        while true {
            while column < blockIndent && current == Byte.space {
                index += 1
            }
            guard index < end, Byte.isBreak(bytes[index]) else { return }
            skipBreak()
            breaks += 1
        }
    }
}
