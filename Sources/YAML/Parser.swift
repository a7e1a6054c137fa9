/// One event of a YAML event stream, as the YAML specification's serialization model defines them.
struct Event {
    enum Kind {
        case streamStart
        case streamEnd
        case documentStart(isExplicit: Bool)
        case documentEnd(isExplicit: Bool)
        case alias(String)
        case scalar(ScalarText, YAMLScalar.Style)
        case sequenceStart(isFlow: Bool)
        case sequenceEnd
        case mappingStart(isFlow: Bool)
        case mappingEnd
    }

    var kind: Kind
    var start: Mark
    var end: Mark
    var anchor: String? = nil
    var tag: String? = nil
}

/// The parser: turns tokens into events, checking the grammar of YAML's block and flow structures.
///
/// A state machine over the token stream in the manner of libyaml's parser (no recursion, so nesting depth never
/// threatens the stack), with the YAML 1.2 rules for directives, empty keys and implicit flow pairs.
struct Parser {
    private enum State {
        case streamStart
        case implicitDocumentStart
        case documentStart
        case documentContent
        case documentEnd
        case blockNode
        case blockSequenceFirstEntry
        case blockSequenceEntry
        case indentlessSequenceEntry
        case blockMappingFirstKey
        case blockMappingKey
        case blockMappingValue
        case flowSequenceFirstEntry
        case flowSequenceEntry
        case flowSequenceEntryMappingKey
        case flowSequenceEntryMappingValue
        case flowSequenceEntryMappingEnd
        case flowMappingFirstKey
        case flowMappingKey
        case flowMappingValue
        case flowMappingEmptyValue
        case end
    }

    var scanner: Scanner
    private var isReady = false
    private var state = State.streamStart
    private var states: [State] = []
    private var tagDirectives: [String: String] = [:]
    /// Warnings found while parsing (such as a newer `%YAML` version), with their offsets.
    var warnings: [(message: String, offset: Int)] = []

    init(scanner: Scanner) {
        self.scanner = scanner
    }

    // MARK: - Tokens

    /// The kind of the next token, which stays at the head of the scanner's queue until ``skip()``.
    @inline(__always)
    private mutating func peek() throws(YAMLFailure) -> Token.Kind {
        if !isReady {
            try scanner.prepareToken()
            isReady = true
        }
        return scanner.tokens[scanner.head].kind
    }

    /// Where the next token starts (after ``peek()``).
    @inline(__always)
    private var tokenStart: Mark { scanner.tokens[scanner.head].start }

    /// Where the next token ends (after ``peek()``).
    @inline(__always)
    private var tokenEnd: Mark { scanner.tokens[scanner.head].end }

    /// The payload of the next token (after ``peek()``).
    @inline(__always)
    private var tokenPayload: Token.Payload { scanner.tokens[scanner.head].payload }

    @inline(__always)
    private mutating func skip() {
        scanner.dropToken()
        isReady = false
    }

    private mutating func popState() {
        state = states.popLast() ?? .end
    }

    /// An error at the next token (after ``peek()``).
    private func unexpected(expected: String) -> YAMLFailure {
        let token = scanner.tokens[scanner.head]
        return YAMLFailure(.unexpected(found: token.shownName, expected: expected), at: token.start.index)
    }

    private func emptyScalar(at mark: Mark) -> Event {
        Event(kind: .scalar(.slice(start: mark.index, end: mark.index), .plain), start: mark, end: mark)
    }

    // MARK: - Events

    /// The next event.
    mutating func next() throws(YAMLFailure) -> Event {
        switch state {
        case .streamStart:
            _ = try peek()
            let start = tokenStart
            skip()
            state = .implicitDocumentStart
            return Event(kind: .streamStart, start: start, end: start)
        case .implicitDocumentStart: return try documentStart(isImplicit: true)
        case .documentStart: return try documentStart(isImplicit: false)
        case .documentContent: return try documentContent()
        case .documentEnd: return try documentEnd()
        case .blockNode: return try parseNode(isBlock: true, allowsIndentlessSequence: false)
        case .blockSequenceFirstEntry: return try blockSequenceEntry(isFirst: true)
        case .blockSequenceEntry: return try blockSequenceEntry(isFirst: false)
        case .indentlessSequenceEntry: return try indentlessSequenceEntry()
        case .blockMappingFirstKey: return try blockMappingKey(isFirst: true)
        case .blockMappingKey: return try blockMappingKey(isFirst: false)
        case .blockMappingValue: return try blockMappingValue()
        case .flowSequenceFirstEntry: return try flowSequenceEntry(isFirst: true)
        case .flowSequenceEntry: return try flowSequenceEntry(isFirst: false)
        case .flowSequenceEntryMappingKey: return try flowSequenceEntryMappingKey()
        case .flowSequenceEntryMappingValue: return try flowSequenceEntryMappingValue()
        case .flowSequenceEntryMappingEnd:
            _ = try peek()
            state = .flowSequenceEntry
            return Event(kind: .mappingEnd, start: tokenStart, end: tokenStart)
        case .flowMappingFirstKey: return try flowMappingKey(isFirst: true)
        case .flowMappingKey: return try flowMappingKey(isFirst: false)
        case .flowMappingValue: return try flowMappingValue(isEmpty: false)
        case .flowMappingEmptyValue: return try flowMappingValue(isEmpty: true)
        case .end:
            let mark = scanner.mark
            return Event(kind: .streamEnd, start: mark, end: mark)
        }
    }

