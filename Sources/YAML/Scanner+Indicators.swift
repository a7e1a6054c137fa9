// Indicators, document markers and node properties.
extension Scanner {
    // MARK: - Stream, directives, documents

    mutating func fetchStreamStart() {
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

    mutating func fetchStreamEnd() throws(YAMLFailure) {
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

    mutating func fetchDocumentIndicator(_ kind: Token.Kind) throws(YAMLFailure) {
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

    mutating func fetchFlowCollectionStart(isMapping: Bool) throws(YAMLFailure) {
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

    mutating func fetchFlowCollectionEnd(isMapping: Bool) throws(YAMLFailure) {
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

    mutating func fetchFlowEntry() throws(YAMLFailure) {
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

    mutating func fetchBlockEntry() throws(YAMLFailure) {
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

    mutating func fetchKey() throws(YAMLFailure) {
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

    mutating func fetchValue() throws(YAMLFailure) {
        let last = simpleKeys.count - 1
        let key = simpleKeys[last]
        let start = mark
        if key.possible {
            tokens[head + key.tokenNumber - tokensParsed].prefix |= Token.keyPrefix
            try rollIndent(key.mark.column, number: key.tokenNumber, kind: .blockMappingStart, mark: key.mark)
            rollOneColumnIndent()
            simpleKeys[last].possible = false
            simpleKeyAllowed = false
        } else {
            // A `:` right after a key that went stale: say why it cannot be a key.
            if key.staleReason != 0 && (flowLevel == 0 ? !simpleKeyAllowed : !(flowStack.last?.isMapping ?? true)) {
                let reason: YAMLError.Reason = key.staleReason == 1 ? .implicitKeyAcrossLines : .implicitKeyTooLong
                throw YAMLFailure(reason, at: key.mark.index)
            }
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

    mutating func fetchAnchor(isAlias: Bool) throws(YAMLFailure) {
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

    mutating func fetchBlockScalar(isLiteral: Bool) throws(YAMLFailure) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        let token = try scanBlockScalar(isLiteral: isLiteral)
        tokens.append(token)
    }

    mutating func fetchQuotedScalar(isSingle: Bool) throws(YAMLFailure) {
        saveSimpleKey()
        simpleKeyAllowed = false
        let token = try scanQuotedScalar(isSingle: isSingle)
        // A JSON-like key lets the `:` of a flow mapping follow it without a space.
        try skipToNextToken()
        adjacentValueAllowedAt = index
        tokens.append(token)
    }

    mutating func fetchPlainScalar() throws(YAMLFailure) {
        saveSimpleKey()
        simpleKeyAllowed = false
        let token = try scanPlainScalar()
        tokens.append(token)
    }
}
