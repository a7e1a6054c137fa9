import HTTP
import Synchronization
import TestSupport
import Testing

struct HTTPClientTests {
    @Test(.timeLimit(.minutes(1)))
    func getsFromOurServerAndReusesTheConnection() async throws {
        let server = try startTestServer()
        defer { server.stop() }
        let client = HTTPClient()
        defer { client.shutdown() }
        let first = try await client.get(server.baseURL + "/a?b=1")
        #expect(first.response.status == 200)
        #expect(String(decoding: first.response.body, as: UTF8.self) == "GET /a?b=1 0\n")
        #expect(first.reusedConnection == false)
        #expect(first.timings.connect != nil)
        #expect(first.transport == .socket)
        #expect(String(decoding: first.rawRequest, as: UTF8.self).hasPrefix("GET /a?b=1 HTTP/1.1\r\nHost: 127.0.0.1:"))
        #expect(String(decoding: first.rawResponseHead, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK\r\n"))
        let second = try await client.send(
            HTTPClientRequest(method: "POST", url: server.baseURL + "/p", body: Array("hello".utf8))
        )
        #expect(second.reusedConnection == true)
        #expect(second.timings.connect == nil)
        #expect(String(decoding: second.response.body, as: UTF8.self) == "POST /p 5\nhello")
    }
}

struct HTTPClientBehaviourTests {
    @Test(.timeLimit(.minutes(1)))
    func headRequestsReadNoBody() async throws {
        let server = try startTestServer()
        defer { server.stop() }
        let client = HTTPClient()
        defer { client.shutdown() }
        let head = try await client.send(HTTPClientRequest(method: "HEAD", url: server.baseURL + "/h"))
        #expect(head.response.headers["Content-Length"] == "10")
        #expect(head.response.body.isEmpty)
        let get = try await client.get(server.baseURL + "/g")
        #expect(get.reusedConnection)
        #expect(String(decoding: get.response.body, as: UTF8.self) == "GET /g 0\n")
    }

