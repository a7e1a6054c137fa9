import Glibc
import HTTP
import Synchronization
import Testing

/// A server on 127.0.0.1 that answers `GET /api/v1/status` in one hostile way: malformed framing, slow or missing
/// answers, oversized or endless bodies, bytes a report must escape, redirects. Each connection gets its own thread
/// (``RawTCPServer``); every loop is bounded and every wait ends when the server stops.
final class HostileServer: Sendable {
    let behaviour: HostileBehaviour
    private let server: RawTCPServer
    private let counter: Counter
    private let requestCounter: Counter

    /// Starts a server.
    ///
    /// - Parameters:
    ///   - behaviour: How it answers.
    ///   - redirectTarget: Where ``HostileBehaviour/redirectToAnotherHost`` sends the client.
    init(_ behaviour: HostileBehaviour, redirectTarget: String = "http://other.invalid/steal") throws {
        self.behaviour = behaviour
        let sent = Counter()
        let heads = Counter()
        server = RawTCPServer { connection in
            defer { connection.close() }
            guard let head = try? connection.readHead(timeout: .seconds(10)) else { return }
            heads.value.add(1, ordering: .relaxed)
            behaviour.serve(connection, head: head, redirectTarget: redirectTarget, sent: sent)
        }
        counter = sent
        requestCounter = heads
        try server.start()
    }

    /// `http://127.0.0.1:PORT`.
    var baseURL: String { server.baseURL }

    /// Request heads received so far.
    var requestCount: Int { requestCounter.value.load(ordering: .relaxed) }

    /// Bytes written to clients so far.
    var sentBytes: Int { counter.value.load(ordering: .relaxed) }

    func stop() {
        server.stop(timeout: .seconds(5))
    }

    deinit {
        server.stop(timeout: .seconds(5))
    }

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }
}

