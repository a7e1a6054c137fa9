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
    /// The anchor (`&name`) the node carried, if any.
    public var anchor: String?
    /// Where the node starts: its first property (anchor or tag) or its content.
    public var location: FileLocation
    // The end shares the start's path, so a node holds one copy of it.
    private var endLine: Int
    private var endColumn: Int
    private var storedTag: StoredTag

    /// Creates a node.
    ///
    /// - Parameters:
    ///   - kind: What it holds.
    ///   - tag: The resolved tag.
    ///   - anchor: Its anchor, if any.
    ///   - location: Where it starts.
    ///   - endLocation: Where it ends (its path is taken to be `location`'s).
    public init(
        _ kind: Kind,
        tag: String? = nil,
        anchor: String? = nil,
        location: FileLocation,
        endLocation: FileLocation
    ) {
        self.kind = kind
        self.anchor = anchor
        self.location = location
        self.endLine = endLocation.line
        self.endColumn = endLocation.column
        self.storedTag = StoredTag(tag)
    }

    /// Creates a node with a core-schema tag, for the composer.
    init(_ kind: Kind, coreTag: StoredTag, anchor: String?, location: FileLocation, endLine: Int, endColumn: Int) {
        self.kind = kind
        self.anchor = anchor
        self.location = location
        self.endLine = endLine
        self.endColumn = endColumn
        self.storedTag = coreTag
    }

    /// The resolved tag, such as `tag:yaml.org,2002:str`, `tag:yaml.org,2002:map` or a local `!thing`.
    public var tag: String? {
        get { storedTag.text }
        set { storedTag = StoredTag(newValue) }
    }

    /// Where the node ends: just after its last character.
    public var endLocation: FileLocation {
        get { FileLocation(path: location.path, line: endLine, column: endColumn) }
        set {
            endLine = newValue.line
            endColumn = newValue.column
        }
    }

    /// Moves the node to another place (an alias stands where it is written).
    mutating func relocate(start: FileLocation, endLine: Int, endColumn: Int) {
        location = start
        self.endLine = endLine
        self.endColumn = endColumn
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

/// A tag stored without a string for the core schema's tags, which nearly every node has.
enum StoredTag: Sendable {
    case none
    case null
    case bool
    case int
    case float
    case string
    case sequence
    case mapping
    case other(String)

    init(_ text: String?) {
        switch text {
        case nil: self = .none
        case CoreSchema.nullTag: self = .null
        case CoreSchema.boolTag: self = .bool
        case CoreSchema.intTag: self = .int
        case CoreSchema.floatTag: self = .float
        case CoreSchema.stringTag: self = .string
        case CoreSchema.sequenceTag: self = .sequence
        case CoreSchema.mappingTag: self = .mapping
        case let text?: self = .other(text)
        }
    }

    var text: String? {
        switch self {
        case .none: nil
        case .null: CoreSchema.nullTag
        case .bool: CoreSchema.boolTag
        case .int: CoreSchema.intTag
        case .float: CoreSchema.floatTag
        case .string: CoreSchema.stringTag
        case .sequence: CoreSchema.sequenceTag
        case .mapping: CoreSchema.mappingTag
        case .other(let text): text
        }
    }
}
