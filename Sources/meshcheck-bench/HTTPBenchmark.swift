import Foundation
import Glibc
import HTTP

/// `http.server` and `http.client`: our server against nginx under wrk, and our client against wrk, same run.
///
/// 1. Server: a fixed 1 KB JSON body under `wrk -t2 -c64 -d5s`, ours then nginx (serving the same bytes from a
///    file), twice each; the best run of each counts.
/// 2. Client: sequential keep-alive GETs of that body from nginx with `HTTPClient`, against `wrk -t1 -c1 -d5s`.
///
/// wrk and nginx come from Debian and are installed on demand; nginx runs as the current user from a generated
/// configuration in a temporary directory, on an ephemeral loopback port.
enum HTTPBenchmark {
    static func run() async -> [String] {
        guard let tools = BenchTools.locate() else {
            return ["http.server  skipped: wrk and nginx are missing and could not be installed"]
        }
        let body = fixedJSONBody()
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("meshcheck-http-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let nginx: NginxProcess
        do {
            nginx = try NginxProcess(executable: tools.nginx, directory: directory, body: body)
        } catch {
            return ["http.server  skipped: nginx did not start: \(error)"]
        }
        defer { nginx.stop() }
        let response = HTTPResponse.json(body)
        let server = HTTPServer(configuration: HTTPServerConfiguration(eventLoopCount: 2)) { _ in response }
        do {
            try server.start()
        } catch {
            return ["http.server  skipped: \(error)"]
        }
        defer { server.stop() }
        var lines: [String] = []
        let ourURL = server.baseURL + "/body.json"
        let nginxURL = nginx.baseURL + "/body.json"
        _ = BenchTools.wrk(tools.wrk, ["-t2", "-c64", "-d1s", ourURL])
        _ = BenchTools.wrk(tools.wrk, ["-t2", "-c64", "-d1s", nginxURL])
        var ours: [Double] = []
        var reference: [Double] = []
        for _ in 0..<2 {
            ours.append(BenchTools.wrk(tools.wrk, ["-t2", "-c64", "-d5s", ourURL]) ?? 0)
            reference.append(BenchTools.wrk(tools.wrk, ["-t2", "-c64", "-d5s", nginxURL]) ?? 0)
        }
        lines.append(
            ThroughputFigure(
                name: "http.server",
                input: "1 KB JSON, wrk -t2 -c64 -d5s",
                ours: ours.max() ?? 0,
                referenceName: "nginx",
                reference: reference.max() ?? 0,
                runs: 2
            ).line
        )
        lines.append(await clientFigure(wrkPath: tools.wrk, url: nginxURL, expected: body))
        return lines
    }

    private static func clientFigure(wrkPath: String, url: String, expected: [UInt8]) async -> String {
        let client = HTTPClient()
        defer { client.shutdown() }
        // Warm up both, then alternate so both see the same machine load; the best run of each counts.
        _ = await clientRate(client, url: url, expected: expected, count: 2_000)
        _ = BenchTools.wrk(wrkPath, ["-t1", "-c1", "-d1s", url])
        var ours: [Double] = []
        var reference: [Double] = []
        var failures = 0
        for _ in 0..<3 {
            let (rate, failed) = await clientRate(client, url: url, expected: expected, count: 30_000)
            ours.append(rate)
            failures += failed
            reference.append(BenchTools.wrk(wrkPath, ["-t1", "-c1", "-d3s", url]) ?? 0)
        }
        let figure = ThroughputFigure(
            name: "http.client",
            input: "sequential keep-alive GETs of 1 KB from nginx",
            ours: ours.max() ?? 0,
            referenceName: "wrk -t1 -c1",
            reference: reference.max() ?? 0,
            runs: 3
        )
        return failures == 0 ? figure.line : figure.line + "  (\(failures) failed exchanges)"
    }

    /// Requests per second for `count` sequential GETs, from a task off the main actor, as the runner calls it.
    private static func clientRate(
        _ client: HTTPClient,
        url: String,
        expected: [UInt8],
        count: Int
    ) async -> (rate: Double, failures: Int) {
        await Task.detached {
            var failures = 0
            let clock = ContinuousClock()
            let start = clock.now
            for _ in 0..<count {
                do {
                    let exchange = try await client.get(url)
                    if exchange.response.status != 200 || exchange.response.body != expected {
                        failures += 1
                    }
                } catch {
                    failures += 1
                }
            }
            return (Double(count) / (clock.now - start).seconds, failures)
        }.value
    }

    /// A JSON object of exactly 1,024 bytes.
    static func fixedJSONBody() -> [UInt8] {
        var text = "{\"accounts\":["
        var index = 0
        while text.utf8.count < 900 {
            text += "{\"id\":\"acc-\(index)\",\"balance\":\(index * 37 % 1000).25},"
            index += 1
        }
        text.removeLast()
        text += "],\"padding\":\""
        let remaining = 1024 - text.utf8.count - 2
        text += String(repeating: "x", count: max(0, remaining)) + "\"}"
        return Array(text.utf8)
    }
}

/// One printed line for a throughput figure: ours over the reference, so above 1 means meshcheck is faster.
struct ThroughputFigure {
    var name: String
    var input: String
    var ours: Double
    var referenceName: String
    var reference: Double
    var runs: Int

