// Flow sequences and mappings, with implicit single-pair mappings in sequences.
extension Parser {
    mutating func flowSequenceEntry(isFirst: Bool) throws(YAMLFailure) -> Event {
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

    mutating func flowSequenceEntryMappingKey() throws(YAMLFailure) -> Event {
        switch try peek() {
        case .value, .flowEntry, .flowSequenceEnd:
            state = .flowSequenceEntryMappingValue
            return emptyScalar(at: tokenStart)
        default:
            states.append(.flowSequenceEntryMappingValue)
            return try parseNode(isBlock: false, allowsIndentlessSequence: false)
        }
    }

    mutating func flowSequenceEntryMappingValue() throws(YAMLFailure) -> Event {
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

    mutating func flowMappingKey(isFirst: Bool) throws(YAMLFailure) -> Event {
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

    mutating func flowMappingValue(isEmpty: Bool) throws(YAMLFailure) -> Event {
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
