import Dispatch
import Foundation
import FoundationNetworking
import Synchronization

/// The `https` transport with the system trust store: URLSession, with our timeouts, limits and redirect policy.
///
/// URLSession never follows a redirect here (``HTTPClient`` does, with its credential rules); bodies beyond the
/// limit cancel the task; the read timeout is URLSession's idle timeout and the total timeout a timer that cancels
/// the task. URLSession has no separate connect timeout: the read timeout covers connecting.
final class URLSessionTransport: Sendable {
    private let session: URLSession
    private let delegate: SessionDelegate
    private let maxBodyBytes: Int

    init(configuration: HTTPClientConfiguration) {
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.httpCookieAcceptPolicy = .never
        sessionConfiguration.httpShouldSetCookies = false
        sessionConfiguration.urlCache = nil
        sessionConfiguration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        sessionConfiguration.timeoutIntervalForRequest = configuration.timeouts.read.seconds
        sessionConfiguration.timeoutIntervalForResource = 7 * 24 * 3600
        sessionConfiguration.httpMaximumConnectionsPerHost = max(1, configuration.maxIdleConnectionsPerHost)
        let delegate = SessionDelegate()
        self.delegate = delegate
        self.session = URLSession(configuration: sessionConfiguration, delegate: delegate, delegateQueue: nil)
        self.maxBodyBytes = configuration.maxResponseBodyBytes
    }

    func shutdown() {
        session.invalidateAndCancel()
    }

    func execute(_ request: PreparedRequest) async throws(HTTPClientError) -> HTTPExchange {
        guard let url = URL(string: request.url.description) else {
            throw .invalidURL(request.url.description, reason: "not accepted by URLSession")
        }
        // Refuse what the socket transport refuses, so both transports accept the same requests.
        let rawRequest = try request.serialized()
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = request.timeouts.read.seconds
        urlRequest.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        for (name, value) in request.headers {
            urlRequest.addValue(value, forHTTPHeaderField: name)
        }
        if urlRequest.value(forHTTPHeaderField: "Accept-Encoding") == nil {
            urlRequest.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        }
        if !request.body.isEmpty {
            urlRequest.httpBody = Data(request.body)
        }
        let task = session.dataTask(with: urlRequest)
        let remaining = request.totalDeadline &- min(request.totalDeadline, MonotonicClock.now())
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<TaskResult, Never>) in
            delegate.register(task.taskIdentifier, limit: maxBodyBytes, continuation: continuation)
            task.resume()
            let delegate = delegate
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: remaining))) {
                if delegate.markTimedOut(task.taskIdentifier) {
                    task.cancel()
                }
            }
        }
        if result.exceededLimit {
            // The cancellation can come too late to fail the task, so the flag decides.
            throw .responseBodyTooLarge(limit: result.limit)
        }
        if let error = result.error {
            throw Self.translate(error, result: result, request: request)
        }
        guard let httpResponse = result.response else { throw .transportFailed("no HTTP response") }
        var headers = HTTPHeaders()
        for (name, value) in httpResponse.allHeaderFields {
            headers.add(name: "\(name)", value: "\(value)")
        }
        let response = HTTPResponse(status: httpResponse.statusCode, headers: headers, body: result.body)
        var rawHead = Array("HTTP/1.1 \(response.status) \(response.reason)\r\n".utf8)
        for (name, value) in headers {
            rawHead += Array("\(name): \(value)\r\n".utf8)
        }
        rawHead += [0x0D, 0x0A]
        let end = MonotonicClock.now()
        return HTTPExchange(
            url: request.url,
            request: request.recordedRequest,
            rawRequest: rawRequest,
            response: response,
            rawResponseHead: rawHead,
            timings: HTTPTimings(
                connect: nil,
                firstByte: result.firstByteAt.map { Duration.nanoseconds($0 &- request.startedAt) },
                total: Duration.nanoseconds(end &- request.startedAt)
            ),
            reusedConnection: false,
            transport: .urlSession,
            redirects: []
        )
    }

    private static func translate(_ error: any Error, result: TaskResult, request: PreparedRequest) -> HTTPClientError {
        if result.exceededLimit {
            return .responseBodyTooLarge(limit: result.limit)
        }
        if result.timedOutTotal {
            return .totalTimedOut(after: request.timeouts.total, receivedBytes: result.body.count)
        }
        let nsError = error as NSError
        let message = nsError.localizedDescription
        switch nsError.code {
        case NSURLErrorTimedOut:
            return .readTimedOut(after: request.timeouts.read, receivedBytes: result.body.count)
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed:
            return .resolutionFailed(host: request.url.host, reason: message)
        case NSURLErrorCannotConnectToHost:
            return .connectFailed(host: request.url.host, port: request.url.port, reason: message)
        case NSURLErrorNetworkConnectionLost:
            return .closedBeforeResponse
        case NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate,
            NSURLErrorServerCertificateHasUnknownRoot, NSURLErrorServerCertificateNotYetValid:
            return .certificateRejected(message)
        case NSURLErrorSecureConnectionFailed:
            return .tlsFailed(message)
        default:
            if message.localizedCaseInsensitiveContains("certificate") {
                return .certificateRejected(message)
            }
            if message.contains("SSL") || message.contains("TLS") {
                return .tlsFailed(message)
            }
            return .transportFailed(message)
        }
    }
}

