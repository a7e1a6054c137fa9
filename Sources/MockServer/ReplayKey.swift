import Diagnostics
import HTTP
import JSON

/// What a recorded request and a new one must share for the recorded response to be replayed.
struct ReplayKey: Hashable, Sendable {
    /// The credential headers whose presence is part of the key.
    static let credentialHeaders = ["X-Client-Id", "X-Client-Secret", "Authorization"]

    let method: String
    let target: String
    let credentials: [String]
    let body: String

    /// A key from a fixture's request.
    init(method: String, target: String, credentials: [String], body: [UInt8]) {
        self.method = method.uppercased()
        self.target = Self.normalized(target)
        self.credentials = credentials.map { $0.lowercased() }.sorted()
        self.body = Self.normalizedBody(body)
    }

    /// A key from a request as received: secrets in the body are masked first, as they were when recorded.
    init(request: HTTPRequest) {
        let present = Self.credentialHeaders.filter { !(request.headers[$0] ?? "").isEmpty }
        let redacted = SecretRedactor.standard.redactBody(request.body, contentType: request.headers["Content-Type"])
        self.init(method: request.method, target: request.target, credentials: present, body: redacted)
    }

    /// JSON bodies with keys sorted; other bodies as they are; run ids replaced.
    static func normalizedBody(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return "" }
        if let value = try? JSONParser.parse(body, path: "<body>") {
            return normalized(value.serialized(sortingKeys: true))
        }
        return normalized(String(decoding: body, as: UTF8.self))
    }

    /// The text with every meshcheck run id (`r` and ten lower-case hex digits, not inside a longer word)
    /// replaced by `{{run.id}}`.
    static func normalized(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 11 else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "r"), index + 11 <= bytes.count,
                index == 0 || !isWordByte(bytes[index - 1]),
                (index + 1..<index + 11).allSatisfy({ isHexDigit(bytes[$0]) }),
                index + 11 == bytes.count || !isWordByte(bytes[index + 11])
            {
                output += Array("{{run.id}}".utf8)
                index += 11
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
