/// Writes responses (server) and requests (client) onto the wire.
///
/// Both refuse a header name that is not a token and a value with CR, LF or another control byte, so no header
/// can inject a line. Framing headers (`Content-Length`, `Transfer-Encoding`, `Connection`) are written by the
/// serializer alone, from the body it actually sends.
package enum HTTPSerializer {
    /// Why a message cannot be written.
    package enum Failure: Error, Equatable {
        /// A field name that is not a token.
        case invalidFieldName(String)
        /// A field value with a control byte.
        case invalidFieldValue(name: String)
        /// A reason phrase with a control byte, or a status outside 100…999.
        case invalidStatusLine
        /// A method that is not a token, or a target with a byte that is not visible ASCII.
        case invalidRequestLine
    }

    /// Appends a response to `output`.
    ///
    /// - Parameters:
    ///   - response: The handler's response.
    ///   - output: The connection's output buffer.
    ///   - isHead: Whether it answers a `HEAD` request (no body is written; `Content-Length` still is).
    ///   - close: Whether to add `Connection: close`.
    ///   - keepAliveHeader: Whether to add `Connection: keep-alive` (for HTTP/1.0 clients that asked for it).
    ///   - date: The cached `Date` value.
    /// - Throws: ``Failure`` when a header or the reason phrase cannot be written; nothing is appended then.
    package static func appendResponse(
        _ response: HTTPResponse,
        to output: inout [UInt8],
        isHead: Bool,
        close: Bool,
        keepAliveHeader: Bool,
        date: [UInt8]
    ) throws(Failure) {
        let status = response.status
        guard (100...999).contains(status), HTTPSyntax.isFieldValue(response.reason.utf8) else {
            throw .invalidStatusLine
        }
        let start = output.count
        output.append(contentsOf: statusLinePrefix)
        output.append(UInt8(ascii: "0") + UInt8(status / 100))
        output.append(UInt8(ascii: "0") + UInt8(status / 10 % 10))
        output.append(UInt8(ascii: "0") + UInt8(status % 10))
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: response.reason.utf8)
        output.append(contentsOf: crlf)
        var hasDate = false
        do {
            hasDate = try appendFields(response.headers, to: &output)
        } catch {
            output.removeSubrange(start...)
            throw error
        }
        let hasBody = status >= 200 && status != 204 && status != 304
        if status >= 200 && status != 204 {
            if status != 304 || !response.body.isEmpty {
                output.append(contentsOf: contentLengthPrefix)
                appendDecimal(response.body.count, to: &output)
                output.append(contentsOf: crlf)
            }
        }
        if !hasDate {
            output.append(contentsOf: datePrefix)
            output.append(contentsOf: date)
            output.append(contentsOf: crlf)
        }
        if close {
            output.append(contentsOf: connectionClose)
        } else if keepAliveHeader {
            output.append(contentsOf: connectionKeepAlive)
        }
        output.append(contentsOf: crlf)
        if hasBody && !isHead {
            output.append(contentsOf: response.body)
        }
    }

    /// Appends a request to `output`: request line, `Host` unless given, the fields, `Content-Length` when there is
    /// a body (or the method usually carries one), and the body.
    ///
    /// - Throws: ``Failure`` when the method, target or a header cannot be written.
    package static func appendRequest(
        method: String,
        target: String,
        hostHeader: String,
        headers: HTTPHeaders,
        body: [UInt8],
        to output: inout [UInt8]
    ) throws(Failure) {
        guard HTTPSyntax.isToken(method.utf8), !target.isEmpty, target.utf8.allSatisfy(HTTPSyntax.isTargetByte) else {
            throw .invalidRequestLine
        }
        output.append(contentsOf: method.utf8)
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: target.utf8)
        output.append(contentsOf: requestLineSuffix)
        if !headers.contains("Host") {
            guard HTTPSyntax.isFieldValue(hostHeader.utf8) else { throw .invalidFieldValue(name: "Host") }
            output.append(contentsOf: hostPrefix)
            output.append(contentsOf: hostHeader.utf8)
            output.append(contentsOf: crlf)
        }
        _ = try appendFields(headers, to: &output)
        if !body.isEmpty || methodUsuallyHasBody(method) {
            output.append(contentsOf: contentLengthPrefix)
            appendDecimal(body.count, to: &output)
            output.append(contentsOf: crlf)
        }
        output.append(contentsOf: crlf)
        output.append(contentsOf: body)
    }

    /// Whether requests with `method` carry a body, so an empty one is sent as `Content-Length: 0`.
    package static func methodUsuallyHasBody(_ method: String) -> Bool {
        switch method {
        case "POST", "PUT", "PATCH": true
        default: false
        }
    }

    /// Appends every field but the framing ones; returns whether a `Date` field was among them.
    private static func appendFields(_ headers: HTTPHeaders, to output: inout [UInt8]) throws(Failure) -> Bool {
        var hasDate = false
        try headers.storage.withUnsafeBufferPointer { (storage) throws(Failure) in
            for range in headers.ranges {
                let name = UnsafeBufferPointer(rebasing: storage[Int(range.nameStart)..<Int(range.nameEnd)])
                let value = UnsafeBufferPointer(rebasing: storage[Int(range.valueStart)..<Int(range.valueEnd)])
                guard HTTPSyntax.isToken(name) else {
                    throw .invalidFieldName(String(decoding: name, as: UTF8.self))
                }
                guard HTTPSyntax.isFieldValue(value) else {
                    throw .invalidFieldValue(name: String(decoding: name, as: UTF8.self))
                }
                switch HTTPFieldName(name) {
                case .contentLength, .transferEncoding, .connection:
                    continue
                case .date:
                    hasDate = true
                case .host, .expect, .other:
                    break
                }
                output.append(contentsOf: name)
                output.append(contentsOf: colonSpace)
                output.append(contentsOf: value)
                output.append(contentsOf: crlf)
            }
        }
        return hasDate
    }

    /// Appends the decimal digits of a non-negative number.
    package static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value < 10 {
            output.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var remaining = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while remaining > 0 && count < buffer.count {
                buffer[buffer.count - 1 - count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(buffer.count - count)...]))
        }
    }

    private static var statusLinePrefix: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(staticBytes: "HTTP/1.1 ") }
    private static var requestLineSuffix: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(staticBytes: " HTTP/1.1\r\n")
    }
    private static var crlf: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(staticBytes: "\r\n") }
    private static var colonSpace: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(staticBytes: ": ") }
    private static var hostPrefix: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(staticBytes: "Host: ") }
    private static var datePrefix: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(staticBytes: "Date: ") }
    private static var contentLengthPrefix: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(staticBytes: "Content-Length: ")
    }
    private static var connectionClose: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(staticBytes: "Connection: close\r\n")
    }
    private static var connectionKeepAlive: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(staticBytes: "Connection: keep-alive\r\n")
    }
}