    @Test(.timeLimit(.minutes(1)))
    func reportsARefusedConnection() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        let client = HTTPClient()
        defer { client.shutdown() }
        let error = await #expect(throws: HTTPClientError.self) {
            _ = try await client.get("http://127.0.0.1:\(port)/")
        }
        #expect(error == .connectFailed(host: "127.0.0.1", port: port, reason: "Connection refused"))
    }

    @Test(.timeLimit(.minutes(1)))
    func refusesBadURLsAndHeaderInjection() async throws {
        let client = HTTPClient()
        defer { client.shutdown() }
        await #expect(throws: HTTPClientError.unsupportedScheme("ftp")) { _ = try await client.get("ftp://a/") }
        await #expect(
            throws: HTTPClientError.invalidURL("http://user:pw@a/", reason: "credentials in the URL are not supported")
        ) {
            _ = try await client.get("http://user:pw@a/")
        }
        await #expect(throws: HTTPClientError.invalidRequest("header 'X-A' has a control character")) {
            _ = try await client.get("http://127.0.0.1:1/", headers: ["X-A": "1\r\nX-Injected: 2"])
        }
        await #expect(throws: HTTPClientError.invalidRequest("invalid method or target")) {
            _ = try await client.send(HTTPClientRequest(method: "GE T", url: "http://127.0.0.1:1/"))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func retriesAnIdempotentRequestWhenThePooledConnectionWentStale() async throws {
        // Each connection answers one request, then drops the next one unanswered, as a server closing an idle
        // keep-alive connection at the wrong moment does.
        let server = RawTCPServer { connection in
            guard (try? connection.readHead(timeout: .seconds(50))) != nil else { return }
            try? connection.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            _ = try? connection.readHead(timeout: .seconds(50))
        }
        try server.start()
        defer { server.stop() }
        let client = HTTPClient()
        defer { client.shutdown() }
        let first = try await client.get(server.baseURL + "/1")
        #expect(first.reusedConnection == false)
        let second = try await client.get(server.baseURL + "/2")
        #expect(String(decoding: second.response.body, as: UTF8.self) == "ok")
        #expect(second.reusedConnection == false)
        await #expect(throws: HTTPClientError.closedBeforeResponse) {
            _ = try await client.send(HTTPClientRequest(method: "POST", url: server.baseURL + "/3"))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func refusesRequestsAfterShutdown() async throws {
        let client = HTTPClient()
        client.shutdown()
        await #expect(throws: HTTPClientError.clientShutDown) { _ = try await client.get("http://127.0.0.1:1/") }
    }

    @Test(.timeLimit(.minutes(1)))
    func doesNotFollowRedirectsByDefault() async throws {
        let server = try startTestServer { _ in HTTPResponse(status: 302, headers: ["Location": "/elsewhere"]) }
        defer { server.stop() }
        let client = HTTPClient()
        defer { client.shutdown() }
        let exchange = try await client.get(server.baseURL + "/start")
        #expect(exchange.response.status == 302)
        #expect(exchange.redirects.isEmpty)
    }

    @Test(.timeLimit(.minutes(1)))
    func followsRedirectsButNeverCarriesCredentialsToAnotherOrigin() async throws {
        let seen = Mutex<[String: HTTPHeaders]>([:])
        let other = try startTestServer { request in
            seen.withLock { $0["other" + request.path] = request.headers }
            return .text("other")
        }
        defer { other.stop() }
        let otherURL = other.baseURL
        let origin = try startTestServer { request in
            seen.withLock { $0["origin" + request.path] = request.headers }
            switch request.path {
            case "/start": return HTTPResponse(status: 307, headers: ["Location": "same/next?x=1"])
            case "/same/next": return HTTPResponse(status: 308, headers: ["Location": otherURL + "/final"])
            default: return .text("unexpected")
            }
        }
        defer { origin.stop() }
        let client = HTTPClient(configuration: HTTPClientConfiguration(redirects: .follow(maximum: 5)))
        defer { client.shutdown() }
        let credentials: HTTPHeaders = [
            "Authorization": "Bearer t", "X-Client-Id": "id", "X-Client-Secret": "secret", "Accept": "application/json",
        ]
        let exchange = try await client.get(origin.baseURL + "/start", headers: credentials)
        #expect(String(decoding: exchange.response.body, as: UTF8.self) == "other")
        #expect(exchange.url.description == otherURL + "/final")
        #expect(exchange.redirects.map(\.status) == [307, 308])
        #expect(exchange.redirects.map(\.droppedCredentials) == [false, true])
        let received = seen.withLock { $0 }
        #expect(received["origin/same/next"]?["X-Client-Secret"] == "secret")
        let final = try #require(received["other/final"])
        for name in ["Authorization", "X-Client-Id", "X-Client-Secret"] {
            #expect(final[name] == nil, "\(name) reached another origin")
        }
        #expect(final["Accept"] == "application/json")
        #expect(exchange.request.headers["X-Client-Secret"] == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func stopsAtTheRedirectLimitAndTurnsSeeOtherIntoGet() async throws {
        let server = try startTestServer { request in
            switch request.path {
            case "/loop": HTTPResponse(status: 302, headers: ["Location": "/loop"])
            case "/form": HTTPResponse(status: 303, headers: ["Location": "/result"])
            default: .text("\(request.method) \(request.body.count)")
            }
        }
        defer { server.stop() }
        let client = HTTPClient(configuration: HTTPClientConfiguration(redirects: .follow(maximum: 3)))
        defer { client.shutdown() }
        await #expect(throws: HTTPClientError.tooManyRedirects(limit: 3)) {
            _ = try await client.get(server.baseURL + "/loop")
        }
        let exchange = try await client.send(
            HTTPClientRequest(method: "POST", url: server.baseURL + "/form", body: Array("a=1".utf8))
        )
        #expect(String(decoding: exchange.response.body, as: UTF8.self) == "GET 0")
    }
}
