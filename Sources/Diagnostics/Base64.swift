/// RFC 4648 Base64, the one encoder of the package: secret forms (SecretRedactor), the suites' `base64` filter and
/// the HTML report's CSP hashes all use it.
package enum Base64 {
    private static let standardAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let urlSafeAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// RFC 4648 Base64 of `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to encode.
    ///   - urlSafe: The URL-safe alphabet (`-`, `_`) instead of the standard one (`+`, `/`).
    ///   - padded: Whether to end with `=` padding.
    /// - Returns: The encoded text's bytes (ASCII).
    package static func encode(_ bytes: [UInt8], urlSafe: Bool = false, padded: Bool = true) -> [UInt8] {
        let alphabet = urlSafe ? urlSafeAlphabet : standardAlphabet
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let first = UInt32(bytes[index])
            let second = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            let third = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
            let triple = first << 16 | second << 8 | third
            let available = min(3, bytes.count - index)
            for position in 0..<(available + 1) {
                output.append(alphabet[Int((triple >> UInt32(18 - 6 * position)) & 0x3F)])
            }
            if padded {
                for _ in available..<3 {
                    output.append(UInt8(ascii: "="))
                }
            }
            index += 3
        }
        return output
    }

    /// RFC 4648 Base64 of `bytes`, as text.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to encode.
    ///   - urlSafe: The URL-safe alphabet (`-`, `_`) instead of the standard one (`+`, `/`).
    ///   - padded: Whether to end with `=` padding.
    /// - Returns: The encoded text.
    package static func text(_ bytes: [UInt8], urlSafe: Bool = false, padded: Bool = true) -> String {
        String(decoding: encode(bytes, urlSafe: urlSafe, padded: padded), as: UTF8.self)
    }
}
