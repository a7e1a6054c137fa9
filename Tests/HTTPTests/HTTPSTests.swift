import Foundation
import Glibc
import HTTP
import TestSupport
import Testing

/// A local TLS server: a self-signed certificate made with `openssl`, served by Python's `ssl` and `http.server`.
final class TLSTestServer {
    let folder: TemporaryDirectory
    let certificate: String
    private let child: ChildProcess

    static let toolsArePresent = executable("openssl") != nil && executable("python3") != nil

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Starts a server and waits (bounded, without blocking a pool thread) for its port.
    static func start() async throws -> TLSTestServer {
        let server = try await TLSTestServer()
        for _ in 0..<200 where server.readPort() == 0 {
            try await Task.sleep(for: .milliseconds(50))
        }
        guard server.readPort() > 0 else {
            server.stop()
            throw TestSupportError("the Python TLS server did not start")
        }
        return server
    }

    var port: Int { readPort() }

    private func readPort() -> Int {
        Int(child.standardOutputSoFar().trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    private init() async throws {
        folder = try TemporaryDirectory()
        certificate = try await Self.makeCertificate(in: folder, name: "server")
        let script = try folder.write(
            "server.py",
            """
            import http.server, ssl, sys
            class Handler(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def do_GET(self):
                    body = ('{"path": "%s", "secret": "%s"}' % (self.path, self.headers.get("X-Client-Secret", ""))).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *arguments):
                    pass
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[1], sys.argv[2])
            server.socket = context.wrap_socket(server.socket, server_side=True)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
        )
        child = try ChildProcess(
            try #require(Self.executable("python3")),
            [script, certificate, folder.url.appendingPathComponent("server.key").path]
        )
    }

    /// A self-signed certificate for 127.0.0.1 (its own CA); returns the certificate's path.
    static func makeCertificate(in folder: TemporaryDirectory, name: String) async throws -> String {
        let certificate = folder.url.appendingPathComponent("\(name).pem").path
        let outcome = try await ChildProcess.run(
            try #require(executable("openssl")),
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", folder.url.appendingPathComponent("\(name).key").path, "-out", certificate, "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            ],
            timeout: .seconds(60)
        )
        guard outcome.exitCode == 0 else { throw TestSupportError("openssl failed: \(outcome.stderr)") }
        return certificate
    }

    var baseURL: String { "https://127.0.0.1:\(port)" }

    /// Kills the server and collects it.
    func stop() {
        child.stop()
    }
}

@Suite(.enabled(if: TLSTestServer.toolsArePresent, "openssl or python3 is missing"))
struct HTTPSTests {
    @Test(.timeLimit(.minutes(1)))
    func trustsAServerThroughTheCAFile() async throws {
        let server = try await TLSTestServer.start()
        defer { server.stop() }
        let client = HTTPClient(configuration: HTTPClientConfiguration(caFile: server.certificate))
        defer { client.shutdown() }
        let exchange = try await client.get(server.baseURL + "/accounts?x=1", headers: ["X-Client-Secret": "s3"])
        #expect(exchange.response.status == 200)
        #expect(exchange.transport == .libcurl)
        #expect(
            String(decoding: exchange.response.body, as: UTF8.self) == #"{"path": "/accounts?x=1", "secret": "s3"}"#
        )
        #expect(exchange.response.headers["Content-Type"] == "application/json")
        #expect(String(decoding: exchange.rawResponseHead, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(exchange.timings.firstByte != nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func rejectsASelfSignedCertificateWithTheSystemStore() async throws {
        let server = try await TLSTestServer.start()
        defer { server.stop() }
        let client = HTTPClient()
        defer { client.shutdown() }
        let error = try await #require(throws: HTTPClientError.self) { _ = try await client.get(server.baseURL + "/") }
        guard case .certificateRejected(let reason) = error else {
            Issue.record("expected a certificate error, got \(error)")
            return
        }
        #expect(reason.contains("self-signed"), "\(reason)")
        #expect(error.description.hasPrefix("TLS certificate rejected: "))
    }

    @Test(.timeLimit(.minutes(1)))
    func rejectsTheServerWhenTheCAFileIsAnotherCertificate() async throws {
        let server = try await TLSTestServer.start()
        defer { server.stop() }
        let other = try await TLSTestServer.makeCertificate(in: server.folder, name: "other")
        let client = HTTPClient(configuration: HTTPClientConfiguration(caFile: other))
        defer { client.shutdown() }
        let error = try await #require(throws: HTTPClientError.self) { _ = try await client.get(server.baseURL + "/") }
        guard case .certificateRejected = error else {
            Issue.record("expected a certificate error, got \(error)")
            return
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func reportsAnUnreadableCAFile() async throws {
        let client = HTTPClient(configuration: HTTPClientConfiguration(caFile: "/nonexistent/ca.pem"))
        defer { client.shutdown() }
        await #expect(
            throws: HTTPClientError.caFileUnusable(path: "/nonexistent/ca.pem", reason: "No such file or directory")
        ) {
            _ = try await client.get("https://127.0.0.1:1/")
        }
    }
}
