public import Diagnostics
public import JSON

/// A composed YAML node: a scalar, a sequence or a mapping, with its tag and where it sits in the file.
///
/// Aliases are resolved: an alias is a copy of the node its anchor names, located at the alias.
public struct YAMLNode: Sendable {
    /// What the node holds.
    public enum Kind: Sendable {
        /// A scalar.
        case scalar(YAMLScalar)
        /// A sequence, in order.
        case sequence([YAMLNode])
        /// A mapping, in order; keys are unique by their string form.
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    /// What the node holds.
    public var kind: Kind
    /// The resolved tag, such as `tag:yaml.org,2002:str`, `tag:yaml.org,2002:map` or a local `!thing`.
    public var tag: String?
    /// The anchor (`&name`) the node carried, if any.
    public var anchor: String?
    /// Where the node starts: its first property (anchor or tag) or its content.
    public var location: FileLocation
    /// Where the node ends: just after its last character.
    public var endLocation: FileLocation

    /// Creates a node.
    ///
    /// - Parameters:
    ///   - kind: What it holds.
    ///   - tag: The resolved tag.
    ///   - anchor: Its anchor, if any.
    ///   - location: Where it starts.
    ///   - endLocation: Where it ends.
    public init(
        _ kind: Kind,
        tag: String? = nil,
        anchor: String? = nil,
        location: FileLocation,
        endLocation: FileLocation
    ) {
        self.kind = kind
        self.tag = tag
        self.anchor = anchor
        self.location = location
        self.endLocation = endLocation
    }

    /// The scalar, when this is a scalar.
    public var scalar: YAMLScalar? {
        guard case .scalar(let scalar) = kind else { return nil }
        return scalar
    }

    /// The elements, when this is a sequence.
    public var sequence: [YAMLNode]? {
        guard case .sequence(let elements) = kind else { return nil }
        return elements
    }

    /// The key and value pairs, when this is a mapping.
    public var mapping: [(key: YAMLNode, value: YAMLNode)]? {
        guard case .mapping(let pairs) = kind else { return nil }
        return pairs
    }

    /// The value for the key whose string form is `key`, when this is a mapping.
    ///
    /// - Parameter key: The key as its JSON conversion spells it (the scalar's text).
    /// - Returns: The value node, or `nil`.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = kind else { return nil }
        for pair in pairs where pair.key.scalar?.value == key {
            return pair.value
        }
        return nil
    }

    /// The node at `pointer`: mapping keys are matched by their string form, sequence indexes by number.
    ///
    /// - Parameter pointer: A JSON pointer, as into the document's JSON value.
    /// - Returns: The node, or `nil` when the pointer leads nowhere.
    public func node(at pointer: JSONPointer) -> YAMLNode? {
        var node = self
        for token in pointer.tokens {
            switch node.kind {
            case .scalar:
                return nil
            case .sequence(let elements):
                guard let index = Self.arrayIndex(token), index < elements.count else { return nil }
                node = elements[index]
            case .mapping:
                guard let value = node[token] else { return nil }
                node = value
            }
        }
        return node
    }

    /// An RFC 6901 array index: digits without a leading zero.
    private static func arrayIndex(_ token: String) -> Int? {
        let utf8 = token.utf8
        guard let first = utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return nil }
        guard first != UInt8(ascii: "0") || utf8.count == 1 else { return nil }
        guard utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(token)
    }
}
