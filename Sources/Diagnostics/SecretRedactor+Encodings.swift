// The encoded forms a registered secret value may take in text a server sends back.
extension SecretRedactor {
    /// Every form of `value` to mask: as is, JSON-escaped, percent- and form-encoded, and Base64.
    ///
    /// Base64 is position-dependent: inside a longer Base64 text (`Basic base64(id:secret)`) the value's bytes may
    /// start at any of three alignments. For each alignment only the characters that depend on the value's bytes
    /// alone are kept, so a match is found wherever the value sits.
    static func encodedForms(of value: [UInt8]) -> [[UInt8]] {
        var forms: [[UInt8]] = [value]
        forms.append(jsonEscaped(value))
        forms.append(percentEncoded(value, uppercase: true, spaceAsPlus: false))
        forms.append(percentEncoded(value, uppercase: false, spaceAsPlus: false))
        forms.append(percentEncoded(value, uppercase: true, spaceAsPlus: true))
        forms.append(percentEncoded(value, uppercase: true, spaceAsPlus: false, keepsPunctuation: false))
        forms.append(percentEncoded(value, uppercase: false, spaceAsPlus: false, keepsPunctuation: false))
        for urlSafe in [false, true] {
            forms.append(Base64.encode(value, urlSafe: urlSafe, padded: true))
            forms.append(Base64.encode(value, urlSafe: urlSafe, padded: false))
            for shift in 0..<3 {
                let core = base64Core(value, shift: shift, urlSafe: urlSafe)
                if core.count >= minimumValueLength { forms.append(core) }
            }
        }
        var seen = Set<[UInt8]>()
        return forms.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    private static func jsonEscaped(_ value: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        for byte in value {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            case 0x0A: output.append(contentsOf: Array("\\n".utf8))
            case 0x0D: output.append(contentsOf: Array("\\r".utf8))
            case 0x09: output.append(contentsOf: Array("\\t".utf8))
            default: output.append(byte)
            }
        }
        return output
    }

    /// Percent-encoding; `keepsPunctuation: false` also encodes `-._~`, as over-eager encoders do.
    private static func percentEncoded(
        _ value: [UInt8],
        uppercase: Bool,
        spaceAsPlus: Bool,
        keepsPunctuation: Bool = true
    ) -> [UInt8] {
        let digits = Array((uppercase ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        var output: [UInt8] = []
        for byte in value {
            let isAlphanumeric =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            let isPunctuation =
                byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "~")
            let isUnreserved = isAlphanumeric || (keepsPunctuation && isPunctuation)
            if isUnreserved {
                output.append(byte)
            } else if spaceAsPlus && byte == UInt8(ascii: " ") {
                output.append(UInt8(ascii: "+"))
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0F)])
            }
        }
        return output
    }

    /// The Base64 characters that depend only on `value` when it follows `shift` other bytes.
    private static func base64Core(_ value: [UInt8], shift: Int, urlSafe: Bool) -> [UInt8] {
        let encoded = Base64.encode([UInt8](repeating: 0, count: shift) + value, urlSafe: urlSafe, padded: false)
        let firstBit = 8 * shift
        let endBit = 8 * (shift + value.count)
        let first = (firstBit + 5) / 6
        let end = endBit / 6
        guard first < end, end <= encoded.count else { return [] }
        return Array(encoded[first..<end])
    }
}
