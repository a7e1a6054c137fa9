public import Foundation

/// Why an ``HTTPClient`` exchange failed; each case names what happened, so a report can say it plainly.
///
/// A response with any status (404, 500, a 3xx not followed) is a normal result, not an error.
public enum HTTPClientError: Error, Sendable, Equatable {
    /// The URL cannot be parsed.
    case invalidURL(String, reason: String)
    /// The scheme is neither `http` nor `https`.
    case unsupportedScheme(String)
    /// The request cannot be written: a method that is not a token, a header with CR or LF, …
    case invalidRequest(String)
    /// The host name did not resolve.
    case resolutionFailed(host: String, reason: String)
    /// The connection was refused or could not be made.
    case connectFailed(host: String, port: Int, reason: String)
    /// Connecting took longer than the connect timeout.
    case connectTimedOut(host: String, port: Int, after: Duration)
    /// The server stopped reading the request for longer than the read timeout.
    case writeTimedOut(after: Duration)
    /// Sending the request failed (the server closed or reset the connection).
    case writeFailed(reason: String)
    /// No response bytes came for longer than the read timeout.
    case readTimedOut(after: Duration, receivedBytes: Int)
    /// The whole exchange took longer than the total timeout.
    case totalTimedOut(after: Duration, receivedBytes: Int)
    /// The server closed the connection without sending a byte.
    case closedBeforeResponse
    /// The server closed the connection in the middle of the response head.
    case closedDuringHead(receivedBytes: Int)
    /// The server closed the connection before the body was complete; `expected` is `nil` for chunked bodies.
    case truncatedBody(expected: Int?, received: Int)
    /// The server reset the connection.
    case connectionReset(receivedBytes: Int)
    /// The response breaks HTTP/1.1 framing or syntax (garbage, a bad status line, conflicting lengths, …).
    case malformedResponse(String)
    /// The response head is larger than the limit.
    case responseHeadTooLarge(limit: Int)
    /// The response body is larger than the limit.
    case responseBodyTooLarge(limit: Int)
    /// More redirects than the policy allows.
    case tooManyRedirects(limit: Int)
    /// TLS: the server's certificate is not trusted, expired, or for another host.
    case certificateRejected(String)
    /// TLS failed for another reason (handshake, protocol).
    case tlsFailed(String)
    /// The configured CA file cannot be read or holds no certificate.
    case caFileUnusable(path: String, reason: String)
    /// Another transport failure, with the transport's own words.
    case transportFailed(String)
    /// The client was shut down while the exchange was running.
    case clientShutDown

    /// Whether the failure can mean a pooled connection had gone stale before the request was sent.
    var suggestsStaleConnection: Bool {
        switch self {
        case .closedBeforeResponse, .writeFailed: true
        case .connectionReset(let received): received == 0
        default: false
        }
    }
}

// MARK: - CustomStringConvertible, LocalizedError

extension HTTPClientError: CustomStringConvertible, LocalizedError {
    /// One lower-case line.
    public var description: String {
        switch self {
        case .invalidURL(let url, let reason): "invalid URL '\(url)': \(reason)"
        case .unsupportedScheme(let scheme): "unsupported URL scheme '\(scheme)' (use http or https)"
        case .invalidRequest(let reason): "invalid request: \(reason)"
        case .resolutionFailed(let host, let reason): "cannot resolve host '\(host)': \(reason)"
        case .connectFailed(let host, let port, let reason): "cannot connect to \(host):\(port): \(reason)"
        case .connectTimedOut(let host, let port, let after):
            "connecting to \(host):\(port) timed out after \(after.shortText)"
        case .writeTimedOut(let after): "the server did not read the request for \(after.shortText)"
        case .writeFailed(let reason): "sending the request failed: \(reason)"
        case .readTimedOut(let after, let received):
            "no response bytes for \(after.shortText) (read timeout) after \(received) bytes"
        case .totalTimedOut(let after, let received):
            "the exchange took longer than \(after.shortText) (total timeout) after \(received) response bytes"
        case .closedBeforeResponse: "the server closed the connection without responding"
        case .closedDuringHead(let received):
            "the server closed the connection after \(received) bytes, in the middle of the response head"
        case .truncatedBody(let expected?, let received):
            "the server closed the connection after \(received) of \(expected) body bytes (Content-Length)"
        case .truncatedBody(nil, let received):
            "the server closed the connection after \(received) body bytes, before the last chunk"
        case .connectionReset(let received): "the server reset the connection after \(received) response bytes"
        case .malformedResponse(let reason): "malformed response: \(reason)"
        case .responseHeadTooLarge(let limit): "response head larger than \(limit) bytes"
        case .responseBodyTooLarge(let limit): "response body larger than \(limit) bytes"
        case .tooManyRedirects(let limit): "more than \(limit) redirects"
        case .certificateRejected(let reason): "TLS certificate rejected: \(reason)"
        case .tlsFailed(let reason): "TLS failed: \(reason)"
        case .caFileUnusable(let path, let reason): "cannot use CA file '\(path)': \(reason)"
        case .transportFailed(let reason): "request failed: \(reason)"
        case .clientShutDown: "the HTTP client was shut down during the exchange"
        }
    }

    /// The same text, so `localizedDescription` is useful on Linux too.
    public var errorDescription: String? { description }
}

extension Duration {
    /// `250 ms` or `1.5 s`.
    var shortText: String {
        let milliseconds = Int(nanosecondsClamped / 1_000_000)
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        let tenths = milliseconds / 100
        return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
    }
}
