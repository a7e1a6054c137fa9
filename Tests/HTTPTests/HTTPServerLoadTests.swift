import Foundation
import Glibc
import HTTP
import TestSupport
import Testing

struct HTTPServerLoadTests {
    @Test(.timeLimit(.minutes(2)))
    func servesAThousandConcurrentKeepAliveConnectionsWithoutLeakingDescriptors() throws {
        let descriptorsBefore = openDescriptorCount()
        let server = try startTestServer()
        let port = server.port
        #expect(socketDescriptors(onPort: port) == 1)  // the listener
        var sockets: [LoopbackSocket] = []
        for _ in 0..<1000 {
            sockets.append(try LoopbackSocket(port: port))
        }
        for round in 0..<2 {
            for (index, socket) in sockets.enumerated() {
                socket.send("GET /\(round)/\(index) HTTP/1.1\r\nHost: a\r\n\r\n")
            }
            var served = 0
            for (index, socket) in sockets.enumerated() {
                if socket.readResponseBlocking()?.bodyText == "GET /\(round)/\(index) 0\n" {
                    served += 1
                }
            }
            #expect(served == 1000, "round \(round)")
            // Both rounds on the same connections: keep-alive, 1,000 open at once.
            #expect(server.openConnectionCount == 1000)
        }
        #expect(socketDescriptors(onPort: port) == 2001)
        sockets.removeAll()
        for _ in 0..<500 where server.openConnectionCount > 0 {
            usleep(10_000)
        }
        #expect(server.openConnectionCount == 0)
        server.stop()
        #expect(socketDescriptors(onPort: port) == 0)
        let descriptorsAfter = openDescriptorCount()
        print("HTTPServerLoadTests: open descriptors before \(descriptorsBefore), after \(descriptorsAfter)")
    }

    @Test(.timeLimit(.minutes(1)))
    func theClientServesConcurrentRequestsOverItsPool() async throws {
        let server = try startTestServer()
        defer { server.stop() }
        let client = HTTPClient(configuration: HTTPClientConfiguration(maxIdleConnectionsPerHost: 16))
        defer { client.shutdown() }
        let baseURL = server.baseURL
        for round in 0..<2 {
            let bodies = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<100 {
                    group.addTask {
                        let exchange = try await client.get("\(baseURL)/\(index)")
                        return String(decoding: exchange.response.body, as: UTF8.self)
                    }
                }
                var collected: Set<String> = []
                for try await body in group {
                    collected.insert(body)
                }
                return collected
            }
            #expect(bodies == Set((0..<100).map { "GET /\($0) 0\n" }), "round \(round)")
        }
        #expect(server.openConnectionCount <= 100)
        client.shutdown()
        for _ in 0..<500 where server.openConnectionCount > 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(server.openConnectionCount == 0)
        #expect(socketDescriptors(onPort: server.port) == 1)  // the listener
        server.stop()
        #expect(socketDescriptors(onPort: server.port) == 0)
    }
}

/// How many of this process's descriptors are TCP sockets on `port` (either end), from `/proc`.
///
/// Other tests run in parallel in this process, so the total descriptor count moves; sockets on the server's
/// own ephemeral port belong to this test alone.
func socketDescriptors(onPort port: Int) -> Int {
    var inodes: Set<String> = []
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = readProcFile(table)
        for line in text.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: " ")
            guard columns.count > 9 else { continue }
            let ports = [columns[1], columns[2]].compactMap {
                $0.split(separator: ":").last.flatMap { Int($0, radix: 16) }
            }
            if ports.contains(port), columns[9] != "0" {
                inodes.insert(String(columns[9]))
            }
        }
    }
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return -1 }
    var count = 0
    for entry in entries {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(entry)"),
            target.hasPrefix("socket:[")
        else { continue }
        if inodes.contains(String(target.dropFirst("socket:[".count).dropLast())) {
            count += 1
        }
    }
    return count
}

/// The whole of a `/proc` file (they report size 0, so read until end of file).
func readProcFile(_ path: String) -> String {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return "" }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        bytes += chunk[..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}
