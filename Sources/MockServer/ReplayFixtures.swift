public import Diagnostics
import Foundation
import HTTP
import JSON
import Synchronization

/// Recorded exchanges (`meshcheck run --record DIR`) the mock serves instead of generating responses
/// (`meshcheck mock --replay DIR`).
///
/// A request is matched on its ``ReplayKey``: method, path and query, the JSON body with keys sorted and secrets
/// masked, and which credentials it carries; meshcheck run ids (`r` and ten hex digits) match any run id, so a new
/// run replays an old one. Several fixtures with one key are served in recorded order, the last one repeating. A
/// request no fixture matches gets the mock's generated response. Fixtures were redacted when recorded, so a
/// replayed token reads `<redacted>`; the mock does not check tokens it replays.
public final class ReplayFixtures: Sendable {
    /// The format name a fixture file declares.
    public static let formatName = "meshcheck-fixture"

    /// One recorded response.
    struct Fixture: Sendable {
        var file: String
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]
    }

    private let fixtures: [ReplayKey: [Fixture]]
    private let cursors = Mutex<[ReplayKey: Int]>([:])
    private let hits = Atomic<Int>(0)

    /// How many fixtures were loaded.
    public let count: Int

    /// How many requests were answered from fixtures so far.
    public var replayedCount: Int { hits.load(ordering: .relaxed) }

    private init(fixtures: [ReplayKey: [Fixture]], count: Int) {
        self.fixtures = fixtures
        self.count = count
    }

    /// Loads every `*.json` fixture of a folder, in name order.
    ///
    /// - Parameter folder: The folder `--record` wrote.
    /// - Returns: The fixtures.
    /// - Throws: ``ReplayError`` with a diagnostic naming the file (and the line and column for malformed JSON) that cannot be read.
    public static func load(folder: String) throws(ReplayError) -> ReplayFixtures {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else {
            throw ReplayError(Diagnostic(.error, "cannot read replay folder '\(folder)'"))
        }
        var fixtures: [ReplayKey: [Fixture]] = [:]
        var count = 0
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let path = base + "/" + name
            guard let data = manager.contents(atPath: path) else {
                throw ReplayError(Diagnostic(.error, "cannot read fixture '\(path)'"))
            }
            let (key, fixture) = try decode([UInt8](data), path: path)
            fixtures[key, default: []].append(fixture)
            count += 1
        }
        return ReplayFixtures(fixtures: fixtures, count: count)
    }

    /// The recorded response for a request, if one matches.
    ///
    /// - Parameter request: The request as received.
    /// - Returns: The response, or `nil` to fall back to the generated one.
    func response(for request: HTTPRequest) -> HTTPResponse? {
        let key = ReplayKey(request: request)
        guard let list = fixtures[key], !list.isEmpty else { return nil }
        let index = cursors.withLock { cursors in
            let index = cursors[key, default: 0]
            cursors[key] = index + 1
            return min(index, list.count - 1)
        }
        hits.add(1, ordering: .relaxed)
        let fixture = list[index]
        return HTTPResponse(status: fixture.status, headers: HTTPHeaders(fixture.headers), body: fixture.body)
    }

    // MARK: - Decoding

    private static let droppedHeaders: Set<String> = [
        "content-length", "transfer-encoding", "connection", "keep-alive", "date",
    ]

    private static func decode(_ bytes: [UInt8], path: String) throws(ReplayError) -> (ReplayKey, Fixture) {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes, path: path)
        } catch {
            throw ReplayError(error.diagnostic)
        }
        func fail(_ message: String) -> ReplayError {
            ReplayError(Diagnostic(.error, message, at: FileLocation(path: path, line: 1, column: 1)))
        }
        guard root["format"]?.stringValue == formatName else {
            throw fail("not a meshcheck fixture: 'format' must be '\(formatName)'")
        }
        guard let request = root["request"]?.objectValue, let method = request["method"]?.stringValue,
            let target = request["target"]?.stringValue
        else {
            throw fail("a fixture needs 'request' with 'method' and 'target'")
        }
        guard let response = root["response"]?.objectValue, let status = response["status"]?.intValue,
            (100...599).contains(status)
        else {
            throw fail("a fixture needs 'response' with a 'status' from 100 to 599")
        }
        let key = ReplayKey(
            method: method,
            target: target,
            credentials: (request["credentials"]?.arrayValue ?? []).compactMap(\.stringValue),
            body: body(of: request)
        )
        var headers: [(name: String, value: String)] = []
        for field in response["headers"]?.arrayValue ?? [] {
            guard let pair = field.arrayValue, pair.count == 2, let name = pair[0].stringValue,
                let value = pair[1].stringValue
            else { throw fail("each response header must be a [name, value] pair") }
            if !droppedHeaders.contains(name.lowercased()) { headers.append((name, value)) }
        }
        let fixture = Fixture(file: path, status: status, headers: headers, body: body(of: response))
        return (key, fixture)
    }

    /// A message's body: `body` (JSON, written compactly in its order) or `bodyText`.
    private static func body(of message: JSONObject) -> [UInt8] {
        if let value = message["body"] { return JSONWriter().bytes(of: value) }
        return Array((message["bodyText"]?.stringValue ?? "").utf8)
    }
}

/// Why a replay folder cannot be served.
public struct ReplayError: Error, Sendable, CustomStringConvertible {
    /// The problem, with the file (and line and column) when there is one.
    public var diagnostic: Diagnostic

    /// Creates an error.
    ///
    /// - Parameter diagnostic: The problem.
    public init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }

    /// The compiler-style line.
    public var description: String { diagnostic.description }
}