/// What one URLSession task produced.
struct TaskResult: Sendable {
    var response: HTTPURLResponse?
    var body: [UInt8] = []
    var firstByteAt: UInt64?
    var error: (any Error)?
    var exceededLimit = false
    var timedOutTotal = false
    var limit = 0
}

/// URLSession's delegate: collects each task's response and body, enforces the body limit and refuses redirects.
///
/// `@unchecked Sendable` because `NSObject` subclasses cannot be checked; every stored property is a `let`, and
/// the per-task state sits behind the `Mutex`.
private final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Pending {
        var result: TaskResult
        var continuation: CheckedContinuation<TaskResult, Never>
    }

    private let pending = Mutex<[Int: Pending]>([:])

    func register(_ id: Int, limit: Int, continuation: CheckedContinuation<TaskResult, Never>) {
        pending.withLock { $0[id] = Pending(result: TaskResult(limit: limit), continuation: continuation) }
    }

    /// Marks a still-running task as past its total deadline; `false` when it already finished.
    func markTimedOut(_ id: Int) -> Bool {
        pending.withLock { pending in
            guard pending[id] != nil else { return false }
            pending[id]?.result.timedOutTotal = true
            return true
        }
    }

    func urlSession(
        _ session: URLSession,
        dataTask: URLSessionDataTask,
        didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        pending.withLock { pending in
            pending[dataTask.taskIdentifier]?.result.response = response as? HTTPURLResponse
            if pending[dataTask.taskIdentifier]?.result.firstByteAt == nil {
                pending[dataTask.taskIdentifier]?.result.firstByteAt = MonotonicClock.now()
            }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let exceeded: Bool = pending.withLock { pending in
            guard var entry = pending[dataTask.taskIdentifier] else { return false }
            if entry.result.body.count + data.count > entry.result.limit {
                entry.result.exceededLimit = true
                pending[dataTask.taskIdentifier] = entry
                return true
            }
            entry.result.body.append(contentsOf: data)
            pending[dataTask.taskIdentifier] = entry
            return false
        }
        if exceeded {
            dataTask.cancel()
        }
    }

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let entry = pending.withLock { $0.removeValue(forKey: task.taskIdentifier) }
        guard var entry else { return }
        if entry.result.response == nil, let response = task.response as? HTTPURLResponse {
            entry.result.response = response
        }
        entry.result.error = error
        entry.continuation.resume(returning: entry.result)
    }
}

extension Duration {
    /// Seconds as a `TimeInterval`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
