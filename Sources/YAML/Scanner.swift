/// A place where an implicit key may start, remembered until a `:` decides whether it is one.
struct SimpleKey {
    /// Whether the token may still become a key.
    var possible = false
    /// Whether it must become a key (it stands at a block mapping's indentation).
    var required = false
    /// The number of the token, counting every token the scanner has produced.
    var tokenNumber = 0
    /// Where the token starts.
    var mark = Mark(index: 0, line: 0, lineStart: 0)
    /// Why the key stopped being possible: 0 it did not go stale, 1 its line ended, 2 it passed 1024 characters.
    var staleReason: UInt8 = 0
}

/// One level of block indentation.
struct Indent {
    /// The indentation of the enclosing level.
    var indent: Int
    /// Whether leaving this level ends a block collection (levels added after `-` or `:` do not).
    var needsBlockEnd: Bool
}

/// The scanner: turns UTF-8 bytes into YAML tokens, tracking indentation and implicit keys.
///
/// It follows the design of libyaml's scanner (a token queue where a `KEY` token is inserted before an implicit
/// key once its `:` is seen), with the YAML 1.2 rules for tabs, flow indicators and JSON-like keys. It works on the
/// bytes directly and makes a `String` only for anchors, tags and decoded scalars.
struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    let maximumDepth: Int

    var index = 0
    var line = 1
    var lineStart = 0

    var tokens: [Token] = []
    var head = 0
    var tokensParsed = 0
    var streamStartProduced = false
    var streamEndProduced = false

    var simpleKeyAllowed = false
    var simpleKeys: [SimpleKey] = []
    var indent = -1
    var indents: [Indent] = []
    var flowLevel = 0
    /// For each open flow collection: whether it is a mapping, and the offset of its bracket.
    var flowStack: [(isMapping: Bool, offset: Int)] = []
    var adjacentValueAllowedAt = -1
    /// The line of the last full check for stale implicit keys, and the offset where the earliest key expires.
    var staleCheckLine = 0
    var staleDeadline = Int.max
    /// Whether everything since the last line break was white space.
    var leadingWhitespace = true
    /// Where a comment ended a plain scalar, to reject a continuation line after it.
    var plainScalarCommentAt: Int?
    var scratch: [UInt8] = []
    /// Warnings found while scanning (unknown directives), with where they are.
    var warnings: [(message: String, mark: Mark)] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.end = bytes.count
        self.maximumDepth = maximumDepth
        tokens.reserveCapacity(16)
    }

    // MARK: - Reading

    /// The byte at `offset`, or 0 past the end (NUL is rejected before scanning, so 0 means the end).
    @inline(__always)
    func byte(at offset: Int) -> UInt8 {
        offset < end ? bytes[offset] : 0
    }

    /// The current byte, or 0 at the end.
    @inline(__always)
    var current: UInt8 { index < end ? bytes[index] : 0 }

    /// The byte after the current one, or 0.
    @inline(__always)
    var next: UInt8 { byte(at: index + 1) }

    /// The current position.
    @inline(__always)
    var mark: Mark { Mark(index: index, line: line, lineStart: lineStart) }

    /// The current column in bytes.
    @inline(__always)
    var column: Int { index - lineStart }

    /// Consumes a line break (`\n`, `\r\n` or `\r`) at the current position.
    @inline(__always)
    mutating func skipBreak() {
        if bytes[index] == Byte.carriageReturn && byte(at: index + 1) == Byte.lineFeed {
            index += 2
        } else {
            index += 1
        }
        line += 1
        lineStart = index
    }

    /// Whether `---` or `...` followed by a blank or the end starts at `offset`.
    func isDocumentIndicator(at offset: Int) -> Bool {
        let first = byte(at: offset)
        guard first == Byte.minus || first == Byte.dot else { return false }
        return byte(at: offset + 1) == first && byte(at: offset + 2) == first
            && Byte.isBlankOrEnd(byte(at: offset + 3))
    }

    /// Skips spaces, tabs and a comment up to the end of the line.
    ///
    /// - Returns: Whether a tab and whether a space were skipped.
    /// - Throws: When a `#` touches the text before it.
    @discardableResult
    mutating func skipBlanksAndComment() throws(YAMLFailure) -> (sawTab: Bool, sawSpace: Bool) {
        var sawTab = false
        var sawSpace = false
        while index < end {
            let byte = bytes[index]
            if byte == Byte.space {
                sawSpace = true
            } else if byte == Byte.tab {
                sawTab = true
            } else if byte == Byte.hash {
                if !sawTab && !sawSpace && index > lineStart {
                    throw YAMLFailure(.commentWithoutSpace, at: index)
                }
                skipToEndOfLine()
                break
            } else {
                break
            }
            index += 1
        }
        return (sawTab, sawSpace)
    }

    /// Moves to the next line break or the end.
    @inline(__always)
    mutating func skipToEndOfLine() {
        while index < end && !Byte.isBreak(bytes[index]) {
            index += 1
        }
    }

    // MARK: - The token queue

    /// Makes the next token available at `tokens[head]`, scanning as far as needed to know whether it starts an
    /// implicit key (the parser reads it there without copying it).
    @inline(__always)
    mutating func prepareToken() throws(YAMLFailure) {
        try fetchMoreTokens()
    }

    /// The kind of the next token: a block mapping start or key the scanner put before `tokens[head]`, or its own.
    @inline(__always)
    var headKind: Token.Kind {
        let prefix = tokens[head].prefix
        if prefix == 0 { return tokens[head].kind }
        return prefix & Token.blockMappingStartPrefix != 0 ? .blockMappingStart : .key
    }

    /// Where the next token ends (a prefix token is empty, at the start of the token it precedes).
    @inline(__always)
    var headEnd: Mark { tokens[head].prefix == 0 ? tokens[head].end : tokens[head].start }

    /// The payload of the next token (none for a prefix token).
    @inline(__always)
    var headPayload: Token.Payload { tokens[head].prefix == 0 ? tokens[head].payload : .none }

    /// The next token as the parser sees it, for error messages and tools.
    var headToken: Token {
        Token(kind: headKind, start: tokens[head].start, end: headEnd, payload: headPayload)
    }

    /// Drops the next token: a prefix token first, then `tokens[head]` itself.
    @inline(__always)
    mutating func dropToken() {
        let prefix = tokens[head].prefix
        if prefix != 0 {
            tokens[head].prefix =
                prefix & Token.blockMappingStartPrefix != 0 ? prefix & ~Token.blockMappingStartPrefix : 0
            return
        }
        head += 1
        tokensParsed += 1
        if head == tokens.count {
            tokens.removeAll(keepingCapacity: true)
            head = 0
        }
    }

    /// Returns the next token (for tests and tools; the parser uses ``prepareToken()`` and ``dropToken()``).
    mutating func nextToken() throws(YAMLFailure) -> Token {
        try fetchMoreTokens()
        let token = headToken
        dropToken()
        return token
    }

    mutating func fetchMoreTokens() throws(YAMLFailure) {
        while true {
            if head < tokens.count {
                try staleSimpleKeys()
                var needMore = false
                for key in simpleKeys where key.possible && key.tokenNumber == tokensParsed {
                    needMore = true
                    break
                }
                if !needMore { return }
            }
            if streamEndProduced {
                if head < tokens.count { return }
                throw YAMLFailure(.unexpected(found: "the end of the input", expected: "more"), at: end)
            }
            try fetchNextToken()
        }
    }

    /// The number the next queued token will get.
    @inline(__always)
    private var nextTokenNumber: Int { tokensParsed + tokens.count - head }

    @inline(__always)
    mutating func push(_ kind: Token.Kind, from start: Mark, to end: Mark, payload: Token.Payload = .none) {
        tokens.append(Token(kind: kind, start: start, end: end, payload: payload))
    }

    mutating func fetchNextToken() throws(YAMLFailure) {
        if !streamStartProduced {
            fetchStreamStart()
            return
        }
        try skipToNextToken()
        try staleSimpleKeys()
        unrollIndent(to: column)
        guard index < end else {
            try fetchStreamEnd()
            return
        }
        let byte = bytes[index]
        let following = next
        if index == lineStart {
            if byte == Byte.percent {
                try fetchDirective()
                return
            }
            if isDocumentIndicator(at: index) {
                try fetchDocumentIndicator(byte == Byte.minus ? .documentStart : .documentEnd)
                return
            }
        }
        if column < indent {
            throw YAMLFailure(.invalidIndentation, at: index)
        }
        switch byte {
        case Byte.openBracket: try fetchFlowCollectionStart(isMapping: false)
        case Byte.openBrace: try fetchFlowCollectionStart(isMapping: true)
        case Byte.closeBracket: try fetchFlowCollectionEnd(isMapping: false)
        case Byte.closeBrace: try fetchFlowCollectionEnd(isMapping: true)
        case Byte.comma: try fetchFlowEntry()
        case Byte.minus where Byte.isBlankOrEnd(following): try fetchBlockEntry()
        case Byte.question where Byte.isBlankOrEnd(following): try fetchKey()
        case Byte.colon where Byte.isBlankOrEnd(following): try fetchValue()
        case Byte.colon where flowLevel > 0 && (Byte.isFlowIndicator(following) || index == adjacentValueAllowedAt):
            if index != adjacentValueAllowedAt && (following == Byte.openBracket || following == Byte.openBrace) {
                throw YAMLFailure(
                    .unexpected(found: "'\(Character(Unicode.Scalar(following)))'", expected: "a space after ':'"),
                    at: index + 1
                )
            }
            try fetchValue()
        case Byte.asterisk: try fetchAnchor(isAlias: true)
        case Byte.ampersand: try fetchAnchor(isAlias: false)
        case Byte.exclamation: try fetchTag()
        case Byte.pipe where flowLevel == 0: try fetchBlockScalar(isLiteral: true)
        case Byte.greater where flowLevel == 0: try fetchBlockScalar(isLiteral: false)
        case Byte.apostrophe: try fetchQuotedScalar(isSingle: true)
        case Byte.quote: try fetchQuotedScalar(isSingle: false)
        case Byte.minus:
            if flowLevel > 0 && Byte.isFlowIndicator(following) {
                throw YAMLFailure(
                    .cannotStartPlainScalar("'-' followed by '\(Character(Unicode.Scalar(following)))'"),
                    at: index
                )
            }
            try fetchPlainScalar()
        case Byte.question, Byte.colon:
            if flowLevel > 0 && Byte.isFlowIndicator(following) {
                throw YAMLFailure(
                    .cannotStartPlainScalar(
                        "'\(Character(Unicode.Scalar(byte)))' followed by '\(Character(Unicode.Scalar(following)))'"
                    ),
                    at: index
                )
            }
            try fetchPlainScalar()
        case Byte.percent, Byte.at, Byte.backtick, Byte.pipe, Byte.greater:
            throw YAMLFailure(.cannotStartPlainScalar("'\(Character(Unicode.Scalar(byte)))'"), at: index)
        case Byte.hash:
            throw YAMLFailure(.commentWithoutSpace, at: index)
        default:
            try fetchPlainScalar()
        }
    }

    /// Skips white space, line breaks and comments up to the next token.
    mutating func skipToNextToken() throws(YAMLFailure) {
        while index < end {
            let byte = bytes[index]
            if byte == Byte.space {
                index += 1
            } else if byte == Byte.tab {
                if !indents.isEmpty && leadingWhitespace && column < indent {
                    // A tab where indentation is needed is only allowed on a line with no content.
                    let tabAt = index
                    try skipBlanksAndComment()
                    if index < end && !Byte.isBreak(bytes[index]) {
                        throw YAMLFailure(.tabInIndentation, at: tabAt)
                    }
                } else {
                    index += 1
                }
            } else if byte == Byte.lineFeed || byte == Byte.carriageReturn {
                skipBreak()
                leadingWhitespace = true
                if flowLevel == 0 {
                    simpleKeyAllowed = true
                }
            } else if byte == Byte.hash {
                if index > lineStart && !Byte.isBlank(bytes[index - 1]) {
                    throw YAMLFailure(.commentWithoutSpace, at: index)
                }
                skipToEndOfLine()
            } else {
                break
            }
        }
        if let commentAt = plainScalarCommentAt {
            plainScalarCommentAt = nil
            if flowLevel == 0 && column > indent && index < end && canContinuePlainScalar()
                && !(index == lineStart && isDocumentIndicator(at: index))
            {
                throw YAMLFailure(.commentInsidePlainScalar, at: commentAt)
            }
        }
    }

    /// Whether the current byte could continue a plain scalar in block context.
    func canContinuePlainScalar() -> Bool {
        let byte = current
        if byte == Byte.colon && Byte.isBlankOrEnd(next) { return false }
        return !Byte.isBlankOrEnd(byte)
    }

    /// Drops implicit keys that can no longer be keys.
    ///
    /// In block context and in flow sequences an implicit key is one line of at most 1024 characters; only the
    /// keys of flow mappings may span lines. Staling early also keeps the token queue short: an opening bracket
    /// stays a possible key until its line ends, not until its closing bracket.
    mutating func staleSimpleKeys() throws(YAMLFailure) {
        // Keys saved since the last full check are on this line; none can be stale before the line ends or the
        // earliest key passes its 1024 characters.
        if line == staleCheckLine && index <= staleDeadline { return }
        staleCheckLine = line
        staleDeadline = Int.max
        for level in simpleKeys.indices where simpleKeys[level].possible {
            if level > 0 && flowStack[level - 1].isMapping { continue }
            let key = simpleKeys[level]
            if key.mark.line < line || key.mark.index + 1024 < index {
                if key.required {
                    throw YAMLFailure(.missingColonAfterKey, at: key.mark.index)
                }
                simpleKeys[level].possible = false
                simpleKeys[level].staleReason = key.mark.line < line ? 1 : 2
            } else {
                staleDeadline = min(staleDeadline, key.mark.index + 1024)
            }
        }
    }

    /// Remembers that the next token may be an implicit key.
    mutating func saveSimpleKey() {
        guard simpleKeyAllowed else { return }
        let required = flowLevel == 0 && indent == column && (indents.last?.needsBlockEnd ?? false)
        simpleKeys[simpleKeys.count - 1] = SimpleKey(
            possible: true,
            required: required,
            tokenNumber: nextTokenNumber,
            mark: mark
        )
        staleDeadline = min(staleDeadline, index + 1024)
    }

    /// Forgets the pending implicit key; an error when it had to be a key.
    mutating func removeSimpleKey() throws(YAMLFailure) {
        let last = simpleKeys.count - 1
        if simpleKeys[last].possible && simpleKeys[last].required {
            throw YAMLFailure(.missingColonAfterKey, at: simpleKeys[last].mark.index)
        }
        simpleKeys[last].possible = false
        simpleKeys[last].staleReason = 0
    }
}
