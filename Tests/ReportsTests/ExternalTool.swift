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

    /// Runs a tool and returns its exit status, standard output and standard error, without blocking a thread
    /// of the cooperative pool (see ``runProcess``); after `timeout` the child is killed with SIGKILL.
    static func run(
        _ tool: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        timeout: Duration = .seconds(120)
    ) async throws -> (status: Int32, output: String, error: String) {
        let outcome = try await runProcess(
            URL(fileURLWithPath: tool),
            arguments,
            environment: environment,
            timeout: timeout
        )
        if outcome.timedOut { Issue.record("\(tool) did not finish within \(timeout); killed") }
        return (outcome.exitCode, outcome.stdout, outcome.stderr)
    }

    /// `xmllint --noout --schema XSD FILE`: its status and messages.
    static func validate(_ file: String, against schema: URL) async throws -> (status: Int32, messages: String) {
        guard let xmllint else { return (0, "") }
        let outcome = try await run(xmllint, ["--noout", "--schema", schema.path, file])
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
    static func dumpDOM(of path: String, fragment: String? = nil) async throws -> (dom: String, log: String) {
        guard let chromium = ExternalTool.chromium else { return ("", "") }
        let profile = try TemporaryDirectory()
        let outcome = try await ExternalTool.run(
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
