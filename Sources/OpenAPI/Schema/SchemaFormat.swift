import JSON

/// A `format` the validator checks; any other format name is accepted without a check, as JSON Schema and
/// OpenAPI 3.0 require.
///
/// String formats ignore non-strings and numeric formats ignore non-numbers (`type` decides those).
enum SchemaFormat: String, Sendable, CaseIterable {
    case int32, int64, float, double, byte, date, uuid, email, uri, hostname, ipv4, ipv6
    case dateTime = "date-time"

    /// What a person reads in a message: `an int32`, `a date-time (RFC 3339)`.
    var expectation: String {
        switch self {
        case .int32: "a whole number from -2147483648 to 2147483647 (int32)"
        case .int64: "a whole number from -9223372036854775808 to 9223372036854775807 (int64)"
        case .float: "a number within the range of a 32-bit float"
        case .double: "a number within the range of a 64-bit double"
        case .byte: "Base64 text (format byte)"
        case .date: "a date as YYYY-MM-DD (RFC 3339 full-date)"
        case .dateTime: "a date-time as YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm) (RFC 3339)"
        case .uuid: "a UUID (8-4-4-4-12 hex digits)"
        case .email: "an e-mail address"
        case .uri: "an absolute URI (RFC 3986)"
        case .hostname: "a host name (RFC 1123)"
        case .ipv4: "an IPv4 address in dotted-quad form"
        case .ipv6: "an IPv6 address (RFC 4291)"
        }
    }

    /// Whether `value` satisfies the format; values of other JSON types pass.
    func accepts(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let string):
            if let result = string.utf8.withContiguousStorageIfAvailable({ acceptsString($0[...]) }) {
                return result
            }
            return acceptsString(Array(string.utf8)[...])
        case .number(let number):
            return acceptsNumber(number)
        default:
            return true
        }
    }

    private static let int32Range = (JSONNumber(Int(Int32.min)), JSONNumber(Int(Int32.max)))
    private static let int64Range = (JSONNumber(Int.min), JSONNumber(Int.max))

    private func acceptsNumber(_ number: JSONNumber) -> Bool {
        // The text's shape decides most cases without an exact decimal or a Double.
        var digits = 0
        var integerDigits = 0
        var hasFraction = false
        var hasExponent = false
        for byte in number.text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if !hasFraction && !hasExponent { integerDigits += 1 }
            case UInt8(ascii: "."): hasFraction = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): hasExponent = true
            default: break
            }
        }
        if !hasExponent {
            switch self {
            case .double where integerDigits <= 308, .float where integerDigits <= 38:
                return true
            case .int32 where !hasFraction && digits <= 9, .int64 where !hasFraction && digits <= 18:
                return true
            case .int32 where !hasFraction, .int64 where !hasFraction:
                if let value = Int(number.text) {
                    return self == .int64 || (Int(Int32.min)...Int(Int32.max)).contains(value)
                }
            default:
                break
            }
        }
        switch self {
        case .int32:
            return number.isInteger && Self.int32Range.0 <= number && number <= Self.int32Range.1
        case .int64:
            return number.isInteger && Self.int64Range.0 <= number && number <= Self.int64Range.1
        case .float:
            return Float(number.doubleValue).isFinite
        case .double:
            return number.doubleValue.isFinite
        default:
            return true
        }
    }

    private func acceptsString<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        switch self {
        case .int32, .int64, .float, .double: true
        case .byte: FormatChecks.isBase64(bytes)
        case .date: FormatChecks.isFullDate(bytes)
        case .dateTime: FormatChecks.isDateTime(bytes)
        case .uuid: FormatChecks.isUUID(bytes)
        case .email: FormatChecks.isEmail(bytes)
        case .uri: FormatChecks.isURI(bytes)
        case .hostname: FormatChecks.isHostname(bytes)
        case .ipv4: FormatChecks.isIPv4(bytes)
        case .ipv6: FormatChecks.isIPv6(bytes)
        }
    }
}

