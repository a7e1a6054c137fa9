import Diagnostics
import Foundation
public import JSON
public import OpenAPI
public import Runner
import Suites

/// Writes every exchange of a run as a fixture file the mock can replay (`meshcheck mock --replay DIR`).
///
/// One file per step that got a response, `NNNN-operationId.json` in plan order, pretty-printed so a person can
/// edit it. What is written is what the run kept: headers and bodies with secrets masked (`<redacted>`), so a
/// fixture never holds a credential or a token. Steps whose body was cut by the excerpt limit are left out, as a
/// cut body cannot be replayed.
public struct FixtureRecorder: Sendable {
    /// The body excerpt limit a recording run should use, so that bodies are kept whole.
    public static let bodyLimit = 4 * 1024 * 1024

    /// The format name each fixture declares.
    public static let formatName = "meshcheck-fixture"

    /// What a recording wrote.
    public struct Summary: Sendable, Equatable {
        /// Fixture files written.
        public var written: Int
        /// Steps with a response left out because a body was cut.
        public var truncated: Int
    }

    private let document: OpenAPIDocument
    private let repair: MaskedValueRepair

    /// Creates a recorder.
    ///
    /// - Parameter document: The spec, for the type of masked members (see ``fixtures(of:)``).
    public init(document: OpenAPIDocument) {
        self.document = document
        self.repair = MaskedValueRepair(document: document)
    }

    /// The fixtures of a run, by file name, in plan order.
    ///
    /// A response member the redactor masked although the spec declares it a number, a boolean, an array or an
    /// object gets a value sampled from its schema instead of `"<redacted>"`, so the replayed body keeps its type.
    ///
    /// - Parameter result: The run.
    /// - Returns: File names and their JSON, and how many steps were left out.
    public func fixtures(of result: RunResult) -> (files: [(name: String, value: JSONValue)], truncated: Int) {
        var files: [(name: String, value: JSONValue)] = []
        var truncated = 0
        for suite in result.suites {
            for step in suite.steps {
                guard let exchange = step.exchange, let response = exchange.response else { continue }
                if exchange.request.bodyTruncated || response.message.bodyTruncated {
                    truncated += 1
                    continue
                }
                let number = String(files.count + 1)
                let padded = String(repeating: "0", count: max(0, 4 - number.count)) + number
                let label = step.operationID ?? step.operation ?? exchange.method
                let name = padded + "-" + Self.fileSafe(label) + ".json"
                files.append((name, fixture(step: step, suite: suite, exchange: exchange, response: response)))
            }
        }
        return (files, truncated)
    }

    /// Writes a run's fixtures into `folder`, replacing fixture files (`NNNN-*.json`) an earlier recording left.
    ///
    /// - Parameters:
    ///   - result: The run.
    ///   - folder: The folder; created when absent.
    /// - Returns: What was written.
    /// - Throws: The file system's error when the folder or a file cannot be written.
    public func write(_ result: RunResult, to folder: String) throws -> Summary {
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        for name in try manager.contentsOfDirectory(atPath: folder) where Self.isFixtureName(name) {
            try manager.removeItem(atPath: base + "/" + name)
        }
        let (files, truncated) = fixtures(of: result)
        let writer = JSONWriter(isPretty: true)
        for (name, value) in files {
            var bytes = writer.bytes(of: value)
            bytes.append(UInt8(ascii: "\n"))
            try Data(bytes).write(to: URL(fileURLWithPath: base + "/" + name), options: .atomic)
        }
        return Summary(written: files.count, truncated: truncated)
    }

    private func fixture(
        step: CaseResult,
        suite: SuiteResult,
        exchange: ExchangeRecord,
        response: ExchangeRecord.Response
    ) -> JSONValue {
        var request: JSONObject = [
            "method": .string(exchange.method),
            "target": .string(Self.target(of: exchange.url)),
        ]
        let present = ["X-Client-Id", "X-Client-Secret", "Authorization"].filter { name in
            exchange.request.headers.contains { $0.name.lowercased() == name.lowercased() && !$0.value.isEmpty }
        }
        request["credentials"] = .array(present.map { .string($0) })
        Self.addBody(exchange.request, to: &request)
        var answer: JSONObject = [
            "status": .number(JSONNumber(response.status)),
            "headers": .array(response.message.headers.map { .array([.string($0.name), .string($0.value)]) }),
        ]
        Self.addBody(response.message, to: &answer)
        if let body = answer["body"] {
            let contentType = response.message.headers.first { $0.name.lowercased() == "content-type" }?.value
            let schema = ResponseComparer.responseSchema(
                document: document,
                resolver: repair.resolver,
                operation: (step.operationID, step.operation),
                status: response.status,
                contentType: contentType
            )
            answer["body"] = repair.repair(body, schema: schema).0
        }
        var root: JSONObject = [
            "format": .string(Self.formatName),
            "formatVersion": 1,
            "step": .string("\(suite.name) › \(step.name)"),
            "location": .string(step.location.description),
        ]
        if let operation = step.operation { root["operation"] = .string(operation) }
        root["request"] = .object(request)
        root["response"] = .object(answer)
        return .object(root)
    }

    private static func addBody(_ message: ExchangeRecord.Message, to object: inout JSONObject) {
        guard message.bodyBytes > 0 else { return }
        if let value = try? JSONParser.parse(Array(message.body.utf8), path: "<body>") {
            object["body"] = value
        } else {
            object["bodyText"] = .string(message.body)
        }
    }

    /// The path and query of a URL: `http://h:1/a/b?c` gives `/a/b?c`.
    static func target(of url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        let target = String(rest[slash...])
        return target.hasPrefix("?") ? "/" + target : target
    }

    private static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(60))
    }

    private static func isFixtureName(_ name: String) -> Bool {
        guard name.hasSuffix(".json"), let dash = name.firstIndex(of: "-") else { return false }
        let digits = name[..<dash]
        return digits.count >= 4 && digits.allSatisfy(\.isNumber)
    }
}
