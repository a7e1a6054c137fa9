import Foundation
import Synchronization

/// Where a command's output goes: standard output for results, standard error for diagnostics and progress.
///
/// Colour is on only when standard error is a terminal and `NO_COLOR` is unset (https://no-color.org), and
/// `TERM` is not `dumb`. Tests use ``capturing(isTerminal:)`` to read what a command printed.
public final class Console: Sendable {
    private let standardOutput: @Sendable (String) -> Void
    private let standardError: @Sendable (String) -> Void
    /// Whether ANSI colours may be used.
    public let isColorEnabled: Bool
    /// Whether standard error is a terminal, so progress may redraw one line.
    public let isTerminal: Bool

    /// Creates a console from two sinks.
    ///
    /// - Parameters:
    ///   - isColorEnabled: Whether ANSI colours may be used.
    ///   - isTerminal: Whether progress may redraw a line.
    ///   - standardOutput: Receives text for standard output.
    ///   - standardError: Receives text for standard error.
    public init(
        isColorEnabled: Bool,
        isTerminal: Bool,
        standardOutput: @escaping @Sendable (String) -> Void,
        standardError: @escaping @Sendable (String) -> Void
    ) {
        self.isColorEnabled = isColorEnabled
        self.isTerminal = isTerminal
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// The process's own standard output and error.
    ///
    /// - Parameter environment: The process environment, read for `NO_COLOR` and `TERM`.
    /// - Returns: A console writing to file descriptors 1 and 2.
    public static func standard(environment: [String: String]) -> Console {
        let isTerminal = isatty(2) == 1
        let wantsColor = environment["NO_COLOR"].map(\.isEmpty) ?? true
        let isDumb = environment["TERM"] == "dumb"
        return Console(
            isColorEnabled: isTerminal && wantsColor && !isDumb,
            isTerminal: isTerminal && !isDumb,
            standardOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
            standardError: { FileHandle.standardError.write(Data($0.utf8)) }
        )
    }

    /// A console that keeps what is printed, for tests.
    ///
    /// - Parameter isTerminal: Whether to behave as on a terminal.
    /// - Returns: The console and the buffer it writes to.
    public static func capturing(isTerminal: Bool = false) -> (Console, CapturedOutput) {
        let captured = CapturedOutput()
        let console = Console(
            isColorEnabled: false,
            isTerminal: isTerminal,
            standardOutput: { text in captured.appendOutput(text) },
            standardError: { text in captured.appendError(text) }
        )
        return (console, captured)
    }

    /// Writes `text` and a line break to standard output.
    ///
    /// - Parameter text: The text.
    public func print(_ text: String) {
        standardOutput(text + "\n")
    }

    /// Writes `text` as it is to standard output.
    ///
    /// - Parameter text: The text.
    public func write(_ text: String) {
        standardOutput(text)
    }

    /// Writes `text` and a line break to standard error.
    ///
    /// - Parameter text: The text.
    public func printError(_ text: String) {
        standardError(text + "\n")
    }

    /// Writes `text` as it is to standard error.
    ///
    /// - Parameter text: The text.
    public func writeError(_ text: String) {
        standardError(text)
    }

    /// `text` in an ANSI colour when colour is on, otherwise unchanged.
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - color: The colour.
    /// - Returns: The text, wrapped in escape codes if colour is enabled.
    public func colored(_ text: String, _ color: ANSIColor) -> String {
        isColorEnabled ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }
}

/// The ANSI colours meshcheck uses.
public enum ANSIColor: String, Sendable {
    /// Failures and errors.
    case red = "31"
    /// Passes.
    case green = "32"
    /// Warnings and skips.
    case yellow = "33"
    /// Bold text.
    case bold = "1"
    /// Dimmed text.
    case dim = "2"
}

/// What a capturing ``Console`` received.
public final class CapturedOutput: Sendable {
    private let buffers = Mutex<(output: String, error: String)>(("", ""))

    /// Everything written to standard output.
    public var output: String { buffers.withLock { $0.output } }
    /// Everything written to standard error.
    public var error: String { buffers.withLock { $0.error } }

    func appendOutput(_ text: String) {
        buffers.withLock { $0.output += text }
    }

    func appendError(_ text: String) {
        buffers.withLock { $0.error += text }
    }
}
