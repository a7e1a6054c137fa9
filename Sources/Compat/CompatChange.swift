public import Diagnostics
public import JSON

/// Where a change is in one of the two specs: a JSON pointer and, when the file was read with positions, its line
/// and column.
public struct CompatSpecPosition: Sendable, Hashable {
    /// The pointer into the spec, such as `/components/schemas/BrokerType/enum/57`.
    public var pointer: JSONPointer
    /// The file position of the value at ``pointer``.
    public var location: FileLocation?

    /// Creates a position.
    ///
    /// - Parameters:
    ///   - pointer: The pointer.
    ///   - location: The file position.
    public init(pointer: JSONPointer, location: FileLocation?) {
        self.pointer = pointer
        self.location = location
    }
}

// MARK: - CustomStringConvertible

extension CompatSpecPosition: CustomStringConvertible {
    /// `file:line:column /pointer`, or the pointer alone without a position.
    public var description: String {
        guard let location else { return pointer.description }
        return "\(location) \(pointer)"
    }
}

/// One difference between two spec versions that matters to clients.
///
/// A change found in a shared schema is reported once, with every operation that reaches it.
public struct CompatChange: Sendable, Hashable {
    /// The rule it falls under.
    public var rule: CompatRule
    /// The operations affected (`POST /api/v1/authenticate`), in spec order; never empty.
    public var operations: [String]
    /// Where it is in the old spec; `nil` when the thing is new.
    public var old: CompatSpecPosition?
    /// Where it is in the new spec; `nil` when the thing was removed.
    public var new: CompatSpecPosition?
    /// One sentence: what changed and what it does to a client.
    public var message: String

    /// Creates a change.
    ///
    /// - Parameters:
    ///   - rule: The rule.
    ///   - operations: The operations affected.
    ///   - old: The position in the old spec.
    ///   - new: The position in the new spec.
    ///   - message: One sentence.
    public init(
        rule: CompatRule,
        operations: [String],
        old: CompatSpecPosition?,
        new: CompatSpecPosition?,
        message: String
    ) {
        self.rule = rule
        self.operations = operations
        self.old = old
        self.new = new
        self.message = message
    }

    /// The rule's level.
    public var level: CompatLevel { rule.level }

    /// The first operation affected, as reports show it.
    public var operation: String { operations.first ?? "" }
}
