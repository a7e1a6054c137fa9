public import Foundation
import Glibc

/// A failed system call on a socket, naming the call and `errno`, like `bind failed: Address in use (errno 98)`.
public struct SocketError: Error, Sendable, Equatable {
    /// The system call or step that failed, such as `bind` or `getaddrinfo`.
    public var operation: String
    /// The `errno` value, or 0 when the failure has no `errno` (a resolver error, an invalid address).
    public var code: Int32
    /// The system's text for `code`, or a description of the failure.
    public var message: String

    /// Creates an error from an explicit message.
    ///
    /// - Parameters:
    ///   - operation: The call or step that failed.
    ///   - code: The `errno` value, 0 when there is none.
    ///   - message: What went wrong.
    public init(operation: String, code: Int32, message: String) {
        self.operation = operation
        self.code = code
        self.message = message
    }

    /// The error for the current `errno` after `operation` failed.
    package static func lastError(_ operation: String) -> SocketError {
        let code = errno
        return SocketError(operation: operation, code: code, message: systemErrorText(code))
    }
}

/// `strerror` text for an `errno` value.
package func systemErrorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}

// MARK: - CustomStringConvertible, LocalizedError

extension SocketError: CustomStringConvertible, LocalizedError {
    /// `operation failed: message (errno N)`.
    public var description: String {
        code == 0 ? "\(operation) failed: \(message)" : "\(operation) failed: \(message) (errno \(code))"
    }

    /// The same text, so `localizedDescription` is useful on Linux too.
    public var errorDescription: String? { description }
}
