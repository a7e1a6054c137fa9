import HTTP
import Testing

struct HTTPResponseParserTests {
    /// Feeds `text` in pieces of `size` bytes; returns the parser once complete, or the error.
    static func parse(
        _ text: String,
        pieceSize: Int,
        isHead: Bool = false
    ) throws(HTTPClientError) -> HTTPResponseParser? {
        var parser = HTTPResponseParser(isHeadRequest: isHead, maxHeadBytes: 1024, maxBodyBytes: 1024)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + pieceSize, bytes.count)
            let progress = try bytes.withUnsafeBufferPointer { (buffer) throws(HTTPClientError) in
                try parser.feed(UnsafeBufferPointer(rebasing: buffer[offset..<end]))
            }
            if progress == .complete {
                return parser
            }
            offset = end
        }
        return nil
    }

    @Test(arguments: [1, 2, 7, 1000])
    func parsesAChunkedResponseFedInAnyPieces(pieceSize: Int) throws {
        let text =
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n"
            + "3\r\nabc\r\n0\r\n\r\nNEXT"
        let parser = try #require(try Self.parse(text, pieceSize: pieceSize))
        #expect(parser.response.status == 201)
        #expect(parser.response.reason == "Created")
        #expect(parser.response.headers["x-a"] == "1")
        #expect(parser.response.body == Array("abc".utf8))
        // Bytes after the response make the connection unusable; small pieces stop before they arrive.
        #expect(parser.isReusable == parser.leftover.isEmpty)
        #expect(parser.leftover == (pieceSize == 1000 ? Array("NEXT".utf8) : []))
        #expect(String(decoding: parser.rawHead, as: UTF8.self).hasPrefix("HTTP/1.1 201 Created\r\n"))
    }

    @Test(arguments: [1, 3, 1000])
    func aDelimitedResponseWithNothingAfterItIsReusable(pieceSize: Int) throws {
        let parser = try #require(
            try Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", pieceSize: pieceSize)
        )
        #expect(parser.response.body == Array("ok".utf8))
        #expect(parser.isReusable)
        let closing = try #require(
            try Self.parse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", pieceSize: pieceSize)
        )
        #expect(!closing.isReusable)
        let old = try #require(try Self.parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", pieceSize: pieceSize))
        #expect(!old.isReusable)
    }

    @Test
    func noBodyForHeadAnd204And304() throws {
        let head = try #require(
            try Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n", pieceSize: 100, isHead: true)
        )
        #expect(head.response.body.isEmpty)
        for status in [204, 304] {
            let parser = try #require(
                try Self.parse("HTTP/1.1 \(status) X\r\nContent-Length: 5\r\n\r\n", pieceSize: 100)
            )
            #expect(parser.response.status == status)
        }
    }

    @Test
    func acceptsAStatusLineWithoutReason() throws {
        let parser = try #require(try Self.parse("HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n", pieceSize: 4))
        #expect(parser.response.status == 404)
        #expect(parser.response.reason == "")
    }
}

struct ChunkedDecoderTests {
    @Test
    func stopsAtTheEndOfTheBodyAndLeavesTheRest() throws {
        var decoder = ChunkedDecoder(limit: 100)
        var body: [UInt8] = []
        let input = Array("A\r\n0123456789\r\n0\r\n\r\nGET".utf8)
        let (consumed, progress) = try input.withUnsafeBufferPointer { (buffer) throws(ChunkedDecoder.Failure) in
            try decoder.decode(buffer, into: &body)
        }
        #expect(progress == .done)
        #expect(consumed == input.count - 3)
        #expect(body == Array("0123456789".utf8))
    }

    @Test(arguments: [
        ("x\r\n", ChunkedDecoder.Failure.malformed("chunk size is not a hex number")),
        ("5\n", .malformed("invalid byte after chunk size")),
        ("5\r\r", .malformed("chunk size line does not end with CRLF")),
        ("1\r\nab", .malformed("chunk data is not followed by CRLF")),
        ("65\r\n", .tooLarge(limit: 100)),
        ("FFFFFFFFFFFFFFFF\r\n", .tooLarge(limit: 100)),
        ("0\r\nX: \u{01}\r\n\r\n", .malformed("control character in trailer section")),
    ])
    func rejectsMalformedCoding(text: String, failure: ChunkedDecoder.Failure) {
        var decoder = ChunkedDecoder(limit: 100)
        var body: [UInt8] = []
        #expect(throws: failure) {
            _ = try Array(text.utf8).withUnsafeBufferPointer { (buffer) throws(ChunkedDecoder.Failure) in
                try decoder.decode(buffer, into: &body)
            }
        }
    }
}
