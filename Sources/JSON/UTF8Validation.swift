/// Finds where UTF-8 goes wrong, for error messages (the fast path is `String(validating:as:)`).
package enum UTF8Validation {
    /// The offset of the first byte that starts an invalid UTF-8 sequence, or `bytes.count` when all is valid.
    ///
    /// Rejects overlong forms, surrogates (U+D800…U+DFFF) and values above U+10FFFF, as Unicode requires.
    ///
    /// - Parameter bytes: The bytes to check.
    /// - Returns: The offset of the first bad sequence.
    package static func firstInvalidOffset(in bytes: some Collection<UInt8>) -> Int {
        let bytes = Array(bytes)
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
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
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            guard bytes[index + 1] >= lower && bytes[index + 1] <= upper else { return index }
            for continuation in (index + 2)..<(index + length) where bytes[continuation] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return bytes.count
    }
}