/// The byte-level checks behind ``SchemaFormat``.
enum FormatChecks {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    static func isAlpha(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) }

    /// Reads `count` ASCII digits at `index` as a number.
    private static func number<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ index: Int, _ count: Int) -> Int?
    where Bytes.Index == Int {
        guard index + count <= bytes.endIndex else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// RFC 4648 Base64 with padding: groups of four, `=` only at the end.
    static func isBase64<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        guard bytes.count % 4 == 0 else { return false }
        var padding = 0
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "=") {
                padding += 1
                guard index >= bytes.count - 2 else { return false }
            } else {
                guard padding == 0 else { return false }
                guard isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") else {
                    return false
                }
            }
        }
        return true
    }

    /// `YYYY-MM-DD` with a real day of the month (leap years included).
    static func isFullDate<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        let start = bytes.startIndex
        guard bytes.count == 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
            let year = number(bytes, start, 4), let month = number(bytes, start + 5, 2),
            let day = number(bytes, start + 8, 2)
        else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// RFC 3339 `date-time`: `full-date T full-time`, `T` and `Z` in either case, a leap second only at 23:59 UTC.
    static func isDateTime<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        guard bytes.count >= 20, isFullDate(bytes[0..<10]),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t")
        else { return false }
        let time = bytes[11...]
        guard let hour = number(time, 11, 2), time[13] == UInt8(ascii: ":"), let minute = number(time, 14, 2),
            time[16] == UInt8(ascii: ":"), let second = number(time, 17, 2)
        else { return false }
        guard hour <= 23, minute <= 59, second <= 60 else { return false }
        var index = 19
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
            guard index > fractionStart else { return false }
        }
        guard index < bytes.count else { return false }
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard let offsetHour = number(bytes[...], index + 1, 2), index + 3 < bytes.count,
                bytes[index + 3] == UInt8(ascii: ":"), let offsetMinute = number(bytes[...], index + 4, 2),
                offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = sign * (offsetHour * 60 + offsetMinute)
            index += 6
        default:
            return false
        }
        guard index == bytes.count else { return false }
        if second == 60 {
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    /// `8-4-4-4-12` hex digits.
    static func isUUID<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard isHex(byte) else { return false }
            }
        }
        return true
    }

    /// `local@domain`: a dot-atom or quoted local part, and a host name or an `[IP literal]`.
    static func isEmail<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        if local.first == UInt8(ascii: "\""), local.count >= 2, local.last == UInt8(ascii: "\"") {
            var escaped = false
            for byte in local.dropFirst().dropLast() {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") || byte < 0x20 {
                    return false
                }
            }
            if escaped { return false }
        } else {
            guard local.first != UInt8(ascii: "."), local.last != UInt8(ascii: ".") else { return false }
            var previous: UInt8 = 0
            for byte in local {
                if byte == UInt8(ascii: "."), previous == UInt8(ascii: ".") { return false }
                guard byte >= 0x80 || isAlpha(byte) || isDigit(byte) || "!#$%&'*+-/=?^_`{|}~.".utf8.contains(byte)
                else { return false }
                previous = byte
            }
        }
        if domain.first == UInt8(ascii: "["), domain.last == UInt8(ascii: "]") {
            let literal = domain.dropFirst().dropLast()
            if literal.starts(with: "IPv6:".utf8) {
                return isIPv6(literal.dropFirst(5))
            }
            return isIPv4(literal)
        }
        return isHostname(domain)
    }

    /// RFC 1123 host name: dot-separated labels of 1…63 letters, digits and inner hyphens, 253 bytes at most.
    static func isHostname<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-")
            else { return false }
            guard label.allSatisfy({ isAlpha($0) || isDigit($0) || $0 == UInt8(ascii: "-") }) else { return false }
        }
        return true
    }

    /// Four decimal octets 0…255 without leading zeros.
    static func isIPv4<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(isDigit) else { return false }
            if part.count > 1 && part.first == UInt8(ascii: "0") { return false }
            guard part.reduce(0, { $0 * 10 + Int($1 - 0x30) }) <= 255 else { return false }
        }
        return true
    }

    /// RFC 4291 text form: eight groups of 1…4 hex digits, one `::`, an optional trailing IPv4 part; no zone.
    static func isIPv6<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        let text = Array(bytes)
        guard text.count >= 2, text.count <= 45 else { return false }
        var compression: Int?
        var index = 0
        while index + 1 < text.count {
            if text[index] == UInt8(ascii: ":") && text[index + 1] == UInt8(ascii: ":") {
                guard compression == nil else { return false }
                compression = index
                index += 2
            } else {
                index += 1
            }
        }
        /// Counts the groups of one side of `::` (or of the whole address); `nil` when a group is malformed.
        func groups(_ side: ArraySlice<UInt8>, mayEndWithIPv4: Bool) -> Int? {
            if side.isEmpty { return 0 }
            let parts = side.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            var count = 0
            for (position, part) in parts.enumerated() {
                if position == parts.count - 1 && mayEndWithIPv4 && part.contains(UInt8(ascii: ".")) {
                    guard isIPv4(part) else { return nil }
                    count += 2
                    continue
                }
                guard !part.isEmpty, part.count <= 4, part.allSatisfy(isHex) else { return nil }
                count += 1
            }
            return count
        }
        if let compression {
            guard let left = groups(text[..<compression], mayEndWithIPv4: false),
                let right = groups(text[(compression + 2)...], mayEndWithIPv4: true)
            else { return false }
            return left + right <= 7
        }
        return groups(text[...], mayEndWithIPv4: true) == 8
    }

    /// An absolute URI (RFC 3986 `URI`): a scheme, then a hier-part, query and fragment of legal characters.
    static func isURI<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        let bytes = Array(bytes)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, isAlpha(bytes[0]) else { return false }
        for byte in bytes[1..<colon] {
            guard
                isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ".")
            else { return false }
        }
        var rest = bytes[(colon + 1)...]
        // Split off the fragment and query; both allow `/` and `?` besides pchar.
        var tail: ArraySlice<UInt8> = []
        if let mark = rest.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            tail = rest[mark...]
            rest = rest[..<mark]
        }
        guard isLegal(tail, extra: "/?#") else { return false }
        guard tail.split(separator: UInt8(ascii: "#"), omittingEmptySubsequences: false).count <= 2 else {
            return false
        }
        if rest.starts(with: "//".utf8) {
            let afterSlashes = rest.dropFirst(2)
            let pathStart = afterSlashes.firstIndex(of: UInt8(ascii: "/")) ?? afterSlashes.endIndex
            guard isAuthority(afterSlashes[..<pathStart]) else { return false }
            rest = afterSlashes[pathStart...]
        }
        return isLegal(rest, extra: "/")
    }

    /// Whether every byte is a pchar (unreserved, sub-delims, `:`, `@`, a `%XX` escape) or in `extra`.
    private static func isLegal<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, extra: String) -> Bool
    where Bytes.Index == Int {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else {
                    return false
                }
                index += 3
                continue
            }
            guard isAlpha(byte) || isDigit(byte) || "-._~!$&'()*+,;=:@".utf8.contains(byte) || extra.utf8.contains(byte)
            else { return false }
            index += 1
        }
        return true
    }

    /// `[userinfo@]host[:port]`, the host a reg-name, an IPv4 address or an `[IPv6]` literal.
    private static func isAuthority(_ bytes: ArraySlice<UInt8>) -> Bool {
        var host = bytes
        if let at = bytes.lastIndex(of: UInt8(ascii: "@")) {
            let userinfo = bytes[..<at]
            guard !userinfo.contains(UInt8(ascii: "[")), isLegal(userinfo, extra: "") else { return false }
            host = bytes[(at + 1)...]
        }
        if host.first == UInt8(ascii: "[") {
            guard let close = host.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = host[(host.startIndex + 1)..<close]
            guard isIPv6(literal) || (literal.first == UInt8(ascii: "v") || literal.first == UInt8(ascii: "V"))
            else { return false }
            let after = host[(close + 1)...]
            if after.isEmpty { return true }
            return after.first == UInt8(ascii: ":") && after.dropFirst().allSatisfy(isDigit)
        }
        if let colon = host.lastIndex(of: UInt8(ascii: ":")) {
            guard host[(colon + 1)...].allSatisfy(isDigit) else { return false }
            host = host[..<colon]
        }
        return host.allSatisfy {
            isAlpha($0) || isDigit($0) || "-._~!$&'()*+,;=%".utf8.contains($0)
        }
    }
}
