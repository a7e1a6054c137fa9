import JSON

/// A keyword's value with the pointer of the schema object it came from.
struct Located<Value> {
    var value: Value
    /// The keyword's own pointer (`…/maxLength`).
    var pointer: JSONPointer
}

/// How a schema treats properties it does not list.
enum AdditionalProperties {
    /// Not said, or `true`: anything goes.
    case open
    /// `false`: unknown properties are invalid.
    case forbidden(JSONPointer)
    /// A schema they must match.
    case schema(JSONPointer)
}

/// A schema as the comparison sees it: `$ref`s followed and `allOf` members merged into one set of keywords.
///
/// A keyword the schema states itself wins over the same keyword in an `allOf` member, so Mesh's wrappers
/// (`{ enum: […], allOf: [{ $ref: ApiResultStatus }], readOnly: true }`) read as one enum schema. Each keyword keeps
/// the pointer it came from, so a change is reported where it was made.
struct FlatSchema {
    /// The schema object after `$ref`s.
    var pointer: JSONPointer
    /// `type`, as a set (OpenAPI 3.0 allows one; `nil` means any).
    var types: Located<Set<String>>?
    var format: Located<String>?
    var isNullable: Located<Bool>?
    var enumValues: Located<[JSONValue]>?
    /// Declared properties: name and the pointer of the property's schema (before its `$ref`), in order.
    var properties: [(name: String, pointer: JSONPointer)] = []
    /// The first `properties` keyword met (its own, else an `allOf` member's): where a new property goes.
    var propertiesPointer: JSONPointer?
    /// Required property names, with the pointer of each entry in its `required` array.
    var required: [String: JSONPointer] = [:]
    var additionalProperties: AdditionalProperties = .open
    var items: JSONPointer?
    var oneOf: [JSONPointer]?
    var anyOf: [JSONPointer]?
    var isReadOnly = false
    var isWriteOnly = false
    /// maxLength, minimum, pattern, … by keyword.
    var constraints: [String: Located<JSONValue>] = [:]
    /// The `$ref` text when it points outside the document and cannot be followed.
    var unresolvedReference: String?

    /// The keywords compared as limits; each is an upper or a lower bound, or a flag.
    static let constraintKeywords = [
        "maxLength", "minLength", "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "maxItems",
        "minItems", "uniqueItems", "maxProperties", "minProperties", "pattern", "multipleOf",
    ]

    func property(named name: String) -> JSONPointer? {
        properties.first { $0.name == name }?.pointer
    }

    var isNullableValue: Bool { isNullable?.value ?? false }

    /// Fills what this schema leaves unsaid from an `allOf` member.
    mutating func merge(_ member: FlatSchema) {
        if types == nil { types = member.types }
        if format == nil { format = member.format }
        if enumValues == nil { enumValues = member.enumValues }
        if propertiesPointer == nil { propertiesPointer = member.propertiesPointer }
        let known = Set(properties.map(\.name))
        properties += member.properties.filter { !known.contains($0.name) }
        required.merge(member.required) { mine, _ in mine }
        if case .open = additionalProperties { additionalProperties = member.additionalProperties }
        if items == nil { items = member.items }
        if oneOf == nil { oneOf = member.oneOf }
        if anyOf == nil { anyOf = member.anyOf }
        isReadOnly = isReadOnly || member.isReadOnly
        isWriteOnly = isWriteOnly || member.isWriteOnly
        constraints.merge(member.constraints) { mine, _ in mine }
    }
}
