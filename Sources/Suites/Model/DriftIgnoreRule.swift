public import Diagnostics
public import JSON

/// One `ignore:` entry of a suite or a compare configuration file: where compare mode must not look for drift.
///
/// The pointer is a JSON pointer whose tokens may be `*` (any member name or array index). A rule covers the value
/// at the pointer and everything below it, in responses of every step of the suite, or only of one operation.
public struct DriftIgnoreRule: Sendable, Equatable {
    /// What a rule ignores at its pointer.
    public enum Aspect: String, Sendable, Hashable, CaseIterable {
        /// Everything: presence, type, value, and the whole subtree.
        case all
        /// The value only (presence and type are still compared).
        case value
        /// An array's length, even where it is stable (its items are still compared pairwise up to the shorter
        /// length).
        case length
    }

    /// The pointer's tokens; `*` matches any one token.
    public var tokens: [String]
    /// What is ignored there.
    public var aspect: Aspect
    /// Only in responses of this operation (its operationId or `METHOD /path`), when given.
    public var operation: String?
    /// Why, shown in reports.
    public var reason: String?
    /// Where the rule is written; `nil` for built-in rules.
    public var location: FileLocation?

    /// Creates a rule.
    ///
    /// - Parameters:
    ///   - pointer: The pointer pattern, such as `/content/*/id`.
    ///   - aspect: What is ignored.
    ///   - operation: The operation it is limited to.
    ///   - reason: Why.
    ///   - location: Where it is written.
    public init(
        pointer: JSONPointer,
        aspect: Aspect = .all,
        operation: String? = nil,
        reason: String? = nil,
        location: FileLocation? = nil
    ) {
        self.tokens = pointer.tokens
        self.aspect = aspect
        self.operation = operation
        self.reason = reason
        self.location = location
    }

    /// The pattern as written: `/content/*/id`.
    public var pattern: String {
        JSONPointer(tokens: tokens).description
    }

    /// Whether the rule covers `pointer` (the pointer itself or something below what the rule names).
    ///
    /// - Parameters:
    ///   - pointer: A pointer into a response body.
    ///   - exactly: `true` to match the pointer itself only (for ``Aspect/length`` and ``Aspect/value``).
    /// - Returns: Whether it matches.
    public func covers(_ pointer: JSONPointer, exactly: Bool = false) -> Bool {
        let other = pointer.tokens
        if exactly ? other.count != tokens.count : other.count < tokens.count { return false }
        for (pattern, token) in zip(tokens, other) where pattern != "*" && pattern != token {
            return false
        }
        return true
    }
}
