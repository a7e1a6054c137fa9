import Glibc

/// A connection's receive buffer: bytes are read into its tail and consumed from its head, without copies.
///
/// Owned by one event-loop thread; memory is allocated on first use and kept between requests.
final class InputBuffer {
    private var base: UnsafeMutablePointer<UInt8>?
    private var capacity = 0
    private var start = 0
    private var end = 0

    deinit {
        base?.deallocate()
    }

    /// The number of unconsumed bytes.
    var count: Int { end - start }

    /// Whether every byte has been consumed.
    var isEmpty: Bool { end == start }

    /// The unconsumed bytes; valid until the next mutation.
    var readable: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base.map { $0 + start }, count: end - start)
    }

    /// Drops `count` bytes from the front.
    func consume(_ count: Int) {
        start += count
        if start >= end {
            start = 0
            end = 0
        }
    }

    /// Space for at least `minimum` more bytes (compacting, then growing up to `maxCapacity`), or `nil` when full.
    func writable(minimum: Int, maxCapacity: Int) -> UnsafeMutableRawBufferPointer? {
        if capacity - end < minimum && start > 0 {
            if let base {
                memmove(base, base + start, end - start)
            }
            end -= start
            start = 0
        }
        if capacity - end < minimum && capacity < maxCapacity {
            let newCapacity = min(maxCapacity, max(capacity * 2, end + minimum, 4096))
            let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            if let base {
                newBase.update(from: base + start, count: end - start)
                base.deallocate()
            }
            end -= start
            start = 0
            base = newBase
            capacity = newCapacity
        }
        guard let base, capacity > end else { return nil }
        return UnsafeMutableRawBufferPointer(start: base + end, count: capacity - end)
    }

    /// Records that `count` bytes were written into the region ``writable(minimum:maxCapacity:)`` returned.
    func didWrite(_ count: Int) {
        end += count
    }

    /// The unconsumed bytes as an array (for handing a connection over).
    func takeAll() -> [UInt8] {
        defer { consume(count) }
        return Array(readable)
    }

    /// Frees a large buffer once it is empty, so one big request does not pin memory for the connection's life.
    func shrinkIfLarge(threshold: Int = 64 * 1024) {
        if isEmpty && capacity > threshold {
            base?.deallocate()
            base = nil
            capacity = 0
        }
    }
}
