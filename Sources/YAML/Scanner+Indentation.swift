// Block indentation levels.
extension Scanner {
    /// Opens a block collection at `column` when it is deeper than the current indentation.
    mutating func rollIndent(
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
        if let number {
            // Only a block mapping starts at an implicit key, which is already in the queue.
            tokens[head + number - tokensParsed].prefix |= Token.blockMappingStartPrefix
        } else {
            tokens.append(Token(kind: kind, start: mark, end: mark))
        }
    }

    /// Block collections are indented by spaces only: a tab in the white space before one is an error.
    func checkNoTabBefore(_ mark: Mark) throws(YAMLFailure) {
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
    mutating func rollOneColumnIndent() {
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
}
