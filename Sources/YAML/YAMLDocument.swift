public import Diagnostics
public import JSON

/// One document of a YAML stream: its node tree with source positions, and its JSON value.
public struct YAMLDocument: Sendable {
    /// The composed node tree; every node knows where it starts and ends.
    public var root: YAMLNode
    /// The document as JSON under the YAML 1.2 core schema (see ``YAMLLoader``).
    public var value: JSONValue
    /// What loading this document found suspicious but accepted, such as unknown tags.
    public var warnings: [Diagnostic]

    /// Creates a document.
    ///
    /// - Parameters:
    ///   - root: The node tree.
    ///   - value: Its JSON value.
    ///   - warnings: Warnings found while loading it.
    public init(root: YAMLNode, value: JSONValue, warnings: [Diagnostic] = []) {
        self.root = root
        self.value = value
        self.warnings = warnings
    }

    /// Where the node at `pointer` starts.
    ///
    /// - Parameter pointer: A JSON pointer into ``value``.
    /// - Returns: The location of the node's first character (its anchor or tag, if it has one), or `nil` when the
    ///   pointer leads nowhere.
    public func location(of pointer: JSONPointer) -> FileLocation? {
        root.node(at: pointer)?.location
    }
}
