public import Runner

/// Splits a plan's suites into `count` disjoint shards, the same way on every CI job.
///
/// 1. Without durations: each suite goes to shard `hash(id) mod count + 1`, with a stable 64-bit hash of its id
///    (``hash(_:)``), so adding a suite never moves the others.
/// 2. With durations recorded in a previous run: longest suite first onto the least loaded shard (ties: the lower
///    shard), suites the previous run did not have counted at the mean of those it had.
///
/// Every job must be given the same suites and the same previous results; the plan's digest (ids, strategy and the
/// assignment) is recorded in each shard's results so `meshcheck merge` can refuse shards of different splits.
public struct ShardPlanner: Sendable {
    /// How many shards.
    public var count: Int
    /// Suite id → milliseconds, from a previous run; empty for hashing.
    public var durations: [String: Double]

    /// Creates a planner.
    ///
    /// - Parameters:
    ///   - count: How many shards (at least 1).
    ///   - previous: A previous run whose suite durations balance the shards, or `nil` to hash.
    public init(count: Int, previous: RunResult? = nil) {
        self.count = max(1, count)
        var durations: [String: Double] = [:]
        for suite in previous?.suites ?? [] {
            durations[suite.id, default: 0] += Milliseconds.of(suite.duration)
        }
        self.durations = durations
    }

    /// The strategy used for these suites: durations when the previous run had any of them.
    ///
    /// - Parameter suiteIDs: The plan's suite ids.
    /// - Returns: The strategy.
    public func strategy(for suiteIDs: [String]) -> ShardRecord.Strategy {
        suiteIDs.contains { durations[$0] != nil } ? .durations : .hash
    }

    /// The shard (from 1) of each suite, in the order given.
    ///
    /// - Parameter suiteIDs: The plan's suite ids, in plan order.
    /// - Returns: One shard number per id.
    public func assignments(for suiteIDs: [String]) -> [Int] {
        switch strategy(for: suiteIDs) {
        case .hash:
            return suiteIDs.map { Int(Self.hash($0) % UInt64(count)) + 1 }
        case .durations:
            let known = suiteIDs.compactMap { durations[$0] }
            let mean = known.isEmpty ? 1 : known.reduce(0, +) / Double(known.count)
            let order = suiteIDs.indices.sorted { lhs, rhs in
                let left = durations[suiteIDs[lhs]] ?? mean
                let right = durations[suiteIDs[rhs]] ?? mean
                if left != right { return left > right }
                return (Self.hash(suiteIDs[lhs]), suiteIDs[lhs], lhs) < (Self.hash(suiteIDs[rhs]), suiteIDs[rhs], rhs)
            }
            var loads = [Double](repeating: 0, count: count)
            var shards = [Int](repeating: 1, count: suiteIDs.count)
            for index in order {
                var lightest = 0
                for shard in 1..<count where loads[shard] < loads[lightest] {
                    lightest = shard
                }
                loads[lightest] += durations[suiteIDs[index]] ?? mean
                shards[index] = lightest + 1
            }
            return shards
        }
    }

    /// The record of shard `index` of this split, for the shard's results.
    ///
    /// - Parameters:
    ///   - index: The shard, from 1.
    ///   - suiteIDs: The plan's suite ids, in plan order.
    /// - Returns: The record.
    public func record(index: Int, suiteIDs: [String]) -> ShardRecord {
        let strategy = strategy(for: suiteIDs)
        let assignments = assignments(for: suiteIDs)
        var digestText = "\(count)\u{0}\(strategy.rawValue)"
        for (id, shard) in zip(suiteIDs, assignments) {
            digestText += "\u{0}\(id)\u{1}\(shard)"
        }
        return ShardRecord(
            index: index,
            count: count,
            strategy: strategy,
            planDigest: Self.hex(Self.hash(digestText)),
            plannedSuites: suiteIDs
        )
    }

    /// The 64-bit FNV-1a hash of a string's UTF-8 bytes, mixed by MurmurHash3's `fmix64`: stable across runs,
    /// machines and Swift versions (unlike `hashValue`).
    ///
    /// FNV-1a alone is a poor source for `mod n`: its low bits depend only on the low bits of every byte, so paths
    /// that differ in a few letters pile onto a few shards. The finalizer spreads every input bit over every bit.
    ///
    /// - Parameter text: The text.
    /// - Returns: The hash.
    public static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash
    }

    /// 16 lower-case hex digits.
    static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}

/// `--shard i/n`.
public struct ShardSelection: Sendable, Equatable {
    /// The shard, from 1.
    public var index: Int
    /// How many shards.
    public var count: Int

    /// Parses `i/n` with 1 ≤ i ≤ n ≤ 256; `nil` when the text is not one.
    ///
    /// - Parameter text: The option's value.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, count <= 256,
            index >= 1, index <= count
        else { return nil }
        self.index = index
        self.count = count
    }
}
