import Glibc
import Synchronization

/// One event-loop thread of an ``HTTPServer``: polls its connections, parses requests, calls the handler and writes
/// responses.
///
/// Everything here belongs to the loop's thread; other threads reach it only through its ``Mailbox``.
final class ServerEventLoop {
    private enum Step {
        case needMore
        case request(HTTPRequestHead)
        case reject(HTTPRequestRejection)
    }

    private let context: ServerContext
    private let executor: HandlerExecutor?
    private let limits: HTTPServerLimits
    private let mailbox: Mailbox<ServerLoopMessage>
    /// Poll entries: 0 is the mailbox, `slot + 1` is `connections[slot]`.
    private var entries: [pollfd]
    private var connections: [ServerConnection] = []
    private var awaiting: [UInt64: ServerConnection] = [:]
    private var stopDeadline: UInt64?
    private var dateSecond = -1
    private var dateBytes: [UInt8] = []
    private let tick: UInt64
    private let maxInputCapacity: Int
    private static let outputHighWater = 256 * 1024

    init(context: ServerContext, mailbox: Mailbox<ServerLoopMessage>) {
        self.context = context
        self.executor = context.executor.withLock { $0 }
        self.limits = context.limits
        self.mailbox = mailbox
        self.entries = [pollfd(fd: mailbox.descriptor, events: Int16(POLLIN), revents: 0)]
        let shortest = min(limits.idleTimeout, limits.requestTimeout, limits.writeTimeout).nanosecondsClamped
        self.tick = min(max(shortest / 4, 5_000_000), 250_000_000)
        self.maxInputCapacity = max(limits.maxHeaderBytes + 8 * 1024, 64 * 1024)
    }

    /// Serves until stopped, then closes every connection it still holds.
    func run() {
        var nextSweep = MonotonicClock.now() &+ tick
        while true {
            var now = MonotonicClock.now()
            if now >= nextSweep {
                sweep(now: now)
                nextSweep = now &+ tick
            }
            if let stopDeadline {
                if connections.isEmpty { break }
                if now >= stopDeadline {
                    for connection in connections.reversed() {
                        remove(connection)
                    }
                    break
                }
            }
            let ready = poll(&entries, nfds_t(entries.count), MonotonicClock.pollTimeout(until: nextSweep, now: now))
            guard ready > 0 else { continue }
            now = MonotonicClock.now()
            var index = connections.count - 1
            while index >= 0 {
                let revents = entries[index + 1].revents
                if revents != 0 {
                    entries[index + 1].revents = 0
                    handle(connections[index], revents: revents, now: now)
                }
                index -= 1
            }
            if entries[0].revents != 0 {
                entries[0].revents = 0
                for message in mailbox.takeAll() {
                    receive(message, now: now)
                }
            }
        }
        for message in mailbox.close() {
            if case .connection(let descriptor) = message {
                close(descriptor)
                context.openConnections.subtract(1, ordering: .relaxed)
            }
        }
    }

    // MARK: - Messages

    private func receive(_ message: ServerLoopMessage, now: UInt64) {
        switch message {
        case .connection(let descriptor):
            let connection = ServerConnection(descriptor: descriptor, id: context.makeConnectionID(), now: now)
            connection.slot = connections.count
            connections.append(connection)
            entries.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
            if stopDeadline != nil {
                remove(connection)
            }
        case .completed(let id, let reply):
            guard let connection = awaiting.removeValue(forKey: id), let head = connection.awaitingHead else {
                return
            }
            connection.awaitingHead = nil
            connection.phase = .active
            if apply(reply, to: head, on: connection) {
                drive(connection, now: now)
            }
        case .stop(let deadline):
            stopDeadline = deadline
            for connection in connections.reversed() {
                if connection.isIdle {
                    remove(connection)
                } else {
                    connection.closeAfterWrite = true
                }
            }
        }
    }

    // MARK: - Events

