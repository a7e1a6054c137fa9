public import Foundation
public import Testing

/// Compares text with a golden file in `Tests/<Target>/__Goldens__/<TestFile>/`; `RECORD_GOLDENS=1` rewrites it
/// instead.
///
/// The folder is found from the caller's `#filePath`, never from the working directory. A failure names the first
/// line that differs (with both versions of it) and points at the caller; a missing golden is a failure that says
/// how to record it. Goldens hold deterministic text only: a fixed clock, sorted keys, no absolute paths.
///
/// - Parameters:
///   - text: The text produced by the test.
///   - name: The golden's file name, such as `one-failure.xml`.
///   - filePath: The calling test file, which names the golden's folder.
///   - sourceLocation: Where a failure is reported.
/// - Throws: When recording and the golden cannot be written.
public func expectMatchesGolden(
    _ text: String,
    named name: String,
    filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let golden = goldenURL(named: name, filePath: filePath)
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
        try FileManager.default.createDirectory(
            at: golden.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data(text.utf8).write(to: golden)
        return
    }
    guard let data = FileManager.default.contents(atPath: golden.path) else {
        Issue.record(
            Comment(rawValue: "no golden \(golden.path); run with RECORD_GOLDENS=1 to write it"),
            sourceLocation: sourceLocation
        )
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard text != expected else { return }
    Issue.record(
        Comment(rawValue: goldenDifference(text, expected, name: name, path: golden.path)),
        sourceLocation: sourceLocation
    )
}

/// Where the golden `name` of the test file at `filePath` lives.
///
/// - Parameters:
///   - name: The golden's file name.
///   - filePath: The test file.
/// - Returns: `<folder of the test file>/__Goldens__/<test file name without .swift>/<name>`.
public func goldenURL(named name: String, filePath: String = #filePath) -> URL {
    let testFile = URL(fileURLWithPath: filePath)
    return testFile.deletingLastPathComponent()
        .appendingPathComponent("__Goldens__")
        .appendingPathComponent(testFile.deletingPathExtension().lastPathComponent)
        .appendingPathComponent(name)
}

/// `NAME differs at line N:` with the actual and expected line, for a failure message.
func goldenDifference(_ actual: String, _ expected: String, name: String, path: String) -> String {
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(actualLines.count, expectedLines.count) {
        let actualLine = index < actualLines.count ? String(actualLines[index]) : "<end of text>"
        let expectedLine = index < expectedLines.count ? String(expectedLines[index]) : "<end of golden>"
        guard actualLine != expectedLine else { continue }
        return "\(name) differs at line \(index + 1):\n  actual:   \(actualLine)\n  expected: \(expectedLine)\n"
            + "(RECORD_GOLDENS=1 rewrites \(path))"
    }
    return "\(name) differs in its line endings (RECORD_GOLDENS=1 rewrites \(path))"
}
