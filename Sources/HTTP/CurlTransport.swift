import Glibc

/// The `https` transport for a custom CA file: libcurl's easy interface on a dedicated thread per exchange.
///
/// Peer and host verification are always on; the CA file replaces the system store (no CA path). Redirects are
/// not followed (``HTTPClient`` does that), the body limit aborts the transfer, and the read timeout is libcurl's
/// "slower than 1 byte/s for N seconds" rule (whole seconds).
final class CurlTransport: Sendable {
    private let caFile: String
    private let maxBodyBytes: Int

    init(caFile: String, maxBodyBytes: Int) {
        self.caFile = caFile
        self.maxBodyBytes = maxBodyBytes
    }

    func execute(_ request: PreparedRequest) async throws(HTTPClientError) -> HTTPExchange {
        let library = try CurlLibrary.shared.get()
        guard access(caFile, R_OK) == 0 else {
            throw .caFileUnusable(path: caFile, reason: systemErrorText(errno))
        }
        let rawRequest = try request.serialized()
        let caFile = caFile
        let limit = maxBodyBytes
        let outcome = await BlockingCall.run(until: request.totalDeadline &+ 5_000_000_000) {
            Self.perform(request, library: library, caFile: caFile, limit: limit)
        }
        guard let outcome else { throw .totalTimedOut(after: request.timeouts.total, receivedBytes: 0) }
        let transfer = try outcome.get()
        let head = transfer.head
        var parser = HTTPResponseParser(
            isHeadRequest: true,
            maxHeadBytes: max(head.count, 1),
            maxBodyBytes: limit
        )
        let progress = try head.withUnsafeBufferPointer { (buffer) throws(HTTPClientError) in try parser.feed(buffer) }
        guard progress == .complete else { throw .malformedResponse("incomplete response head from libcurl") }
        var response = parser.response
        response.body = transfer.body
        return HTTPExchange(
            url: request.url,
            request: request.recordedRequest,
            rawRequest: rawRequest,
            response: response,
            rawResponseHead: parser.rawHead,
            timings: HTTPTimings(
                connect: .microseconds(transfer.connectMicroseconds),
                firstByte: .microseconds(transfer.firstByteMicroseconds),
                total: .microseconds(transfer.totalMicroseconds)
            ),
            reusedConnection: false,
            transport: .libcurl,
            redirects: []
        )
    }

    /// What a finished transfer produced.
    private struct Transfer: Sendable {
        var head: [UInt8]
        var body: [UInt8]
        var connectMicroseconds: Int64
        var firstByteMicroseconds: Int64
        var totalMicroseconds: Int64
    }

    /// Collects the last response head and the body; touched only by the transfer's thread.
    private final class Collector {
        var head: [UInt8] = []
        var body: [UInt8] = []
        var exceededLimit = false
        let limit: Int

        init(limit: Int) {
            self.limit = limit
        }
    }

