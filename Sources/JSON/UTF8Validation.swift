/// UTF-8 checks and encoding shared by the JSON and YAML parsers (the fast path is `String(validating:as:)`).
package enum UTF8Validation {
    /// The length of the valid UTF-8 sequence starting at `index`, or `nil` when it is invalid or truncated.
    ///
    /// Rejects overlong forms, surrogates (U+D800…U+DFFF) and values above U+10FFFF, as Unicode requires.
    ///
    /// - Parameters:
    ///   - index: Where the sequence starts.
    ///   - bytes: The bytes.
    /// - Returns: 1 to 4, or `nil`.
    @inline(__always)
    package static func sequenceLength(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            upper = 0x9F
        case 0xF0:
            length = 4
            lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            upper = 0x8F
        default: return nil
        }
        guard index + length <= bytes.count, bytes[index + 1] >= lower, bytes[index + 1] <= upper else { return nil }
        for continuation in (index + 2)..<(index + length) where bytes[continuation] & 0xC0 != 0x80 {
            return nil
        }
        return length
    }

    /// The offset of the first byte that starts an invalid UTF-8 sequence, or `bytes.count` when all is valid.
    ///
    /// - Parameter bytes: The bytes to check.
    /// - Returns: The offset of the first bad sequence.
    package static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        while index < bytes.count {
            guard let length = sequenceLength(at: index, in: bytes) else { return index }
            index += length
        }
        return bytes.count
    }

    /// Appends the UTF-8 form of a Unicode scalar value (the caller has excluded surrogates).
    ///
    /// - Parameters:
    ///   - value: A scalar value up to U+10FFFF.
    ///   - output: The buffer to append to.
    @inline(__always)
    package static func append(scalar value: UInt32, to output: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            output.append(UInt8(value))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (value >> 6)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (value >> 12)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (value >> 18)))
            output.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}
