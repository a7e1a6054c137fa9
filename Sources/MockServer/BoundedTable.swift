/// A dictionary with a capacity that forgets its least recently used entries, so a flood of new keys cannot
/// exhaust memory.
///
/// Each read or write stamps the entry with a tick; when an insert passes the capacity, the oldest eighth is
/// evicted in one sort, which keeps the amortised cost per insert logarithmic.
struct BoundedTable<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private var entries: [Key: (value: Value, tick: UInt64)] = [:]
    private var clock: UInt64 = 0
    /// The most entries kept.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// How many entries are kept now.
    var count: Int { entries.count }

    /// The value for `key`, marking it as recently used.
    mutating func value(for key: Key) -> Value? {
        guard let entry = entries[key] else { return nil }
        clock += 1
        entries[key] = (entry.value, clock)
        return entry.value
    }

    /// Stores `value` for `key`, evicting the oldest entries when the table is full.
    mutating func set(_ value: Value, for key: Key) {
        clock += 1
        entries[key] = (value, clock)
        if entries.count > capacity {
            let excess = entries.count - capacity + max(1, capacity / 8)
            let oldest = entries.sorted { $0.value.tick < $1.value.tick }.prefix(excess)
            for (key, _) in oldest {
                entries[key] = nil
            }
        }
    }

    /// Removes `key`, returning its value.
    @discardableResult
    mutating func remove(_ key: Key) -> Value? {
        entries.removeValue(forKey: key)?.value
    }
}
