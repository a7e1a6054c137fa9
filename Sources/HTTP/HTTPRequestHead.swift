/// How a request's body is delimited (RFC 9112 §6.3).
package enum HTTPBodyFraming: Equatable, Sendable {
    /// No body.
    case none
    /// Exactly this many bytes.
    case contentLength(Int)
    /// Chunked transfer coding.
    case chunked
}

/// A request the server refuses before any handler sees it: the status to answer with and why.
///
/// The connection is always closed after the answer, since the framing of what follows cannot be trusted.
package struct HTTPRequestRejection: Error, Equatable, Sendable {
    /// The status to answer with (400, 413, 414, 417, 431, 501 or 505).
    package var status: Int
    /// One lower-case line sent as the body.
    package var reason: String

    package init(_ status: Int, _ reason: String) {
        self.status = status
        self.reason = reason
    }
}

/// A parsed request head: the request (body still empty), its framing and connection semantics.
package struct HTTPRequestHead: Sendable {
    /// The request without its body.
    package var request: HTTPRequest
    /// How the body is delimited.
    package var framing: HTTPBodyFraming
    /// Whether the connection may carry another request after this one.
    package var keepAlive: Bool
    /// Whether the client sent `Expect: 100-continue` on HTTP/1.1.
    package var expectsContinue: Bool
    /// Whether the method is `HEAD` (the response carries no body).
    package var isHead: Bool
}

/// The limits the request parser enforces.
package struct HTTPRequestParserLimits: Sendable {
    package var maxHeadBytes: Int
    package var maxHeaderCount: Int
    package var maxTargetBytes: Int
    package var maxBodyBytes: Int
}

