import HTTP
import Testing

struct HTTPServerBasicsTests {
    @Test(.timeLimit(.minutes(1)))
    func answersAGetOnAnEphemeralPort() async throws {
        let server = try startTestServer()
        defer { server.stop() }
        #expect(server.port > 0)
        let socket = try LoopbackSocket(port: server.port)
        socket.send("GET /hello?x=1 HTTP/1.1\r\nHost: a\r\n\r\n")
        let response = try #require(await socket.readResponse())
        #expect(response.status == 200)
        #expect(response.bodyText == "GET /hello?x=1 0\n")
        #expect(response.headers["x-path"] == "/hello")
        #expect(response.headers["date"]?.hasSuffix(" GMT") == true)
    }
}
