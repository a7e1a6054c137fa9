import HTTP
import Testing

struct HTTPHeadersTests {
    @Test
    func looksUpWithoutCaseAndKeepsRepeats() {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Set-Cookie": "a=1"]
        headers.add(name: "set-cookie", value: "b=2")
        #expect(headers["CONTENT-TYPE"] == "application/json")
        #expect(headers.values(for: "Set-Cookie") == ["a=1", "b=2"])
        #expect(headers.combinedValue(for: "set-cookie") == "a=1, b=2")
        #expect(headers.count == 3)
        #expect(headers.map(\.name) == ["Content-Type", "Set-Cookie", "set-cookie"])
    }

    @Test
    func replacesAndRemoves() {
        var headers: HTTPHeaders = ["A": "1", "B": "2", "a": "3"]
        headers["A"] = "4"
        #expect(headers.map(\.value) == ["2", "4"])
        headers["b"] = nil
        #expect(headers == ["A": "4"])
        #expect(!headers.contains("B"))
    }

    @Test
    func findsListTokens() {
        let headers: HTTPHeaders = ["Connection": "Keep-Alive, Upgrade", "Connection": " CLOSE "]
        #expect(headers.hasToken("close", in: "connection"))
        #expect(headers.hasToken("upgrade", in: "Connection"))
        #expect(!headers.hasToken("clos", in: "Connection"))
    }
}
