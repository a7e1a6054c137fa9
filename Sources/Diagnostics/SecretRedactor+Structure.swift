// Name-based redaction inside structured text: JSON bodies, form bodies, query strings and URLs.
extension SecretRedactor {
    /// A body as it may be kept: JSON members and form fields with secret names masked, then registered values.
    ///
    /// JSON is recognised by its media type (`application/json`, `*/*+json`, `text/json`) or, without one, by its
    /// first non-blank byte. The JSON scan is lenient on purpose: a server's malformed or truncated JSON is still
    /// redacted member by member, and a secret member's value that never ends is masked to the end.
    ///
    /// - Parameters:
    ///   - bytes: The body.
    ///   - contentType: Its `Content-Type`, if any.
    /// - Returns: The redacted body.
    public func redactBody(_ bytes: [UInt8], contentType: String?) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        let essence = contentType.map { Self.mediaEssence($0) } ?? ""
        var result = bytes
        if essence == "application/x-www-form-urlencoded" {
            result = Array(redactQuery(String(decoding: bytes, as: UTF8.self)).utf8)
        } else if Self.isJSONEssence(essence) || (essence.isEmpty && Self.looksLikeJSON(bytes)) {
            result = redactJSONMembers(in: bytes)
        }
        return redactValues(in: result)
    }

    /// A URL as it may be kept: user information and secret-named query parameters masked, then registered values.
    ///
    /// - Parameter url: An absolute URL or a request target.
    /// - Returns: The redacted URL.
    public func redactURL(_ url: String) -> String {
        var text = url
        if let schemeEnd = text.firstRange(of: "://") {
            let authorityStart = schemeEnd.upperBound
            let authorityEnd =
                text[authorityStart...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? text.endIndex
            if let at = text[authorityStart..<authorityEnd].lastIndex(of: "@") {
                text.replaceSubrange(authorityStart..<at, with: Self.mask)
            }
        }
        if let question = text.firstIndex(of: "?") {
            let queryStart = text.index(after: question)
            let queryEnd = text[queryStart...].firstIndex(of: "#") ?? text.endIndex
            let redacted = redactQuery(String(text[queryStart..<queryEnd]))
            text.replaceSubrange(queryStart..<queryEnd, with: redacted)
        }
        return redact(text)
    }

    /// `name=value&…` with the values of secret-named fields masked (names are compared percent-decoded).
    ///
    /// - Parameter query: A query string or form body, without the `?`.
    /// - Returns: The redacted text.
    public func redactQuery(_ query: String) -> String {
        guard !query.isEmpty else { return query }
        let fields = query.split(separator: "&", omittingEmptySubsequences: false).map { field -> String in
            guard let equals = field.firstIndex(of: "=") else { return String(field) }
            let name = Self.percentDecoded(field[..<equals])
            return isSecretName(name) ? String(field[...equals]) + Self.mask : String(field)
        }
        return fields.joined(separator: "&")
    }

    /// JSON text with the value of every member whose name is a secret replaced by `"<redacted>"`.
    ///
    /// - Parameter bytes: JSON text, possibly malformed or truncated.
    /// - Returns: The text with secret members masked; everything else byte for byte.
    public func redactJSONMembers(in bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var copiedUpTo = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\"") else {
                index += 1
                continue
            }
            let stringEnd = Self.endOfString(in: bytes, openingQuote: index)
            var next = Self.skipBlanks(in: bytes, from: stringEnd)
            guard next < bytes.count, bytes[next] == UInt8(ascii: ":") else {
                index = stringEnd
                continue
            }
            let key = Self.decodedString(bytes[(index + 1)..<max(index + 1, stringEnd - 1)])
            next = Self.skipBlanks(in: bytes, from: next + 1)
            guard isSecretName(key), next < bytes.count else {
                index = next
                continue
            }
            let valueEnd = Self.endOfValue(in: bytes, from: next)
            output.append(contentsOf: bytes[copiedUpTo..<next])
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: Self.maskBytes)
            output.append(UInt8(ascii: "\""))
            copiedUpTo = valueEnd
            index = valueEnd
        }
        if copiedUpTo == 0 { return bytes }
        output.append(contentsOf: bytes[copiedUpTo...])
        return output
    }

    // MARK: - Scanning

    /// The index just past the closing quote of the string opened at `openingQuote` (or the end of the input).
    private static func endOfString(in bytes: [UInt8], openingQuote: Int) -> Int {
        var index = openingQuote + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return bytes.count
    }

    /// The index just past the JSON value starting at `start`: a string, a balanced object or array, or a bare
    /// word up to the next `,` `}` `]` or blank.
    private static func endOfValue(in bytes: [UInt8], from start: Int) -> Int {
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return endOfString(in: bytes, openingQuote: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index = endOfString(in: bytes, openingQuote: index)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            return bytes.count
        default:
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: return index
                default: index += 1
                }
            }
            return bytes.count
        }
    }

    private static func skipBlanks(in bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
            index += 1
        }
        return index
    }

    /// A JSON string's content with its escapes decoded, so `"pass\u0077ord"` is recognised as `password`.
    private static func decodedString(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.endIndex else {
                let end = bytes[index...].dropFirst().firstIndex(of: UInt8(ascii: "\\")) ?? bytes.endIndex
                scalars.append(contentsOf: String(decoding: bytes[index..<end], as: UTF8.self).unicodeScalars)
                index = end
                continue
            }
            let escaped = bytes[index + 1]
            if escaped == UInt8(ascii: "u"), index + 6 <= bytes.endIndex,
                let code = UInt32(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                scalars.append(scalar)
                index += 6
            } else {
                scalars.append(Unicode.Scalar(escaped))
                index += 2
            }
        }
        return String(scalars)
    }

    private static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `type/subtype` in lower case, without parameters.
    static func mediaEssence(_ contentType: String) -> String {
        let essence = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        var slice = essence[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice.lowercased()
    }

    static func isJSONEssence(_ essence: String) -> Bool {
        essence == "application/json" || essence == "text/json" || essence.hasSuffix("+json")
    }

    private static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        let first = skipBlanks(in: bytes, from: 0)
        return first < bytes.count && (bytes[first] == UInt8(ascii: "{") || bytes[first] == UInt8(ascii: "["))
    }
}
