/// Byte-level building blocks of RFC 9110 and RFC 9112: character classes, case-insensitive comparison, lists.
package enum HTTPSyntax {
    /// Byte classes: bit 0 `tchar`, bit 1 a field-value byte (VCHAR, obs-text, SP, HTAB), bit 2 a request-target
    /// byte (VCHAR), bit 3 a hex digit.
    private static let classes: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for byte in 0x21...0x7E {
            table[byte] |= 0b0110
        }
        for byte in 0x80...0xFF {
            table[byte] |= 0b0010
        }
        table[0x20] |= 0b0010
        table[0x09] |= 0b0010
        for byte in Array("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8) {
            table[Int(byte)] |= 0b0001
        }
        for byte in Array("0123456789abcdefABCDEF".utf8) {
            table[Int(byte)] |= 0b1000
        }
        return table
    }()

    /// Whether `byte` may appear in a token (a method or a field name).
    @inline(__always)
    package static func isTokenByte(_ byte: UInt8) -> Bool {
        classes.withUnsafeBufferPointer { $0[Int(byte)] & 0b0001 != 0 }
    }

    /// Whether `byte` may appear in a field value (VCHAR, obs-text, SP, HTAB).
    @inline(__always)
    package static func isFieldValueByte(_ byte: UInt8) -> Bool {
        classes.withUnsafeBufferPointer { $0[Int(byte)] & 0b0010 != 0 }
    }

    /// Whether `byte` may appear in a request target (visible ASCII).
    @inline(__always)
    package static func isTargetByte(_ byte: UInt8) -> Bool {
        classes.withUnsafeBufferPointer { $0[Int(byte)] & 0b0100 != 0 }
    }

    /// The value of a hex digit, or `nil`.
    @inline(__always)
    package static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Whether every byte of `bytes` is a token byte and there is at least one.
    package static func isToken(_ bytes: some Collection<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isTokenByte)
    }

    /// Whether `bytes` can be sent as a field value: no CR, LF, NUL or other control but HTAB.
    package static func isFieldValue(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.allSatisfy(isFieldValueByte)
    }

    /// Compares two byte strings, folding ASCII letters to lower case.
    @inline(__always)
    package static func equalsIgnoringASCIICase(
        _ lhs: UnsafeBufferPointer<UInt8>,
        _ rhs: UnsafeBufferPointer<UInt8>
    )
        -> Bool
    {
        guard lhs.count == rhs.count else { return false }
        for index in 0..<lhs.count where lowercased(lhs[index]) != lowercased(rhs[index]) {
            return false
        }
        return true
    }

    /// `byte` with an ASCII capital letter folded to lower case.
    @inline(__always)
    package static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// Whether a comma-separated list holds `token`, ignoring ASCII case and optional whitespace.
    package static func listContainsToken(
        _ list: UnsafeBufferPointer<UInt8>,
        _ token: UnsafeBufferPointer<UInt8>
    )
        -> Bool
    {
        var found = false
        forEachListElement(list) { element in
            if !found && equalsIgnoringASCIICase(element, token) {
                found = true
            }
        }
        return found
    }

    /// Calls `body` with each non-empty element of a comma-separated list, whitespace trimmed.
    package static func forEachListElement(
        _ list: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var start = 0
        var index = 0
        while index <= list.count {
            if index == list.count || list[index] == UInt8(ascii: ",") {
                var lower = start
                var upper = index
                while lower < upper && isWhitespace(list[lower]) {
                    lower += 1
                }
                while upper > lower && isWhitespace(list[upper - 1]) {
                    upper -= 1
                }
                if upper > lower {
                    body(UnsafeBufferPointer(rebasing: list[lower..<upper]))
                }
                start = index + 1
            }
            index += 1
        }
    }

    /// Whether `byte` is SP or HTAB.
    @inline(__always)
    package static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == 0x09
    }

    /// A non-negative decimal number of 1 to 18 digits, or `nil` (no sign, no whitespace, no other bytes).
    package static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// Whether `bytes` are all decimal digits (and there is at least one).
    package static func isDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
    }
}
