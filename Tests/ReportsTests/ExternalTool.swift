import Foundation
import TestSupport
import Testing

/// Tools the report tests run: `xmllint`, `chromium`, `python3`. Each is optional; a test that needs a missing one
/// prints why it is skipped.
enum ExternalTool {
    static func find(_ names: [String]) -> String? {
        for name in names {
            for folder in ["/usr/bin", "/bin", "/usr/local/bin"] {
                let path = folder + "/" + name
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    static let xmllint = find(["xmllint"])
    static let chromium = find(["chromium", "chromium-browser", "google-chrome"])
    static let python = find(["python3"])

    /// Runs a tool and returns its exit status, standard output and standard error.
    ///
    /// Output goes to files, not pipes, so a chatty child cannot block; the wait is bounded by `timeout`, after
    /// which the child is killed with SIGKILL.
    static func run(
        _ tool: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        timeout: Duration = .seconds(120)
    ) throws -> (status: Int32, output: String, error: String) {
        let folder = try TemporaryDirectory()
        let outputPath = try folder.write("stdout", "")
        let errorPath = try folder.write("stderr", "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let error = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try ProcessLaunchGate.launching { try process.run() }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning && clock.now < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("\(tool) did not finish within \(timeout); killed")
        }
        process.waitUntilExit()
        try output.close()
        try error.close()
        return (process.terminationStatus, try folder.contents(of: "stdout"), try folder.contents(of: "stderr"))
    }

    /// `xmllint --noout --schema XSD FILE`: its status and messages.
    static func validate(_ file: String, against schema: URL) throws -> (status: Int32, messages: String) {
        guard let xmllint else { return (0, "") }
        let outcome = try run(xmllint, ["--noout", "--schema", schema.path, file])
        return (outcome.status, outcome.output + outcome.error)
    }
}

extension String {
    /// How many times `needle` occurs (not overlapping).
    func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = Substring(self)
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}

extension Substring {
    /// How many times `needle` occurs (not overlapping).
    func occurrences(of needle: String) -> Int {
        String(self).occurrences(of: needle)
    }
}

/// Headless Chromium, for what a browser makes of a report.
enum Chromium {
    static let needed = ConditionTrait.enabled(
        if: ExternalTool.chromium != nil,
        "chromium is not installed (apt-get install chromium; .ci/run installs it)"
    )

    /// The DOM after the page loaded and its script ran, and everything Chromium logged (console messages,
    /// Content-Security-Policy violations).
    ///
    /// A fresh profile per call, no network beyond what the page asks for, no GPU, no sandbox (tests run as root).
    static func dumpDOM(of path: String, fragment: String? = nil) throws -> (dom: String, log: String) {
        guard let chromium = ExternalTool.chromium else { return ("", "") }
        let profile = try TemporaryDirectory()
        let outcome = try ExternalTool.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000",
                "--dump-dom", URL(fileURLWithPath: path).absoluteString + (fragment.map { "#" + $0 } ?? ""),
            ],
            timeout: .seconds(90)
        )
        #expect(outcome.status == 0, "chromium: \(outcome.error.suffix(2000))")
        return (outcome.output, outcome.error)
    }
}
