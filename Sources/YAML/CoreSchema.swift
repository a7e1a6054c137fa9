/// The YAML 1.2 core schema: which plain scalars are null, Booleans, integers or floats, and their JSON text.
enum CoreSchema {
    static let nullTag = "tag:yaml.org,2002:null"
    static let boolTag = "tag:yaml.org,2002:bool"
    static let intTag = "tag:yaml.org,2002:int"
    static let floatTag = "tag:yaml.org,2002:float"
    static let stringTag = "tag:yaml.org,2002:str"
    static let sequenceTag = "tag:yaml.org,2002:seq"
    static let mappingTag = "tag:yaml.org,2002:map"

    /// What a scalar resolves to.
    enum Resolved {
        case null
        case bool(Bool)
        /// An integer, with its JSON text (decimal, no sign `+`, no leading zeros).
        case integer(String)
        /// A finite float, with its JSON text.
        case float(String)
        /// `.inf`, `-.inf` or `.nan`, which JSON cannot hold.
        case nonFinite
        /// A decimal integer with a leading zero (`012`): decimal in YAML 1.2 but octal or a string in YAML 1.1.
        case leadingZeroInteger
        case string
    }

    /// Resolves a plain scalar under the core schema.
    static func resolvePlain(_ text: UnsafeBufferPointer<UInt8>) -> Resolved {
        guard let first = text.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if let integer = integerText(text) {
                return hasLeadingZero(text) ? .leadingZeroInteger : .integer(integer)
            }
            return floatValue(text) ?? .string
        case UInt8(ascii: "~"):
            return text.count == 1 ? .null : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return isNull(text) ? .null : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return boolValue(text).map(Resolved.bool) ?? .string
        default:
            return .string
        }
    }

    /// Whether a decimal integer has a leading zero and more than one digit (`012`, `-00`).
    private static func hasLeadingZero(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") ? 1 : 0
        return text.count - start > 1 && text[start] == UInt8(ascii: "0") && isDigit(text[start + 1])
    }

    /// `null`, `Null`, `NULL`, `~` or empty.
    static func isNull(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.isEmpty || matches(text, "~") || matches(text, "null") || matches(text, "Null") || matches(text, "NULL")
    }

    /// `true`/`True`/`TRUE` or `false`/`False`/`FALSE`.
    static func boolValue(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        if matches(text, "true") || matches(text, "True") || matches(text, "TRUE") { return true }
        if matches(text, "false") || matches(text, "False") || matches(text, "FALSE") { return false }
        return nil
    }

    private static func matches(_ text: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard text.count == literal.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for index in 0..<text.count where text[index] != expected[index] {
            return false
        }
        return true
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The JSON text of an integer (`[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`), or `nil`.
    static func integerText(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        let count = text.count
        if count > 2 && text[0] == UInt8(ascii: "0") && (text[1] == UInt8(ascii: "o") || text[1] == UInt8(ascii: "x")) {
            let radix: UInt32 = text[1] == UInt8(ascii: "o") ? 8 : 16
            var digits: [UInt32] = []
            digits.reserveCapacity(count - 2)
            for byte in text[2...] {
                guard let digit = Byte.hexValue(byte), digit < radix else { return nil }
                digits.append(digit)
            }
            return decimalText(digits: digits, radix: radix)
        }
        var index = 0
        var isNegative = false
        if text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
            isNegative = text[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < count else { return nil }
        for position in index..<count where !isDigit(text[position]) {
            return nil
        }
        while index < count - 1 && text[index] == UInt8(ascii: "0") {
            index += 1
        }
        if index == 0 {
            return String(decoding: text, as: UTF8.self)
        }
        let digits = String(decoding: UnsafeBufferPointer(rebasing: text[index...]), as: UTF8.self)
        return isNegative ? "-" + digits : digits
    }

    /// Converts digits in `radix` to decimal text, however many there are.
    private static func decimalText(digits: [UInt32], radix: UInt32) -> String {
        // Little-endian base-10^9 limbs.
        var limbs: [UInt64] = [0]
        for digit in digits {
            var carry = UInt64(digit)
            for position in limbs.indices {
                let value = limbs[position] * UInt64(radix) + carry
                limbs[position] = value % 1_000_000_000
                carry = value / 1_000_000_000
            }
            if carry > 0 {
                limbs.append(carry)
            }
        }
        var text = String(limbs[limbs.count - 1])
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }

    /// A float: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.inf` or `\.nan` (three spellings).
    static func floatValue(_ text: UnsafeBufferPointer<UInt8>) -> Resolved? {
        let count = text.count
        var index = 0
        var isNegative = false
        if text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
            isNegative = text[0] == UInt8(ascii: "-")
            index = 1
        }
        let body = UnsafeBufferPointer(rebasing: text[index...])
        if matches(body, ".inf") || matches(body, ".Inf") || matches(body, ".INF") { return .nonFinite }
        if index == 0 && (matches(body, ".nan") || matches(body, ".NaN") || matches(body, ".NAN")) {
            return .nonFinite
        }
        let integerStart = index
        while index < count && isDigit(text[index]) {
            index += 1
        }
        let integerEnd = index
        var fractionStart = index
        var fractionEnd = index
        if index < count && text[index] == UInt8(ascii: ".") {
            index += 1
            fractionStart = index
            while index < count && isDigit(text[index]) {
                index += 1
            }
            fractionEnd = index
        }
        guard integerEnd > integerStart || fractionEnd > fractionStart else { return nil }
        var exponentStart = index
        if index < count && (text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E")) {
            exponentStart = index
            index += 1
            if index < count && (text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+")) {
                index += 1
            }
            let digitsStart = index
            while index < count && isDigit(text[index]) {
                index += 1
            }
            guard index > digitsStart else { return nil }
        }
        guard index == count else { return nil }
        var json: [UInt8] = isNegative ? [UInt8(ascii: "-")] : []
        var integer = integerStart
        while integer < integerEnd - 1 && text[integer] == UInt8(ascii: "0") {
            integer += 1
        }
        if integer == integerEnd {
            json.append(UInt8(ascii: "0"))
        } else {
            json.append(contentsOf: text[integer..<integerEnd])
        }
        if fractionEnd > fractionStart {
            json.append(UInt8(ascii: "."))
            json.append(contentsOf: text[fractionStart..<fractionEnd])
        }
        if exponentStart < count {
            json.append(contentsOf: text[exponentStart..<count])
        }
        return .float(String(decoding: json, as: UTF8.self))
    }
}
