import Diagnostics
import Runner
import Synchronization

/// What `meshcheck run` prints while suites run.
///
/// On a terminal, one line on standard error is redrawn with the counts and the step just finished, and failures are
/// printed in full on standard output as they happen. Otherwise (CI logs, pipes) each step gets one plain line on
/// standard output, failures followed by their findings. Everything printed comes from results, which hold no
/// secrets.
final class RunProgress: Sendable {
    private struct State {
        var planned = 0
        var done = 0
        var passed = 0
        var failed = 0
        var errors = 0
        var skipped = 0
        var hasProgressLine = false
    }

    private let console: Console
    private let state = Mutex(State())

    init(console: Console) {
        self.console = console
    }

    func handle(_ event: RunEvent) {
        switch event {
        case .started(let planned):
            state.withLock { $0.planned = planned }
        case .stepFinished(let suite, let step):
            stepFinished(suite: suite, step: step)
        case .suiteFinished:
            break
        }
    }

    /// Clears the progress line before the summary.
    func finish() {
        state.withLock { state in
            if state.hasProgressLine {
                console.writeError("\r\u{1B}[K")
                state.hasProgressLine = false
            }
        }
    }

    private func stepFinished(suite: String, step: CaseResult) {
        state.withLock { state in
            state.done += 1
            switch step.outcome {
            case .passed: state.passed += 1
            case .failed: state.failed += 1
            case .error: state.errors += 1
            case .skipped: state.skipped += 1
            }
            if console.isTerminal {
                if step.outcome == .failed || step.outcome == .error {
                    if state.hasProgressLine { console.writeError("\r\u{1B}[K") }
                    console.write(Self.describe(step, suite: suite, console: console))
                }
                let failed = state.failed + state.errors
                let counts =
                    "[\(state.done)/\(max(state.planned, state.done))] \(state.passed) passed, \(failed) failed, "
                    + "\(state.skipped) skipped"
                let current = Self.sanitized("\(suite) › \(step.name)")
                console.writeError("\r\u{1B}[K" + counts + "  " + String(current.prefix(60)))
                state.hasProgressLine = true
            } else {
                console.write(Self.describe(step, suite: suite, console: console))
            }
        }
    }

    /// One line for the step, then its findings or error, each on its own indented line.
    static func describe(_ step: CaseResult, suite: String, console: Console) -> String {
        let label: String
        switch step.outcome {
        case .passed: label = console.colored("PASS ", .green)
        case .failed: label = console.colored("FAIL ", .red)
        case .error: label = console.colored("ERROR", .red)
        case .skipped: label = console.colored("SKIP ", .yellow)
        }
        var details: [String] = []
        if let operation = step.operation { details.append(operation) }
        if step.outcome != .skipped { details.append(Self.milliseconds(step.duration)) }
        var text = "\(label) \(sanitized(suite)) › \(sanitized(step.name))"
        if !details.isEmpty { text += "  (" + details.joined(separator: ", ") + ")" }
        if let reason = step.skipReason { text += ": " + sanitized(reason) }
        text += "\n"
        if let error = step.error {
            text += "      \(error.kind): \(sanitized(error.message))\n"
        }
        for finding in step.findings {
            text += "      [\(finding.check)] \(sanitized(finding.message))\n"
            if let location = finding.suiteLocation {
                text += "        at \(location)\n"
            }
            if let location = finding.specLocation {
                text += "        spec: \(location)\n"
            }
        }
        return text
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return "\(milliseconds) ms"
    }

    /// Text from a server, made safe for a terminal: control characters shown as `?`.
    static func sanitized(_ text: String) -> String {
        guard
            text.unicodeScalars.contains(where: {
                $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value)
            })
        else { return text }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) ? "?" : scalar
                }
            )
        )
    }
}
