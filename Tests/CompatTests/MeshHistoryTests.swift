import Compat
import Diagnostics
import Dispatch
import Foundation
import OpenAPI
import Synchronization
import TestSupport
import Testing

/// Mesh's real spec history: 22 consecutive swagger.json versions (2023-11 to 2026-06) and the current YAML.
///
/// Every consecutive pair and oldest → newest are compared, with a one-line summary each (pinned in a golden, so a
/// change in any classification shows up); five pairs have a changelog classified by hand from the raw JSON diff.
struct MeshHistoryTests {
    static let history = Corpus(url: SharedFixtures.shared("spec/history"))
    static let needsHistory = ConditionTrait.enabled(if: history.isPresent, "../shared/spec/history is absent")
    static let sources = SharedFixtures.shared("spec/sources/frontfin-swagger_enum-and-path-history.yaml")
    static let needsSources = ConditionTrait.enabled(
        if: FileManager.default.fileExists(atPath: sources.path),
        "../shared/spec/sources is absent"
    )

    /// The pairs classified by hand: every line of their golden was checked against the JSON diff.
    static let handClassified = [
        HistoryPair(old: "2024-10-28-b0362f6", new: "2024-11-15-7b3f54d"),
        HistoryPair(old: "2024-11-15-dc92ee0", new: "2024-11-29-3472a99"),
        HistoryPair(old: "2025-03-10-4f1e9c7", new: "2025-04-24-5b77f20"),
        HistoryPair(old: "2025-07-30-d9d4e0f", new: "2025-08-19-60dcbba"),
        HistoryPair(old: "2025-09-24-f72ca0c", new: "2026-06-03-9dc7df8"),
    ]

    /// Every version, loaded once (in parallel) and shown as `history/NAME.json`.
    static let versions: [String: OpenAPIDocument] = {
        let files = history.files(withPrefix: "20")
        let loaded = Mutex<[String: OpenAPIDocument]>([:])
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            guard let bytes = try? file.bytes(),
                let source = try? SpecSource.parse(bytes, path: "history/\(file.name)"),
                let document = try? OpenAPILoader.load(source)
            else { return }
            loaded.withLock { $0[file.name] = document }
        }
        return loaded.withLock { $0 }
    }()

    static func version(_ name: String) throws -> OpenAPIDocument {
        try #require(versions["\(name).json"], "history/\(name).json did not load")
    }

    @Test(needsHistory)
    func historyHasTwentyTwoVersionsThatAllLoadCleanly() async throws {
        #expect(Self.history.files(withPrefix: "20").count == 22)
        let versions = try await offThePool { Self.versions }
        #expect(versions.count == 22)
        for (name, document) in versions {
            #expect(document.diagnostics.filter { $0.severity == .error }.isEmpty, "\(name)")
        }
    }

    @Test(needsHistory)
    func everyConsecutivePairAndOldestToNewest() async throws {
        let versions = try await offThePool { Self.versions }
        let names = versions.keys.sorted()
        var pairs = zip(names, names.dropFirst()).map { ($0, $1) }
        pairs.append((names[0], names[names.count - 1]))
        var summary = ""
        for (oldName, newName) in pairs {
            let old = try #require(versions[oldName])
            let new = try #require(versions[newName])
            let (report, itself) = try await offThePool {
                (CompatChecker.compare(old: old, new: new), CompatChecker.compare(old: new, new: new))
            }
            let line = "\(oldName) → \(newName): \(report.countsDescription)"
            print("compat history: \(line)")
            summary += line + "\n"
            for change in report.changes {
                #expect(change.old?.location != nil && change.new?.location != nil, "\(change.message)")
                #expect(!change.operations.isEmpty)
            }
            #expect(itself.changes.isEmpty, "\(newName) against itself")
        }
        let newest = try #require(versions[names[names.count - 1]])
        let (current, toCurrent) = try await offThePool {
            let current = try OpenAPILoader.load(try SpecSource.load(path: OpenAPIDocument.defaultSpecPath))
            return (current, CompatChecker.compare(old: newest, new: current))
        }
        print("compat history: \(names[names.count - 1]) → \(current.path): \(toCurrent.countsDescription)")
        summary += "\(names[names.count - 1]) → \(current.path): \(toCurrent.countsDescription)\n"
        try expectMatchesGolden(summary, named: "summary.txt")
    }

    @Test(needsHistory, arguments: handClassified)
    func handClassifiedChangelog(_ pair: HistoryPair) async throws {
        let text = try await offThePool {
            CompatChecker.compare(old: try Self.version(pair.old), new: try Self.version(pair.new)).text()
        }
        try expectMatchesGolden(text, named: "\(pair.old)--\(pair.new).txt")
    }
}

/// Two versions in `../shared/spec/history`, by file name without `.json`.
struct HistoryPair: Sendable, CustomTestStringConvertible {
    var old: String
    var new: String

    var testDescription: String { "\(old) → \(new)" }
}
