import Glibc
import HTTP

/// A blocking TCP client for tests: sends raw bytes to 127.0.0.1 and reads what comes back, every wait bounded.
final class LoopbackSocket {
    let descriptor: Int32
    private var buffered: [UInt8] = []

    /// Connects to 127.0.0.1:`port`.
    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw LoopbackError("socket failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        // No close here: a class whose stored properties are all set runs deinit when init throws.
        guard status == 0 else { throw LoopbackError("connect failed: errno \(errno)") }
    }

    deinit {
        close(descriptor)
    }

    /// Sends all of `bytes`; a reset peer is not an error (the test looks at what was read).
    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return }
            offset += sent
        }
    }

    func send(_ text: String) {
        send(Array(text.utf8))
    }

    /// Half-closes: the server reads end of stream.
    func shutdownWrite() {
        shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Reads one chunk, waiting up to `timeoutMilliseconds`; `nil` on timeout, empty at end of stream or reset.
    ///
    /// Waits by polling without a timeout and sleeping the task in between, so a test never blocks a thread of the
    /// cooperative pool (the client under test needs them).
    func readChunk(timeoutMilliseconds: Int32) async -> [UInt8]? {
        if !buffered.isEmpty {
            defer { buffered.removeAll() }
            return buffered
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(timeoutMilliseconds))
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while poll(&entry, 1, 0) == 0 {
            guard clock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(1))
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? Array(chunk[..<count]) : []
    }

    /// Everything until the server closes (or `timeoutMilliseconds` passes with nothing new).
    func readUntilClose(timeoutMilliseconds: Int32 = 5_000) async -> (bytes: [UInt8], closed: Bool) {
        var all: [UInt8] = []
        while let chunk = await readChunk(timeoutMilliseconds: timeoutMilliseconds) {
            if chunk.isEmpty { return (all, true) }
            all += chunk
        }
        return (all, false)
    }

    /// Reads one response like ``readResponse(timeoutMilliseconds:isHead:)``, blocking the calling thread.
    ///
    /// Only for a synchronous test or a thread of its own (``onAThreadOfItsOwn(_:)``): the server answers from its
    /// own threads, so blocking here cannot starve it.
    func readResponseBlocking(timeoutMilliseconds: Int32 = 5_000) -> ParsedTestResponse? {
        var data = buffered
        buffered = []
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let response = ParsedTestResponse.parse(data) {
                buffered = Array(data[response.length...])
                return response
            }
            guard poll(&entry, 1, timeoutMilliseconds) > 0 else { return nil }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            data += chunk[..<count]
        }
    }

    /// Reads one response (head, then a `Content-Length` body), leaving what follows buffered.
    func readResponse(timeoutMilliseconds: Int32 = 5_000, isHead: Bool = false) async -> ParsedTestResponse? {
        var data = buffered
        buffered = []
        while true {
            if let response = ParsedTestResponse.parse(data, isHead: isHead) {
                buffered = Array(data[response.length...])
                return response
            }
            guard let chunk = await readChunk(timeoutMilliseconds: timeoutMilliseconds), !chunk.isEmpty else {
                buffered = data
                return nil
            }
            data += chunk
        }
    }
}

/// A response as a test sees it: status, headers by lower-cased name, body.
struct ParsedTestResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var length: Int

    var bodyText: String { String(decoding: body, as: UTF8.self) }

    static func parse(_ data: [UInt8], isHead: Bool = false) -> ParsedTestResponse? {
        guard
            let end = data.indices.dropFirst(3).first(where: {
                data[$0 - 3] == 13 && data[$0 - 2] == 10 && data[$0 - 1] == 13 && data[$0] == 10
            })
        else { return nil }
        let head = String(decoding: data[..<(end - 3)], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingPrefix(" ").description
        }
        let length =
            (isHead || status == 100 || status == 204 || status == 304)
            ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        guard data.count >= end + 1 + length else { return nil }
        return ParsedTestResponse(
            status: status,
            headers: headers,
            body: Array(data[(end + 1)..<(end + 1 + length)]),
            length: end + 1 + length
        )
    }
}

struct LoopbackError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The number of open descriptors of this process.
func openDescriptorCount() -> Int {
    guard let directory = opendir("/proc/self/fd") else { return -1 }
    defer { closedir(directory) }
    var count = 0
    while readdir(directory) != nil {
        count += 1
    }
    return count - 3  // ".", ".." and the directory's own descriptor
}

/// Starts a server with `handler` and short timeouts for tests; stop it with `defer { server.stop() }`.
func startTestServer(
    limits: HTTPServerLimits = HTTPServerLimits(),
    handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse = echoHandler
) throws -> HTTPServer {
    let server = HTTPServer(
        configuration: HTTPServerConfiguration(limits: limits, eventLoopCount: 2, shutdownGracePeriod: .seconds(2)),
        handler: handler
    )
    try server.start()
    return server
}

/// Answers with a summary of the request: method, target, body length, and the body.
@Sendable func echoHandler(_ request: HTTPRequest) -> HTTPResponse {
    var response = HTTPResponse.text("\(request.method) \(request.target) \(request.body.count)\n")
    response.body += request.body
    response.headers.add(name: "X-Path", value: request.path)
    return response
}
