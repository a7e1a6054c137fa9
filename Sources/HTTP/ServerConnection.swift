/// One client connection of an ``HTTPServer``, owned by the event loop that polls it.
final class ServerConnection {
    /// Where the connection stands.
    enum Phase {
        /// Reading and answering requests.
        case active
        /// A handler is running for the current request; input stays buffered, the descriptor is not polled.
        case awaitingHandler
        /// The last response is out and our side is shut; reading and discarding until the peer closes.
        case lingering(deadline: UInt64)
    }

    /// What the parser expects next.
    enum ParseState {
        /// A request head; the scan resumes at `resumeAt`.
        case head(resumeAt: Int)
        /// `remaining` bytes of a `Content-Length` body.
        case contentBody(HTTPRequestHead, remaining: Int)
        /// A chunked body.
        case chunkedBody(HTTPRequestHead, ChunkedDecoder)
    }

    let descriptor: Int32
    let id: UInt64
    /// This connection's index in the loop's connection list (its poll entry is `slot + 1`).
    var slot = 0
    let input = InputBuffer()
    var output: [UInt8] = []
    var outputOffset = 0
    var phase = Phase.active
    var parse = ParseState.head(resumeAt: 0)
    var body: [UInt8] = []
    /// The request whose asynchronous handler is running.
    var awaitingHead: HTTPRequestHead?
    /// When the first byte of the request being read arrived; `nil` between requests.
    var requestStartedAt: UInt64?
    /// The last time bytes moved in either direction.
    var lastActivity: UInt64
    /// Close once the output has drained (an error answer, `Connection: close`, HTTP/1.0, a server stopping).
    var closeAfterWrite = false

    init(descriptor: Int32, id: UInt64, now: UInt64) {
        self.descriptor = descriptor
        self.id = id
        self.lastActivity = now
        output.reserveCapacity(2048)
    }

    /// Whether output is waiting to be written.
    var hasPendingOutput: Bool { outputOffset < output.count }

    /// Whether nothing of a next request has arrived and no response is waiting.
    var isIdle: Bool {
        if case .active = phase, input.isEmpty, !hasPendingOutput, case .head = parse {
            return true
        }
        return false
    }
}
