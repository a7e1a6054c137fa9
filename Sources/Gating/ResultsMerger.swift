import Foundation
public import Runner

/// Combines the results of the shards of one split into the result one unsharded run would have given.
///
/// 1. Check: every input is a shard (`gate.shard`), all of one split (same shard count and plan digest), of the
///    same spec title and version and the same gate policy; each shard from 1 to n is there exactly once; no suite
///    instance appears in two shards.
/// 2. Combine: suite instances in the plan's order (restored from the recorded plan), the start of the earliest
///    shard, the wall-clock span to the end of the latest, baseline marks of every shard, the first stop reason.
///
/// A merged result has no `shard`; `gate.mergedRuns` lists the shards' run ids in shard order.
public enum ResultsMerger {
    /// Merges shard results.
    ///
    /// - Parameter shards: The results, with the paths they were read from, in any order.
    /// - Returns: The merged run.
    /// - Throws: ``MergeError`` naming the files that do not fit.
    public static func merge(_ shards: [(path: String, result: RunResult)]) throws(MergeError) -> RunResult {
        guard let first = shards.first else { throw MergeError.noInputs }
        var records: [(path: String, result: RunResult, shard: ShardRecord)] = []
        for (path, result) in shards {
            guard let shard = result.gate?.shard else { throw MergeError.notAShard(path: path) }
            records.append((path, result, shard))
        }
        let reference = records[0]
        for record in records.dropFirst() {
            let (result, base) = (record.result, reference.result)
            if result.specTitle != base.specTitle || result.specVersion != base.specVersion {
                throw MergeError.differentSpecs(
                    path: record.path,
                    found: "\(result.specTitle) \(result.specVersion)",
                    referencePath: reference.path,
                    expected: "\(base.specTitle) \(base.specVersion)"
                )
            }
            if record.shard.count != reference.shard.count || record.shard.planDigest != reference.shard.planDigest {
                throw MergeError.differentSplits(path: record.path, referencePath: reference.path)
            }
            if result.gate?.policy != base.gate?.policy {
                throw MergeError.differentPolicies(path: record.path, referencePath: reference.path)
            }
        }
        let count = reference.shard.count
        var byIndex: [Int: String] = [:]
        for record in records {
            if let other = byIndex[record.shard.index] {
                throw MergeError.duplicateShard(index: record.shard.index, count: count, paths: [other, record.path])
            }
            byIndex[record.shard.index] = record.path
        }
        let missing = (1...count).filter { byIndex[$0] == nil }
        if !missing.isEmpty { throw MergeError.missingShards(missing, count: count, found: records.count) }
        records.sort { $0.shard.index < $1.shard.index }

        var owner: [String: String] = [:]
        for record in records {
            for id in Set(record.result.suites.map(\.id)) {
                if let other = owner[id] {
                    throw MergeError.overlappingSuites(id: id, paths: [other, record.path])
                }
                owner[id] = record.path
            }
        }
        let position = Dictionary(
            reference.shard.plannedSuites.enumerated().map { ($0.element, $0.offset) },
            uniquingKeysWith: { first, _ in first }
        )
        var suites: [(order: Int, shard: Int, offset: Int, suite: SuiteResult)] = []
        for (shard, record) in records.enumerated() {
            for (offset, suite) in record.result.suites.enumerated() {
                suites.append((position[suite.id] ?? Int.max, shard, offset, suite))
            }
        }
        suites.sort { ($0.order, $0.shard, $0.offset) < ($1.order, $1.shard, $1.offset) }

        var merged = records[0].result
        merged.suites = suites.map(\.suite)
        let starts = records.map(\.result.startedAt)
        let start = starts.min() ?? first.result.startedAt
        let end =
            records.map { $0.result.startedAt.addingTimeInterval(Milliseconds.of($0.result.duration) / 1000) }
            .max() ?? start
        merged.startedAt = start
        merged.duration = .milliseconds(Int64(((end.timeIntervalSince(start)) * 1000).rounded()))
        merged.runID = records.map(\.result.runID).joined(separator: "+")
        merged.jobs = records.reduce(0) { $0 + $1.result.jobs }
        let urls = records.map(\.result.serverURL).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        merged.serverURL = urls.joined(separator: " ")
        // The first shard's machine when every shard ran on it; shards from several machines name none.
        if records.contains(where: { $0.result.hostname != merged.hostname }) { merged.hostname = nil }
        merged.stopReason =
            records.first { $0.result.stopReason == .interrupted }?.result.stopReason
            ?? records.compactMap(\.result.stopReason).first
        var gate = RunGate(policy: reference.result.gate?.policy ?? GatePolicy())
        gate.mergedRuns = records.map(\.result.runID)
        gate.baselinePath = records.compactMap { $0.result.gate?.baselinePath }.first
        gate.marks = records.flatMap { $0.result.gate?.marks ?? [] }
        merged.gate = gate
        return merged
    }
}

/// Why shard results cannot be merged.
public enum MergeError: Error, Sendable, Equatable {
    /// No files were given.
    case noInputs
    /// A results file was not written by `meshcheck run --shard`.
    case notAShard(path: String)
    /// Two files ran different specs.
    case differentSpecs(path: String, found: String, referencePath: String, expected: String)
    /// Two files come from different splits (shard count, suites or previous durations differ).
    case differentSplits(path: String, referencePath: String)
    /// Two files used different gate policies.
    case differentPolicies(path: String, referencePath: String)
    /// The same shard was given twice.
    case duplicateShard(index: Int, count: Int, paths: [String])
    /// Shards are missing.
    case missingShards([Int], count: Int, found: Int)
    /// A suite ran in two shards.
    case overlappingSuites(id: String, paths: [String])
}

// MARK: - CustomStringConvertible

extension MergeError: CustomStringConvertible {
    /// One line saying what is wrong and what to do.
    public var description: String {
        switch self {
        case .noInputs:
            "no results files to merge"
        case .notAShard(let path):
            "\(path) is not a shard's results (run with --shard i/n); nothing to merge it with"
        case .differentSpecs(let path, let found, let referencePath, let expected):
            "\(path) ran spec \(found) but \(referencePath) ran \(expected); shards of different spec versions "
                + "cannot be merged"
        case .differentSplits(let path, let referencePath):
            "\(path) and \(referencePath) come from different splits (another shard count, other suites, or other "
                + "--previous durations); every shard job must run the same suites with the same options"
        case .differentPolicies(let path, let referencePath):
            "\(path) and \(referencePath) used different gate policies (--fail-on, --allow-failures)"
        case .duplicateShard(let index, let count, let paths):
            "shard \(index)/\(count) was given twice: \(paths.joined(separator: ", "))"
        case .missingShards(let missing, let count, let found):
            "incomplete shard set: \(found) of \(count) shards given; missing "
                + missing.map { "\($0)/\(count)" }.joined(separator: ", ")
        case .overlappingSuites(let id, let paths):
            "suite \(id) ran in two shards (\(paths.joined(separator: ", "))); the shards do not come from one split"
        }
    }
}