    private func handle(_ connection: ServerConnection, revents: Int16, now: UInt64) {
        switch connection.phase {
        case .lingering:
            discardInput(connection)
        case .awaitingHandler:
            if connection.hasPendingOutput {
                drive(connection, now: now)
            } else {
                arm(connection, events: 0)
            }
        case .active:
            if connection.hasPendingOutput {
                drive(connection, now: now)
            } else {
                readAndDrive(connection, now: now)
            }
        }
    }

    private func readAndDrive(_ connection: ServerConnection, now: UInt64) {
        guard let region = connection.input.writable(minimum: 4096, maxCapacity: maxInputCapacity) else {
            reject(connection, HTTPRequestRejection(431, "request header block too large"))
            drive(connection, now: now)
            return
        }
        switch SocketSystem.receive(connection.descriptor, into: region) {
        case .none:
            return
        case .some(let count) where count > 0:
            connection.input.didWrite(count)
            connection.lastActivity = now
            if connection.requestStartedAt == nil {
                connection.requestStartedAt = now
            }
            drive(connection, now: now)
        default:
            // End of stream or an error: complete requests were answered before this read, so what remains is an
            // abandoned partial request.
            remove(connection)
        }
    }

    /// Parses and answers what is buffered, writes, and decides what to poll for next.
    private func drive(_ connection: ServerConnection, now: UInt64) {
        while true {
            var pausedForBackpressure = false
            if case .active = connection.phase, !connection.closeAfterWrite {
                pausedForBackpressure = serve(connection, now: now)
                guard connection.slot >= 0 else { return }  // handed to a raw writer
            }
            guard flush(connection, now: now) else { return }
            if connection.closeAfterWrite {
                if case .awaitingHandler = connection.phase {
                    arm(connection, events: 0)
                    return
                }
                beginLingering(connection, now: now)
                return
            }
            switch connection.phase {
            case .awaitingHandler:
                arm(connection, events: 0)
                return
            case .lingering:
                return
            case .active:
                if pausedForBackpressure { continue }
                arm(connection, events: Int16(POLLIN))
                return
            }
        }
    }

    /// Answers every complete buffered request in order; returns whether it paused because output piled up.
    private func serve(_ connection: ServerConnection, now: UInt64) -> Bool {
        while case .active = connection.phase, !connection.closeAfterWrite {
            if connection.output.count >= Self.outputHighWater {
                return true
            }
            switch step(connection) {
            case .needMore:
                return false
            case .reject(let rejection):
                reject(connection, rejection)
                return false
            case .request(var head):
                connection.requestStartedAt = connection.input.isEmpty ? nil : now
                if stopDeadline != nil || context.isStopping.load(ordering: .acquiring) {
                    head.keepAlive = false
                }
                switch context.handler {
                case .sync(let handler):
                    guard apply(handler(head.request), to: head, on: connection) else { return false }
                case .async(let handler):
                    connection.phase = .awaitingHandler
                    connection.awaitingHead = head
                    awaiting[connection.id] = connection
                    let mailbox = mailbox
                    let id = connection.id
                    let request = head.request
                    Task(executorPreference: executor) {
                        let reply = await handler(request)
                        mailbox.post(.completed(id: id, reply: reply))
                    }
                    return false
                }
            }
        }
        return false
    }

    /// Applies a handler's reply; returns `false` when the connection left the loop (a raw writer took it).
    private func apply(_ reply: HTTPServerReply, to head: HTTPRequestHead, on connection: ServerConnection) -> Bool {
        switch reply {
        case .response(let response):
            let keepAlive =
                head.keepAlive && stopDeadline == nil && !context.isStopping.load(ordering: .acquiring)
                && !response.headers.hasToken("close", in: "Connection")
            do {
                try HTTPSerializer.appendResponse(
                    response,
                    to: &connection.output,
                    isHead: head.isHead,
                    close: !keepAlive,
                    keepAliveHeader: keepAlive && head.request.version < .http11,
                    date: currentDate()
                )
                if !keepAlive {
                    connection.closeAfterWrite = true
                }
            } catch {
                appendError(connection, status: 500, reason: "the handler's response cannot be serialized: \(error)")
            }
            return true
        case .close:
            connection.closeAfterWrite = true
            return true
        case .raw(let writer):
            let pendingOutput = Array(connection.output[connection.outputOffset...])
            let pendingInput = connection.input.takeAll()
            remove(connection, closing: false)
            context.startRawWriter(
                descriptor: connection.descriptor,
                id: connection.id,
                pendingOutput: pendingOutput,
                pendingInput: pendingInput,
                writer: writer
            )
            return false
        }
    }

