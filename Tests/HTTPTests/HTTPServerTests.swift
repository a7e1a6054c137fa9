import Glibc
import HTTP
import Synchronization
import TestSupport
import Testing

struct HTTPServerTests {
    @Test(.timeLimit(.minutes(1)))
    func keepsTheConnectionAliveAcrossRequests() async throws {
        let server = try startTestServer()
        defer { server.stop() }
        let socket = try LoopbackSocket(port: server.port)
        for index in 0..<3 {
            socket.send("GET /\(index) HTTP/1.1\r\nHost: a\r\n\r\n")
            let response = try #require(await socket.readResponse())
            #expect(response.bodyText == "GET /\(index) 0\n")
            #expect(response.headers["connection"] == nil)
        }
        #expect(server.openConnectionCount == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func answersPipelinedRequestsInOrder() async throws {
        let server = try startTestServer()
        defer { server.stop() }
        let socket = try LoopbackSocket(port: server.port)
        socket.send(
            "GET /first HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /second HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                + "HEAD /third HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /fourth HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n"
        )
        let first = try #require(await socket.readResponse())
        let second = try #require(await socket.readResponse())
        let third = try #require(await socket.readResponse(isHead: true))
        let fourth = try #require(await socket.readResponse())
        #expect(first.bodyText == "GET /first 0\n")
        #expect(second.bodyText == "POST /second 3\nabc")
        #expect(third.headers["content-length"] == "14")
        #expect(third.body.isEmpty)
        #expect(fourth.bodyText == "POST /fourth 2\nxy")
    }

    @Test(.timeLimit(.minutes(1)))
    func decodesAChunkedBodySentInPieces() async throws {
        let server = try startTestServer()
        defer { server.stop() }
        let port = server.port
        let pieces = [
            "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n", "4\r", "\nwiki\r\n", "5;ext=1\r\npe",
            "dia\r\n", "0\r\nTrailer-A: 1\r\n", "\r\n",
        ]
        // The pieces go from a thread of their own: a task sleeping between them may wait for the cooperative pool
        // longer than the server's 30 s request timeout when the machine is busy, which is not what this tests.
        let answer = try await onAThreadOfItsOwn { () throws -> ParsedTestResponse? in
            let socket = try LoopbackSocket(port: port)
            for piece in pieces {
                socket.send(piece)
                usleep(5_000)
            }
            return socket.readResponseBlocking()
        }
        let response = try #require(answer)
        #expect(response.status == 200)
        #expect(response.bodyText == "POST /c 9\nwikipedia")
    }

    @Test(.timeLimit(.minutes(1)))
    func headResponsesCarryTheLengthButNoBody() async throws {
        let server = try startTestServer()
        defer { server.stop() }
        let socket = try LoopbackSocket(port: server.port)
        socket.send("HEAD /h HTTP/1.1\r\nHost: a\r\n\r\nGET /g HTTP/1.1\r\nHost: a\r\n\r\n")
        let head = try #require(await socket.readResponse(isHead: true))
        #expect(head.headers["content-length"] == "10")
        let get = try #require(await socket.readResponse())
        // Had the HEAD response carried a body, its bytes would be parsed here instead.
        #expect(get.bodyText == "GET /g 0\n")
    }

