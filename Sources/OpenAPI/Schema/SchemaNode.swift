import JSON

/// One compiled schema: every keyword read, checked and turned into the form the evaluator needs.
///
/// Nodes refer to each other by index into ``SchemaProgram/nodes``, so recursive and cyclic schemas need no
/// reference cycles. A `$ref` compiles to the index of its target, never to a node of its own.
final class SchemaNode: Sendable {
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
        case .number(let number):
            contains(.number)
                || (contains(.integer) && number.isInteger
                    && !(contains(.lexicalIntegers)
                        && number.text.utf8.contains { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }))
        case .string: contains(.string)
        case .array: contains(.array)
        case .object: contains(.object)
        }
    }

    /// `string`, or `string or null`.
    var description: String {
        Self.names.filter { contains($0.1) }.map(\.0).joined(separator: " or ")
    }
}

/// `enum`: the allowed values, with a set of strings for the common all-strings case.
struct EnumConstraint: Sendable {
    let values: [JSONValue]
    let strings: Set<ExactJSON.StringKey>?

    init(values: [JSONValue]) {
        self.values = values
        let strings = values.compactMap(\.stringValue)
        self.strings = strings.count == values.count ? Set(strings.map(ExactJSON.StringKey.init)) : nil
    }

    func contains(_ value: JSONValue) -> Bool {
        if let strings {
            guard case .string(let string) = value else { return false }
            return strings.contains(ExactJSON.StringKey(string: string))
        }
        return values.contains { ExactJSON.equal($0, value) }
    }
}

/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`.
struct NumericConstraints: Sendable {
    var minimum: JSONNumber?
    var isMinimumExclusive = false
    var maximum: JSONNumber?
    var isMaximumExclusive = false
    var multipleOf: JSONNumber?
    var multipleOfExact: ExactDecimal?
}

/// `minLength`, `maxLength` (in Unicode code points) and `pattern`.
struct StringConstraints: Sendable {
    var minLength: Int?
    var maxLength: Int?
    var pattern: ECMARegex?
}

/// `items`, `additionalItems`, `minItems`, `maxItems`, `uniqueItems`.
struct ArrayConstraints: Sendable {
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

/// What `additionalProperties` or `additionalItems` allows.
enum AdditionalSchema: Sendable {
    case allowed
    case forbidden
    case schema(Int)
}

/// The object keywords.
struct ObjectConstraints: Sendable {
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

/// OpenAPI's `discriminator`: the property that names the schema an instance is checked against.
struct DiscriminatorConstraint: Sendable {
    let propertyName: String
    /// Discriminator values and the node each selects.
    let targets: [String: Int]
    /// Values in declaration order, for messages.
    let valueOrder: [String]
    /// Whether the schema has `oneOf`/`anyOf` (the discriminator picks a branch) rather than being a base schema
    /// its subschemas extend with `allOf`.
    let selectsBranch: Bool
}
