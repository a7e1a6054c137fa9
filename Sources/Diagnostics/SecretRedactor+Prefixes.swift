extension SecretRedactor {
    /// The shortest start of a registered value that ``redactIncludingPrefixes(_:)`` masks.
    public static let minimumPrefixLength = 6

    /// `text` with registered values masked, and also any start of one, at least ``minimumPrefixLength`` bytes
    /// long, that is cut off by the end of the text or by a closing `'`.
    ///
    /// For short texts that were cut before they could be redacted: an error message quoting the first bytes of
    /// what a server sent (`got 'sk_live_4f9a0c1d'`) holds at most the start of a secret the server echoed, which
    /// ``redact(_:)`` alone would not recognise. A start followed by more text is an ordinary word (a secret
    /// `interrupt-secret` leaves `interrupted` alone). The scan is quadratic: use it for messages, not bodies.
    ///
    /// - Parameter text: A short text.
    /// - Returns: The text with every value and every long enough start of one replaced by ``mask``.
    public func redactIncludingPrefixes(_ text: String) -> String {
        let redacted = redact(text)
        guard hasSecretValues else { return redacted }
        let bytes = Array(redacted.utf8)
        let values = secretValues.map { Array($0.utf8) }.filter { $0.count > Self.minimumPrefixLength }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var changed = false
        while index < bytes.count {
            var longest = 0
            for value in values {
                var length = 0
                while length < value.count && index + length < bytes.count && bytes[index + length] == value[length] {
                    length += 1
                }
                // Only a start that is cut: at the end of the text or of a quoted excerpt.
                let end = index + length
                if end == bytes.count || bytes[end] == UInt8(ascii: "'") {
                    longest = max(longest, length)
                }
            }
            if longest >= Self.minimumPrefixLength {
                output.append(contentsOf: Self.maskBytes)
                index += longest
                changed = true
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return changed ? String(decoding: output, as: UTF8.self) : redacted
    }
}
