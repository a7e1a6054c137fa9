/// An incremental HTTP/1.1 response parser for the client, fed bytes as they arrive (RFC 9112 §4, §6.3).
///
/// It fails fast on garbage (a first line that is not `HTTP/`), skips interim 1xx responses, and delimits the body
/// by `Content-Length`, chunked coding or end of stream, with limits on head and body sizes.
package struct HTTPResponseParser {
    /// Where parsing stands.
    package enum Progress: Equatable {
        /// More bytes are needed.
        case needsMore
        /// The response is complete; bytes after it are in ``leftover``.
        case complete
    }

    private enum Framing {
        case none
        case contentLength(remaining: Int, total: Int)
        case chunked(ChunkedDecoder)
        case untilClose
    }

    private enum State {
        case head(resumeAt: Int)
        case body(Framing)
        case complete
    }

    private let isHeadRequest: Bool
    private let maxHeadBytes: Int
    private let maxBodyBytes: Int
    private var state = State.head(resumeAt: 0)
    private var headBuffer: [UInt8] = []
    private var body: [UInt8] = []

    /// The response once complete (the body empty until then).
    package private(set) var response = HTTPResponse(status: 0)
    /// The bytes of the final response head.
    package private(set) var rawHead: [UInt8] = []
    /// Bytes received after the end of the response.
    package private(set) var leftover: [UInt8] = []
    /// Every byte fed so far.
    package private(set) var receivedBytes = 0
    /// Whether the connection may carry another request: persistent, delimited, nothing extra received.
    package private(set) var isReusable = false

    /// Creates a parser.
    ///
    /// - Parameters:
    ///   - isHeadRequest: Whether the request was `HEAD` (the response has no body whatever its headers say).
    ///   - maxHeadBytes: The largest head accepted.
    ///   - maxBodyBytes: The largest body accepted.
    package init(isHeadRequest: Bool, maxHeadBytes: Int, maxBodyBytes: Int) {
        self.isHeadRequest = isHeadRequest
        self.maxHeadBytes = maxHeadBytes
        self.maxBodyBytes = maxBodyBytes
    }

    /// Feeds received bytes.
    ///
    /// - Returns: Whether the response is complete.
    /// - Throws: ``HTTPClientError`` for malformed or oversized responses.
    package mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPClientError) -> Progress {
        receivedBytes += bytes.count
        return try consume(bytes)
    }

    private mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPClientError) -> Progress {
        var input = bytes
        while true {
            switch state {
            case .complete:
                leftover.append(contentsOf: input)
                isReusable = isReusable && leftover.isEmpty
                return .complete
            case .body:
                return try feedBodyBytes(input)
            case .head(let resumeAt):
                guard headBuffer.isEmpty else {
                    // Part of the head arrived earlier: accumulate, then parse from the buffer.
                    headBuffer.append(contentsOf: input)
                    let buffered = headBuffer
                    guard
                        let length = try buffered.withUnsafeBufferPointer({ (buffer) throws(HTTPClientError) in
                            try scanHead(buffer, resumeAt: resumeAt)
                        })
                    else {
                        return .needsMore
                    }
                    headBuffer = []
                    try parseHead(Array(buffered[..<length]))
                    return try buffered.withUnsafeBufferPointer { (buffer) throws(HTTPClientError) in
                        try consume(UnsafeBufferPointer(rebasing: buffer[length...]))
                    }
                }
                // The common case: the whole head is in this read; parse it in place.
                guard let length = try scanHead(input, resumeAt: 0) else {
                    headBuffer.append(contentsOf: input)
                    return .needsMore
                }
                try parseHead(Array(UnsafeBufferPointer(rebasing: input[..<length])))
                input = UnsafeBufferPointer(rebasing: input[length...])
            }
        }
    }

    /// Ends the input: the server closed the connection.
    ///
    /// - Throws: ``HTTPClientError`` when the response is incomplete (a close-delimited body is complete now).
    package mutating func finishAtEndOfStream() throws(HTTPClientError) {
        switch state {
        case .complete:
            return
        case .head:
            if headBuffer.isEmpty {
                throw .closedBeforeResponse
            }
            throw .closedDuringHead(receivedBytes: receivedBytes)
        case .body(let framing):
            switch framing {
            case .untilClose, .none:
                complete()
            case .contentLength(let remaining, let total):
                throw .truncatedBody(expected: total, received: total - remaining)
            case .chunked:
                throw .truncatedBody(expected: nil, received: body.count)
            }
        }
    }

    /// The head's length once complete; `nil` (with the resume point saved) when more bytes are needed.
    private mutating func scanHead(_ bytes: UnsafeBufferPointer<UInt8>, resumeAt: Int) throws(HTTPClientError) -> Int? {
        if bytes.count >= 5 && !bytes.starts(with: "HTTP/".utf8) {
            let shown = String(decoding: bytes.prefix(16).map { $0 < 0x20 || $0 > 0x7E ? 0x2E : $0 }, as: UTF8.self)
            throw .malformedResponse("response does not start with 'HTTP/' (got '\(shown)')")
        }
        switch HTTPHeadParser.findEnd(bytes, from: resumeAt) {
        case .bareLineFeed(let offset):
            throw .malformedResponse("bare line feed at byte \(offset) of the response head")
        case .incomplete(let resume):
            if bytes.count > maxHeadBytes {
                throw .responseHeadTooLarge(limit: maxHeadBytes)
            }
            state = .head(resumeAt: resume)
            return nil
        case .complete(let length):
            if length > maxHeadBytes {
                throw .responseHeadTooLarge(limit: maxHeadBytes)
            }
            return length
        }
    }

    private mutating func parseHead(_ head: [UInt8]) throws(HTTPClientError) {
        let parsed: (HTTPResponse, Framing, Bool) = try head.withUnsafeBufferPointer {
            (buffer) throws(HTTPClientError) in
            try Self.parse(buffer, storage: head, isHeadRequest: isHeadRequest, maxBody: maxBodyBytes)
        }
        let (response, framing, persistent) = parsed
        if (100..<200).contains(response.status) {
            guard response.status != 101 else {
                throw .malformedResponse("unexpected 101 Switching Protocols")
            }
            state = .head(resumeAt: 0)
            return
        }
        self.response = response
        rawHead = head
        isReusable = persistent
        if case .untilClose = framing {
            isReusable = false
        }
        state = .body(framing)
    }

    private mutating func feedBodyBytes(_ input: UnsafeBufferPointer<UInt8>) throws(HTTPClientError) -> Progress {
        guard case .body(let framing) = state else { return .needsMore }
        switch framing {
        case .none:
            complete()
            leftover.append(contentsOf: input)
        case .contentLength(let remaining, let total):
            let take = min(remaining, input.count)
            body.append(contentsOf: UnsafeBufferPointer(rebasing: input[..<take]))
            if take == remaining {
                complete()
                leftover.append(contentsOf: UnsafeBufferPointer(rebasing: input[take...]))
            } else {
                state = .body(.contentLength(remaining: remaining - take, total: total))
            }
        case .chunked(var decoder):
            do {
                let (consumed, progress) = try decoder.decode(input, into: &body)
                if progress == .done {
                    complete()
                    leftover.append(contentsOf: UnsafeBufferPointer(rebasing: input[consumed...]))
                } else {
                    state = .body(.chunked(decoder))
                }
            } catch {
                switch error {
                case .tooLarge: throw .responseBodyTooLarge(limit: maxBodyBytes)
                case .malformed(let reason): throw .malformedResponse(reason)
                }
            }
        case .untilClose:
            guard body.count + input.count <= maxBodyBytes else { throw .responseBodyTooLarge(limit: maxBodyBytes) }
            body.append(contentsOf: input)
        }
        if case .complete = state {
            isReusable = isReusable && leftover.isEmpty
            return .complete
        }
        return .needsMore
    }

    private mutating func complete() {
        response.body = body
        body = []
        state = .complete
    }

    /// Status line and headers, then the framing (RFC 9112 §6.3) and persistence (§9.3) they imply.
    private static func parse(
        _ head: UnsafeBufferPointer<UInt8>,
        storage: [UInt8],
        isHeadRequest: Bool,
        maxBody: Int
    ) throws(HTTPClientError) -> (HTTPResponse, Framing, Bool) {
        guard let lineEnd = HTTPHeadParser.lineEnd(head, from: 0), lineEnd >= 12,
            head[5] &- UInt8(ascii: "0") < 10, head[6] == UInt8(ascii: "."), head[7] &- UInt8(ascii: "0") < 10,
            head[8] == UInt8(ascii: " ")
        else { throw .malformedResponse("malformed status line") }
        let version = HTTPVersion(major: Int(head[5] - UInt8(ascii: "0")), minor: Int(head[7] - UInt8(ascii: "0")))
        guard version.major == 1 else { throw .malformedResponse("unsupported version \(version)") }
        let digits = UnsafeBufferPointer(rebasing: head[9..<12])
        guard HTTPSyntax.isDigits(digits), let status = HTTPSyntax.decimal(digits), status >= 100 else {
            throw .malformedResponse("malformed status code")
        }
        var reason = ""
        if lineEnd > 12 {
            guard head[12] == UInt8(ascii: " ") else { throw .malformedResponse("malformed status line") }
            let reasonBytes = UnsafeBufferPointer(rebasing: head[13..<lineEnd])
            guard HTTPSyntax.isFieldValue(reasonBytes) else {
                throw .malformedResponse("control character in the reason phrase")
            }
            reason = String(decoding: reasonBytes, as: UTF8.self)
        }
        let ranges: [HTTPHeaders.FieldRange]
        do {
            ranges = try HTTPHeadParser.parseFields(head, from: lineEnd + 2, limit: 1000)
        } catch {
            throw .malformedResponse(error.message)
        }
        var contentLength: Int?
        var sawTransferEncoding = false
        var codings: [[UInt8]] = []
        var close = false
        var keepAlive = false
        for range in ranges {
            let name = UnsafeBufferPointer(rebasing: head[Int(range.nameStart)..<Int(range.nameEnd)])
            let value = UnsafeBufferPointer(rebasing: head[Int(range.valueStart)..<Int(range.valueEnd)])
            switch HTTPFieldName(name) {
            case .contentLength:
                var failure: String?
                var elements = 0
                HTTPSyntax.forEachListElement(value) { element in
                    elements += 1
                    guard HTTPSyntax.isDigits(element) else {
                        failure = "invalid Content-Length"
                        return
                    }
                    let parsed = HTTPSyntax.decimal(element) ?? Int.max
                    if let earlier = contentLength, earlier != parsed {
                        failure = "conflicting Content-Length values"
                    }
                    contentLength = parsed
                }
                if let failure { throw .malformedResponse(failure) }
                if elements == 0 { throw .malformedResponse("empty Content-Length") }
            case .transferEncoding:
                sawTransferEncoding = true
                HTTPSyntax.forEachListElement(value) { codings.append($0.map(HTTPSyntax.lowercased)) }
            case .connection:
                close = close || HTTPSyntax.listContainsToken(value, UnsafeBufferPointer(staticBytes: "close"))
                keepAlive =
                    keepAlive || HTTPSyntax.listContainsToken(value, UnsafeBufferPointer(staticBytes: "keep-alive"))
            case .host, .expect, .date, .other:
                break
            }
        }
        let response = HTTPResponse(
            status: status,
            reason: reason,
            version: version,
            headers: HTTPHeaders(storage: storage, ranges: ranges)
        )
        let persistent = version.minor >= 1 ? !close : keepAlive && !close
        if isHeadRequest || status < 200 || status == 204 || status == 304 {
            return (response, .none, persistent)
        }
        if sawTransferEncoding {
            if contentLength != nil {
                throw .malformedResponse("both Content-Length and Transfer-Encoding")
            }
            guard codings == [Array("chunked".utf8)] else {
                let named = codings.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ", ")
                throw .malformedResponse("unsupported Transfer-Encoding '\(named)'")
            }
            return (response, .chunked(ChunkedDecoder(limit: maxBody)), persistent)
        }
        if let contentLength {
            if contentLength > maxBody {
                throw .responseBodyTooLarge(limit: maxBody)
            }
            return (
                response, contentLength == 0 ? .none : .contentLength(remaining: contentLength, total: contentLength),
                persistent
            )
        }
        return (response, .untilClose, false)
    }
}
