import Diagnostics

/// A strict JSON (RFC 8259) parser that works on UTF-8 bytes.
///
/// It rejects what RFC 8259 does not allow: invalid UTF-8, lone surrogate escapes, raw control characters in
/// strings, leading zeros, trailing commas, trailing data. Duplicate keys are an error unless allowed, and nesting
/// is limited instead of overflowing the stack. A leading UTF-8 byte order mark is skipped, as RFC 8259 permits.
/// Errors carry the byte offset and the line and column of the offending byte.
public enum JSONParser {
    /// Choices that change what the parser accepts.
    public struct Options: Sendable {
        /// Whether a repeated key is allowed; the last value wins in place of the first.
        public var allowsDuplicateKeys: Bool
        /// The deepest nesting of arrays and objects accepted.
        public var maximumDepth: Int

        /// Creates options; the defaults are strict: no duplicate keys, depth 512.
        ///
        /// - Parameters:
        ///   - allowsDuplicateKeys: Whether a repeated key is allowed.
        ///   - maximumDepth: The deepest nesting accepted.
        public init(allowsDuplicateKeys: Bool = false, maximumDepth: Int = 512) {
            self.allowsDuplicateKeys = allowsDuplicateKeys
            self.maximumDepth = maximumDepth
        }
    }

    /// Parses one JSON value from UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - bytes: The document.
    ///   - path: The path shown in error locations.
    ///   - options: What to accept.
    /// - Returns: The value.
    /// - Throws: ``JSONError`` at the first problem.
    public static func parse(
        _ bytes: [UInt8],
        path: String = "<input>",
        options: Options = Options()
    ) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, ParseFailure> = bytes.withUnsafeBufferPointer { buffer in
            var parser = ByteParser(bytes: buffer, options: options)
            do throws(ParseFailure) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let value):
            return value
        case .failure(let failure):
            var reason = failure.reason
            if case .duplicateKey(let key, _) = reason, let first = failure.relatedOffset {
                reason = .duplicateKey(key, firstAt: SourceText.location(ofOffset: first, in: bytes, path: path))
            }
            throw JSONError(
                reason: reason,
                offset: failure.offset,
                location: SourceText.location(ofOffset: failure.offset, in: bytes, path: path)
            )
        }
    }

    /// Parses one JSON value from a string.
    ///
    /// - Parameters:
    ///   - text: The document.
    ///   - path: The path shown in error locations.
    ///   - options: What to accept.
    /// - Returns: The value.
    /// - Throws: ``JSONError`` at the first problem.
    public static func parse(
        _ text: String,
        path: String = "<input>",
        options: Options = Options()
    ) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8), path: path, options: options)
    }
}

/// A parse error before its offset is turned into a line and column.
struct ParseFailure: Error {
    var reason: JSONError.Reason
    var offset: Int
    var relatedOffset: Int?
}

private enum Byte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let lowerE = UInt8(ascii: "e")
    static let upperE = UInt8(ascii: "E")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
}

