import Glibc

/// Nanoseconds on the monotonic clock, the time base of every deadline in the module.
///
/// A plain `UInt64` keeps per-request bookkeeping cheap; ``Duration`` appears only in public configuration.
package enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point (boot); never goes backwards.
    package static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// The deadline `duration` after `start`, saturating instead of overflowing.
    package static func deadline(after duration: Duration, from start: UInt64 = now()) -> UInt64 {
        let nanoseconds = duration.nanosecondsClamped
        let (sum, overflow) = start.addingReportingOverflow(nanoseconds)
        return overflow ? UInt64.max : sum
    }

    /// Milliseconds from now until `deadline`, rounded up, for `poll`; 0 when it has passed.
    package static func pollTimeout(until deadline: UInt64, now: UInt64 = now(), cap: Int32 = 60_000) -> Int32 {
        guard deadline > now else { return 0 }
        let milliseconds = (deadline - now + 999_999) / 1_000_000
        return milliseconds >= UInt64(cap) ? cap : Int32(milliseconds)
    }
}

extension Duration {
    /// This duration in nanoseconds: negative durations are 0, huge ones saturate at `UInt64.max`.
    package var nanosecondsClamped: UInt64 {
        let (seconds, attoseconds) = components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        if seconds >= Int64(UInt64.max / 1_000_000_000) - 1 { return UInt64.max }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }

    /// A duration of `nanoseconds`.
    package static func nanoseconds(_ nanoseconds: UInt64) -> Duration {
        .nanoseconds(Int64(clamping: nanoseconds))
    }
}
