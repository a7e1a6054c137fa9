import HTTP
import Synchronization
import TestSupport
import Testing

/// The URLSession transport (what `https` uses) against local plain-HTTP servers, through a package-level switch.
struct URLSessionTransportTests {
    static func client(_ change: (inout HTTPClientConfiguration) -> Void = { _ in }) -> HTTPClient {
        var configuration = HTTPClientConfiguration()
        configuration.usesURLSessionForPlainHTTP = true
        change(&configuration)
        return HTTPClient(configuration: configuration)
    }

    @Test(.timeLimit(.minutes(1)))
    func sendsTheRequestAndRecordsTheResponse() async throws {
        let server = try startTestServer { request in
            var response = echoHandler(request)
            response.headers.add(name: "X-Seen", value: request.headers["X-Client-Id"] ?? "none")
            return response
        }
        defer { server.stop() }
        let client = Self.client()
        defer { client.shutdown() }
        let exchange = try await client.send(
            HTTPClientRequest(
                method: "POST",
                url: server.baseURL + "/p?q=1",
                headers: ["X-Client-Id": "c1"],
                body: [1, 2]
            )
        )
        #expect(exchange.transport == .urlSession)
        #expect(exchange.response.status == 200)
        #expect(exchange.response.headers["X-Seen"] == "c1")
        #expect(exchange.response.body == Array("POST /p?q=1 2\n".utf8) + [1, 2])
        #expect(exchange.timings.firstByte != nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func returnsRedirectsUnfollowedUnlessAsked() async throws {
        let seen = Mutex<[String]>([])
        let server = try startTestServer { request in
            seen.withLock { $0.append(request.path + " " + (request.headers["Authorization"] ?? "-")) }
            return request.path == "/start"
                ? HTTPResponse(status: 302, headers: ["Location": "/next"]) : .text("next")
        }
        defer { server.stop() }
        let plain = Self.client()
        defer { plain.shutdown() }
        let unfollowed = try await plain.get(server.baseURL + "/start", headers: ["Authorization": "Bearer t"])
        #expect(unfollowed.response.status == 302)
        #expect(unfollowed.response.headers["Location"] == "/next")
        let following = Self.client { $0.redirects = .follow(maximum: 2) }
        defer { following.shutdown() }
        let followed = try await following.get(server.baseURL + "/start", headers: ["Authorization": "Bearer t"])
        #expect(String(decoding: followed.response.body, as: UTF8.self) == "next")
        #expect(followed.redirects.count == 1)
        #expect(seen.withLock { $0 } == ["/start Bearer t", "/start Bearer t", "/next Bearer t"])
    }

    @Test(.timeLimit(.minutes(1)))
    func cancelsABodyOverTheLimit() async throws {
        let server = try startTestServer { _ in .text(String(repeating: "x", count: 100)) }
        defer { server.stop() }
        let client = Self.client { $0.maxResponseBodyBytes = 64 }
        defer { client.shutdown() }
        await #expect(throws: HTTPClientError.responseBodyTooLarge(limit: 64)) {
            _ = try await client.get(server.baseURL + "/")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func timesOutOnASilentServerAndOnASlowOne() async throws {
        let silent = try startScriptedServer([.pause(milliseconds: 5_000)])
        defer { silent.stop() }
        let readClient = Self.client {
            $0.timeouts = HTTPTimeouts(connect: .seconds(5), read: .milliseconds(300), total: .seconds(20))
        }
        defer { readClient.shutdown() }
        await #expect(throws: HTTPClientError.readTimedOut(after: .milliseconds(300), receivedBytes: 0)) {
            _ = try await readClient.get(silent.baseURL + "/")
        }
        let totalClient = Self.client {
            $0.timeouts = HTTPTimeouts(connect: .seconds(5), read: .seconds(5), total: .milliseconds(300))
        }
        defer { totalClient.shutdown() }
        await #expect(throws: HTTPClientError.totalTimedOut(after: .milliseconds(300), receivedBytes: 0)) {
            _ = try await totalClient.get(silent.baseURL + "/")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func reportsARefusedConnection() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        let client = Self.client()
        defer { client.shutdown() }
        let error = try await #require(throws: HTTPClientError.self) {
            _ = try await client.get("http://127.0.0.1:\(port)/")
        }
        guard case .connectFailed(let host, let failedPort, _) = error else {
            Issue.record("expected a connection failure, got \(error)")
            return
        }
        #expect(host == "127.0.0.1" && failedPort == port)
    }
}
