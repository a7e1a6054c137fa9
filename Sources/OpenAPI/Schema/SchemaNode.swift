import JSON

/// One compiled schema: every keyword read, checked and turned into the form the evaluator needs.
///
/// Nodes refer to each other by index into ``SchemaProgram/nodes``, so recursive and cyclic schemas need no
/// reference cycles. A `$ref` compiles to the index of its target, never to a node of its own.
struct SchemaNode: Sendable {
    /// Where the schema is: the document's index and the pointer inside it.
    let document: Int
    let pointer: JSONPointer
    /// The schema's name when it is `components/schemas/NAME` or `definitions/NAME`.
    let name: String?
    /// Whether nothing is checked at all (`{}`), so the evaluator can return at once.
    let acceptsEverything: Bool
    let types: SchemaTypes
    let isNullable: Bool
    let isReadOnly: Bool
    let isWriteOnly: Bool
    let enumeration: EnumConstraint?
    let numeric: NumericConstraints?
    let string: StringConstraints?
    let format: SchemaFormat?
    let array: ArrayConstraints?
    let object: ObjectConstraints?
    let allOf: [Int]
    let anyOf: [Int]
    let oneOf: [Int]
    let not: Int?
    let discriminator: DiscriminatorConstraint?
    /// Why this schema cannot be checked (an unresolvable `$ref`); every instance fails with this message.
    let brokenReference: String?
    /// Whether ``brokenReference`` is set, readable without touching the string.
    let hasBrokenReference: Bool
    /// Whether `allOf`, `anyOf`, `oneOf`, `not` or a branch-selecting discriminator is present.
    let hasCombinators: Bool
    /// Whether a discriminator on a base schema dispatches to the schemas extending it.
    let dispatchesToExtensions: Bool

    init(_ parts: SchemaNodeParts) {
        self.document = parts.document
        self.pointer = parts.pointer
        self.name = parts.name
        self.types = parts.types
        self.isNullable = parts.isNullable
        self.isReadOnly = parts.isReadOnly
        self.isWriteOnly = parts.isWriteOnly
        self.enumeration = parts.enumeration
        self.numeric = parts.numeric
        self.string = parts.string
        self.format = parts.format
        self.array = parts.array
        self.object = parts.object
        self.allOf = parts.allOf
        self.anyOf = parts.anyOf
        self.oneOf = parts.oneOf
        self.not = parts.not
        self.discriminator = parts.discriminator
        self.brokenReference = parts.brokenReference
        self.hasBrokenReference = parts.brokenReference != nil
        self.hasCombinators =
            !parts.allOf.isEmpty || !parts.anyOf.isEmpty || !parts.oneOf.isEmpty || parts.not != nil
            || parts.discriminator?.selectsBranch == true
        self.dispatchesToExtensions = parts.discriminator.map { !$0.selectsBranch } ?? false
        self.acceptsEverything =
            parts.types.isEmpty && parts.enumeration == nil && parts.numeric == nil && parts.string == nil
            && parts.format == nil && parts.array == nil && parts.object == nil && parts.allOf.isEmpty
            && parts.anyOf.isEmpty && parts.oneOf.isEmpty && parts.not == nil && parts.discriminator == nil
            && parts.brokenReference == nil
    }
}

/// The mutable parts a node is built from.
struct SchemaNodeParts {
    var document: Int
    var pointer: JSONPointer
    var name: String?
    var types = SchemaTypes()
    var isNullable = false
    var isReadOnly = false
    var isWriteOnly = false
    var enumeration: EnumConstraint?
    var numeric: NumericConstraints?
    var string: StringConstraints?
    var format: SchemaFormat?
    var array: ArrayConstraints?
    var object: ObjectConstraints?
    var allOf: [Int] = []
    var anyOf: [Int] = []
    var oneOf: [Int] = []
    var not: Int?
    var discriminator: DiscriminatorConstraint?
    var brokenReference: String?
}