/// The hostile behaviours, each with what the step that meets it must say.
enum HostileBehaviour: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case invalidJSON
    case truncatedBody
    case fiftyMegabyteBody
    case oneBytePerSecond
    case resetMidBody
    case noResponse
    case contentLengthTooShort
    case duplicateKeys
    case invalidUTF8
    case scriptTag
    case cdataEnd
    case controlCharacter
    case tenThousandHeaders
    case redirectLoop
    case redirectToAnotherHost
    case informationalThen200
    case noContentWithBody
    case unannouncedGzip
    case closeWithoutResponse
    case garbageStatusLine
    case hugeHeaderLine
    case malformedChunkSize
    case deeplyNestedJSON
    case endlessInformational
    case endlessChunkedBody
    case htmlInsteadOfJSON
    case statusOutOfRange

    var testDescription: String { rawValue }

    /// A fragment of the step's failure (its transport error or one of its findings) that names what happened.
    var expectedFailure: String {
        switch self {
        case .invalidJSON: "not well-formed JSON: unexpected end of input, expected a string key"
        case .truncatedBody: "the server closed the connection after 20 of 120 body bytes (Content-Length)"
        case .fiftyMegabyteBody: "response body larger than 10485760 bytes"
        case .oneBytePerSecond: "the exchange took longer than 5 s (total timeout) after"
        case .resetMidBody: "the server reset the connection after 91 response bytes"
        case .noResponse: "the exchange took longer than 5 s (total timeout) after 0 response bytes"
        case .contentLengthTooShort:
            "not well-formed JSON: unexpected end of input, expected a value at line 1, column 11"
        case .duplicateKeys: "not well-formed JSON: duplicate key \"status\" (first at 1:2)"
        case .invalidUTF8: "not well-formed JSON: invalid UTF-8 at line 1, column 27"
        case .scriptTag: "/status: \"<script>alert('status')</script>\" is not one of the 9 values of ApiResultStatus"
        case .cdataEnd: "/status: \"]]> <![CDATA[ x ]]>\" is not one of the 9 values of ApiResultStatus"
        case .controlCharacter: "control character U+0001 must be escaped in a string"
        case .tenThousandHeaders: "response head larger than 65536 bytes"
        case .redirectLoop: "more than 5 redirects"
        case .redirectToAnotherHost: "status 307 is not declared for GET /api/v1/status (declared: 200, 401)"
        case .informationalThen200: "/content: expected array or null, got an object"
        case .noContentWithBody: "status 204 is not declared for GET /api/v1/status (declared: 200, 401)"
        case .unannouncedGzip:
            "unexpected byte 0x1F, expected a value at line 1, column 1 (byte 0); it starts with 1F 8B, a gzip header (no Content-Encoding, and meshcheck does not ask for compression)"
        case .closeWithoutResponse: "the server closed the connection without responding"
        case .garbageStatusLine: "malformed response: response does not start with 'HTTP/' (got '..SSH-2.0-OpenSS')"
        case .hugeHeaderLine: "response head larger than 65536 bytes"
        case .malformedChunkSize: "malformed response: chunk size is not a hex number"
        case .deeplyNestedJSON: "not well-formed JSON: nesting deeper than 512 levels"
        case .endlessInformational: "the exchange took longer than 5 s (total timeout)"
        case .endlessChunkedBody: "response body larger than 10485760 bytes"
        case .htmlInsteadOfJSON: "Content-Type 'text/html' is not declared for GET /api/v1/status 200"
        case .statusOutOfRange: "status 999 is not declared for GET /api/v1/status (declared: 200, 401)"
        }
    }

    /// Whether the step must end by its timeout (the server never finishes); the others end by what the server
    /// sends, and get a longer timeout so that a busy machine cannot turn them into timeouts.
    var endsByTimeout: Bool {
        self == .noResponse || self == .oneBytePerSecond || self == .endlessInformational
    }

    /// Text the server sends that no report may show unescaped.
    static let scriptMarker = "<script>alert('status')</script>"

    func serve(
        _ connection: HTTPRawConnection,
        head: [UInt8],
        redirectTarget: String,
        sent: HostileServer.Counter
    ) {
        let write: ([UInt8]) -> Bool = { bytes in
            do {
                try connection.write(bytes, timeout: .seconds(5))
                sent.value.add(bytes.count, ordering: .relaxed)
                return true
            } catch {
                return false
            }
        }
        let validBody = Array(#"{"status":"ok","content":{"institutions":[]}}"#.utf8)
        switch self {
        case .invalidJSON:
            _ = write(Self.response(body: Array(#"{"status":"ok","content":{"institutions":[{"#.utf8)))
        case .truncatedBody:
            _ = write(Self.head(extra: ["Content-Length: 120"]) + Array(repeating: UInt8(ascii: " "), count: 20))
        case .fiftyMegabyteBody:
            guard write(Self.head(extra: ["Content-Length: \(50 * 1024 * 1024)"])) else { return }
            let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 256 * 1024)
            for _ in 0..<200 where write(chunk) {}
        case .oneBytePerSecond:
            for byte in Self.response(body: validBody).prefix(8) {
                guard write([byte]) else { return }
                connection.pause(for: .seconds(1))
            }
        case .resetMidBody:
            _ = write(Self.head(extra: ["Content-Length: 200"]) + Array(#"{"status":"ok","con"#.utf8))
            connection.pause(for: .milliseconds(100))
            var linger = linger(l_onoff: 1, l_linger: 0)
            _ = setsockopt(connection.descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
        case .noResponse:
            // Longer than any wait of a test (even a starved one under ASan); stopping the server ends it.
            connection.pause(for: .seconds(90))
        case .contentLengthTooShort:
            _ = write(Self.head(extra: ["Content-Length: 10"]) + validBody)
        case .duplicateKeys:
            _ = write(Self.response(body: Array(#"{"status":"ok","status":"ok","content":{"institutions":[]}}"#.utf8)))
        case .invalidUTF8:
            _ = write(
                Self.response(
                    body: Array(#"{"status":"ok","message":""#.utf8) + [0xFF, 0xFE, 0xC3, 0x28]
                        + Array(#"","content":{}}"#.utf8)
                )
            )
        case .scriptTag:
            _ = write(Self.response(body: Array(#"{"status":"\#(Self.scriptMarker)","content":{}}"#.utf8)))
        case .cdataEnd:
            _ = write(Self.response(body: Array(#"{"status":"]]> <![CDATA[ x ]]>","content":{}}"#.utf8)))
        case .controlCharacter:
            _ = write(Self.response(body: Array(#"{"status":"ok\#u{1}","content":{}}"#.utf8)))
        case .tenThousandHeaders:
            var head = Array("HTTP/1.1 200 OK\r\n".utf8)
            for index in 0..<10_000 {
                head += Array("X-Header-\(index): v\r\n".utf8)
            }
            _ = write(head + Array("Content-Length: 0\r\n\r\n".utf8))
        case .redirectLoop:
            _ = write(Array("HTTP/1.1 302 Found\r\nLocation: /api/v1/status\r\nContent-Length: 0\r\n\r\n".utf8))
        case .redirectToAnotherHost:
            _ = write(
                Array(
                    "HTTP/1.1 307 Temporary Redirect\r\nLocation: \(redirectTarget)\r\nContent-Length: 0\r\n\r\n".utf8
                )
            )
        case .informationalThen200:
            _ = write(
                Array("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n".utf8)
                    + Self.response(body: Array(#"{"status":"ok","content":{"after":"1xx"}}"#.utf8))
            )
        case .noContentWithBody:
            _ = write(Array("HTTP/1.1 204 No Content\r\nContent-Length: 15\r\n\r\n".utf8) + validBody)
        case .unannouncedGzip:
            // A gzip member (RFC 1952) of `{"status":"ok"}`, stored, sent as if it were the JSON itself.
            let gzip: [UInt8] = [
                0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xAB, 0x56, 0x2A, 0x2E, 0x49, 0x2C, 0x29,
                0x2D, 0x56, 0xB2, 0x52, 0xCA, 0xCF, 0x56, 0xAA, 0x05, 0x00, 0x3F, 0x9A, 0x8C, 0x6E, 0x0F, 0x00, 0x00,
                0x00,
            ]
            _ = write(Self.response(body: gzip))
        case .closeWithoutResponse:
            break
        case .garbageStatusLine:
            _ = write([0x00, 0xFF] + Array("SSH-2.0-OpenSSH_9.6\r\n\r\n".utf8))
        case .hugeHeaderLine:
            _ = write(Array("HTTP/1.1 200 OK\r\nX-Big: \(String(repeating: "a", count: 100_000))\r\n\r\n".utf8))
        case .malformedChunkSize:
            _ = write(Self.head(extra: ["Transfer-Encoding: chunked"]) + Array("zz\r\nhello\r\n0\r\n\r\n".utf8))
        case .deeplyNestedJSON:
            _ = write(Self.response(body: [UInt8](repeating: UInt8(ascii: "["), count: 100_000)))
        case .endlessInformational:
            for _ in 0..<100 {
                guard write(Array("HTTP/1.1 102 Processing\r\n\r\n".utf8)) else { return }
                connection.pause(for: .milliseconds(100))
            }
        case .endlessChunkedBody:
            guard write(Self.head(extra: ["Transfer-Encoding: chunked"])) else { return }
            let chunk = Array("40000\r\n".utf8) + [UInt8](repeating: UInt8(ascii: " "), count: 0x40000) + [0x0D, 0x0A]
            for _ in 0..<200 where write(chunk) {}
        case .htmlInsteadOfJSON:
            let body = Array("<html><body>\(Self.scriptMarker)</body></html>".utf8)
            _ = write(
                Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
            )
        case .statusOutOfRange:
            _ = write(Array("HTTP/1.1 999 Nope\r\nContent-Length: 0\r\n\r\n".utf8))
        }
    }

    /// A response head with JSON's media type and `extra` fields.
    static func head(extra: [String]) -> [UInt8] {
        Array(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + extra.map { $0 + "\r\n" }.joined() + "\r\n").utf8
        )
    }

    /// A complete 200 with `body` as JSON.
    static func response(body: [UInt8]) -> [UInt8] {
        head(extra: ["Content-Length: \(body.count)"]) + body
    }
}
