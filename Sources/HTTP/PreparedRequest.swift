/// One hop of a client exchange, ready for a transport: parsed URL, final headers and deadlines.
struct PreparedRequest: Sendable {
    var url: HTTPURL
    var method: String
    var headers: HTTPHeaders
    var body: [UInt8]
    var timeouts: HTTPTimeouts
    /// When the whole exchange (redirects included) started, on the ``MonotonicClock``.
    var startedAt: UInt64
    /// When the whole exchange must end.
    var totalDeadline: UInt64

    /// Whether a request may be sent again after a pooled connection turned out stale (RFC 9110 §9.2.2).
    var isIdempotent: Bool {
        switch method {
        case "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE": true
        default: false
        }
    }

    /// The request as it goes on the wire, for the exchange record.
    var recordedRequest: HTTPRequest {
        var recorded = HTTPHeaders()
        if !headers.contains("Host") {
            recorded.add(name: "Host", value: url.authority)
        }
        recorded.append(contentsOf: headers)
        if !body.isEmpty || HTTPSerializer.methodUsuallyHasBody(method) {
            recorded.add(name: "Content-Length", value: String(body.count))
        }
        return HTTPRequest(method: method, target: url.target, version: .http11, headers: recorded, body: body)
    }

    /// The request's bytes.
    ///
    /// - Throws: ``HTTPClientError/invalidRequest(_:)`` when the method, target or a header cannot be written.
    func serialized() throws(HTTPClientError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + body.count)
        do {
            try HTTPSerializer.appendRequest(
                method: method,
                target: url.target,
                hostHeader: url.authority,
                headers: headers,
                body: body,
                to: &bytes
            )
        } catch {
            switch error {
            case .invalidFieldName(let name): throw .invalidRequest("header name '\(name)' is not a token")
            case .invalidFieldValue(let name): throw .invalidRequest("header '\(name)' has a control character")
            case .invalidRequestLine: throw .invalidRequest("invalid method or target")
            case .invalidStatusLine: throw .invalidRequest("invalid request")
            }
        }
        return bytes
    }
}
