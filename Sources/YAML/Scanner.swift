/// Byte values the scanner compares against.
enum Byte {
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let exclamation = UInt8(ascii: "!")
    static let quote = UInt8(ascii: "\"")
    static let hash = UInt8(ascii: "#")
    static let percent = UInt8(ascii: "%")
    static let ampersand = UInt8(ascii: "&")
    static let apostrophe = UInt8(ascii: "'")
    static let asterisk = UInt8(ascii: "*")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let colon = UInt8(ascii: ":")
    static let less = UInt8(ascii: "<")
    static let greater = UInt8(ascii: ">")
    static let question = UInt8(ascii: "?")
    static let at = UInt8(ascii: "@")
    static let openBracket = UInt8(ascii: "[")
    static let backslash = UInt8(ascii: "\\")
    static let closeBracket = UInt8(ascii: "]")
    static let backtick = UInt8(ascii: "`")
    static let openBrace = UInt8(ascii: "{")
    static let pipe = UInt8(ascii: "|")
    static let closeBrace = UInt8(ascii: "}")
    static let plus = UInt8(ascii: "+")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")

    /// Space or tab.
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// Line feed or carriage return (YAML 1.2 has no other line breaks).
    @inline(__always)
    static func isBreak(_ byte: UInt8) -> Bool { byte == lineFeed || byte == carriageReturn }

    /// A line break or the end of the input (read as 0).
    @inline(__always)
    static func isBreakOrEnd(_ byte: UInt8) -> Bool { byte == lineFeed || byte == carriageReturn || byte == 0 }

    /// A blank, a line break or the end of the input.
    @inline(__always)
    static func isBlankOrEnd(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == lineFeed || byte == carriageReturn || byte == 0
    }