/// The JSON types a `type` keyword allows, as bits; empty allows every type.
struct SchemaTypes: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = SchemaTypes(rawValue: 1)
    static let boolean = SchemaTypes(rawValue: 2)
    static let integer = SchemaTypes(rawValue: 4)
    static let number = SchemaTypes(rawValue: 8)
    static let string = SchemaTypes(rawValue: 16)
    static let array = SchemaTypes(rawValue: 32)
    static let object = SchemaTypes(rawValue: 64)

    static let names: [(String, SchemaTypes)] = [
        ("null", .null), ("boolean", .boolean), ("integer", .integer), ("number", .number), ("string", .string),
        ("array", .array), ("object", .object),
    ]

    /// Whether integers are lexical, as in draft 4.
    ///
    /// In draft 4, `1.0` is a number but not an integer. OpenAPI 3.0 (after JSON Schema Wright draft 00) counts
    /// any number without a fractional value, `1.0` included.
    static let lexicalIntegers = SchemaTypes(rawValue: 128)

    /// Whether `value` is of one of these types (`number` includes whole numbers).
    func allows(_ value: JSONValue) -> Bool {
        switch value {
        case .null: contains(.null)
        case .bool: contains(.boolean)
        case .number:
            contains(.number) || (contains(.integer) && Self.isInteger(value, lexical: contains(.lexicalIntegers)))
        case .string: contains(.string)
        case .array: contains(.array)
        case .object: contains(.object)
        }
    }

    /// Whether `number` is whole: text without `.`, `e` or `E` is, without computing its exact value.
    static func isInteger(_ value: JSONValue, lexical: Bool) -> Bool {
        guard case .number(let number) = value else { return false }
        let isPlain = number.text.utf8.allSatisfy { $0 != 0x2E && $0 != 0x65 && $0 != 0x45 }
        if isPlain || lexical { return isPlain }
        return number.isInteger
    }

    /// `string`, or `string or null`.
    var description: String {
        Self.names.filter { contains($0.1) }.map(\.0).joined(separator: " or ")
    }
}

/// `enum`: the allowed values, with a set of strings for the common all-strings case.
final class EnumConstraint: Sendable {
    let values: [JSONValue]
    /// The strings grouped by UTF-8 length, when every value is a string.
    ///
    /// A lookup compares a handful of byte strings and hashes nothing; comparison is by bytes (code points).
    let stringsByLength: [[String]]?

    init(values: [JSONValue]) {
        self.values = values
        let strings = values.compactMap(\.stringValue)
        guard strings.count == values.count else {
            self.stringsByLength = nil
            return
        }
        var buckets = [[String]](repeating: [], count: (strings.map(\.utf8.count).max() ?? 0) + 1)
        for string in strings {
            buckets[string.utf8.count].append(string)
        }
        self.stringsByLength = buckets
    }

    func contains(_ value: JSONValue) -> Bool {
        if let stringsByLength {
            guard case .string(let string) = value else { return false }
            let length = string.utf8.count
            guard length < stringsByLength.count else { return false }
            for candidate in stringsByLength[length] where ExactJSON.sameScalars(candidate, string) {
                return true
            }
            return false
        }
        return values.contains { ExactJSON.equal($0, value) }
    }
}