/// The parser's state over one buffer.
private struct ByteParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let options: JSONParser.Options
    var position = 0
    var depth = 0
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, options: JSONParser.Options) {
        self.bytes = bytes
        self.options = options
    }

    mutating func parseDocument() throws(ParseFailure) -> JSONValue {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            position = 3
        }
        let value = try parseValue()
        skipWhitespace()
        if position < bytes.count {
            throw ParseFailure(reason: .trailingData, offset: position)
        }
        return value
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == Byte.space || byte == Byte.newline || byte == Byte.carriageReturn || byte == Byte.tab else {
                return
            }
            position += 1
        }
    }

    func describe(_ offset: Int) -> String {
        let byte = bytes[offset]
        if byte >= 0x21 && byte < 0x7F {
            return "character '\(Character(Unicode.Scalar(byte)))'"
        }
        switch byte {
        case Byte.space: return "space"
        case Byte.tab: return "tab"
        case Byte.newline, Byte.carriageReturn: return "line break"
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
        }
    }

    func unexpected(_ expected: String) -> ParseFailure {
        if position >= bytes.count {
            return ParseFailure(reason: .unexpectedEnd(expected: expected), offset: position)
        }
        return ParseFailure(
            reason: .unexpectedCharacter(found: describe(position), expected: expected),
            offset: position
        )
    }

    mutating func parseValue() throws(ParseFailure) -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw unexpected("a value") }
        switch bytes[position] {
        case Byte.openBrace:
            return try parseObject()
        case Byte.openBracket:
            return try parseArray()
        case Byte.quote:
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case Byte.minus, Byte.zero...Byte.nine:
            return .number(try parseNumber())
        default:
            throw unexpected("a value")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(ParseFailure) {
        let utf8 = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for (index, expected) in utf8.enumerated() {
            guard position < bytes.count, bytes[position] == expected else {
                throw unexpected(index == 0 ? "a value" : "'\(literal)'")
            }
            position += 1
        }
    }

    mutating func enterContainer() throws(ParseFailure) {
        depth += 1
        if depth > options.maximumDepth {
            throw ParseFailure(reason: .tooDeep(limit: options.maximumDepth), offset: position)
        }
        position += 1
    }

    mutating func parseArray() throws(ParseFailure) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == Byte.closeBracket {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw unexpected("',' or ']'") }
            let byte = bytes[position]
            position += 1
            if byte == Byte.comma { continue }
            if byte == Byte.closeBracket { break }
            position -= 1
            throw unexpected("',' or ']'")
        }
        depth -= 1
        return .array(elements)
    }

    mutating func parseObject() throws(ParseFailure) -> JSONValue {
        let objectStart = position
        try enterContainer()
        var members: [JSONObject.Member] = []
        var index: [String: Int]? = nil
        skipWhitespace()
        if position < bytes.count && bytes[position] == Byte.closeBrace {
            position += 1
            depth -= 1
            return .object(JSONObject())
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == Byte.quote else {
                throw unexpected("a string key")
            }
            let keyOffset = position
            let key = try parseString()
            var existing: Int? = nil
            if let index {
                existing = index[key]
            } else {
                for position in members.indices where members[position].key == key {
                    existing = position
                    break
                }
            }
            if existing != nil && !options.allowsDuplicateKeys {
                throw ParseFailure(
                    reason: .duplicateKey(key, firstAt: FileLocation(path: "", line: 0, column: 0)),
                    offset: keyOffset,
                    relatedOffset: firstKeyOffset(objectStart: objectStart, key: key)
                )
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == Byte.colon else { throw unexpected("':'") }
            position += 1
            let value = try parseValue()
            if let existing {
                members[existing].value = value
            } else {
                members.append((key, value))
                if index != nil {
                    index?[key] = members.count - 1
                } else if members.count > JSONObject.indexThreshold {
                    var built = [String: Int](minimumCapacity: members.count * 2)
                    for (position, member) in members.enumerated() {
                        built[member.key] = position
                    }
                    index = built
                }
            }
            skipWhitespace()
            guard position < bytes.count else { throw unexpected("',' or '}'") }
            let byte = bytes[position]
            position += 1
            if byte == Byte.comma { continue }
            if byte == Byte.closeBrace { break }
            position -= 1
            throw unexpected("',' or '}'")
        }
        depth -= 1
        return .object(JSONObject(uniqueMembers: members, index: index))
    }

    /// Finds where `key` first appears among the members of the object at `objectStart` (for an error message).
    func firstKeyOffset(objectStart: Int, key: String) -> Int? {
        var scanner = ByteParser(
            bytes: bytes,
            options: JSONParser.Options(allowsDuplicateKeys: true, maximumDepth: options.maximumDepth)
        )
        scanner.position = objectStart + 1
        scanner.depth = depth
        while true {
            scanner.skipWhitespace()
            let offset = scanner.position
            guard let candidate = try? scanner.parseString() else { return nil }
            if candidate == key { return offset }
            scanner.skipWhitespace()
            scanner.position += 1  // ':'
            guard (try? scanner.parseValue()) != nil else { return nil }
            scanner.skipWhitespace()
            scanner.position += 1  // ','
        }
    }

    mutating func parseNumber() throws(ParseFailure) -> JSONNumber {
        let start = position
        if bytes[position] == Byte.minus {
            position += 1
        }
        guard position < bytes.count else { throw ParseFailure(reason: .invalidNumber, offset: position) }
        let first = bytes[position]
        if first == Byte.zero {
            position += 1
            if position < bytes.count && bytes[position] >= Byte.zero && bytes[position] <= Byte.nine {
                throw ParseFailure(reason: .invalidNumber, offset: position)
            }
        } else if first > Byte.zero && first <= Byte.nine {
            position += 1
            skipDigits()
        } else {
            throw ParseFailure(reason: .invalidNumber, offset: position)
        }
        if position < bytes.count && bytes[position] == Byte.dot {
            position += 1
            guard skipDigits() > 0 else { throw ParseFailure(reason: .invalidNumber, offset: position) }
        }
        if position < bytes.count && (bytes[position] == Byte.lowerE || bytes[position] == Byte.upperE) {
            position += 1
            if position < bytes.count && (bytes[position] == Byte.plus || bytes[position] == Byte.minus) {
                position += 1
            }
            guard skipDigits() > 0 else { throw ParseFailure(reason: .invalidNumber, offset: position) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        return JSONNumber(unchecked: text)
    }

    @discardableResult
    @inline(__always)
    mutating func skipDigits() -> Int {
        let start = position
        while position < bytes.count && bytes[position] >= Byte.zero && bytes[position] <= Byte.nine {
            position += 1
        }
        return position - start
    }

    /// Parses a string starting at its opening quote.
    mutating func parseString() throws(ParseFailure) -> String {
        let quoteOffset = position
        position += 1
        let start = position
        var isASCII = true
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Byte.quote {
                let text = try makeString(from: start, to: position, isASCII: isASCII)
                position += 1
                return text
            }
            if byte == Byte.backslash {
                return try parseEscapedString(quoteOffset: quoteOffset, start: start)
            }
            if byte < 0x20 {
                throw ParseFailure(reason: .controlCharacterInString(byte), offset: position)
            }
            if byte >= 0x80 {
                isASCII = false
            }
            position += 1
        }
        throw ParseFailure(reason: .unterminatedString, offset: quoteOffset)
    }

    func makeString(from start: Int, to end: Int, isASCII: Bool) throws(ParseFailure) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if isASCII {
            return String(decoding: slice, as: UTF8.self)
        }
        if let text = String(validating: slice, as: UTF8.self) {
            return text
        }
        throw ParseFailure(reason: .invalidUTF8, offset: start + UTF8Validation.firstInvalidOffset(in: slice))
    }

    /// Continues a string at its first backslash, decoding escapes into the scratch buffer.
    mutating func parseEscapedString(quoteOffset: Int, start: Int) throws(ParseFailure) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Byte.quote {
                position += 1
                if let text = String(validating: scratch, as: UTF8.self) {
                    return text
                }
                // Escapes are ASCII, so the offending bytes are raw ones in the source.
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<(position - 1)])
                throw ParseFailure(reason: .invalidUTF8, offset: start + UTF8Validation.firstInvalidOffset(in: raw))
            }
            if byte < 0x20 {
                throw ParseFailure(reason: .controlCharacterInString(byte), offset: position)
            }
            if byte != Byte.backslash {
                scratch.append(byte)
                position += 1
                continue
            }
            let escapeOffset = position
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case Byte.quote: scratch.append(Byte.quote)
            case Byte.backslash: scratch.append(Byte.backslash)
            case Byte.slash: scratch.append(Byte.slash)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(Byte.newline)
            case UInt8(ascii: "r"): scratch.append(Byte.carriageReturn)
            case UInt8(ascii: "t"): scratch.append(Byte.tab)
            case UInt8(ascii: "u"):
                let unit = try readHex4(escapeOffset: escapeOffset)
                var scalarValue = UInt32(unit)
                if unit >= 0xD800 && unit <= 0xDBFF {
                    guard position + 1 < bytes.count, bytes[position] == Byte.backslash,
                        bytes[position + 1] == UInt8(ascii: "u")
                    else {
                        throw ParseFailure(reason: .loneSurrogate(hex4(unit)), offset: escapeOffset)
                    }
                    let lowOffset = position
                    position += 2
                    let low = try readHex4(escapeOffset: lowOffset)
                    guard low >= 0xDC00 && low <= 0xDFFF else {
                        throw ParseFailure(reason: .loneSurrogate(hex4(unit)), offset: escapeOffset)
                    }
                    scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if unit >= 0xDC00 && unit <= 0xDFFF {
                    throw ParseFailure(reason: .loneSurrogate(hex4(unit)), offset: escapeOffset)
                }
                // Any non-surrogate value is a valid scalar.
                UTF8Validation.append(scalar: scalarValue, to: &scratch)
            default:
                let shown: String
                if escape >= 0x21 && escape < 0x7F {
                    shown = String(Character(Unicode.Scalar(escape)))
                } else {
                    shown = "x" + String(escape, radix: 16)
                }
                throw ParseFailure(reason: .invalidEscape(shown), offset: escapeOffset)
            }
        }
        throw ParseFailure(reason: .unterminatedString, offset: quoteOffset)
    }

    mutating func readHex4(escapeOffset: Int) throws(ParseFailure) -> UInt16 {
        guard position + 4 <= bytes.count else {
            throw ParseFailure(reason: .invalidUnicodeEscape, offset: escapeOffset)
        }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case Byte.zero...Byte.nine: digit = byte - Byte.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw ParseFailure(reason: .invalidUnicodeEscape, offset: escapeOffset)
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }
}

extension ParseFailure {
    init(reason: JSONError.Reason, offset: Int) {
        self.init(reason: reason, offset: offset, relatedOffset: nil)
    }
}
