public import Foundation

/// Why the mock cannot start: a bad fault, an unknown operation, a spec that does not load, or an address that
/// cannot be bound.
public struct MockError: Error, Sendable, Equatable {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// A `--fault` that does not parse.
        case invalidFault(String, reason: String)
        /// A fault's `op=` names no operation of the spec.
        case unknownOperation(String)
        /// The spec could not be loaded.
        case specNotLoaded(String)
        /// The server could not start (bind failed, no threads).
        case serverNotStarted(String)
    }

    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    ///
    /// - Parameter reason: What went wrong.
    public init(_ reason: Reason) {
        self.reason = reason
    }
}

// MARK: - CustomStringConvertible, LocalizedError

extension MockError: CustomStringConvertible, LocalizedError {
    /// One line saying what is wrong.
    public var description: String {
        switch reason {
        case .invalidFault(let text, let reason):
            "invalid fault '\(text)': \(reason)"
        case .unknownOperation(let operation):
            "no operation '\(operation)' in the spec; use 'METHOD /path/template' or an operationId"
        case .specNotLoaded(let message):
            message
        case .serverNotStarted(let message):
            "the mock could not start: \(message)"
        }
    }

    /// The same text, so `localizedDescription` is useful on Linux too.
    public var errorDescription: String? { description }
}
