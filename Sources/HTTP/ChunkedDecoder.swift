/// An incremental decoder for the chunked transfer coding (RFC 9112 §7.1), fed bytes as they arrive.
///
/// Chunk extensions are skipped, the trailer section is read and dropped, a bare LF or a missing CRLF after a
/// chunk's data is an error, and the decoded size is capped.
package struct ChunkedDecoder: Sendable {
    /// What stopped decoding.
    package enum Failure: Error, Equatable, Sendable {
        /// The coding is malformed; the text says where.
        case malformed(String)
        /// The decoded body would exceed the limit.
        case tooLarge(limit: Int)
    }

    /// Where decoding stands after a call to ``decode(_:into:)``.
    package enum Progress: Equatable {
        /// More bytes are needed.
        case needsMore
        /// The last chunk and the trailer section are complete.
        case done
    }

    private enum State: Sendable {
        case size(digits: Int, value: Int)
        case sizeWhitespace
        case extensionBytes
        case sizeLineFeed(value: Int)
        case data(remaining: Int)
        case dataCarriageReturn
        case dataLineFeed
        case trailerLineStart
        case trailerLine
        case trailerLineFeed(blank: Bool)
        case done
    }

    private var state = State.size(digits: 0, value: 0)
    private var decodedCount = 0
    private var controlBytes = 0
    private let limit: Int
    private let maxControlBytes: Int

    /// Creates a decoder.
    ///
    /// - Parameters:
    ///   - limit: The most decoded body bytes allowed.
    ///   - maxControlBytes: The most bytes of chunk extensions and trailers allowed together.
    package init(limit: Int, maxControlBytes: Int = 16 * 1024) {
        self.limit = limit
        self.maxControlBytes = maxControlBytes
    }

    /// Decodes from the start of `input`, appending chunk data to `body`.
    ///
    /// - Returns: How many bytes of `input` were consumed, and whether the body is complete. Bytes after the end
    ///   of the body are not consumed.
    /// - Throws: ``Failure`` when the coding is malformed or the body too large.
    package mutating func decode(
        _ input: UnsafeBufferPointer<UInt8>,
        into body: inout [UInt8]
    ) throws(Failure) -> (consumed: Int, progress: Progress) {
        var index = 0
        while index < input.count {
            let byte = input[index]
            switch state {
            case .done:
                return (index, .done)
            case .data(let remaining):
                let take = min(remaining, input.count - index)
                body.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<(index + take)]))
                index += take
                state = remaining == take ? .dataCarriageReturn : .data(remaining: remaining - take)
                continue
            case .size(let digits, let value):
                if let digit = HTTPSyntax.hexValue(byte) {
                    guard digits < 16 else { throw .malformed("chunk size has more than 16 digits") }
                    guard value <= (Int.max >> 4) else { throw .tooLarge(limit: limit) }
                    state = .size(digits: digits + 1, value: value << 4 | digit)
                } else if digits == 0 {
                    throw .malformed("chunk size is not a hex number")
                } else if byte == 0x0D {
                    state = .sizeLineFeed(value: value)
                } else if byte == UInt8(ascii: ";") {
                    state = .extensionBytes
                    pendingSize = value
                } else if HTTPSyntax.isWhitespace(byte) {
                    state = .sizeWhitespace
                    pendingSize = value
                } else {
                    throw .malformed("invalid byte after chunk size")
                }
            case .sizeWhitespace:
                try countControlByte()
                if byte == UInt8(ascii: ";") {
                    state = .extensionBytes
                } else if !HTTPSyntax.isWhitespace(byte) {
                    throw .malformed("whitespace after chunk size without an extension")
                }
            case .extensionBytes:
                try countControlByte()
                if byte == 0x0D {
                    state = .sizeLineFeed(value: pendingSize)
                } else if !HTTPSyntax.isFieldValueByte(byte) {
                    throw .malformed("control character in chunk extension")
                }
            case .sizeLineFeed(let value):
                guard byte == 0x0A else { throw .malformed("chunk size line does not end with CRLF") }
                if value == 0 {
                    state = .trailerLineStart
                } else {
                    guard value <= limit - decodedCount else { throw .tooLarge(limit: limit) }
                    decodedCount += value
                    state = .data(remaining: value)
                }
            case .dataCarriageReturn:
                guard byte == 0x0D else { throw .malformed("chunk data is not followed by CRLF") }
                state = .dataLineFeed
            case .dataLineFeed:
                guard byte == 0x0A else { throw .malformed("chunk data is not followed by CRLF") }
                state = .size(digits: 0, value: 0)
            case .trailerLineStart:
                try countControlByte()
                if byte == 0x0D {
                    state = .trailerLineFeed(blank: true)
                } else if HTTPSyntax.isFieldValueByte(byte) {
                    state = .trailerLine
                } else {
                    throw .malformed("control character in trailer section")
                }
            case .trailerLine:
                try countControlByte()
                if byte == 0x0D {
                    state = .trailerLineFeed(blank: false)
                } else if !HTTPSyntax.isFieldValueByte(byte) {
                    throw .malformed("control character in trailer section")
                }
            case .trailerLineFeed(let blank):
                try countControlByte()
                guard byte == 0x0A else { throw .malformed("trailer line does not end with CRLF") }
                if blank {
                    state = .done
                    return (index + 1, .done)
                }
                state = .trailerLineStart
            }
            index += 1
        }
        if case .done = state {
            return (index, .done)
        }
        return (index, .needsMore)
    }

    private var pendingSize = 0

    private mutating func countControlByte() throws(Failure) {
        controlBytes += 1
        if controlBytes > maxControlBytes {
            throw .malformed("chunk extensions and trailers exceed \(maxControlBytes) bytes")
        }
    }
}
