package import Foundation
import Runner

/// Small text conversions every report shares: times, durations, excerpts, class names.
package enum ReportText {
    /// Seconds with exactly three decimals (`0.004`, `12.702`), as JUnit readers and Jenkins' `SUREFIRE_TIME`
    /// pattern want them.
    ///
    /// - Parameter duration: The duration.
    /// - Returns: The text.
    package static func seconds(_ duration: Duration) -> String {
        let milliseconds = max(0, wholeMilliseconds(duration))
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// A duration for people: `0.4 ms`, `12 ms`, `3.27 s`, `2 min 5 s`.
    ///
    /// - Parameter duration: The duration.
    /// - Returns: The text.
    package static func human(_ duration: Duration) -> String {
        human(milliseconds: milliseconds(duration))
    }

    /// A duration in milliseconds for people, as ``human(_:)``.
    ///
    /// - Parameter milliseconds: The duration.
    /// - Returns: The text.
    package static func human(milliseconds: Double) -> String {
        if milliseconds < 10 {
            return "\(decimal(milliseconds, places: 1)) ms"
        }
        if milliseconds < 1000 {
            return "\(Int(milliseconds.rounded())) ms"
        }
        if milliseconds < 60_000 {
            return "\(decimal(milliseconds / 1000, places: 2)) s"
        }
        let seconds = Int((milliseconds / 1000).rounded())
        return "\(seconds / 60) min \(seconds % 60) s"
    }

    /// `value` with at most `places` decimals, trailing zeros dropped (`3.9`, `12`, `0.25`).
    ///
    /// - Parameters:
    ///   - value: The number.
    ///   - places: The most decimals.
    /// - Returns: The text.
    package static func decimal(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((value * scale).rounded())
        let whole = scaled / Int64(scale)
        var fraction = String(scaled % Int64(scale))
        guard places > 0, fraction != "0" else { return String(whole) }
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }

    /// The duration in milliseconds, as a `Double`.
    ///
    /// - Parameter duration: The duration.
    /// - Returns: Milliseconds.
    package static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    private static func wholeMilliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + Int64((Double(attoseconds) / 1e15).rounded())
    }

    /// `2026-12-01T02:54:13`: UTC to the second without a zone, the form Ant's JUnit schema accepts.
    ///
    /// - Parameter date: The time.
    /// - Returns: The text.
    package static func junitTimestamp(_ date: Date) -> String {
        // Runner's Timestamp, not a date formatter: a report shows one time per step, and Foundation's ISO 8601
        // formatter took more than half of an HTML report's rendering.
        String(Timestamp.text(date).prefix(19))
    }

    /// `2026-12-01 02:54:13 UTC`, for people.
    ///
    /// - Parameter date: The time.
    /// - Returns: The text.
    package static func humanTimestamp(_ date: Date) -> String {
        let text = Timestamp.text(date)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(8)) + " UTC"
    }

    /// The first `limit` bytes of `text`, cut at a character boundary and marked when cut:
    /// `…[truncated: 4096 of 1048576 bytes shown]`.
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - limit: The most UTF-8 bytes kept.
    ///   - totalBytes: The size of the whole original, when larger than the text (a body already cut in results).
    /// - Returns: The text, or its start and the marker.
    package static func excerpt(_ text: String, limit: Int, totalBytes: Int? = nil) -> String {
        guard text.utf8.count > limit else { return text }
        var bytes = Array(text.utf8.prefix(limit + 1))
        var end = limit
        while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }  // never cut inside a character
        bytes.removeSubrange(end...)
        let total = max(totalBytes ?? 0, text.utf8.count)
        return String(decoding: bytes, as: UTF8.self) + "\n…[truncated: \(end) of \(total) bytes shown]"
    }

    /// A suite file's path as a dotted JUnit class name: `suites/auth/authenticate-mfa.yaml` →
    /// `suites.auth.authenticate-mfa`, so Jenkins and GitLab build a tree from the folders.
    ///
    /// - Parameter path: The suite file's path.
    /// - Returns: The class name; `suite` for an empty path.
    package static func className(forPath path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        for suffix in [".yaml", ".yml", ".json"] where trimmed.hasSuffix(suffix) {
            trimmed = trimmed.dropLast(suffix.count)
            break
        }
        let name = String(trimmed).map { $0 == "/" || $0 == "\\" || $0 == " " ? "." : $0 }
        return name.isEmpty ? "suite" : String(name)
    }
}