    private mutating func documentStart(isImplicit: Bool) throws(YAMLFailure) -> Event {
        var kind = try peek()
        while kind == .documentEnd {
            skip()
            kind = try peek()
        }
        if kind == .streamEnd {
            let start = tokenStart
            skip()
            state = .end
            return Event(kind: .streamEnd, start: start, end: start)
        }
        let isDirective = kind == .versionDirective || kind == .tagDirective || kind == .reservedDirective
        if isImplicit && !isDirective && kind != .documentStart {
            tagDirectives = [:]
            states.append(.documentEnd)
            state = .blockNode
            return Event(kind: .documentStart(isExplicit: false), start: tokenStart, end: tokenStart)
        }
        try processDirectives()
        guard try peek() == .documentStart else {
            throw unexpected(expected: isDirective ? "'---' after the directives" : "'---' or the end of the input")
        }
        let start = tokenStart
        let end = tokenEnd
        skip()
        states.append(.documentEnd)
        state = .documentContent
        return Event(kind: .documentStart(isExplicit: true), start: start, end: end)
    }

    private mutating func processDirectives() throws(YAMLFailure) {
        var sawVersion = false
        tagDirectives = [:]
        while true {
            let kind = try peek()
            let offset = tokenStart.index
            switch tokenPayload {
            case .version(let major, let minor):
                guard !sawVersion else {
                    throw YAMLFailure(.invalidDirective("a document can have only one %YAML directive"), at: offset)
                }
                guard major == 1 else {
                    throw YAMLFailure(.unsupportedVersion("\(major).\(minor)"), at: offset)
                }
                if minor > 2 {
                    warnings.append(("YAML \(major).\(minor) is read as YAML 1.2", offset))
                }
                sawVersion = true
            case .tagDirective(let handle, let prefix):
                guard tagDirectives[handle] == nil else {
                    throw YAMLFailure(.invalidDirective("a second %TAG directive for '\(handle)'"), at: offset)
                }
                tagDirectives[handle] = prefix
            default:
                guard kind == .reservedDirective else { return }
            }
            skip()
        }
    }

    private mutating func documentContent() throws(YAMLFailure) -> Event {
        switch try peek() {
        case .versionDirective, .tagDirective, .reservedDirective, .documentStart, .documentEnd, .streamEnd:
            popState()
            return emptyScalar(at: tokenStart)
        default:
            return try parseNode(isBlock: true, allowsIndentlessSequence: false)
        }
    }

    private mutating func documentEnd() throws(YAMLFailure) -> Event {
        let kind = try peek()
        let start = tokenStart
        var end = start
        var isExplicit = false
        if kind == .documentEnd {
            isExplicit = true
            end = tokenEnd
            skip()
            state = .implicitDocumentStart
        } else {
            if kind == .versionDirective || kind == .tagDirective || kind == .reservedDirective {
                throw unexpected(expected: "'...' before a directive")
            }
            if kind != .documentStart && kind != .streamEnd {
                throw unexpected(expected: "the end of the document")
            }
            state = .documentStart
        }
        return Event(kind: .documentEnd(isExplicit: isExplicit), start: start, end: end)
    }

    private func resolveTag(handle: String, suffix: String, at offset: Int) throws(YAMLFailure) -> String {
        if handle.isEmpty { return suffix }
        if let prefix = tagDirectives[handle] { return prefix + suffix }
        if handle == "!!" { return "tag:yaml.org,2002:" + suffix }
        if handle == "!" { return "!" + suffix }
        throw YAMLFailure(.undeclaredTagHandle(handle), at: offset)
    }

