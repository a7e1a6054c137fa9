/// Masks secrets in everything meshcheck keeps or prints: the one list of secret names and the one mask.
///
/// Two rules, applied together:
///
/// 1. **Names.** A header, query parameter, form field or JSON member whose name contains a secret-name marker
///    (compared case-insensitively, ignoring `-` and `_`, so `X-Client-Secret`, `x_client_secret` and
///    `xClientSecret` are one name) has its whole value replaced by ``mask``. The markers are
///    ``defaultSecretNames`` unless configured; a marker matches inside a longer name (`password` masks
///    `newPassword`), as Schemathesis's markers do. Over-masking is the safe side.
/// 2. **Values.** Registered secret values (credentials, captured tokens) are replaced wherever they appear, also
///    Base64-encoded (standard and URL-safe alphabets, at any alignment inside a longer Base64 text),
///    percent-encoded, form-encoded and JSON-escaped. Values shorter than ``minimumValueLength`` are not
///    registered: they would mask ordinary text.
///
/// The runner redacts when it captures an exchange, before the data enters a result, so no report, log or console
/// path ever holds a secret. A redactor is a value: registering a value returns or mutates a copy.
public struct SecretRedactor: Sendable {
    /// What replaces a secret.
    public static let mask = "<redacted>"

    /// The secret-name markers meshcheck uses unless told otherwise.
    public static let defaultSecretNames = [
        "X-Client-Secret", "X-Client-Id", "Authorization", "Cookie", "authToken", "accessToken", "refreshToken",
        "idToken", "password", "passphrase", "mfaCode", "challengeAnswer", "tradePin", "secret", "apiKey",
        "privateKey",
    ]

    /// The shortest value that may be registered.
    public static let minimumValueLength = 4

    /// A redactor with the default names and no registered values.
    public static let standard = SecretRedactor()

    /// The markers as configured.
    public private(set) var secretNames: [String]
    /// The registered secret values, as given.
    public private(set) var secretValues: [String] = []
    private var markers: [[UInt8]]
    /// Every encoded form of every registered value, longest first.
    private var patterns: [[UInt8]] = []
    /// For each byte value, the indexes in ``patterns`` of the patterns starting with it (longest first).
    private var patternsByFirstByte: [[Int]] = Array(repeating: [], count: 256)

    /// Creates a redactor.
    ///
    /// - Parameters:
    ///   - secretNames: The name markers; ``defaultSecretNames`` by default.
    ///   - secretValues: Values to mask wherever they appear.
    public init(secretNames: [String] = defaultSecretNames, secretValues: [String] = []) {
        self.secretNames = secretNames
        self.markers = secretNames.map(Self.fold).filter { !$0.isEmpty }
        for value in secretValues {
            register(value)
        }
    }