    private static func perform(
        _ request: PreparedRequest,
        library: CurlLibrary,
        caFile: String,
        limit: Int
    ) -> Result<Transfer, HTTPClientError> {
        guard let handle = library.easyInit() else { return .failure(.tlsFailed("curl_easy_init failed")) }
        defer { library.cleanup(handle) }
        let collector = Collector(limit: limit)
        let context = Unmanaged.passRetained(collector)
        defer { context.release() }
        var errorBuffer = [CChar](repeating: 0, count: 256)
        var headerList: OpaquePointer?
        defer { library.listFree(headerList) }
        for (name, value) in request.headers {
            headerList = library.listAppend(headerList, value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        if !request.headers.contains("Host") {
            headerList = library.listAppend(headerList, "Host: \(request.url.authority)")
        }
        if !request.headers.contains("Content-Type") {
            headerList = library.listAppend(headerList, "Content-Type:")
        }
        headerList = library.listAppend(headerList, "Expect:")
        let remaining = request.totalDeadline &- min(request.totalDeadline, MonotonicClock.now())
        let code: Int32 = errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
            _ = library.setPointer(handle, CurlOption.url, request.url.description)
            _ = library.setLong(handle, CurlOption.noSignal, 1)
            _ = library.setLong(handle, CurlOption.followLocation, 0)
            _ = library.setLong(handle, CurlOption.protocols, CurlOption.protocolHTTPS)
            _ = library.setLong(handle, CurlOption.httpVersion, CurlOption.httpVersion11)
            _ = library.setLong(handle, CurlOption.verifyPeer, 1)
            _ = library.setLong(handle, CurlOption.verifyHost, 2)
            _ = library.setPointer(handle, CurlOption.caInfo, caFile)
            _ = library.setPointer(handle, CurlOption.caPath, nil)
            _ = library.setPointer(handle, CurlOption.errorBuffer, UnsafeRawPointer(errorPointer.baseAddress))
            _ = library.setLong(handle, CurlOption.timeoutMilliseconds, max(1, Int(remaining / 1_000_000)))
            _ = library.setLong(
                handle,
                CurlOption.connectTimeoutMilliseconds,
                max(1, Int(request.timeouts.connect.nanosecondsClamped / 1_000_000))
            )
            _ = library.setLong(handle, CurlOption.lowSpeedLimit, 1)
            _ = library.setLong(
                handle,
                CurlOption.lowSpeedTime,
                max(1, Int((request.timeouts.read.nanosecondsClamped + 999_999_999) / 1_000_000_000))
            )
            _ = library.setPointer(handle, CurlOption.customRequest, request.method)
            if request.method == "HEAD" {
                _ = library.setLong(handle, CurlOption.noBody, 1)
            }
            if !request.body.isEmpty || HTTPSerializer.methodUsuallyHasBody(request.method) {
                _ = library.setLong(handle, CurlOption.postFieldSizeLarge, request.body.count)
                _ = request.body.withUnsafeBytes {
                    library.setPointer(handle, CurlOption.copyPostFields, $0.baseAddress)
                }
            }
            _ = library.setPointer(handle, CurlOption.httpHeader, UnsafeRawPointer(headerList))
            let onBody: CurlLibrary.DataCallback = { data, size, count, context in
                guard let data, let context else { return 0 }
                let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
                let length = size * count
                guard collector.body.count + length <= collector.limit else {
                    collector.exceededLimit = true
                    return 0
                }
                data.withMemoryRebound(to: UInt8.self, capacity: length) {
                    collector.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
                }
                return length
            }
            let onHeader: CurlLibrary.DataCallback = { data, size, count, context in
                guard let data, let context else { return 0 }
                let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
                let length = size * count
                data.withMemoryRebound(to: UInt8.self, capacity: length) {
                    let line = UnsafeBufferPointer(start: $0, count: length)
                    if line.starts(with: Array("HTTP/".utf8)) {
                        collector.head.removeAll()
                    }
                    collector.head.append(contentsOf: line)
                }
                return length
            }
            _ = library.setPointer(handle, CurlOption.writeFunction, unsafeBitCast(onBody, to: UnsafeRawPointer.self))
            _ = library.setPointer(handle, CurlOption.writeData, context.toOpaque())
            _ = library.setPointer(
                handle,
                CurlOption.headerFunction,
                unsafeBitCast(onHeader, to: UnsafeRawPointer.self)
            )
            _ = library.setPointer(handle, CurlOption.headerData, context.toOpaque())
            return library.perform(handle)
        }
        guard code == 0 else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let message =
                detail.isEmpty ? (library.errorText(code).map { String(cString: $0) } ?? "error \(code)") : detail
            return .failure(
                Self.translate(code, message: message, collector: collector, request: request, caFile: caFile)
            )
        }
        func info(_ option: Int32) -> Int64 {
            var value: Int64 = 0
            _ = library.getInfo(handle, option, &value)
            return value
        }
        return .success(
            Transfer(
                head: collector.head,
                body: collector.body,
                connectMicroseconds: info(CurlOption.infoConnectTime),
                firstByteMicroseconds: info(CurlOption.infoStartTransferTime),
                totalMicroseconds: info(CurlOption.infoTotalTime)
            )
        )
    }

    private static func translate(
        _ code: Int32,
        message: String,
        collector: Collector,
        request: PreparedRequest,
        caFile: String
    ) -> HTTPClientError {
        switch code {
        case 23 where collector.exceededLimit:
            return .responseBodyTooLarge(limit: collector.limit)
        case 6:
            return .resolutionFailed(host: request.url.host, reason: message)
        case 7:
            return .connectFailed(host: request.url.host, port: request.url.port, reason: message)
        case 28:
            if message.contains("too slow") {
                return .readTimedOut(after: request.timeouts.read, receivedBytes: collector.body.count)
            }
            if message.hasPrefix("Connection timed out") || message.hasPrefix("Resolving timed out") {
                return .connectTimedOut(host: request.url.host, port: request.url.port, after: request.timeouts.connect)
            }
            return .totalTimedOut(after: request.timeouts.total, receivedBytes: collector.body.count)
        case 60, 51, 58:
            return .certificateRejected(message)
        case 77:
            return .caFileUnusable(path: caFile, reason: message)
        case 35:
            return .tlsFailed(message)
        case 52:
            return .closedBeforeResponse
        case 18:
            return .truncatedBody(expected: nil, received: collector.body.count)
        case 8:
            return .malformedResponse(message)
        default:
            return .transportFailed(message)
        }
    }
}
