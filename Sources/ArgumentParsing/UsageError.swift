public import Foundation

/// A command line that does not match what the command accepts.
public struct UsageError: Error, Sendable, Equatable {
    /// One lower-case line saying what is wrong, such as `unknown option '--outt'; did you mean '--out'?`.
    public var message: String

    /// Creates a usage error.
    ///
    /// - Parameter message: One line saying what is wrong.
    public init(_ message: String) {
        self.message = message
    }
}

// MARK: - CustomStringConvertible, LocalizedError

extension UsageError: CustomStringConvertible, LocalizedError {
    /// `error: message`.
    public var description: String { "error: \(message)" }
    /// The same text, so `localizedDescription` is useful on Linux too.
    public var errorDescription: String? { description }
}
