import Foundation
import Glibc
import HTTP
import Testing

/// One step of a misbehaving server, after it has read the request head.
enum RawServerStep: Sendable {
    case write(String)
    case pause(milliseconds: Int)
    /// Close with a TCP reset instead of a FIN.
    case reset
}

/// What the client must report.
enum ClientOutcome: Sendable, Equatable {
    case body(String)
    case error(HTTPClientError)
    /// An error of this kind whatever its byte count.
    case totalTimeout
}

/// A misbehaving server and what the client must make of it.
struct MisbehaviourCase: Sendable, CustomTestStringConvertible {
    var name: String
    var steps: [RawServerStep]
    var outcome: ClientOutcome
    var configuration = HTTPClientConfiguration()
    var testDescription: String { name }
}

/// Starts a raw server that reads each request head and then runs `steps`.
/// The scripted server waits up to 50 s for the request: on a loaded two-core machine the client's task may wait
/// seconds for a thread of the cooperative pool, and the test is about what the client makes of the answer.
func startScriptedServer(_ steps: [RawServerStep]) throws -> RawTCPServer {
    let server = RawTCPServer { connection in
        guard (try? connection.readHead(timeout: .seconds(50))) != nil else { return }
        for step in steps {
            switch step {
            case .write(let text):
                guard (try? connection.write(text)) != nil else { return }
            case .pause(let milliseconds):
                connection.pause(for: .milliseconds(milliseconds))
            case .reset:
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(
                    connection.descriptor,
                    SOL_SOCKET,
                    SO_LINGER,
                    &linger,
                    socklen_t(MemoryLayout<Glibc.linger>.size)
                )
                connection.close()
                return
            }
        }
    }
    try server.start()
    return server
}

struct HTTPClientMisbehaviourTests {
    static let ok = "HTTP/1.1 200 OK\r\n"

    static var small: HTTPClientConfiguration {
        HTTPClientConfiguration(maxResponseBodyBytes: 16, maxResponseHeadBytes: 256)
    }

    /// A short read timeout well inside the total one. The total counts from the start of the exchange, so it must
    /// outlast the longest a busy machine keeps the test's task waiting for the pool (20 s was once not enough).
    static var shortRead: HTTPClientConfiguration {
        HTTPClientConfiguration(
            timeouts: HTTPTimeouts(connect: .seconds(5), read: .milliseconds(200), total: .seconds(50))
        )
    }

    /// A short total timeout well inside the read one: dripping bytes keeps each read short, not the exchange.
    static var shortTotal: HTTPClientConfiguration {
        HTTPClientConfiguration(
            timeouts: HTTPTimeouts(connect: .seconds(5), read: .seconds(5), total: .milliseconds(700))
        )
    }