    @Test(.timeLimit(.minutes(1)))
    func sendsContinueBeforeReadingAnExpectedBody() async throws {
        let server = try startTestServer()
        defer { server.stop() }
        let socket = try LoopbackSocket(port: server.port)
        socket.send("PUT /u HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        let interim = try #require(await socket.readResponse())
        #expect(interim.status == 100)
        socket.send("data")
        let final = try #require(await socket.readResponse())
        #expect(final.status == 200)
        #expect(final.bodyText == "PUT /u 4\ndata")
    }

    @Test(.timeLimit(.minutes(1)))
    func refusesAnOversizedExpectedBodyWithoutContinue() async throws {
        let server = try startTestServer(limits: limits { $0.maxBodyBytes = 10 })
        defer { server.stop() }
        let socket = try LoopbackSocket(port: server.port)
        socket.send("PUT /u HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n")
        let (bytes, closed) = await socket.readUntilClose()
        let response = try #require(ParsedTestResponse.parse(bytes))
        #expect(response.status == 413)
        #expect(closed)
    }

    @Test(.timeLimit(.minutes(1)))
    func refusesAChunkedBodyOverTheLimit() async throws {
        let server = try startTestServer(limits: limits { $0.maxBodyBytes = 8 })
        defer { server.stop() }
        let socket = try LoopbackSocket(port: server.port)
        socket.send(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n"
        )
        let (bytes, _) = await socket.readUntilClose()
        #expect(ParsedTestResponse.parse(bytes)?.status == 413)
    }

    @Test(.timeLimit(.minutes(1)))
    func closesAfterConnectionCloseAndAfterHTTP10() async throws {
        let server = try startTestServer()
        defer { server.stop() }
        for request in [
            "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", "GET / HTTP/1.0\r\n\r\n",
        ] {
            let socket = try LoopbackSocket(port: server.port)
            socket.send(request + "GET /ignored HTTP/1.1\r\nHost: a\r\n\r\n")
            let (bytes, closed) = await socket.readUntilClose()
            let response = try #require(ParsedTestResponse.parse(bytes))
            #expect(response.headers["connection"] == "close")
            #expect(response.length == bytes.count, "a second response was sent after Connection: close")
            #expect(closed)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func keepsHTTP10AliveWhenAsked() async throws {
        let server = try startTestServer()
        defer { server.stop() }
        let socket = try LoopbackSocket(port: server.port)
        for _ in 0..<2 {
            socket.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let response = try #require(await socket.readResponse())
            #expect(response.headers["connection"] == "keep-alive")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aSlowlorisClientGets408AndDoesNotPinTheLoop() async throws {
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(
                limits: limits { $0.requestTimeout = .milliseconds(300) },
                eventLoopCount: 1
            ),
            handler: echoHandler
        )
        try server.start()
        defer { server.stop() }
        let slow = try LoopbackSocket(port: server.port)
        slow.send("GET / HTTP/1.1\r\n")
        var answeredWhileDripping = 0
        var dripResult: [UInt8]?
        for index in 0..<40 {
            slow.send("X-\(index): drip\r\n")
            // The single event loop still serves other clients while the slow one drips.
            let other = try LoopbackSocket(port: server.port)
            other.send("GET /other HTTP/1.1\r\nHost: a\r\n\r\n")
            if await other.readResponse(timeoutMilliseconds: 2_000)?.status == 200 {
                answeredWhileDripping += 1
            }
            if let chunk = await slow.readChunk(timeoutMilliseconds: 50), !chunk.isEmpty {
                dripResult = chunk
                break
            }
        }
        let answer = try #require(dripResult, "the slow client was never cut off")
        #expect(ParsedTestResponse.parse(answer)?.status == 408)
        #expect(answeredWhileDripping >= 1)
        let (_, closed) = await slow.readUntilClose()
        #expect(closed)
    }

    @Test(.timeLimit(.minutes(1)))
    func closesIdleKeepAliveConnections() async throws {
        let server = try startTestServer(limits: limits { $0.idleTimeout = .milliseconds(200) })
        defer { server.stop() }
        let socket = try LoopbackSocket(port: server.port)
        socket.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        _ = try #require(await socket.readResponse())
        let (bytes, closed) = await socket.readUntilClose(timeoutMilliseconds: 5_000)
        #expect(bytes.isEmpty)
        #expect(closed)
    }

    @Test(.timeLimit(.minutes(1)))
    func answers503BeyondTheConnectionCap() async throws {
        let server = try startTestServer(limits: limits { $0.maxConnections = 2 })
        defer { server.stop() }
        let first = try LoopbackSocket(port: server.port)
        let second = try LoopbackSocket(port: server.port)
        for socket in [first, second] {
            socket.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await socket.readResponse()?.status == 200)
        }
        let third = try LoopbackSocket(port: server.port)
        let (bytes, closed) = await third.readUntilClose()
        #expect(ParsedTestResponse.parse(bytes)?.status == 503)
        #expect(closed)
    }

    @Test(.timeLimit(.minutes(1)))
    func anAsyncHandlerDoesNotBlockOtherConnections() async throws {
        // /slow waits until the test has its /fast answer, on a single event loop: both can only complete if the
        // loop keeps serving while a handler is pending.
        let release = Mutex(false)
        let server = HTTPServer(configuration: HTTPServerConfiguration(eventLoopCount: 1)) { request in
            if request.path == "/slow" {
                for _ in 0..<1000 where !release.withLock({ $0 }) {
                    try? await Task.sleep(for: .milliseconds(5))
                }
            }
            return .text(request.path)
        }
        try server.start()
        defer { server.stop() }
        let slow = try LoopbackSocket(port: server.port)
        slow.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
        let fast = try LoopbackSocket(port: server.port)
        fast.send("GET /fast HTTP/1.1\r\nHost: a\r\n\r\n")
        let fastResponse = try #require(await fast.readResponse())
        #expect(fastResponse.bodyText == "/fast")
        #expect(release.withLock { $0 } == false)
        release.withLock { $0 = true }
        #expect(await slow.readResponse()?.bodyText == "/slow")
    }

    @Test(.timeLimit(.minutes(1)))
    func aRawReplyWritesBytesVerbatimAndCloses() async throws {
        let server = HTTPServer(
            replyHandler: { request in
                if request.path == "/silent" {
                    return .close
                }
                return .raw { connection in
                    try? connection.write("HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\nshort")
                }
            }
        )
        try server.start()
        defer { server.stop() }
        let socket = try LoopbackSocket(port: server.port)
        socket.send("GET /lie HTTP/1.1\r\nHost: a\r\n\r\n")
        let (bytes, closed) = await socket.readUntilClose()
        #expect(String(decoding: bytes, as: UTF8.self) == "HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\nshort")
        #expect(closed)
        let silent = try LoopbackSocket(port: server.port)
        silent.send("GET /silent HTTP/1.1\r\nHost: a\r\n\r\n")
        let (silentBytes, silentClosed) = await silent.readUntilClose()
        #expect(silentBytes.isEmpty)
        #expect(silentClosed)
    }

    @Test(.timeLimit(.minutes(1)))
    func stopFinishesInFlightRequestsAndRefusesNewOnes() async throws {
        let started = Mutex(false)
        let release = Mutex(false)
        let server = HTTPServer(configuration: HTTPServerConfiguration(shutdownGracePeriod: .seconds(10))) { _ in
            started.withLock { $0 = true }
            // Bounded, but long enough (50 s) that a loaded machine cannot let it finish before the stop.
            for _ in 0..<10_000 where !release.withLock({ $0 }) {
                try? await Task.sleep(for: .milliseconds(5))
            }
            return .text("finished")
        }
        try server.start()
        let port = server.port
        let socket = try LoopbackSocket(port: port)
        socket.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        for _ in 0..<1000 where !started.withLock({ $0 }) {
            try await Task.sleep(for: .milliseconds(5))
        }
        let stopping = Task { await server.shutdown() }
        // Once new connections are refused the loops have been told to stop; then let the handler finish.
        for _ in 0..<1000 where (try? LoopbackSocket(port: port)) != nil {
            try await Task.sleep(for: .milliseconds(5))
        }
        try await Task.sleep(for: .milliseconds(50))
        release.withLock { $0 = true }
        await stopping.value
        let (bytes, closed) = await socket.readUntilClose()
        let response = try #require(ParsedTestResponse.parse(bytes))
        #expect(response.bodyText == "finished")
        #expect(response.headers["connection"] == "close")
        #expect(closed)
        #expect(throws: LoopbackError.self) { try LoopbackSocket(port: port) }
        #expect(server.openConnectionCount == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func refusesToStartTwiceAndReportsBindErrors() async throws {
        let server = try startTestServer()
        defer { server.stop() }
        #expect(throws: SocketError.self) { try server.start() }
        let clash = HTTPServer(configuration: HTTPServerConfiguration(port: server.port)) { _ in .text("") }
        let error = try #require(throws: SocketError.self) { try clash.start() }
        #expect(error.description == "bind(127.0.0.1:\(server.port)) failed: Address already in use (errno 98)")
    }

    @Test(.timeLimit(.minutes(1)))
    func aHandlerResponseWithAnInjectedHeaderBecomes500() async throws {
        let server = try startTestServer { _ in HTTPResponse(status: 200, headers: ["X-Evil": "a\r\nSet-Cookie: x"]) }
        defer { server.stop() }
        let socket = try LoopbackSocket(port: server.port)
        socket.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        let (bytes, _) = await socket.readUntilClose()
        let response = try #require(ParsedTestResponse.parse(bytes))
        #expect(response.status == 500)
        #expect(response.headers["set-cookie"] == nil)
    }
}

/// Default limits with one change.
func limits(_ change: (inout HTTPServerLimits) -> Void) -> HTTPServerLimits {
    var limits = HTTPServerLimits()
    change(&limits)
    return limits
}