    private mutating func parseNode(isBlock: Bool, allowsIndentlessSequence: Bool) throws(YAMLFailure) -> Event {
        var kind = try peek()
        if kind == .alias, case .name(let name) = tokenPayload {
            let start = tokenStart
            let end = tokenEnd
            popState()
            skip()
            return Event(kind: .alias(name), start: start, end: end)
        }
        var anchor: String?
        var tag: String?
        var start = tokenStart
        var hasProperties = false
        var propertiesEnd = start
        while kind == .anchor || kind == .tag {
            if kind == .anchor && anchor == nil, case .name(let name) = tokenPayload {
                anchor = name
            } else if kind == .tag && tag == nil, case .tag(let handle, let suffix) = tokenPayload {
                tag = try resolveTag(handle: handle, suffix: suffix, at: tokenStart.index)
            } else {
                break
            }
            if !hasProperties {
                start = tokenStart
                hasProperties = true
            }
            propertiesEnd = tokenEnd
            skip()
            kind = try peek()
        }
        switch kind {
        case .blockEntry where allowsIndentlessSequence:
            state = .indentlessSequenceEntry
            return Event(kind: .sequenceStart(isFlow: false), start: start, end: tokenStart, anchor: anchor, tag: tag)
        case .scalar:
            guard case .scalar(let text, let style) = tokenPayload else { break }
            let end = tokenEnd
            popState()
            skip()
            return Event(kind: .scalar(text, style), start: start, end: end, anchor: anchor, tag: tag)
        case .flowSequenceStart:
            state = .flowSequenceFirstEntry
            return Event(kind: .sequenceStart(isFlow: true), start: start, end: tokenEnd, anchor: anchor, tag: tag)
        case .flowMappingStart:
            state = .flowMappingFirstKey
            return Event(kind: .mappingStart(isFlow: true), start: start, end: tokenEnd, anchor: anchor, tag: tag)
        case .blockSequenceStart where isBlock:
            state = .blockSequenceFirstEntry
            return Event(kind: .sequenceStart(isFlow: false), start: start, end: tokenStart, anchor: anchor, tag: tag)
        case .blockMappingStart where isBlock:
            state = .blockMappingFirstKey
            return Event(kind: .mappingStart(isFlow: false), start: start, end: tokenStart, anchor: anchor, tag: tag)
        default:
            break
        }
        if hasProperties {
            popState()
            var event = emptyScalar(at: propertiesEnd)
            event.start = start
            event.anchor = anchor
            event.tag = tag
            return event
        }
        throw unexpected(expected: "a node")
    }

    // MARK: - Block collections

    private mutating func blockSequenceEntry(isFirst: Bool) throws(YAMLFailure) -> Event {
        if isFirst { skip() }
        switch try peek() {
        case .blockEntry:
            let end = tokenEnd
            skip()
            let next = try peek()
            if next == .blockEntry || next == .blockEnd {
                state = .blockSequenceEntry
                return emptyScalar(at: end)
            }
            states.append(.blockSequenceEntry)
            return try parseNode(isBlock: true, allowsIndentlessSequence: false)
        case .blockEnd:
            let start = tokenStart
            popState()
            skip()
            return Event(kind: .sequenceEnd, start: start, end: start)
        default:
            throw unexpected(expected: "'-' or the end of the sequence")
        }
    }

    private mutating func indentlessSequenceEntry() throws(YAMLFailure) -> Event {
        guard try peek() == .blockEntry else {
            popState()
            return Event(kind: .sequenceEnd, start: tokenStart, end: tokenStart)
        }
        let end = tokenEnd
        skip()
        switch try peek() {
        case .blockEntry, .key, .value, .blockEnd:
            state = .indentlessSequenceEntry
            return emptyScalar(at: end)
        default:
            states.append(.indentlessSequenceEntry)
            return try parseNode(isBlock: true, allowsIndentlessSequence: false)
        }
    }

    private mutating func blockMappingKey(isFirst: Bool) throws(YAMLFailure) -> Event {
        if isFirst { skip() }
        switch try peek() {
        case .key:
            let end = tokenEnd
            skip()
            switch try peek() {
            case .key, .value, .blockEnd:
                state = .blockMappingValue
                return emptyScalar(at: end)
            default:
                states.append(.blockMappingValue)
                return try parseNode(isBlock: true, allowsIndentlessSequence: true)
            }
        case .value:
            state = .blockMappingValue
            return emptyScalar(at: tokenStart)
        case .blockEnd:
            let start = tokenStart
            popState()
            skip()
            return Event(kind: .mappingEnd, start: start, end: start)
        default:
            throw unexpected(expected: "a mapping key")
        }
    }

