import Foundation
import Testing

/// Compares text with a golden file in `__Goldens__/<TestFile>/`; `RECORD_GOLDENS=1` rewrites it instead.
///
/// A failure names the first line that differs, and points at the caller.
func expectMatchesGolden(
    _ text: String,
    named name: String,
    filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let testFile = URL(fileURLWithPath: filePath)
    let folder = testFile.deletingLastPathComponent()
        .appendingPathComponent("__Goldens__")
        .appendingPathComponent(testFile.deletingPathExtension().lastPathComponent)
    let golden = folder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: golden)
        return
    }
    guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
        Issue.record("no golden \(golden.path); run with RECORD_GOLDENS=1 to write it", sourceLocation: sourceLocation)
        return
    }
    guard text != expected else { return }
    let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(actualLines.count, expectedLines.count) {
        let actual = index < actualLines.count ? String(actualLines[index]) : "<end of text>"
        let wanted = index < expectedLines.count ? String(expectedLines[index]) : "<end of golden>"
        guard actual != wanted else { continue }
        let message =
            "\(name) differs at line \(index + 1):\n  actual:   \(actual)\n  expected: \(wanted)\n"
            + "(RECORD_GOLDENS=1 rewrites \(golden.path))"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        return
    }
}
