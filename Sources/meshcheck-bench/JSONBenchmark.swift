import Foundation
import JSON

/// `json.parse`: parse and walk every node, ours against Foundation's `JSONSerialization`.
enum JSONBenchmark {
    static func run(shared: URL) -> [String] {
        let github = shared.appendingPathComponent("corpora/openapi/github/api.github.com.json")
        let history = shared.appendingPathComponent("spec/history")
        guard let githubData = try? Data(contentsOf: github) else {
            return ["json.parse  skipped: \(github.path) is absent"]
        }
        var lines = [figure(name: "api.github.com.json", inputs: [githubData]).line]
        let historyFiles = ((try? FileManager.default.contentsOfDirectory(atPath: history.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        let historyData = historyFiles.compactMap { try? Data(contentsOf: history.appendingPathComponent($0)) }
        if historyData.isEmpty {
            lines.append("json.parse  skipped: \(history.path) is absent")
        } else {
            let megabytes = Double(historyData.reduce(0) { $0 + $1.count }) / 1_048_576
            lines.append(
                figure(
                    name: "spec/history (\(historyData.count) files, \(String(format: "%.1f", megabytes)) MB)",
                    inputs: historyData
                ).line
            )
        }
        return lines
    }

    private static func figure(name: String, inputs: [Data]) -> BenchmarkFigure {
        let byteArrays = inputs.map { [UInt8]($0) }
        var checksum = 0
        let ours = BenchmarkClock.median {
            for bytes in byteArrays {
                // Strict parsing with duplicate keys allowed, as JSONSerialization allows them.
                if let value = try? JSONParser.parse(bytes, options: .init(allowsDuplicateKeys: true)) {
                    checksum &+= walk(value)
                }
            }
        }
        let reference = BenchmarkClock.median {
            for data in inputs {
                if let object = try? JSONSerialization.jsonObject(with: data) {
                    checksum &+= walkFoundation(object)
                }
            }
        }
        precondition(checksum != 0)
        return BenchmarkFigure(
            name: "json.parse",
            input: name,
            ours: ours,
            referenceName: "JSONSerialization",
            reference: reference
        )
    }

    /// Visits every node, counting nodes and string bytes so the work cannot be skipped.
    private static func walk(_ value: JSONValue) -> Int {
        switch value {
        case .null, .bool, .number: return 1
        case .string(let string): return 1 + string.utf8.count
        case .array(let elements): return elements.reduce(1) { $0 &+ walk($1) }
        case .object(let object): return object.reduce(1) { $0 &+ $1.key.utf8.count &+ walk($1.value) }
        }
    }

    private static func walkFoundation(_ value: Any) -> Int {
        if let dictionary = value as? [String: Any] {
            return dictionary.reduce(1) { $0 &+ $1.key.utf8.count &+ walkFoundation($1.value) }
        }
        if let array = value as? [Any] {
            return array.reduce(1) { $0 &+ walkFoundation($1) }
        }
        if let string = value as? String {
            return 1 + string.utf8.count
        }
        return 1
    }
}
