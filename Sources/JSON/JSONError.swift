public import Diagnostics
public import Foundation

/// An error that stops a JSON document from parsing, with the byte offset and the line and column it points at.
public struct JSONError: Error, Sendable, Equatable {
    /// What went wrong; its `description` is one lower-case line.
    public enum Reason: Sendable, Equatable {
        /// The input ended where more was needed.
        case unexpectedEnd(expected: String)
        /// A byte that cannot start or continue what was expected.
        case unexpectedCharacter(found: String, expected: String)
        /// A number that breaks JSON's number grammar (leading zero, missing digits, `+`…).
        case invalidNumber
        /// A string whose closing quote never comes; the location is its opening quote.
        case unterminatedString
        /// A backslash escape JSON does not define.
        case invalidEscape(String)
        /// A `\u` escape without four hex digits.
        case invalidUnicodeEscape
        /// A UTF-16 surrogate escape without its partner.
        case loneSurrogate(String)
        /// A raw control character (U+0000…U+001F) inside a string.
        case controlCharacterInString(UInt8)
        /// Bytes that are not UTF-8.
        case invalidUTF8
        /// A key that appears twice in one object.
        case duplicateKey(String, firstAt: FileLocation)
        /// Data after the value.
        case trailingData
        /// Nesting deeper than the limit.
        case tooDeep(limit: Int)
    }

    /// What went wrong.
    public var reason: Reason
    /// The byte offset of the offending byte.
    public var offset: Int
    /// The line and column of the offending byte.
    public var location: FileLocation

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - reason: What went wrong.
    ///   - offset: The byte offset.
    ///   - location: The same place as a line and column.
    public init(reason: Reason, offset: Int, location: FileLocation) {
        self.reason = reason
        self.offset = offset
        self.location = location
    }
}

// MARK: - CustomStringConvertible, LocalizedError

extension JSONError.Reason: CustomStringConvertible {
    /// One lower-case line.
    public var description: String {
        switch self {
        case .unexpectedEnd(let expected): "unexpected end of input, expected \(expected)"
        case .unexpectedCharacter(let found, let expected): "unexpected \(found), expected \(expected)"
        case .invalidNumber: "invalid number"
        case .unterminatedString: "unterminated string"
        case .invalidEscape(let escape): "invalid escape '\\\(escape)' in string"
        case .invalidUnicodeEscape: "invalid unicode escape: '\\u' needs four hex digits"
        case .loneSurrogate(let hex): "lone surrogate '\\u\(hex)' in string"
        case .controlCharacterInString(let byte):
            "control character U+\(hex4(UInt16(byte))) must be escaped in a string"
        case .invalidUTF8: "invalid UTF-8"
        case .duplicateKey(let key, let first): "duplicate key \"\(key)\" (first at \(first.line):\(first.column))"
        case .trailingData: "unexpected data after the JSON value"
        case .tooDeep(let limit): "nesting deeper than \(limit) levels"
        }
    }
}

/// Four upper-case hex digits.
func hex4(_ value: UInt16) -> String {
    let hex = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: 4 - hex.count) + hex
}

extension JSONError: CustomStringConvertible, LocalizedError {
    /// `path:line:column: error: reason`, the form compilers use.
    public var description: String { "\(location): error: \(reason)" }
    /// The same text, so `localizedDescription` is useful on Linux too.
    public var errorDescription: String? { description }

    /// The error as a ``Diagnostic``.
    public var diagnostic: Diagnostic { Diagnostic(.error, reason.description, at: location) }
}
