import Glibc

/// The `Date` header value in IMF-fixdate form (RFC 9110 §5.6.7), such as `Sun, 06 Nov 1994 08:49:37 GMT`.
package enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The current second on the wall clock.
    package static func currentSecond() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &time)
        return time.tv_sec
    }

    /// The 29 bytes of the IMF-fixdate for `second` (seconds since 1970).
    package static func imfFixdate(second: Int) -> [UInt8] {
        var time = time_t(second)
        var parts = tm()
        gmtime_r(&time, &parts)
        var text = days[Int(parts.tm_wday) % 7] + ", " + twoDigits(parts.tm_mday) + " "
        text += months[Int(parts.tm_mon) % 12] + " " + String(parts.tm_year + 1900) + " "
        text += twoDigits(parts.tm_hour) + ":" + twoDigits(parts.tm_min) + ":" + twoDigits(parts.tm_sec) + " GMT"
        return Array(text.utf8)
    }

    private static func twoDigits(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