    static let cases: [MisbehaviourCase] = [
        MisbehaviourCase(name: "closes without answering", steps: [], outcome: .error(.closedBeforeResponse)),
        MisbehaviourCase(
            name: "closes in the middle of the head",
            steps: [.write(ok + "Content-Le")],
            outcome: .error(.closedDuringHead(receivedBytes: 27))
        ),
        MisbehaviourCase(
            name: "answers with another protocol",
            steps: [.write("SSH-2.0-OpenSSH_9.2\r\n")],
            outcome: .error(.malformedResponse("response does not start with 'HTTP/' (got 'SSH-2.0-OpenSSH_')"))
        ),
        MisbehaviourCase(
            name: "sends fewer bytes than Content-Length, then closes",
            steps: [.write(ok + "Content-Length: 10\r\n\r\nabcd")],
            outcome: .error(.truncatedBody(expected: 10, received: 4))
        ),
        MisbehaviourCase(
            name: "announces a body over the limit",
            steps: [.write(ok + "Content-Length: 17\r\n\r\n")],
            outcome: .error(.responseBodyTooLarge(limit: 16)),
            configuration: small
        ),
        MisbehaviourCase(
            name: "sends chunks over the limit",
            steps: [.write(ok + "Transfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n1\r\nx\r\n0\r\n\r\n")],
            outcome: .error(.responseBodyTooLarge(limit: 16)),
            configuration: small
        ),
        MisbehaviourCase(
            name: "sends a close-delimited body over the limit",
            steps: [.write(ok + "\r\n0123456789abcdefg")],
            outcome: .error(.responseBodyTooLarge(limit: 16)),
            configuration: small
        ),
        MisbehaviourCase(
            name: "sends a head over the limit",
            steps: [.write(ok + "X-Big: \(String(repeating: "b", count: 300))\r\n\r\n")],
            outcome: .error(.responseHeadTooLarge(limit: 256)),
            configuration: small
        ),
        MisbehaviourCase(
            name: "sends a chunked body",
            steps: [.write(ok + "Transfer-Encoding: chunked\r\n\r\n4\r\nwiki\r\n5;x=y\r\npedia\r\n0\r\nT: 1\r\n\r\n")],
            outcome: .body("wikipedia")
        ),
        MisbehaviourCase(
            name: "closes in the middle of a chunked body",
            steps: [.write(ok + "Transfer-Encoding: chunked\r\n\r\n4\r\nwiki\r\n5\r\npe")],
            outcome: .error(.truncatedBody(expected: nil, received: 6))
        ),
        MisbehaviourCase(
            name: "sends a chunk size that is not hex",
            steps: [.write(ok + "Transfer-Encoding: chunked\r\n\r\nzz\r\n")],
            outcome: .error(.malformedResponse("chunk size is not a hex number"))
        ),
        MisbehaviourCase(
            name: "delimits the body by closing",
            steps: [.write(ok + "Content-Type: text/plain\r\n\r\nuntil close")],
            outcome: .body("until close")
        ),
        MisbehaviourCase(
            name: "sends Content-Length and Transfer-Encoding",
            steps: [.write(ok + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")],
            outcome: .error(.malformedResponse("both Content-Length and Transfer-Encoding"))
        ),
        MisbehaviourCase(
            name: "sends two Content-Length values",
            steps: [.write(ok + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")],
            outcome: .error(.malformedResponse("conflicting Content-Length values"))
        ),
        MisbehaviourCase(
            name: "ends a header line with a bare LF",
            steps: [.write("HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n")],
            outcome: .error(.malformedResponse("bare line feed at byte 15 of the response head"))
        ),
        MisbehaviourCase(
            name: "sends a four-digit status",
            steps: [.write("HTTP/1.1 2000 OK\r\n\r\n")],
            outcome: .error(.malformedResponse("malformed status line"))
        ),
        MisbehaviourCase(
            name: "answers HTTP/2 on an HTTP/1.1 connection",
            steps: [.write("HTTP/2 200\r\n\r\n")],
            outcome: .error(.malformedResponse("malformed status line"))
        ),
        MisbehaviourCase(
            name: "switches protocols unasked",
            steps: [.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n")],
            outcome: .error(.malformedResponse("unexpected 101 Switching Protocols"))
        ),
        MisbehaviourCase(
            name: "uses a transfer coding the client cannot decode",
            steps: [.write(ok + "Transfer-Encoding: gzip\r\n\r\nxx")],
            outcome: .error(.malformedResponse("unsupported Transfer-Encoding 'gzip'"))
        ),
        MisbehaviourCase(
            name: "sends 100 Continue before the answer",
            steps: [.write("HTTP/1.1 100 Continue\r\n\r\n" + ok + "Content-Length: 2\r\n\r\nok")],
            outcome: .body("ok")
        ),
        MisbehaviourCase(
            name: "resets the connection",
            steps: [.reset],
            outcome: .error(.connectionReset(receivedBytes: 0))
        ),
        MisbehaviourCase(
            name: "never answers",
            steps: [.pause(milliseconds: 2_000)],
            outcome: .error(.readTimedOut(after: .milliseconds(200), receivedBytes: 0)),
            configuration: shortRead
        ),
        // The drip lasts up to 30 s so that a client whose timer fires late on a loaded machine still sees its
        // total timeout; once the client hangs up, the next write fails and the script ends.
        MisbehaviourCase(
            name: "drips the answer past the total timeout",
            steps: [.write(ok + "X-Slow: ")]
                + Array(repeating: [.write("a"), .pause(milliseconds: 100)], count: 300).flatMap { $0 },
            outcome: .totalTimeout,
            configuration: shortTotal
        ),
    ]

    @Test(.timeLimit(.minutes(1)), arguments: cases)
    func reportsPreciselyWhatTheServerDid(misbehaviour: MisbehaviourCase) async throws {
        let server = try startScriptedServer(misbehaviour.steps)
        defer { server.stop() }
        let client = HTTPClient(configuration: misbehaviour.configuration)
        defer { client.shutdown() }
        do {
            let exchange = try await client.get(server.baseURL + "/")
            #expect(misbehaviour.outcome == .body(String(decoding: exchange.response.body, as: UTF8.self)))
        } catch {
            switch misbehaviour.outcome {
            case .totalTimeout:
                guard case .totalTimedOut(let after, _) = error else {
                    Issue.record("expected a total timeout, got \(error)")
                    return
                }
                #expect(after == .milliseconds(700))
            default:
                #expect(misbehaviour.outcome == .error(error))
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func doesNotReuseAConnectionThatSentMoreThanItsContentLength() async throws {
        let server = try startScriptedServer([
            .write(Self.ok + "Content-Length: 2\r\n\r\nokEXTRA"), .pause(milliseconds: 300),
        ])
        defer { server.stop() }
        let client = HTTPClient()
        defer { client.shutdown() }
        let first = try await client.get(server.baseURL + "/")
        #expect(String(decoding: first.response.body, as: UTF8.self) == "ok")
        let second = try await client.get(server.baseURL + "/")
        #expect(second.reusedConnection == false)
    }

    @Test(.timeLimit(.minutes(1)))
    func errorsReadAsOneLine() {
        #expect(
            HTTPClientError.truncatedBody(expected: 10, received: 4).description
                == "the server closed the connection after 4 of 10 body bytes (Content-Length)"
        )
        #expect(
            HTTPClientError.readTimedOut(after: .milliseconds(200), receivedBytes: 0).localizedDescription
                == "no response bytes for 200 ms (read timeout) after 0 bytes"
        )
        #expect(
            HTTPClientError.totalTimedOut(after: .milliseconds(1500), receivedBytes: 12).description
                == "the exchange took longer than 1.5 s (total timeout) after 12 response bytes"
        )
    }
}
