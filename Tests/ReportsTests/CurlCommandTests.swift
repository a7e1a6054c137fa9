import Diagnostics
import Foundation
import Reports
import Runner
import Testing

/// `curl` lines: quoted for a POSIX shell, credentials masked whatever the results hold.
struct CurlCommandTests {
    static func exchange(headers: [(String, String)], body: String, truncated: Bool = false) throws -> ExchangeRecord {
        var result = try ReportsFixture.mixed()
        var exchange = try #require(result.suites[0].steps[1].exchange)
        exchange.request.headers = headers.map { (name: $0.0, value: $0.1) }
        exchange.request.body = body
        exchange.request.bodyTruncated = truncated
        result.suites[0].steps[1].exchange = exchange
        return exchange
    }

    @Test
    func credentialsAreMaskedEvenWhenResultsHoldThem() throws {
        let exchange = try Self.exchange(
            headers: [
                ("X-Client-Id", "real-id"), ("x-client-secret", "real-secret"), ("Authorization", "Bearer abc"),
                ("Cookie", "s=1"), ("Accept", "application/json"), ("Host", "h"), ("Content-Length", "9"),
            ],
            body: "{\"a\":1}"
        )
        let line = CurlCommand.line(for: exchange)
        #expect(
            line
                == "curl -X POST 'http://127.0.0.1:8080/api/v1/authenticate?userId=user-r0123456789-0' "
                + "-H 'X-Client-Id: <redacted>' -H 'x-client-secret: <redacted>' -H 'Authorization: <redacted>' "
                + "-H 'Cookie: <redacted>' -H 'Accept: application/json' --data-raw '{\"a\":1}'"
        )
        for secret in ["real-id", "real-secret", "abc", "s=1"] {
            #expect(!line.contains(secret))
        }
    }

    @Test
    func quotesInBodiesAreShellSafeAndExcerptsAreNamed() throws {
        let exchange = try Self.exchange(headers: [], body: "it's $(rm -rf /) `x`", truncated: true)
        let line = CurlCommand.line(for: exchange)
        #expect(line.hasSuffix("--data-raw 'it'\\''s $(rm -rf /) `x`'  # the body above is an excerpt of 39 bytes"))
    }

    @Test
    func aQuoteIsEscapedEvenWhenACombiningMarkFollowsIt() throws {
        // "'\u{301}" is one Character; the shell still sees the quote byte.
        let exchange = try Self.exchange(headers: [], body: "a'\u{301}b ''", truncated: false)
        let line = CurlCommand.line(for: exchange)
        #expect(line.hasSuffix("--data-raw " + #"'a'\''"# + "\u{301}" + #"b '\'''\'''"#))
    }
}