/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`.
final class NumericConstraints: Sendable {
    let minimum: JSONNumber?
    let isMinimumExclusive: Bool
    let maximum: JSONNumber?
    let isMaximumExclusive: Bool
    let multipleOf: JSONNumber?
    let multipleOfExact: ExactDecimal?

    init(
        minimum: JSONNumber?,
        isMinimumExclusive: Bool,
        maximum: JSONNumber?,
        isMaximumExclusive: Bool,
        multipleOf: JSONNumber?
    ) {
        self.minimum = minimum
        self.isMinimumExclusive = isMinimumExclusive
        self.maximum = maximum
        self.isMaximumExclusive = isMaximumExclusive
        self.multipleOf = multipleOf
        self.multipleOfExact = multipleOf?.exactValue
    }
}

/// `minLength`, `maxLength` (in Unicode code points) and `pattern`.
final class StringConstraints: Sendable {
    let minLength: Int?
    let maxLength: Int?
    let pattern: ECMARegex?

    init(minLength: Int?, maxLength: Int?, pattern: ECMARegex?) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
    }
}

/// `items`, `additionalItems`, `minItems`, `maxItems`, `uniqueItems`, as the compiler collects them.
struct ArrayConstraintParts {
    enum Items: Sendable {
        case any
        case all(Int)
        case tuple([Int], additional: AdditionalSchema)
    }

    var items: Items = .any
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
}

/// The array keywords, as a class so the evaluator reads them without copying.
final class ArrayConstraints: Sendable {
    typealias Items = ArrayConstraintParts.Items
    let items: Items
    let minItems: Int?
    let maxItems: Int?
    let uniqueItems: Bool

    init(_ parts: ArrayConstraintParts) {
        self.items = parts.items
        self.minItems = parts.minItems
        self.maxItems = parts.maxItems
        self.uniqueItems = parts.uniqueItems
    }
}

/// What `additionalProperties` or `additionalItems` allows.
enum AdditionalSchema: Sendable {
    case allowed
    case forbidden
    case schema(Int)
}

/// The object keywords, as the compiler collects them.
struct ObjectConstraintParts {
    var properties: [String: Int] = [:]
    var propertyOrder: [String] = []
    var patternProperties: [(regex: ECMARegex, node: Int)] = []
    var additional: AdditionalSchema = .allowed
    var required: [String] = []
    var minProperties: Int?
    var maxProperties: Int?
    var dependencies: [(property: String, requirement: Dependency)] = []

    enum Dependency: Sendable {
        case properties([String])
        case schema(Int)
    }
}

/// The object keywords, as a class so the evaluator reads them without copying.
final class ObjectConstraints: Sendable {
    typealias Dependency = ObjectConstraintParts.Dependency
    let properties: [String: Int]
    let propertyOrder: [String]
    /// The node of each property in ``propertyOrder``, so members in declaration order need no hashing.
    let propertyNodes: [Int]
    /// The position of each name in ``propertyOrder``.
    let positions: [String: Int]
    let patternProperties: [(regex: ECMARegex, node: Int)]
    let additional: AdditionalSchema
    let required: [String]
    let minProperties: Int?
    let maxProperties: Int?
    let dependencies: [(property: String, requirement: Dependency)]
    /// Whether members need a look at all: declared properties, patterns, or a restriction on the others.
    let checksMembers: Bool

    init(_ parts: ObjectConstraintParts) {
        self.properties = parts.properties
        self.propertyOrder = parts.propertyOrder
        self.propertyNodes = parts.propertyOrder.map { parts.properties[$0] ?? 0 }
        var positions: [String: Int] = [:]
        for (position, name) in parts.propertyOrder.enumerated() {
            positions[name] = position
        }
        self.positions = positions
        self.patternProperties = parts.patternProperties
        self.additional = parts.additional
        self.required = parts.required
        self.minProperties = parts.minProperties
        self.maxProperties = parts.maxProperties
        self.dependencies = parts.dependencies
        if case .allowed = parts.additional {
            self.checksMembers = !parts.properties.isEmpty || !parts.patternProperties.isEmpty
        } else {
            self.checksMembers = true
        }
    }
}

/// OpenAPI's `discriminator`: the property that names the schema an instance is checked against.
final class DiscriminatorConstraint: Sendable {
    let propertyName: String
    /// Discriminator values and the node each selects.
    let targets: [String: Int]
    /// Values in declaration order, for messages.
    let valueOrder: [String]
    /// Whether the schema has `oneOf`/`anyOf` (the discriminator picks a branch) rather than being a base schema
    /// its subschemas extend with `allOf`.
    let selectsBranch: Bool

    init(propertyName: String, targets: [String: Int], valueOrder: [String], selectsBranch: Bool) {
        self.propertyName = propertyName
        self.targets = targets
        self.valueOrder = valueOrder
        self.selectsBranch = selectsBranch
    }
}
