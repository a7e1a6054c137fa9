public import Diagnostics
public import JSON
public import OpenAPI

/// What a value in a response must satisfy: one or more conditions, all of which must hold.
///
/// Written in a suite as a scalar (which means `equals`) or as a mapping of condition keys:
/// `{ oneOf: [phone, email] }`, `{ type: string, minLength: 1 }`. See `docs/suites.md`.
public struct ValuePredicate: Sendable {
    /// A JSON type name for `type:`.
    public enum JSONKind: String, Sendable, Hashable, CaseIterable {
        /// A string.
        case string
        /// Any number.
        case number
        /// A number without a fractional part.
        case integer
        /// `true` or `false`.
        case boolean
        /// An array.
        case array
        /// An object.
        case object
        /// `null`.
        case null
    }

    /// A numeric comparison.
    public enum Comparison: String, Sendable, Hashable {
        /// Greater than.
        case gt
        /// Greater than or equal.
        case gte
        /// Less than.
        case lt
        /// Less than or equal.
        case lte

        /// The operator as shown in messages.
        public var symbol: String {
            switch self {
            case .gt: ">"
            case .gte: ">="
            case .lt: "<"
            case .lte: "<="
            }
        }
    }

    /// One condition.
    public indirect enum Condition: Sendable {
        /// Equal as JSON (numbers by value, objects in any order).
        case equals(TemplatedValue)
        /// Not equal as JSON; an absent value fails.
        case notEquals(TemplatedValue)
        /// Equal to one of the values.
        case oneOf([TemplatedValue])
        /// A string matching an ECMA-262 pattern (a search, not anchored).
        case matches(ECMARegex)
        /// Present (`true`) or absent (`false`).
        case exists(Bool)
        /// One of the JSON types.
        case type([JSONKind])
        /// Exactly this length: characters of a string, elements of an array, members of an object.
        case length(Int)
        /// At least this length.
        case minLength(Int)
        /// At most this length.
        case maxLength(Int)
        /// A string containing the text, an array containing an equal element, or an object with the key.
        case contains(TemplatedValue)
        /// A number compared with another.
        case compare(Comparison, TemplatedValue)
        /// Not `null`, not an empty string, array or object (`true`); or the opposite (`false`).
        case nonEmpty(Bool)
        /// An array whose every element satisfies the predicate.
        case each(ValuePredicate)
        /// One of the values of a spec schema's `enum` (`{ enum: BrokerType }`); `values` is `nil` until the suite
        /// is bound to a spec (``Suite/bindingSchemaEnums(to:)``).
        case schemaEnum(name: String, values: [JSONValue]?)
        /// The value at a pointer below this one (a predicate key starting with `/`) satisfies the predicate.
        case member(JSONPointer, ValuePredicate)
        /// An absent or `null` value passes and the other conditions are not applied (`true`).
        case optional(Bool)
    }

    /// The conditions; all must hold.
    public var conditions: [Condition]
    /// Where the predicate is written.
    public var location: FileLocation

    /// Creates a predicate.
    ///
    /// - Parameters:
    ///   - conditions: The conditions.
    ///   - location: Where it is written.
    public init(_ conditions: [Condition], at location: FileLocation) {
        self.conditions = conditions
        self.location = location
    }

    /// Whether the predicate holds for a value that is absent (`exists: false` and nothing else).
    public var acceptsAbsence: Bool {
        conditions.contains { if case .exists(false) = $0 { true } else { false } }
    }

    /// Whether an absent or `null` value passes without the other conditions (`optional: true`).
    public var isOptional: Bool {
        conditions.contains { if case .optional(true) = $0 { true } else { false } }
    }

    /// Every spec schema named by an `enum:` condition, nested ones included, with where the predicate is written.
    public var schemaEnumNames: [(name: String, location: FileLocation)] {
        conditions.flatMap { condition -> [(name: String, location: FileLocation)] in
            switch condition {
            case .schemaEnum(let name, _): [(name, location)]
            case .each(let inner), .member(_, let inner): inner.schemaEnumNames
            default: []
            }
        }
    }

    /// The pointers below the value that pointer keys name, through `each` (as element `0`), with where each
    /// member's predicate is written; members whose predicate accepts absence with `exists: false` are left out.
    public var memberPointers: [(pointer: JSONPointer, location: FileLocation)] {
        conditions.flatMap { condition -> [(pointer: JSONPointer, location: FileLocation)] in
            switch condition {
            case .each(let inner):
                inner.memberPointers.map { (JSONPointer(tokens: ["0"] + $0.pointer.tokens), $0.location) }
            case .member(let pointer, let inner):
                (inner.acceptsAbsence ? [] : [(pointer, inner.location)])
                    + inner.memberPointers.map {
                        (JSONPointer(tokens: pointer.tokens + $0.pointer.tokens), $0.location)
                    }
            default: []
            }
        }
    }

    /// The predicate with every `enum:` condition holding the values `lookup` gives for its schema.
    ///
    /// - Parameter lookup: The values of a schema's `enum` by schema name, `nil` when it has none.
    /// - Returns: The bound predicate; a name `lookup` does not know keeps `nil` values and fails when evaluated.
    public func bindingSchemaEnums(_ lookup: (String) -> [JSONValue]?) -> ValuePredicate {
        var bound = self
        bound.conditions = conditions.map { condition in
            switch condition {
            case .schemaEnum(let name, _): .schemaEnum(name: name, values: lookup(name))
            case .each(let inner): .each(inner.bindingSchemaEnums(lookup))
            case .member(let pointer, let inner): .member(pointer, inner.bindingSchemaEnums(lookup))
            default: condition
            }
        }
        return bound
    }

    /// Every template expression the predicate reads.
    public var expressions: [TemplateExpression] {
        conditions.flatMap { condition -> [TemplateExpression] in
            switch condition {
            case .equals(let value), .notEquals(let value), .contains(let value), .compare(_, let value):
                value.expressions
            case .oneOf(let values): values.flatMap(\.expressions)
            case .each(let inner), .member(_, let inner): inner.expressions
            default: []
            }
        }
    }
}

/// One way a value failed a predicate.
public struct PredicateFailure: Sendable, Equatable {
    /// The condition key that failed, such as `equals`, `oneOf` or `exists`.
    public var condition: String
    /// Where below the predicate's pointer the failing value is (`/2` for the third element under `each`).
    public var relativePointer: JSONPointer
    /// What was expected, as shown to people.
    public var expected: String
    /// What was found, as shown to people (`(absent)` when missing).
    public var actual: String
    /// One line that says what is wrong.
    public var message: String
}