    /// One of the flow indicators `,[]{}`.
    @inline(__always)
    static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == comma || byte == openBracket || byte == closeBracket || byte == openBrace || byte == closeBrace
    }

    /// `[0-9A-Za-z-]`, the characters of a tag handle's name.
    @inline(__always)
    static func isWordCharacter(_ byte: UInt8) -> Bool {
        (byte >= zero && byte <= nine) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || byte == minus
    }

    /// The value of a hex digit, or `nil`.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case zero...nine: UInt32(byte - zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

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
    /// Whether everything since the last line break was white space.
    var leadingWhitespace = true
    /// Where a comment ended a plain scalar, to reject a continuation line after it.
    var plainScalarCommentAt: Int?
    var scratch: [UInt8] = []
    /// Warnings found while scanning (unknown directives), with their offsets.
    var warnings: [(message: String, offset: Int)] = []

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

    /// Drops the token at `tokens[head]`.
    @inline(__always)
    mutating func dropToken() {
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
        let token = tokens[head]
        dropToken()
        return token
    }

    private mutating func fetchMoreTokens() throws(YAMLFailure) {
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

    private mutating func fetchNextToken() throws(YAMLFailure) {
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
    private mutating func skipToNextToken() throws(YAMLFailure) {
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
    private func canContinuePlainScalar() -> Bool {
        let byte = current
        if byte == Byte.colon && Byte.isBlankOrEnd(next) { return false }
        return !Byte.isBlankOrEnd(byte)
    }

    /// Drops implicit keys that can no longer be keys.
    ///
    /// In block context and in flow sequences an implicit key is one line of at most 1024 characters; only the
    /// keys of flow mappings may span lines. Staling early also keeps the token queue short: an opening bracket
    /// stays a possible key until its line ends, not until its closing bracket.
    private mutating func staleSimpleKeys() throws(YAMLFailure) {
        for level in simpleKeys.indices where simpleKeys[level].possible {
            if level > 0 && flowStack[level - 1].isMapping { continue }
            let key = simpleKeys[level]
            if key.mark.line < line || key.mark.index + 1024 < index {
                if key.required {
                    throw YAMLFailure(.missingColonAfterKey, at: key.mark.index)
                }
                simpleKeys[level].possible = false
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
    }

    /// Forgets the pending implicit key; an error when it had to be a key.
    mutating func removeSimpleKey() throws(YAMLFailure) {
        let last = simpleKeys.count - 1
        if simpleKeys[last].possible && simpleKeys[last].required {
            throw YAMLFailure(.missingColonAfterKey, at: simpleKeys[last].mark.index)
        }
        simpleKeys[last].possible = false
    }

    // MARK: - Indentation

    /// Opens a block collection at `column` when it is deeper than the current indentation.
    private mutating func rollIndent(
        _ column: Int,
        number: Int?,
        kind: Token.Kind,
        mark: Mark
    ) throws(YAMLFailure) {
        guard flowLevel == 0 else { return }
        if indent <= column, let last = indents.last, !last.needsBlockEnd {
            indent = last.indent
            indents.removeLast()
        }
        guard indent < column else { return }
        try checkNoTabBefore(mark)
        guard indents.count < 2 * maximumDepth + 2 else {
            throw YAMLFailure(.tooDeep(limit: maximumDepth), at: mark.index)
        }
        indents.append(Indent(indent: indent, needsBlockEnd: true))
        indent = column
        let token = Token(kind: kind, start: mark, end: mark)
        if let number {
            tokens.insert(token, at: head + number - tokensParsed)
        } else {
            tokens.append(token)
        }
    }

    /// Block collections are indented by spaces only: a tab in the white space before one is an error.
    private func checkNoTabBefore(_ mark: Mark) throws(YAMLFailure) {
        var offset = mark.index - 1
        var tabAt: Int?
        while offset >= mark.lineStart && Byte.isBlank(bytes[offset]) {
            if bytes[offset] == Byte.tab {
                tabAt = offset
            }
            offset -= 1
        }
        if let tabAt {
            throw YAMLFailure(.tabInIndentation, at: tabAt)
        }
    }

    /// Closes block collections deeper than `column`.
    mutating func unrollIndent(to column: Int) {
        guard flowLevel == 0 else { return }
        while indent > column {
            let last = indents.removeLast()
            indent = last.indent
            if last.needsBlockEnd {
                push(.blockEnd, from: mark, to: mark)
            }
        }
    }

    /// Adds a one-column level that ends no block: content after `-` or `:` must be indented past it.
    private mutating func rollOneColumnIndent() {
        if flowLevel == 0, let last = indents.last, last.needsBlockEnd {
            indents.append(Indent(indent: indent, needsBlockEnd: false))
            indent += 1
        }
    }

    /// Drops the levels added by ``rollOneColumnIndent()``.
    mutating func unrollNonBlockIndents() {
        while let last = indents.last, !last.needsBlockEnd {
            indent = last.indent
            indents.removeLast()
        }
    }

    // MARK: - Stream, directives, documents

    private mutating func fetchStreamStart() {
        if end >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            index = 3
            lineStart = 3
        }
        indent = -1
        streamStartProduced = true
        simpleKeyAllowed = true
        simpleKeys.append(SimpleKey())
        push(.streamStart, from: mark, to: mark)
    }

    private mutating func fetchStreamEnd() throws(YAMLFailure) {
        if let open = flowStack.last {
            throw YAMLFailure(.unclosedFlowCollection(open.isMapping ? "{" : "["), at: open.offset)
        }
        for position in simpleKeys.indices {
            if simpleKeys[position].possible && simpleKeys[position].required {
                throw YAMLFailure(.missingColonAfterKey, at: simpleKeys[position].mark.index)
            }
            simpleKeys[position].possible = false
        }
        unrollIndent(to: -1)
        simpleKeyAllowed = false
        streamEndProduced = true
        push(.streamEnd, from: mark, to: mark)
    }

    private mutating func fetchDocumentIndicator(_ kind: Token.Kind) throws(YAMLFailure) {
        unrollIndent(to: -1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        let start = mark
        index += 3
        leadingWhitespace = false
        push(kind, from: start, to: mark)
        if kind == .documentEnd {
            try skipBlanksAndComment()
            if index < end && !Byte.isBreak(bytes[index]) {
                throw YAMLFailure(.contentAfterDocumentEnd, at: index)
            }
        }
    }

    // MARK: - Flow indicators

    private mutating func fetchFlowCollectionStart(isMapping: Bool) throws(YAMLFailure) {
        saveSimpleKey()
        rollOneColumnIndent()
        guard flowLevel < maximumDepth else {
            throw YAMLFailure(.tooDeep(limit: maximumDepth), at: index)
        }
        simpleKeys.append(SimpleKey())
        flowLevel += 1
        flowStack.append((isMapping, index))
        simpleKeyAllowed = true
        let start = mark
        index += 1
        leadingWhitespace = false
        let stop = mark
        try skipBlanksAndComment()
        push(isMapping ? .flowMappingStart : .flowSequenceStart, from: start, to: stop)
    }

    private mutating func fetchFlowCollectionEnd(isMapping: Bool) throws(YAMLFailure) {
        try removeSimpleKey()
        if flowLevel > 0 {
            flowLevel -= 1
            simpleKeys.removeLast()
            flowStack.removeLast()
        }
        simpleKeyAllowed = false
        let start = mark
        index += 1
        leadingWhitespace = false
        let stop = mark
        try skipBlanksAndComment()
        if flowLevel > 0 {
            adjacentValueAllowedAt = index
        }
        push(isMapping ? .flowMappingEnd : .flowSequenceEnd, from: start, to: stop)
    }

    private mutating func fetchFlowEntry() throws(YAMLFailure) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        let start = mark
        index += 1
        leadingWhitespace = false
        let stop = mark
        try skipBlanksAndComment()
        push(.flowEntry, from: start, to: stop)
    }

    // MARK: - Block indicators

    private mutating func fetchBlockEntry() throws(YAMLFailure) {
        guard flowLevel == 0, simpleKeyAllowed else {
            throw YAMLFailure(.sequenceEntryNotAllowed, at: index)
        }
        // Properties alone on a line at column 0 cannot belong to a sequence that starts on the next line.
        if column == 0, indent > -1, head < tokens.count, let last = tokens.last,
            last.kind == .anchor || last.kind == .tag, last.start.column == 0
        {
            throw YAMLFailure(.invalidIndentation, at: last.start.index)
        }
        let start = mark
        try rollIndent(column, number: nil, kind: .blockSequenceStart, mark: start)
        index += 1
        leadingWhitespace = false
        let stop = mark
        try skipBlanksAndComment()
        if index >= end || Byte.isBreak(bytes[index]) || Byte.isFlowIndicator(bytes[index]) {
            rollOneColumnIndent()
        }
        try removeSimpleKey()
        simpleKeyAllowed = true
        push(.blockEntry, from: start, to: stop)
    }

    private mutating func fetchKey() throws(YAMLFailure) {
        let start = mark
        if flowLevel == 0 {
            guard simpleKeyAllowed else {
                throw YAMLFailure(.mappingKeyNotAllowed, at: index)
            }
            try rollIndent(column, number: nil, kind: .blockMappingStart, mark: start)
        }
        try removeSimpleKey()
        simpleKeyAllowed = flowLevel == 0
        index += 1
        leadingWhitespace = false
        push(.key, from: start, to: mark)
    }

    private mutating func fetchValue() throws(YAMLFailure) {
        let last = simpleKeys.count - 1
        let key = simpleKeys[last]
        let start = mark
        if key.possible {
            if flowLevel > 0, let open = flowStack.last, !open.isMapping, key.mark.line < line {
                throw YAMLFailure(.implicitKeyAcrossLines, at: key.mark.index)
            }
            tokens.insert(
                Token(kind: .key, start: key.mark, end: key.mark),
                at: head + key.tokenNumber - tokensParsed
            )
            try rollIndent(key.mark.column, number: key.tokenNumber, kind: .blockMappingStart, mark: key.mark)
            rollOneColumnIndent()
            simpleKeys[last].possible = false
            simpleKeyAllowed = false
        } else {
            if flowLevel == 0 {
                guard simpleKeyAllowed else {
                    throw YAMLFailure(.mappingValueNotAllowed, at: index)
                }
                try rollIndent(column, number: nil, kind: .blockMappingStart, mark: start)
            }
            rollOneColumnIndent()
            simpleKeyAllowed = flowLevel == 0
        }
        index += 1
        leadingWhitespace = false
        push(.value, from: start, to: mark)
    }

    // MARK: - Node properties

    private mutating func fetchAnchor(isAlias: Bool) throws(YAMLFailure) {
        saveSimpleKey()
        simpleKeyAllowed = false
        let start = mark
        index += 1
        let nameStart = index
        while index < end {
            let byte = bytes[index]
            if Byte.isBlankOrEnd(byte) || Byte.isFlowIndicator(byte) { break }
            index += 1
        }
        guard index > nameStart else {
            throw YAMLFailure(.missingAnchorName, at: start.index)
        }
        leadingWhitespace = false
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<index]), as: UTF8.self)
        push(isAlias ? .alias : .anchor, from: start, to: mark, payload: .name(name))
    }

    private mutating func fetchBlockScalar(isLiteral: Bool) throws(YAMLFailure) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        let token = try scanBlockScalar(isLiteral: isLiteral)
        tokens.append(token)
    }

    private mutating func fetchQuotedScalar(isSingle: Bool) throws(YAMLFailure) {
        saveSimpleKey()
        simpleKeyAllowed = false
        let token = try scanQuotedScalar(isSingle: isSingle)
        // A JSON-like key lets the `:` of a flow mapping follow it without a space.
        try skipToNextToken()
        adjacentValueAllowedAt = index
        tokens.append(token)
    }

    private mutating func fetchPlainScalar() throws(YAMLFailure) {
        saveSimpleKey()
        simpleKeyAllowed = false
        let token = try scanPlainScalar()
        tokens.append(token)
    }
}
