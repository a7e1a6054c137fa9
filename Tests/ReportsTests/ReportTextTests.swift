import Foundation
import Reports
import Testing

/// The report's times, written without a date formatter, agree with Foundation's ISO 8601 formatter to the second.
struct ReportTextTests {
    @Test(arguments: [0.0, 951_782_400.5, 1_709_251_199.999, 4_102_444_800.0, -86_400.25, 1_798_070_053.327])
    func timestampsMatchISO8601DateFormatter(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        let reference = formatter.string(from: date)  // 2026-12-01T02:54:13Z
        #expect(ReportText.junitTimestamp(date) == String(reference.dropLast()))
        let (day, time) = (reference.prefix(10), reference.dropFirst(11).prefix(8))
        #expect(ReportText.humanTimestamp(date) == "\(day) \(time) UTC")
    }
}