    /// Whether a member, header or parameter called `name` holds a secret.
    ///
    /// - Parameter name: The name as written.
    /// - Returns: `true` when it contains a marker, ignoring case, `-` and `_`.
    public func isSecretName(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { raw in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, raw.count)) { buffer in
                var count = 0
                for byte in raw where byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") {
                    buffer[count] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                    count += 1
                }
                guard count > 0 else { return false }
                for marker in markers where marker.count <= count {
                    var start = 0
                    while start + marker.count <= count {
                        var offset = 0
                        while offset < marker.count && buffer[start + offset] == marker[offset] {
                            offset += 1
                        }
                        if offset == marker.count { return true }
                        start += 1
                    }
                }
                return false
            }
        }
    }

    /// Whether any value is registered.
    public var hasSecretValues: Bool { !patterns.isEmpty }

    /// Registers a value to mask wherever it appears, in every encoding.
    ///
    /// A value shorter than ``minimumValueLength`` or already registered is ignored.
    ///
    /// - Parameter value: The secret.
    public mutating func register(_ value: String) {
        guard value.unicodeScalars.count >= Self.minimumValueLength, !secretValues.contains(value) else { return }
        secretValues.append(value)
        var added = Set(patterns)
        for pattern in Self.encodedForms(of: Array(value.utf8)) where added.insert(pattern).inserted {
            patterns.append(pattern)
        }
        patterns.sort { $0.count > $1.count }
        patternsByFirstByte = Array(repeating: [], count: 256)
        for (index, pattern) in patterns.enumerated() {
            patternsByFirstByte[Int(pattern[0])].append(index)
        }
    }

    /// A copy with `values` registered too.
    ///
    /// - Parameter values: More secrets.
    /// - Returns: The new redactor.
    public func registering(_ values: [String]) -> SecretRedactor {
        var copy = self
        for value in values {
            copy.register(value)
        }
        return copy
    }

    /// `text` with every registered value (in any encoding) replaced by ``mask``.
    ///
    /// - Parameter text: Any text: a message, a URL, a body.
    /// - Returns: The redacted text.
    public func redact(_ text: String) -> String {
        guard hasSecretValues else { return text }
        let bytes = Array(text.utf8)
        let redacted = redactValues(in: bytes)
        return redacted.count == bytes.count && redacted == bytes ? text : String(decoding: redacted, as: UTF8.self)
    }

    /// `bytes` with every registered value (in any encoding) replaced by ``mask``.
    ///
    /// - Parameter bytes: Any bytes.
    /// - Returns: The redacted bytes.
    public func redactValues(in bytes: [UInt8]) -> [UInt8] {
        guard hasSecretValues, !bytes.isEmpty else { return bytes }
        var output: [UInt8]?
        var copied = 0
        var index = 0
        while index < bytes.count {
            guard let end = matchEnd(in: bytes, at: index) else {
                index += 1
                continue
            }
            // A later match that starts inside this one and goes further extends the masked range.
            var maskedEnd = end
            var inner = index + 1
            while inner < maskedEnd {
                if let innerEnd = matchEnd(in: bytes, at: inner), innerEnd > maskedEnd { maskedEnd = innerEnd }
                inner += 1
            }
            if output == nil {
                output = []
                output?.reserveCapacity(bytes.count)
            }
            output?.append(contentsOf: bytes[copied..<index])
            output?.append(contentsOf: Self.maskBytes)
            copied = maskedEnd
            index = maskedEnd
        }
        guard var result = output else { return bytes }
        result.append(contentsOf: bytes[copied...])
        return result
    }

    /// The end of the longest registered pattern that starts at `index`, if any.
    private func matchEnd(in bytes: [UInt8], at index: Int) -> Int? {
        for patternIndex in patternsByFirstByte[Int(bytes[index])] {
            let pattern = patterns[patternIndex]
            guard index + pattern.count <= bytes.count else { continue }
            var offset = 1
            while offset < pattern.count && bytes[index + offset] == pattern[offset] {
                offset += 1
            }
            if offset == pattern.count { return index + pattern.count }
        }
        return nil
    }

    /// The value of a header field as it may be kept: masked whole for a secret name (an `Authorization` scheme
    /// such as `Bearer` is kept), otherwise with registered values masked.
    ///
    /// - Parameters:
    ///   - value: The field value.
    ///   - name: The field name.
    /// - Returns: The value to keep.
    public func redactHeader(_ value: String, name: String) -> String {
        guard isSecretName(name) else { return redact(value) }
        if let space = value.firstIndex(of: " "), Self.isAuthScheme(value[..<space]) {
            return String(value[..<space]) + " " + Self.mask
        }
        return Self.mask
    }

    static let maskBytes = Array(mask.utf8)

    private static func isAuthScheme(_ word: Substring) -> Bool {
        ["basic", "bearer", "digest", "token", "apikey"].contains(word.lowercased())
    }

    /// The name folded for comparison: ASCII lower case, without `-` and `_`; other bytes kept.
    static func fold(_ name: String) -> [UInt8] {
        var folded: [UInt8] = []
        folded.reserveCapacity(name.utf8.count)
        for byte in name.utf8 where byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") {
            folded.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        return folded
    }
}
