import Diagnostics
import HTTP

/// A request and its response as kept in a result: secrets masked, bodies bounded, enough to write a `curl` line.
public struct ExchangeRecord: Sendable {
    /// Header fields and a body excerpt.
    public struct Message: Sendable {
        /// The header fields in order, repeats kept, secrets masked.
        public var headers: [(name: String, value: String)]
        /// Whether some header fields were left out (more than ``ExchangeRecorder/headerLimit``).
        public var headersTruncated: Bool
        /// The body as text (invalid UTF-8 shown as U+FFFD), secrets masked; ends with a truncation marker when
        /// cut.
        public var body: String
        /// The body's full size in bytes.
        public var bodyBytes: Int
        /// Whether ``body`` is an excerpt.
        public var bodyTruncated: Bool
        /// Whether the body was valid UTF-8.
        public var bodyIsValidUTF8: Bool
    }

    /// The response's status line and message.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// The reason phrase as sent.
        public var reason: String
        /// Header fields and body.
        public var message: Message
    }

    /// The method.
    public var method: String
    /// The URL, secrets masked.
    public var url: String
    /// What was sent (or would have been, when nothing could be sent).
    public var request: Message
    /// What came back, if anything.
    public var response: Response?
    /// Connecting, in milliseconds; `nil` for a reused connection.
    public var connectMilliseconds: Double?
    /// Time to the first response byte, in milliseconds.
    public var firstByteMilliseconds: Double?
    /// The whole exchange, in milliseconds.
    public var totalMilliseconds: Double?
}

/// Turns raw exchanges into ``ExchangeRecord`` values: the one place where data from the wire is redacted and
/// bounded before it is kept.
struct ExchangeRecorder: Sendable {
    /// The most header fields kept per message.
    static let headerLimit = 200

    let redactor: SecretRedactor
    let bodyLimit: Int

    func message(headers: HTTPHeaders, body: [UInt8]) -> ExchangeRecord.Message {
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(min(headers.count, Self.headerLimit))
        for (name, value) in headers {
            guard fields.count < Self.headerLimit else { break }
            fields.append((redactor.redact(name), redactor.redactHeader(value, name: name)))
        }
        let (text, truncated, isValid) = excerpt(body, contentType: headers["Content-Type"])
        return ExchangeRecord.Message(
            headers: fields,
            headersTruncated: headers.count > Self.headerLimit,
            body: text,
            bodyBytes: body.count,
            bodyTruncated: truncated,
            bodyIsValidUTF8: isValid
        )
    }

    func excerpt(_ body: [UInt8], contentType: String?) -> (text: String, truncated: Bool, isValidUTF8: Bool) {
        guard !body.isEmpty else { return ("", false, true) }
        // Redact a little more than is kept, so that a secret cut by the bound is still masked.
        let considered = body.count > bodyLimit + 4096 ? Array(body.prefix(bodyLimit + 4096)) : body
        let isValid = String(validating: body, as: UTF8.self) != nil
        var redacted = redactor.redactBody(considered, contentType: contentType)
        let truncated = redacted.count > bodyLimit || considered.count < body.count
        if redacted.count > bodyLimit {
            var end = bodyLimit
            while end > 0 && redacted[end] & 0xC0 == 0x80 { end -= 1 }
            redacted.removeSubrange(end...)
        }
        var text = String(decoding: redacted, as: UTF8.self)
        if truncated {
            text += "\n…[truncated: \(redacted.count) of \(body.count) bytes shown]"
        }
        return (text, truncated, isValid)
    }

}