/// Parses request heads per RFC 9112, rejecting what a hardened server must refuse.
package enum HTTPRequestHeadParser {
    /// The outcome of looking at the buffered bytes of a connection.
    package enum Outcome {
        /// More bytes are needed; resume scanning at `resumeAt`.
        case incomplete(resumeAt: Int)
        /// A complete head of `length` bytes (leading blank lines included).
        case head(HTTPRequestHead, length: Int)
        /// A request to refuse.
        case rejected(HTTPRequestRejection)
    }

    /// Parses the head at the start of `bytes`, if it is complete.
    ///
    /// - Parameters:
    ///   - bytes: The connection's unconsumed input.
    ///   - resumeAt: Where the previous scan stopped (0 at first).
    ///   - limits: Size limits.
    /// - Returns: A complete head, a rejection, or where to resume once more bytes arrive.
    package static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>,
        resumeAt: Int,
        limits: HTTPRequestParserLimits
    ) -> Outcome {
        // RFC 9112 §2.2: ignore at least one empty line before the request line.
        var skipped = 0
        while skipped + 1 < bytes.count && bytes[skipped] == 0x0D && bytes[skipped + 1] == 0x0A && skipped < 64 {
            skipped += 2
        }
        let body = UnsafeBufferPointer(rebasing: bytes[skipped...])
        switch HTTPHeadParser.findEnd(body, from: max(0, resumeAt - skipped)) {
        case .bareLineFeed:
            return .rejected(HTTPRequestRejection(400, "bare line feed in request head"))
        case .incomplete(let resume):
            if let rejection = oversizedIncompleteHead(body, limits: limits) {
                return .rejected(rejection)
            }
            return .incomplete(resumeAt: resume + skipped)
        case .complete(let length):
            if length > limits.maxHeadBytes {
                return .rejected(oversizedHead(body, limits: limits))
            }
            let head = UnsafeBufferPointer(rebasing: body[..<length])
            switch parseHead(head, limits: limits) {
            case .success(let parsed): return .head(parsed, length: skipped + length)
            case .failure(let rejection): return .rejected(rejection)
            }
        }
    }

    private static func oversizedIncompleteHead(
        _ bytes: UnsafeBufferPointer<UInt8>,
        limits: HTTPRequestParserLimits
    ) -> HTTPRequestRejection? {
        let firstLineEnd = HTTPHeadParser.lineEnd(bytes, from: 0)
        if firstLineEnd == nil && bytes.count > limits.maxTargetBytes + 64 {
            return HTTPRequestRejection(414, "request line longer than \(limits.maxTargetBytes) bytes")
        }
        if bytes.count > limits.maxHeadBytes {
            return oversizedHead(bytes, limits: limits)
        }
        return nil
    }

    private static func oversizedHead(
        _ bytes: UnsafeBufferPointer<UInt8>,
        limits: HTTPRequestParserLimits
    ) -> HTTPRequestRejection {
        if let lineEnd = HTTPHeadParser.lineEnd(bytes, from: 0), lineEnd <= limits.maxTargetBytes + 64 {
            return HTTPRequestRejection(431, "request header block larger than \(limits.maxHeadBytes) bytes")
        }
        return HTTPRequestRejection(414, "request line longer than \(limits.maxTargetBytes) bytes")
    }

    private static func parseHead(
        _ head: UnsafeBufferPointer<UInt8>,
        limits: HTTPRequestParserLimits
    ) -> Result<HTTPRequestHead, HTTPRequestRejection> {
        guard let lineEnd = HTTPHeadParser.lineEnd(head, from: 0) else {
            return .failure(HTTPRequestRejection(400, "missing request line"))
        }
        // Request line: method SP request-target SP HTTP-version (RFC 9112 §3).
        var index = 0
        while index < lineEnd && HTTPSyntax.isTokenByte(head[index]) {
            index += 1
        }
        guard index > 0, index < lineEnd, head[index] == UInt8(ascii: " ") else {
            return .failure(HTTPRequestRejection(400, "malformed method in request line"))
        }
        let methodEnd = index
        index += 1
        let targetStart = index
        while index < lineEnd && HTTPSyntax.isTargetByte(head[index]) {
            index += 1
        }
        guard index > targetStart, index < lineEnd, head[index] == UInt8(ascii: " ") else {
            return .failure(HTTPRequestRejection(400, "malformed request target"))
        }
        let targetEnd = index
        if targetEnd - targetStart > limits.maxTargetBytes {
            return .failure(HTTPRequestRejection(414, "request target longer than \(limits.maxTargetBytes) bytes"))
        }
        index += 1
        let version: HTTPVersion
        switch parseVersion(UnsafeBufferPointer(rebasing: head[index..<lineEnd])) {
        case .some(let parsed): version = parsed
        case .none: return .failure(HTTPRequestRejection(400, "malformed HTTP version in request line"))
        }
        guard version.major == 1 else {
            return .failure(
                HTTPRequestRejection(505, "HTTP version \(version.major).\(version.minor) is not supported")
            )
        }
        let ranges: [HTTPHeaders.FieldRange]
        do {
            ranges = try HTTPHeadParser.parseFields(head, from: lineEnd + 2, limit: limits.maxHeaderCount)
        } catch {
            let status = if case .tooManyFields = error { 431 } else { 400 }
            return .failure(HTTPRequestRejection(status, error.message))
        }
        let method = String(decoding: UnsafeBufferPointer(rebasing: head[0..<methodEnd]), as: UTF8.self)
        let targetBytes = UnsafeBufferPointer(rebasing: head[targetStart..<targetEnd])
        if let rejection = checkTargetForm(targetBytes, method: method) {
            return .failure(rejection)
        }
        let target = String(decoding: targetBytes, as: UTF8.self)
        let headers = HTTPHeaders(storage: Array(head), ranges: ranges)
        return semantics(
            of: HTTPRequest(method: method, target: target, version: version, headers: headers),
            head: head,
            ranges: ranges,
            limits: limits
        )
    }

    /// `HTTP/` DIGIT `.` DIGIT, exactly; a higher 1.x minor version is treated as 1.1 (RFC 9110 §6.2).
    private static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPVersion? {
        guard bytes.count == 8,
            bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "T"), bytes[2] == UInt8(ascii: "T"),
            bytes[3] == UInt8(ascii: "P"), bytes[4] == UInt8(ascii: "/"), bytes[6] == UInt8(ascii: ".")
        else { return nil }
        let major = bytes[5] &- UInt8(ascii: "0")
        let minor = bytes[7] &- UInt8(ascii: "0")
        guard major < 10, minor < 10 else { return nil }
        if major == 1 && minor > 1 {
            return .http11
        }
        return HTTPVersion(major: Int(major), minor: Int(minor))
    }

    private static func checkTargetForm(_ target: UnsafeBufferPointer<UInt8>, method: String) -> HTTPRequestRejection? {
        if method == "CONNECT" {
            return HTTPRequestRejection(501, "CONNECT is not implemented")
        }
        if target[0] == UInt8(ascii: "/") {
            return nil
        }
        if target.count == 1 && target[0] == UInt8(ascii: "*") {
            return method == "OPTIONS" ? nil : HTTPRequestRejection(400, "asterisk-form target is only for OPTIONS")
        }
        let lowered = target.prefix(8).map(HTTPSyntax.lowercased)
        if lowered.starts(with: Array("http://".utf8)) || lowered.starts(with: Array("https://".utf8)) {
            return nil
        }
        return HTTPRequestRejection(400, "request target is not in origin, absolute or asterisk form")
    }

    /// Host, Content-Length, Transfer-Encoding, Expect and Connection (RFC 9112 §3.2, §6, §9.3; RFC 9110 §10.1.1).
    private static func semantics(
        of request: HTTPRequest,
        head: UnsafeBufferPointer<UInt8>,
        ranges: [HTTPHeaders.FieldRange],
        limits: HTTPRequestParserLimits
    ) -> Result<HTTPRequestHead, HTTPRequestRejection> {
        var hostCount = 0
        var contentLength: Int?
        var sawContentLength = false
        var codings: [[UInt8]] = []
        var sawTransferEncoding = false
        var expectsContinue = false
        var sawClose = false
        var sawKeepAlive = false
        var rejection: HTTPRequestRejection?
        for range in ranges where rejection == nil {
            let name = UnsafeBufferPointer(rebasing: head[Int(range.nameStart)..<Int(range.nameEnd)])
            let value = UnsafeBufferPointer(rebasing: head[Int(range.valueStart)..<Int(range.valueEnd)])
            switch HTTPFieldName(name) {
            case .host:
                hostCount += 1
            case .contentLength:
                sawContentLength = true
                var elements = 0
                HTTPSyntax.forEachListElement(value) { element in
                    elements += 1
                    guard rejection == nil else { return }
                    guard HTTPSyntax.isDigits(element) else {
                        rejection = HTTPRequestRejection(400, "invalid Content-Length")
                        return
                    }
                    let parsed = HTTPSyntax.decimal(element) ?? Int.max
                    if let earlier = contentLength, earlier != parsed {
                        rejection = HTTPRequestRejection(400, "conflicting Content-Length values")
                    }
                    contentLength = parsed
                }
                if elements == 0 && rejection == nil {
                    rejection = HTTPRequestRejection(400, "empty Content-Length")
                }
            case .transferEncoding:
                sawTransferEncoding = true
                HTTPSyntax.forEachListElement(value) { codings.append($0.map(HTTPSyntax.lowercased)) }
            case .expect:
                if HTTPSyntax.equalsIgnoringASCIICase(value, continueToken) {
                    expectsContinue = true
                } else {
                    rejection = HTTPRequestRejection(417, "unsupported expectation")
                }
            case .connection:
                sawClose = sawClose || HTTPSyntax.listContainsToken(value, closeToken)
                sawKeepAlive = sawKeepAlive || HTTPSyntax.listContainsToken(value, keepAliveToken)
            case .date, .other:
                break
            }
        }
        if let rejection {
            return .failure(rejection)
        }
        let isHTTP11 = request.version >= .http11
        if isHTTP11 && hostCount == 0 {
            return .failure(HTTPRequestRejection(400, "missing Host header"))
        }
        if hostCount > 1 {
            return .failure(HTTPRequestRejection(400, "more than one Host header"))
        }
        var framing = HTTPBodyFraming.none
        if sawTransferEncoding {
            if sawContentLength {
                return .failure(HTTPRequestRejection(400, "both Content-Length and Transfer-Encoding"))
            }
            if !isHTTP11 {
                return .failure(HTTPRequestRejection(400, "Transfer-Encoding in an HTTP/1.0 request"))
            }
            let chunked = Array("chunked".utf8)
            guard codings.last == chunked else {
                return .failure(HTTPRequestRejection(400, "chunked is not the final transfer coding"))
            }
            if codings.count > 1 {
                if codings.dropLast().contains(chunked) {
                    return .failure(HTTPRequestRejection(400, "chunked applied more than once"))
                }
                return .failure(HTTPRequestRejection(501, "unsupported transfer coding"))
            }
            framing = .chunked
        } else if let contentLength {
            if contentLength > limits.maxBodyBytes {
                return .failure(HTTPRequestRejection(413, "body larger than \(limits.maxBodyBytes) bytes"))
            }
            framing = contentLength > 0 ? .contentLength(contentLength) : .none
        }
        let keepAlive = isHTTP11 ? !sawClose : (sawKeepAlive && !sawClose)
        return .success(
            HTTPRequestHead(
                request: request,
                framing: framing,
                keepAlive: keepAlive,
                expectsContinue: expectsContinue && isHTTP11,
                isHead: request.method == "HEAD"
            )
        )
    }

    private static var continueToken: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(staticBytes: "100-continue") }
    private static var closeToken: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(staticBytes: "close") }
    private static var keepAliveToken: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(staticBytes: "keep-alive") }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The bytes of a static string, which live for the whole process.
    package init(staticBytes string: StaticString) {
        self.init(start: string.utf8Start, count: string.utf8CodeUnitCount)
    }
}
