import HTTP
import Testing

/// What the server must do with one raw request.
enum RawRequestExpectation: Sendable, CustomStringConvertible {
    /// Answer with this status; an error status (400 and up) is followed by the server closing the connection.
    case status(Int)
    /// Close the connection without answering.
    case closeWithoutResponse

    var description: String {
        switch self {
        case .status(let status): "status \(status)"
        case .closeWithoutResponse: "close without response"
        }
    }
}

/// One raw byte sequence sent over a fresh connection.
struct RawRequestCase: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var expectation: RawRequestExpectation
    /// Half-close after sending, as a client that gives up would.
    var closesAfterSending = false

    init(_ name: String, _ text: String, _ expectation: RawRequestExpectation, closesAfterSending: Bool = false) {
        self.init(name, Array(text.utf8), expectation, closesAfterSending: closesAfterSending)
    }

    init(_ name: String, _ bytes: [UInt8], _ expectation: RawRequestExpectation, closesAfterSending: Bool = false) {
        self.name = name
        self.bytes = bytes
        self.expectation = expectation
        self.closesAfterSending = closesAfterSending
    }

    var testDescription: String { name }
}

/// A malformed-request corpus sent over real sockets: each case names the RFC 9112 rule it breaks.
struct MalformedRequestCorpusTests {
    static let host = "Host: a\r\n"

    static let cases: [RawRequestCase] = requestLineCases + headerCases + framingCases + controlCases

    static let requestLineCases: [RawRequestCase] = [
        RawRequestCase("lower-case protocol name", "GET / http/1.1\r\n\(host)\r\n", .status(400)),
        RawRequestCase("extra token after version", "GET / HTTP/1.1 extra\r\n\(host)\r\n", .status(400)),
        RawRequestCase("double space before target", "GET  / HTTP/1.1\r\n\(host)\r\n", .status(400)),
        RawRequestCase("tab as separator", "GET /\tHTTP/1.1\r\n\(host)\r\n", .status(400)),
        RawRequestCase("missing version", "GET /\r\n\(host)\r\n", .status(400)),
        RawRequestCase("method only", "GET\r\n\(host)\r\n", .status(400)),
        RawRequestCase("leading space", " GET / HTTP/1.1\r\n\(host)\r\n", .status(400)),
        RawRequestCase("non-token byte in method", "G@T / HTTP/1.1\r\n\(host)\r\n", .status(400)),
        RawRequestCase("NUL in method", [0x47, 0x00] + Array("ET / HTTP/1.1\r\n\(host)\r\n".utf8), .status(400)),
        RawRequestCase("version without minor", "GET / HTTP/1\r\n\(host)\r\n", .status(400)),
        RawRequestCase("two-digit minor version", "GET / HTTP/1.10\r\n\(host)\r\n", .status(400)),
        RawRequestCase("letters as version", "GET / HTTP/a.b\r\n\(host)\r\n", .status(400)),
        RawRequestCase("HTTP/2.0 over HTTP/1 framing", "GET / HTTP/2.0\r\n\(host)\r\n", .status(505)),
        RawRequestCase("HTTP/0.9 with a version", "GET / HTTP/0.9\r\n\(host)\r\n", .status(505)),
        RawRequestCase("HTTP/3.0", "GET / HTTP/3.0\r\n\(host)\r\n", .status(505)),
        RawRequestCase("bare LF after request line", "GET / HTTP/1.1\n\(host)\r\n", .status(400)),
        RawRequestCase("all bare LFs", "GET / HTTP/1.1\nHost: a\n\n", .status(400)),
        RawRequestCase("space inside target", "GET /a b HTTP/1.1\r\n\(host)\r\n", .status(400)),
        RawRequestCase("control byte in target", "GET /a\u{01}b HTTP/1.1\r\n\(host)\r\n", .status(400)),
        RawRequestCase("non-ASCII byte in target", "GET /caf\u{E9} HTTP/1.1\r\n\(host)\r\n", .status(400)),
        RawRequestCase("target not in origin form", "GET foo HTTP/1.1\r\n\(host)\r\n", .status(400)),
        RawRequestCase("asterisk target with GET", "GET * HTTP/1.1\r\n\(host)\r\n", .status(400)),
        RawRequestCase("CONNECT is not implemented", "CONNECT a:443 HTTP/1.1\r\n\(host)\r\n", .status(501)),
        RawRequestCase(
            "target longer than 8 KiB",
            "GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\n\(host)\r\n",
            .status(414)
        ),
        RawRequestCase(
            "TLS handshake sent to the HTTP port",
            [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03, 0x0D, 0x0A, 0x0D, 0x0A],
            .status(400)
        ),
    ]