    // MARK: - Parsing

    private func step(_ connection: ServerConnection) -> Step {
        let input = connection.input
        switch connection.parse {
        case .head(let resumeAt):
            guard !input.isEmpty else { return .needMore }
            switch HTTPRequestHeadParser.parse(input.readable, resumeAt: resumeAt, limits: context.parserLimits) {
            case .incomplete(let resume):
                connection.parse = .head(resumeAt: resume)
                return .needMore
            case .rejected(let rejection):
                return .reject(rejection)
            case .head(let head, let length):
                input.consume(length)
                connection.parse = .head(resumeAt: 0)
                switch head.framing {
                case .none:
                    return .request(head)
                case .contentLength(let length):
                    connection.body = []
                    connection.body.reserveCapacity(min(length, 64 * 1024))
                    if head.expectsContinue && input.count < length {
                        connection.output.append(contentsOf: Self.continueLine)
                    }
                    connection.parse = .contentBody(head, remaining: length)
                case .chunked:
                    connection.body = []
                    if head.expectsContinue && input.isEmpty {
                        connection.output.append(contentsOf: Self.continueLine)
                    }
                    connection.parse = .chunkedBody(head, ChunkedDecoder(limit: limits.maxBodyBytes))
                }
                return step(connection)
            }
        case .contentBody(var head, let remaining):
            let take = min(remaining, input.count)
            guard take > 0 else { return .needMore }
            connection.body.append(contentsOf: UnsafeBufferPointer(rebasing: input.readable[..<take]))
            input.consume(take)
            guard take == remaining else {
                connection.parse = .contentBody(head, remaining: remaining - take)
                return .needMore
            }
            connection.parse = .head(resumeAt: 0)
            head.request.body = connection.body
            connection.body = []
            return .request(head)
        case .chunkedBody(var head, var decoder):
            guard !input.isEmpty else { return .needMore }
            do {
                let (consumed, progress) = try decoder.decode(input.readable, into: &connection.body)
                input.consume(consumed)
                guard progress == .done else {
                    connection.parse = .chunkedBody(head, decoder)
                    return .needMore
                }
                connection.parse = .head(resumeAt: 0)
                head.request.body = connection.body
                connection.body = []
                return .request(head)
            } catch {
                switch error {
                case .tooLarge(let limit): return .reject(HTTPRequestRejection(413, "body larger than \(limit) bytes"))
                case .malformed(let reason): return .reject(HTTPRequestRejection(400, reason))
                }
            }
        }
    }

    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    // MARK: - Writing and closing

    /// Writes pending output; returns `true` when all of it is out, `false` when it waits or the connection closed.
    private func flush(_ connection: ServerConnection, now: UInt64) -> Bool {
        while connection.hasPendingOutput {
            let sent = connection.output.withUnsafeBytes { bytes in
                SocketSystem.send(
                    connection.descriptor,
                    UnsafeRawBufferPointer(rebasing: bytes[connection.outputOffset...])
                )
            }
            if sent < 0 {
                remove(connection)
                return false
            }
            if sent == 0 {
                arm(connection, events: Int16(POLLOUT))
                return false
            }
            connection.outputOffset += sent
            connection.lastActivity = now
        }
        if connection.output.capacity > 1024 * 1024 {
            connection.output = []
            connection.output.reserveCapacity(2048)
        } else {
            connection.output.removeAll(keepingCapacity: true)
        }
        connection.outputOffset = 0
        connection.input.shrinkIfLarge()
        return true
    }

