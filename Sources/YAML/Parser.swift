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
    private var token: Token?
    private var state = State.streamStart
    private var states: [State] = []
    private var tagDirectives: [String: String] = [:]
    /// Warnings found while parsing (such as a newer `%YAML` version), with their offsets.
    var warnings: [(message: String, offset: Int)] = []

    init(scanner: Scanner) {
        self.scanner = scanner
    }

    // MARK: - Tokens

    @inline(__always)
    private mutating func peek() throws(YAMLFailure) -> Token {
        if let token { return token }
        let next = try scanner.nextToken()
        token = next
        return next
    }

    @inline(__always)
    private mutating func skip() {
        token = nil
    }

    private mutating func popState() {
        state = states.popLast() ?? .end
    }

    private func unexpected(_ token: Token, expected: String) -> YAMLFailure {
        YAMLFailure(.unexpected(found: token.shownName, expected: expected), at: token.start.index)
    }

    private func emptyScalar(at mark: Mark) -> Event {
        Event(kind: .scalar(.slice(start: mark.index, end: mark.index), .plain), start: mark, end: mark)
    }

    // MARK: - Events

    /// The next event.
    mutating func next() throws(YAMLFailure) -> Event {
        switch state {
        case .streamStart:
            let token = try peek()
            skip()
            state = .implicitDocumentStart
            return Event(kind: .streamStart, start: token.start, end: token.end)
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
            let token = try peek()
            state = .flowSequenceEntry
            return Event(kind: .mappingEnd, start: token.start, end: token.start)
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
        var token = try peek()
        while token.kind == .documentEnd {
            skip()
            token = try peek()
        }
        if token.kind == .streamEnd {
            skip()
            state = .end
            return Event(kind: .streamEnd, start: token.start, end: token.end)
        }
        let isDirective =
            token.kind == .versionDirective || token.kind == .tagDirective || token.kind == .reservedDirective
        if isImplicit && !isDirective && token.kind != .documentStart {
            tagDirectives = [:]
            states.append(.documentEnd)
            state = .blockNode
            return Event(kind: .documentStart(isExplicit: false), start: token.start, end: token.start)
        }
        try processDirectives()
        token = try peek()
        guard token.kind == .documentStart else {
            throw unexpected(
                token,
                expected: isDirective ? "'---' after the directives" : "'---' or the end of the input"
            )
        }
        skip()
        states.append(.documentEnd)
        state = .documentContent
        return Event(kind: .documentStart(isExplicit: true), start: token.start, end: token.end)
    }

    private mutating func processDirectives() throws(YAMLFailure) {
        var sawVersion = false
        tagDirectives = [:]
        while true {
            let token = try peek()
            switch token.payload {
            case .version(let major, let minor):
                guard !sawVersion else {
                    throw YAMLFailure(
                        .invalidDirective("a document can have only one %YAML directive"),
                        at: token.start.index
                    )
                }
                guard major == 1 else {
                    throw YAMLFailure(.unsupportedVersion("\(major).\(minor)"), at: token.start.index)
                }
                if minor > 2 {
                    warnings.append(("YAML \(major).\(minor) is read as YAML 1.2", token.start.index))
                }
                sawVersion = true
            case .tagDirective(let handle, let prefix):
                guard tagDirectives[handle] == nil else {
                    throw YAMLFailure(
                        .invalidDirective("a second %TAG directive for '\(handle)'"),
                        at: token.start.index
                    )
                }
                tagDirectives[handle] = prefix
            default:
                guard token.kind == .reservedDirective else { return }
            }
            skip()
        }
    }

    private mutating func documentContent() throws(YAMLFailure) -> Event {
        let token = try peek()
        switch token.kind {
        case .versionDirective, .tagDirective, .reservedDirective, .documentStart, .documentEnd, .streamEnd:
            popState()
            return emptyScalar(at: token.start)
        default:
            return try parseNode(isBlock: true, allowsIndentlessSequence: false)
        }
    }

    private mutating func documentEnd() throws(YAMLFailure) -> Event {
        let token = try peek()
        var isExplicit = false
        if token.kind == .documentEnd {
            isExplicit = true
            skip()
            state = .implicitDocumentStart
        } else {
            if token.kind == .versionDirective || token.kind == .tagDirective || token.kind == .reservedDirective {
                throw unexpected(token, expected: "'...' before a directive")
            }
            if token.kind != .documentStart && token.kind != .streamEnd {
                throw unexpected(token, expected: "the end of the document")
            }
            state = .documentStart
        }
        return Event(
            kind: .documentEnd(isExplicit: isExplicit),
            start: token.start,
            end: isExplicit ? token.end : token.start
        )
    }

    private func resolveTag(handle: String, suffix: String, at offset: Int) throws(YAMLFailure) -> String {
        if handle.isEmpty { return suffix }
        if let prefix = tagDirectives[handle] { return prefix + suffix }
        if handle == "!!" { return "tag:yaml.org,2002:" + suffix }
        if handle == "!" { return "!" + suffix }
        throw YAMLFailure(.undeclaredTagHandle(handle), at: offset)
    }

    private mutating func parseNode(isBlock: Bool, allowsIndentlessSequence: Bool) throws(YAMLFailure) -> Event {
        var token = try peek()
        if token.kind == .alias, case .name(let name) = token.payload {
            popState()
            skip()
            return Event(kind: .alias(name), start: token.start, end: token.end)
        }
        var anchor: String?
        var tag: String?
        var start = token.start
        var hasProperties = false
        var propertiesEnd = token.start
        for _ in 0..<2 {
            if anchor == nil, case .name(let name) = token.payload, token.kind == .anchor {
                anchor = name
            } else if tag == nil, case .tag(let handle, let suffix) = token.payload {
                tag = try resolveTag(handle: handle, suffix: suffix, at: token.start.index)
            } else {
                break
            }
            if !hasProperties {
                start = token.start
                hasProperties = true
            }
            propertiesEnd = token.end
            skip()
            token = try peek()
        }
        switch token.kind {
        case .blockEntry where allowsIndentlessSequence:
            state = .indentlessSequenceEntry
            return Event(kind: .sequenceStart(isFlow: false), start: start, end: token.start, anchor: anchor, tag: tag)
        case .scalar:
            guard case .scalar(let text, let style) = token.payload else { break }
            popState()
            skip()
            return Event(kind: .scalar(text, style), start: start, end: token.end, anchor: anchor, tag: tag)
        case .flowSequenceStart:
            state = .flowSequenceFirstEntry
            return Event(kind: .sequenceStart(isFlow: true), start: start, end: token.end, anchor: anchor, tag: tag)
        case .flowMappingStart:
            state = .flowMappingFirstKey
            return Event(kind: .mappingStart(isFlow: true), start: start, end: token.end, anchor: anchor, tag: tag)
        case .blockSequenceStart where isBlock:
            state = .blockSequenceFirstEntry
            return Event(kind: .sequenceStart(isFlow: false), start: start, end: token.start, anchor: anchor, tag: tag)
        case .blockMappingStart where isBlock:
            state = .blockMappingFirstKey
            return Event(kind: .mappingStart(isFlow: false), start: start, end: token.start, anchor: anchor, tag: tag)
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
        throw unexpected(token, expected: "a node")
    }

    // MARK: - Block collections

    private mutating func blockSequenceEntry(isFirst: Bool) throws(YAMLFailure) -> Event {
        if isFirst { skip() }
        let token = try peek()
        switch token.kind {
        case .blockEntry:
            skip()
            let next = try peek()
            if next.kind == .blockEntry || next.kind == .blockEnd {
                state = .blockSequenceEntry
                return emptyScalar(at: token.end)
            }
            states.append(.blockSequenceEntry)
            return try parseNode(isBlock: true, allowsIndentlessSequence: false)
        case .blockEnd:
            popState()
            skip()
            return Event(kind: .sequenceEnd, start: token.start, end: token.start)
        default:
            throw unexpected(token, expected: "'-' or the end of the sequence")
        }
    }

    private mutating func indentlessSequenceEntry() throws(YAMLFailure) -> Event {
        let token = try peek()
        guard token.kind == .blockEntry else {
            popState()
            return Event(kind: .sequenceEnd, start: token.start, end: token.start)
        }
        skip()
        let next = try peek()
        switch next.kind {
        case .blockEntry, .key, .value, .blockEnd:
            state = .indentlessSequenceEntry
            return emptyScalar(at: token.end)
        default:
            states.append(.indentlessSequenceEntry)
            return try parseNode(isBlock: true, allowsIndentlessSequence: false)
        }
    }

    private mutating func blockMappingKey(isFirst: Bool) throws(YAMLFailure) -> Event {
        if isFirst { skip() }
        let token = try peek()
        switch token.kind {
        case .key:
            skip()
            let next = try peek()
            switch next.kind {
            case .key, .value, .blockEnd:
                state = .blockMappingValue
                return emptyScalar(at: token.end)
            default:
                states.append(.blockMappingValue)
                return try parseNode(isBlock: true, allowsIndentlessSequence: true)
            }
        case .value:
            state = .blockMappingValue
            return emptyScalar(at: token.start)
        case .blockEnd:
            popState()
            skip()
            return Event(kind: .mappingEnd, start: token.start, end: token.start)
        default:
            throw unexpected(token, expected: "a mapping key")
        }
    }

    private mutating func blockMappingValue() throws(YAMLFailure) -> Event {
        let token = try peek()
        guard token.kind == .value else {
            state = .blockMappingKey
            return emptyScalar(at: token.start)
        }
        skip()
        let next = try peek()
        switch next.kind {
        case .key, .value, .blockEnd:
            state = .blockMappingKey
            return emptyScalar(at: token.end)
        default:
            states.append(.blockMappingKey)
            return try parseNode(isBlock: true, allowsIndentlessSequence: true)
        }
    }

    // MARK: - Flow collections

    private mutating func flowSequenceEntry(isFirst: Bool) throws(YAMLFailure) -> Event {
        if isFirst { skip() }
        var token = try peek()
        if token.kind != .flowSequenceEnd {
            if !isFirst {
                guard token.kind == .flowEntry else {
                    throw unexpected(token, expected: "',' or ']'")
                }
                skip()
                token = try peek()
            }
            switch token.kind {
            case .key:
                skip()
                state = .flowSequenceEntryMappingKey
                return Event(kind: .mappingStart(isFlow: true), start: token.start, end: token.start)
            case .value:
                state = .flowSequenceEntryMappingKey
                return Event(kind: .mappingStart(isFlow: true), start: token.start, end: token.start)
            case .flowSequenceEnd:
                break
            default:
                states.append(.flowSequenceEntry)
                return try parseNode(isBlock: false, allowsIndentlessSequence: false)
            }
        }
        popState()
        skip()
        return Event(kind: .sequenceEnd, start: token.start, end: token.end)
    }

    private mutating func flowSequenceEntryMappingKey() throws(YAMLFailure) -> Event {
        let token = try peek()
        switch token.kind {
        case .value, .flowEntry, .flowSequenceEnd:
            state = .flowSequenceEntryMappingValue
            return emptyScalar(at: token.start)
        default:
            states.append(.flowSequenceEntryMappingValue)
            return try parseNode(isBlock: false, allowsIndentlessSequence: false)
        }
    }

    private mutating func flowSequenceEntryMappingValue() throws(YAMLFailure) -> Event {
        let token = try peek()
        guard token.kind == .value else {
            state = .flowSequenceEntryMappingEnd
            return emptyScalar(at: token.start)
        }
        skip()
        let next = try peek()
        if next.kind == .flowEntry || next.kind == .flowSequenceEnd {
            state = .flowSequenceEntryMappingEnd
            return emptyScalar(at: token.end)
        }
        states.append(.flowSequenceEntryMappingEnd)
        return try parseNode(isBlock: false, allowsIndentlessSequence: false)
    }

    private mutating func flowMappingKey(isFirst: Bool) throws(YAMLFailure) -> Event {
        if isFirst { skip() }
        var token = try peek()
        if token.kind != .flowMappingEnd {
            if !isFirst {
                guard token.kind == .flowEntry else {
                    throw unexpected(token, expected: "',' or '}'")
                }
                skip()
                token = try peek()
            }
            switch token.kind {
            case .key:
                skip()
                let next = try peek()
                switch next.kind {
                case .value, .flowEntry, .flowMappingEnd:
                    state = .flowMappingValue
                    return emptyScalar(at: token.end)
                default:
                    states.append(.flowMappingValue)
                    return try parseNode(isBlock: false, allowsIndentlessSequence: false)
                }
            case .value:
                state = .flowMappingValue
                return emptyScalar(at: token.start)
            case .flowMappingEnd:
                break
            default:
                states.append(.flowMappingEmptyValue)
                return try parseNode(isBlock: false, allowsIndentlessSequence: false)
            }
        }
        popState()
        skip()
        return Event(kind: .mappingEnd, start: token.start, end: token.end)
    }

    private mutating func flowMappingValue(isEmpty: Bool) throws(YAMLFailure) -> Event {
        let token = try peek()
        if isEmpty {
            state = .flowMappingKey
            return emptyScalar(at: token.start)
        }
        if token.kind == .value {
            skip()
            let next = try peek()
            if next.kind != .flowEntry && next.kind != .flowMappingEnd {
                states.append(.flowMappingKey)
                return try parseNode(isBlock: false, allowsIndentlessSequence: false)
            }
            state = .flowMappingKey
            return emptyScalar(at: token.end)
        }
        state = .flowMappingKey
        return emptyScalar(at: token.start)
    }
}
