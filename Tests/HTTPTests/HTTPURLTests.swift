import HTTP
import Testing

struct HTTPURLTests {
    @Test
    func splitsAnAbsoluteURL() throws {
        let url = try HTTPURL(parsing: "HTTP://Example.COM:8080/a/b?c=d#frag")
        #expect(url.scheme == "http")
        #expect(url.host == "example.com")
        #expect(url.port == 8080)
        #expect(url.target == "/a/b?c=d")
        #expect(url.authority == "example.com:8080")
        #expect(url.description == "http://example.com:8080/a/b?c=d")
    }

    @Test
    func defaultsPortsAndPaths() throws {
        #expect(try HTTPURL(parsing: "https://a").description == "https://a/")
        #expect(try HTTPURL(parsing: "https://a?x=1").target == "/?x=1")
        #expect(try HTTPURL(parsing: "http://[::1]:9/x").authority == "[::1]:9")
        #expect(try HTTPURL(parsing: "http://a:80/").authority == "a")
    }

    @Test(arguments: [
        ("a/b", "not an absolute URL"), ("http://", "missing host"), ("http://a:0/", "invalid port"),
        ("http://a:99999/", "invalid port"), ("http://a b/", "invalid character in host"),
        ("http://a/b c", "space, control or non-ASCII character in path or query"),
        ("http://[::1/", "unterminated IPv6 address"),
    ])
    func rejectsMalformedURLs(text: String, reason: String) {
        #expect(throws: HTTPClientError.invalidURL(text, reason: reason)) { try HTTPURL(parsing: text) }
    }

    @Test(arguments: [
        ("http://other/x", "http://other/x"), ("//other:81/y", "http://other:81/y"), ("/root", "http://h/root"),
        ("?q=2", "http://h/a/b?q=2"), ("c", "http://h/a/c"), ("../c/./d", "http://h/c/d"), ("", "http://h/a/b?q=1"),
        ("./", "http://h/a/"), ("#f", "http://h/a/b?q=1"),
    ])
    func resolvesLocationReferences(reference: String, expected: String) throws {
        let base = try HTTPURL(parsing: "http://h/a/b?q=1")
        #expect(try base.resolving(reference).description == expected)
    }
}
