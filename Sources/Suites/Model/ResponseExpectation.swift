public import Diagnostics
public import JSON

/// What a step expects of its response, beyond the automatic checks.
public struct ResponseExpectation: Sendable {
    /// An expected status: a code (`200`) or a class (`4xx`).
    public enum StatusPattern: Sendable, Hashable, CustomStringConvertible {
        /// One code.
        case code(Int)
        /// A class by first digit.
        case range(Int)

        /// Whether `status` fits.
        ///
        /// - Parameter status: The received status.
        /// - Returns: `true` when it fits.
        public func matches(_ status: Int) -> Bool {
            switch self {
            case .code(let code): code == status
            case .range(let digit): status / 100 == digit
            }
        }

        /// `200` or `4xx`.
        public var description: String {
            switch self {
            case .code(let code): String(code)
            case .range(let digit): "\(digit)xx"
            }
        }
    }

    /// An assertion on a header or a JSON pointer.
    public struct Assertion: Sendable {
        /// The header name, or the JSON pointer as written.
        public var target: String
        /// The pointer, for JSON assertions.
        public var pointer: JSONPointer
        /// The predicate.
        public var predicate: ValuePredicate
        /// Where the key is written.
        public var location: FileLocation

        /// Creates an assertion.
        ///
        /// - Parameters:
        ///   - target: The header name or pointer text.
        ///   - pointer: The parsed pointer (`.root` for headers).
        ///   - predicate: The predicate.
        ///   - location: Where it is written.
        public init(target: String, pointer: JSONPointer, predicate: ValuePredicate, at location: FileLocation) {
            self.target = target
            self.pointer = pointer
            self.predicate = predicate
            self.location = location
        }
    }

    /// The schema the body is checked against instead of the declared one.
    public enum SchemaOverride: Sendable {
        /// A schema of the spec by name (`components/schemas/NAME`) or `#/…` pointer.
        case reference(String)
        /// A schema written in the suite (self-contained: its `$ref`s resolve inside it).
        case inline(JSONValue)
    }

    /// Acceptable statuses; empty accepts any.
    public var statuses: [StatusPattern]
    /// Where `status` is written.
    public var statusLocation: FileLocation?
    /// Header assertions.
    public var headers: [Assertion]
    /// JSON pointer assertions on the body.
    public var json: [Assertion]
    /// A predicate on the whole body as text.
    public var body: ValuePredicate?
    /// A schema override, with where it is written.
    public var schema: (override: SchemaOverride, location: FileLocation)?
    /// Why the statuses are expected, shown when another comes: a generated case says what it broke
    /// (`query userId is 51 characters, over maxLength 50`).
    public var rationale: String?

    /// An expectation that accepts anything.
    public init() {
        statuses = []
        headers = []
        json = []
    }

    /// Every template expression the expectation reads.
    public var expressions: [TemplateExpression] {
        (headers + json).flatMap(\.predicate.expressions) + (body?.expressions ?? [])
    }
}