    private func reject(_ connection: ServerConnection, _ rejection: HTTPRequestRejection) {
        connection.input.consume(connection.input.count)
        connection.parse = .head(resumeAt: 0)
        appendError(connection, status: rejection.status, reason: rejection.reason)
    }

    private func appendError(_ connection: ServerConnection, status: Int, reason: String) {
        let response = HTTPResponse(
            status: status,
            headers: ["Content-Type": "text/plain; charset=utf-8"],
            body: Array(reason.utf8) + [0x0A]
        )
        try? HTTPSerializer.appendResponse(
            response,
            to: &connection.output,
            isHead: false,
            close: true,
            keepAliveHeader: false,
            date: currentDate()
        )
        connection.closeAfterWrite = true
    }

    /// Shuts our side after the last response and reads until the peer closes, so unread input does not turn
    /// into a reset that destroys the response before the client reads it.
    private func beginLingering(_ connection: ServerConnection, now: UInt64) {
        shutdown(connection.descriptor, Int32(SHUT_WR))
        let linger = min(limits.requestTimeout.nanosecondsClamped, 2_000_000_000)
        connection.phase = .lingering(deadline: now &+ linger)
        arm(connection, events: Int16(POLLIN))
    }

    private func discardInput(_ connection: ServerConnection) {
        while true {
            guard let region = connection.input.writable(minimum: 4096, maxCapacity: 64 * 1024) else {
                remove(connection)
                return
            }
            switch SocketSystem.receive(connection.descriptor, into: region) {
            case .none:
                return
            case .some(let count) where count > 0:
                continue
            default:
                remove(connection)
                return
            }
        }
    }

    private func sweep(now: UInt64) {
        for connection in connections.reversed() {
            switch connection.phase {
            case .lingering(let deadline):
                if now >= deadline {
                    remove(connection)
                }
            case .awaitingHandler:
                if connection.hasPendingOutput
                    && now &- connection.lastActivity > limits.writeTimeout.nanosecondsClamped
                {
                    remove(connection)
                }
            case .active:
                if connection.hasPendingOutput {
                    if now &- connection.lastActivity > limits.writeTimeout.nanosecondsClamped {
                        remove(connection)
                    }
                } else if let started = connection.requestStartedAt {
                    if now &- started > limits.requestTimeout.nanosecondsClamped {
                        reject(connection, HTTPRequestRejection(408, "request not received in time"))
                        drive(connection, now: now)
                    }
                } else if now &- connection.lastActivity > limits.idleTimeout.nanosecondsClamped {
                    remove(connection)
                }
            }
        }
    }

    private func arm(_ connection: ServerConnection, events: Int16) {
        let index = connection.slot + 1
        if events == 0 {
            entries[index].fd = -1
        } else {
            entries[index].fd = connection.descriptor
            entries[index].events = events
        }
    }

    /// Takes a connection off the loop, closing it unless a raw writer now owns it.
    private func remove(_ connection: ServerConnection, closing: Bool = true) {
        let slot = connection.slot
        guard slot >= 0 else { return }
        let last = connections.count - 1
        if slot != last {
            connections[slot] = connections[last]
            connections[slot].slot = slot
            entries[slot + 1] = entries[last + 1]
        }
        connections.removeLast()
        entries.removeLast()
        connection.slot = -1
        awaiting.removeValue(forKey: connection.id)
        if closing {
            close(connection.descriptor)
            context.openConnections.subtract(1, ordering: .relaxed)
        }
    }

    private func currentDate() -> [UInt8] {
        let second = HTTPDate.currentSecond()
        if second != dateSecond {
            dateSecond = second
            dateBytes = HTTPDate.imfFixdate(second: second)
        }
        return dateBytes
    }
}
