import HTTP
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