    var ratio: Double { reference > 0 ? ours / reference : 0 }

    var line: String {
        "\(name)  \(input)  meshcheck \(String(format: "%.0f", ours)) req/s  \(referenceName) "
            + "\(String(format: "%.0f", reference)) req/s  ratio \(String(format: "%.2f", ratio))x  (best of \(runs))"
    }
}

/// Finds wrk and nginx, installing them with apt-get when missing.
enum BenchTools {
    struct Paths {
        var wrk: String
        var nginx: String
    }

    static func locate() -> Paths? {
        if let found = find() {
            return found
        }
        print("meshcheck bench: wrk and nginx are needed for the HTTP figures; installing them with apt-get…")
        let prefix = getuid() == 0 ? [] : ["sudo"]
        _ = runCapturing("/usr/bin/env", prefix + ["apt-get", "update", "-qq"])
        _ = runCapturing(
            "/usr/bin/env",
            prefix + ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq", "wrk", "nginx"]
        )
        return find()
    }

    private static func find() -> Paths? {
        let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let nginx = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let wrk, let nginx else { return nil }
        return Paths(wrk: wrk, nginx: nginx)
    }

    /// Runs wrk and returns its `Requests/sec`.
    static func wrk(_ path: String, _ arguments: [String]) -> Double? {
        wrkRun(path, arguments)?.requestsPerSecond
    }

    /// Runs wrk and returns its `Requests/sec` and how many responses were not 2xx or 3xx.
    static func wrkRun(_ path: String, _ arguments: [String]) -> (requestsPerSecond: Double, failures: Int)? {
        guard let output = runCapturing(path, arguments) else { return nil }
        var rate: Double?
        var failures = 0
        for line in output.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("Requests/sec:") {
                rate = Double(trimmed.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces))
            } else if trimmed.hasPrefix("Non-2xx or 3xx responses:") {
                failures +=
                    Int(trimmed.dropFirst("Non-2xx or 3xx responses:".count).trimmingCharacters(in: .whitespaces)) ?? 0
            } else if trimmed.hasPrefix("Socket errors:") {
                // "Socket errors: connect 0, read 0, write 0, timeout 12"
                failures += trimmed.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.reduce(0, +)
            }
        }
        return rate.map { ($0, failures) }
    }

    /// Runs a program to completion, its output going to a temporary file (never a pipe that could fill up).
    static func runCapturing(_ path: String, _ arguments: [String]) -> String? {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "meshcheck-bench-\(UUID().uuidString)"
        )
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: output)
        else { return nil }
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        do {
            try process.run()
        } catch {
            return nil
        }
        process.waitUntilExit()
        try? handle.close()
        return (try? String(contentsOf: output, encoding: .utf8))
    }
}

/// nginx serving one file from a temporary directory on an ephemeral loopback port.
final class NginxProcess {
    let port: Int
    private let process = Process()

    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(executable: String, directory: URL, body: [UInt8]) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(body).write(to: directory.appendingPathComponent("body.json"))
        port = try Self.freePort()
        let path = directory.path
        let user = getuid() == 0 ? "user root;\n" : ""
        let configuration = """
            \(user)worker_processes 2;
            daemon off;
            pid \(path)/nginx.pid;
            error_log \(path)/error.log;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path \(path)/client-body;
                proxy_temp_path \(path)/proxy;
                fastcgi_temp_path \(path)/fastcgi;
                uwsgi_temp_path \(path)/uwsgi;
                scgi_temp_path \(path)/scgi;
                keepalive_requests 10000000;
                server {
                    listen 127.0.0.1:\(port);
                    location / { root \(path); default_type application/json; }
                }
            }
            """
        try configuration.write(to: directory.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-c", "\(path)/nginx.conf", "-e", "\(path)/error.log", "-p", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait (bounded) until it answers.
        for _ in 0..<100 {
            if Self.canConnect(port: port) { return }
            usleep(50_000)
        }
        stop()
        let log = (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        throw BenchError("nginx is not answering on port \(port): \(log.suffix(300))")
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard bound else { throw BenchError("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func canConnect(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    /// Seconds as a `Double`.
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
