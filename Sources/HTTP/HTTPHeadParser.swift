import Glibc

/// Finds the end of a message head and parses its field lines (RFC 9112 §2 and §5), shared by the server's request
/// parser and the client's response parser.
package enum HTTPHeadParser {
    /// The outcome of looking for the blank line that ends a head.
    package enum Scan: Equatable {
        /// The head ends `length` bytes in, blank line included.
        case complete(length: Int)
        /// No blank line yet; scanning can resume from `resumeAt` when more bytes arrive.
        case incomplete(resumeAt: Int)
        /// A line feed without its carriage return at `offset`: RFC 9112 framing is broken.
        case bareLineFeed(offset: Int)
    }

    /// A field line that breaks RFC 9112 §5.
    package enum FieldError: Error, Equatable {
        /// A name with a byte that is not a token byte, whitespace before the colon, or no name at all.
        case invalidName(line: Int)
        /// A line without a colon.
        case missingColon(line: Int)
        /// A value with a control byte (CR, LF, NUL, …).
        case invalidValue(name: String)
        /// A line starting with whitespace: obsolete line folding.
        case obsoleteLineFolding(line: Int)
        /// More fields than allowed.
        case tooManyFields(limit: Int)

        /// One lower-case line.
        package var message: String {
            switch self {
            case .invalidName(let line): "invalid header field name on header line \(line)"
            case .missingColon(let line): "header line \(line) has no colon"
            case .invalidValue(let name): "header field '\(name)' has a control character in its value"
            case .obsoleteLineFolding(let line): "obsolete line folding on header line \(line)"
            case .tooManyFields(let limit): "more than \(limit) header fields"
            }
        }
    }

    /// Looks for CRLF CRLF in `bytes`, starting at `start` (a previous ``Scan/incomplete(resumeAt:)``).
    ///
    /// Every LF must follow a CR: a bare LF is reported at once, so a malformed head is rejected before it fills
    /// the header limit.
    package static func findEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Scan {
        guard let base = bytes.baseAddress else { return .incomplete(resumeAt: 0) }
        var index = start
        while index < bytes.count {
            guard let found = memchr(base + index, 0x0A, bytes.count - index) else {
                return .incomplete(resumeAt: bytes.count)
            }
            let lineFeed = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            guard lineFeed > 0, bytes[lineFeed - 1] == 0x0D else { return .bareLineFeed(offset: lineFeed) }
            if lineFeed >= 3 && bytes[lineFeed - 2] == 0x0A {
                return .complete(length: lineFeed + 1)
            }
            index = lineFeed + 1
        }
        return .incomplete(resumeAt: bytes.count)
    }

    /// The offset of the first CR LF at or after `start`, or `nil`.
    package static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count,
            let found = memchr(base + start, 0x0A, bytes.count - start)
        else { return nil }
        let lineFeed = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        return lineFeed - 1
    }

    /// Parses the field lines of a complete head.
    ///
    /// - Parameters:
    ///   - head: The head, from the start line to the blank line, CR LF verified by ``findEnd(_:from:)``.
    ///   - start: Where the first field line starts (after the start line's CR LF).
    ///   - limit: The most fields allowed.
    /// - Returns: Each field's name and value range in `head`, value whitespace trimmed.
    /// - Throws: ``FieldError`` for the first malformed line.
    package static func parseFields(
        _ head: UnsafeBufferPointer<UInt8>,
        from start: Int,
        limit: Int
    ) throws(FieldError) -> [HTTPHeaders.FieldRange] {
        var ranges: [HTTPHeaders.FieldRange] = []
        var lineStart = start
        var lineNumber = 1
        let end = head.count - 2  // the blank line's CR
        while lineStart < end {
            // findEnd verified that every LF follows a CR, so the next LF ends this line.
            var lineEnd = lineStart
            while head[lineEnd] != 0x0A {
                lineEnd += 1
            }
            lineEnd -= 1  // the CR
            guard !HTTPSyntax.isWhitespace(head[lineStart]) else {
                throw .obsoleteLineFolding(line: lineNumber)
            }
            var colon = lineStart
            while colon < lineEnd && HTTPSyntax.isTokenByte(head[colon]) {
                colon += 1
            }
            guard colon < lineEnd else { throw .missingColon(line: lineNumber) }
            guard head[colon] == UInt8(ascii: ":"), colon > lineStart else { throw .invalidName(line: lineNumber) }
            var valueStart = colon + 1
            var valueEnd = lineEnd
            while valueStart < valueEnd && HTTPSyntax.isWhitespace(head[valueStart]) {
                valueStart += 1
            }
            while valueEnd > valueStart && HTTPSyntax.isWhitespace(head[valueEnd - 1]) {
                valueEnd -= 1
            }
            for index in valueStart..<valueEnd where !HTTPSyntax.isFieldValueByte(head[index]) {
                throw .invalidValue(
                    name: String(decoding: UnsafeBufferPointer(rebasing: head[lineStart..<colon]), as: UTF8.self)
                )
            }
            guard ranges.count < limit else { throw .tooManyFields(limit: limit) }
            ranges.append(
                HTTPHeaders.FieldRange(nameStart: lineStart, nameEnd: colon, valueStart: valueStart, valueEnd: valueEnd)
            )
            lineStart = lineEnd + 2
            lineNumber += 1
        }
        return ranges
    }
}