    static let headerCases: [RawRequestCase] = [
        RawRequestCase("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", .status(400)),
        RawRequestCase("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .status(400)),
        RawRequestCase("field without colon", "GET / HTTP/1.1\r\n\(host)Accept json\r\n\r\n", .status(400)),
        RawRequestCase("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", .status(400)),
        RawRequestCase("obsolete line folding", "GET / HTTP/1.1\r\n\(host)X-A: 1\r\n 2\r\n\r\n", .status(400)),
        RawRequestCase("empty field name", "GET / HTTP/1.1\r\n\(host): a\r\n\r\n", .status(400)),
        RawRequestCase("control byte in value", "GET / HTTP/1.1\r\n\(host)X-A: a\u{01}b\r\n\r\n", .status(400)),
        RawRequestCase("NUL in value", "GET / HTTP/1.1\r\n\(host)X-A: a\u{00}b\r\n\r\n", .status(400)),
        RawRequestCase("bare CR in value", "GET / HTTP/1.1\r\n\(host)X-A: a\rb\r\n\r\n", .status(400)),
        RawRequestCase("bare LF between fields", "GET / HTTP/1.1\r\n\(host)X-A: a\nX-B: b\r\n\r\n", .status(400)),
        RawRequestCase("non-token byte in name", "GET / HTTP/1.1\r\n\(host)X(A: a\r\n\r\n", .status(400)),
        RawRequestCase("non-ASCII byte in name", "GET / HTTP/1.1\r\n\(host)X-\u{E9}: a\r\n\r\n", .status(400)),
        RawRequestCase(
            "header block over 16 KiB",
            "GET / HTTP/1.1\r\n\(host)X-Big: \(String(repeating: "b", count: 17_000))\r\n\r\n",
            .status(431)
        ),
        RawRequestCase(
            "header block over 16 KiB, never finished",
            "GET / HTTP/1.1\r\n\(host)X-Big: \(String(repeating: "b", count: 17_000))",
            .status(431)
        ),
        RawRequestCase(
            "101 header fields",
            "GET / HTTP/1.1\r\n\(host)" + (1...100).map { "X-\($0): v\r\n" }.joined() + "\r\n",
            .status(431)
        ),
        RawRequestCase("unsupported expectation", "GET / HTTP/1.1\r\n\(host)Expect: magic\r\n\r\n", .status(417)),
    ]

    static let framingCases: [RawRequestCase] = [
        RawRequestCase(
            "Content-Length and Transfer-Encoding together",
            "POST / HTTP/1.1\r\n\(host)Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            .status(400)
        ),
        RawRequestCase(
            "two different Content-Length fields",
            "POST / HTTP/1.1\r\n\(host)Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            .status(400)
        ),
        RawRequestCase(
            "Content-Length list with different values",
            "POST / HTTP/1.1\r\n\(host)Content-Length: 5, 6\r\n\r\nhello!",
            .status(400)
        ),
        RawRequestCase("negative Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: -1\r\n\r\n", .status(400)),
        RawRequestCase(
            "signed Content-Length",
            "POST / HTTP/1.1\r\n\(host)Content-Length: +5\r\n\r\nhello",
            .status(400)
        ),
        RawRequestCase(
            "Content-Length with letters",
            "POST / HTTP/1.1\r\n\(host)Content-Length: 5a\r\n\r\nhello",
            .status(400)
        ),
        RawRequestCase("hex Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length: 0x10\r\n\r\n", .status(400)),
        RawRequestCase("empty Content-Length", "POST / HTTP/1.1\r\n\(host)Content-Length:\r\n\r\n", .status(400)),
        RawRequestCase(
            "Content-Length beyond 64 bits",
            "POST / HTTP/1.1\r\n\(host)Content-Length: 99999999999999999999999\r\n\r\n",
            .status(413)
        ),
        RawRequestCase(
            "Content-Length over the 10 MiB limit",
            "POST / HTTP/1.1\r\n\(host)Content-Length: 11534336\r\n\r\n",
            .status(413)
        ),
        RawRequestCase(
            "Transfer-Encoding without chunked",
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip\r\n\r\n",
            .status(400)
        ),
        RawRequestCase(
            "unknown coding before chunked",
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
            .status(501)
        ),
        RawRequestCase(
            "chunked applied twice",
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
            .status(400)
        ),
        RawRequestCase(
            "chunked in an HTTP/1.0 request",
            "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            .status(400)
        ),
        RawRequestCase(
            "identity transfer coding",
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: identity\r\n\r\n",
            .status(400)
        ),
        RawRequestCase(
            "coding that merely contains chunked",
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: xchunked\r\n\r\n",
            .status(400)
        ),
        RawRequestCase(
            "chunk size that is not hex",
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
            .status(400)
        ),
        RawRequestCase(
            "chunk data without CRLF",
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5\r\nhelloX\r\n0\r\n\r\n",
            .status(400)
        ),
        RawRequestCase(
            "chunk size line ending in bare LF",
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n",
            .status(400)
        ),
        RawRequestCase(
            "chunk size with 17 digits",
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n00000000000000005\r\nhello\r\n0\r\n\r\n",
            .status(400)
        ),
        RawRequestCase(
            "chunk larger than the body limit",
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n1000000\r\n",
            .status(413)
        ),
        RawRequestCase(
            "whitespace after chunk size without an extension",
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n",
            .status(400)
        ),
        RawRequestCase(
            "control byte in a chunk extension",
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5;a=\u{01}\r\nhello\r\n0\r\n\r\n",
            .status(400)
        ),
        RawRequestCase(
            "body shorter than Content-Length, then the client gives up",
            "POST / HTTP/1.1\r\n\(host)Content-Length: 10\r\n\r\nhello",
            .closeWithoutResponse,
            closesAfterSending: true
        ),
        RawRequestCase("nothing at all", "", .closeWithoutResponse, closesAfterSending: true),
        RawRequestCase("half a request line", "GET /inde", .closeWithoutResponse, closesAfterSending: true),
    ]

    /// Rows that must succeed, so the corpus cannot pass by rejecting everything.
    static let controlCases: [RawRequestCase] = [
        RawRequestCase("a plain GET", "GET / HTTP/1.1\r\n\(host)\r\n", .status(200)),
        RawRequestCase("HTTP/1.2 is served as HTTP/1.1", "GET / HTTP/1.2\r\n\(host)\r\n", .status(200)),
        RawRequestCase("OPTIONS with an asterisk target", "OPTIONS * HTTP/1.1\r\n\(host)\r\n", .status(200)),
        RawRequestCase("absolute-form target", "GET http://a/x?y=1 HTTP/1.1\r\n\(host)\r\n", .status(200)),
        RawRequestCase("empty lines before the request line", "\r\n\r\nGET / HTTP/1.1\r\n\(host)\r\n", .status(200)),
        RawRequestCase("HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n", .status(200)),
        RawRequestCase("obs-text in a value", "GET / HTTP/1.1\r\n\(host)X-A: caf\u{E9}\r\n\r\n", .status(200)),
        RawRequestCase(
            "repeated equal Content-Length values",
            "POST / HTTP/1.1\r\n\(host)Content-Length: 5, 5\r\n\r\nhello",
            .status(200)
        ),
        RawRequestCase(
            "whitespace around Content-Length",
            "POST / HTTP/1.1\r\n\(host)Content-Length:   5  \r\n\r\nhello",
            .status(200)
        ),
        RawRequestCase(
            "chunked with an extension and a trailer",
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n",
            .status(200)
        ),
        RawRequestCase(
            "Transfer-Encoding with optional whitespace",
            "POST / HTTP/1.1\r\n\(host)Transfer-Encoding:  Chunked \r\n\r\n0\r\n\r\n",
            .status(200)
        ),
    ]

    @Test(.timeLimit(.minutes(1)), arguments: cases)
    func answersWithTheExpectedStatusOrCloses(rawCase: RawRequestCase) async throws {
        let server = try startTestServer()
        defer { server.stop() }
        let socket = try LoopbackSocket(port: server.port)
        socket.send(rawCase.bytes)
        if rawCase.closesAfterSending {
            socket.shutdownWrite()
        }
        switch rawCase.expectation {
        case .closeWithoutResponse:
            let (bytes, closed) = await socket.readUntilClose()
            #expect(bytes.isEmpty, "got \(String(decoding: bytes, as: UTF8.self))")
            #expect(closed)
        case .status(let status) where status >= 400:
            let (bytes, closed) = await socket.readUntilClose()
            let response = try #require(ParsedTestResponse.parse(bytes), "no response: \(bytes.count) bytes")
            #expect(response.status == status, "body: \(response.bodyText)")
            #expect(response.headers["connection"] == "close")
            #expect(closed, "the connection stays open after \(status)")
        case .status(let status):
            let response = try #require(await socket.readResponse())
            #expect(response.status == status, "body: \(response.bodyText)")
        }
    }

    @Test
    func corpusHasAtLeastFiftyMalformedCases() {
        let malformed = Self.cases.filter {
            if case .status(let status) = $0.expectation { return status >= 400 }
            return true
        }
        #expect(malformed.count >= 50)
        #expect(Self.controlCases.count == 11)
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
    }
}