    private mutating func blockMappingValue() throws(YAMLFailure) -> Event {
        guard try peek() == .value else {
            state = .blockMappingKey
            return emptyScalar(at: tokenStart)
        }
        let end = tokenEnd
        skip()
        switch try peek() {
        case .key, .value, .blockEnd:
            state = .blockMappingKey
            return emptyScalar(at: end)
        default:
            states.append(.blockMappingKey)
            return try parseNode(isBlock: true, allowsIndentlessSequence: true)
        }
    }

    // MARK: - Flow collections

    private mutating func flowSequenceEntry(isFirst: Bool) throws(YAMLFailure) -> Event {
        if isFirst { skip() }
        var kind = try peek()
        if kind != .flowSequenceEnd {
            if !isFirst {
                guard kind == .flowEntry else {
                    throw unexpected(expected: "',' or ']'")
                }
                skip()
                kind = try peek()
            }
            switch kind {
            case .key:
                let start = tokenStart
                skip()
                state = .flowSequenceEntryMappingKey
                return Event(kind: .mappingStart(isFlow: true), start: start, end: start)
            case .value:
                state = .flowSequenceEntryMappingKey
                return Event(kind: .mappingStart(isFlow: true), start: tokenStart, end: tokenStart)
            case .flowSequenceEnd:
                break
            default:
                states.append(.flowSequenceEntry)
                return try parseNode(isBlock: false, allowsIndentlessSequence: false)
            }
        }
        let start = tokenStart
        let end = tokenEnd
        popState()
        skip()
        return Event(kind: .sequenceEnd, start: start, end: end)
    }

    private mutating func flowSequenceEntryMappingKey() throws(YAMLFailure) -> Event {
        switch try peek() {
        case .value, .flowEntry, .flowSequenceEnd:
            state = .flowSequenceEntryMappingValue
            return emptyScalar(at: tokenStart)
        default:
            states.append(.flowSequenceEntryMappingValue)
            return try parseNode(isBlock: false, allowsIndentlessSequence: false)
        }
    }

    private mutating func flowSequenceEntryMappingValue() throws(YAMLFailure) -> Event {
        guard try peek() == .value else {
            state = .flowSequenceEntryMappingEnd
            return emptyScalar(at: tokenStart)
        }
        let end = tokenEnd
        skip()
        let next = try peek()
        if next == .flowEntry || next == .flowSequenceEnd {
            state = .flowSequenceEntryMappingEnd
            return emptyScalar(at: end)
        }
        states.append(.flowSequenceEntryMappingEnd)
        return try parseNode(isBlock: false, allowsIndentlessSequence: false)
    }

    private mutating func flowMappingKey(isFirst: Bool) throws(YAMLFailure) -> Event {
        if isFirst { skip() }
        var kind = try peek()
        if kind != .flowMappingEnd {
            if !isFirst {
                guard kind == .flowEntry else {
                    throw unexpected(expected: "',' or '}'")
                }
                skip()
                kind = try peek()
            }
            switch kind {
            case .key:
                let end = tokenEnd
                skip()
                switch try peek() {
                case .value, .flowEntry, .flowMappingEnd:
                    state = .flowMappingValue
                    return emptyScalar(at: end)
                default:
                    states.append(.flowMappingValue)
                    return try parseNode(isBlock: false, allowsIndentlessSequence: false)
                }
            case .value:
                state = .flowMappingValue
                return emptyScalar(at: tokenStart)
            case .flowMappingEnd:
                break
            default:
                states.append(.flowMappingEmptyValue)
                return try parseNode(isBlock: false, allowsIndentlessSequence: false)
            }
        }
        let start = tokenStart
        let end = tokenEnd
        popState()
        skip()
        return Event(kind: .mappingEnd, start: start, end: end)
    }

    private mutating func flowMappingValue(isEmpty: Bool) throws(YAMLFailure) -> Event {
        let kind = try peek()
        if isEmpty {
            state = .flowMappingKey
            return emptyScalar(at: tokenStart)
        }
        if kind == .value {
            let end = tokenEnd
            skip()
            let next = try peek()
            if next != .flowEntry && next != .flowMappingEnd {
                states.append(.flowMappingKey)
                return try parseNode(isBlock: false, allowsIndentlessSequence: false)
            }
            state = .flowMappingKey
            return emptyScalar(at: end)
        }
        state = .flowMappingKey
        return emptyScalar(at: tokenStart)
    }
}
