public import Diagnostics
public import JSON

/// One way an instance breaks its schema, as a value.
///
/// Two pointers say where: ``instancePath`` into the validated body (`/content/3/brokerType`) and ``schemaPath``
/// into the spec, at the keyword that failed, after following `$ref`s
/// (`/components/schemas/BrokerType/enum`); ``schemaLocation`` is that keyword's file position when known.
public struct SchemaViolation: Sendable, Equatable {
    /// The keyword that failed, such as `type`, `enum`, `required`, `oneOf` or `format`.
    public var keyword: String
    /// Where in the instance.
    public var instancePath: JSONPointer
    /// Where in the spec (or schema document), at the failing keyword.
    public var schemaPath: JSONPointer
    /// The file position of ``schemaPath``, when the spec was loaded with positions.
    public var schemaLocation: FileLocation?
    /// What the schema wants, in words: `string`, `one of 63 values`, `at most 50 characters`.
    public var expected: String
    /// The offending value as compact JSON, shortened to about 120 characters; secrets are masked.
    public var actual: String
    /// A sentence a person can act on, without the instance path.
    public var message: String

    /// Creates a violation.
    ///
    /// - Parameters:
    ///   - keyword: The failing keyword.
    ///   - instancePath: Where in the instance.
    ///   - schemaPath: Where in the schema.
    ///   - schemaLocation: The schema keyword's file position.
    ///   - expected: What was wanted.
    ///   - actual: The offending value, shortened.
    ///   - message: The explanation.
    public init(
        keyword: String,
        instancePath: JSONPointer,
        schemaPath: JSONPointer,
        schemaLocation: FileLocation?,
        expected: String,
        actual: String,
        message: String
    ) {
        self.keyword = keyword
        self.instancePath = instancePath
        self.schemaPath = schemaPath
        self.schemaLocation = schemaLocation
        self.expected = expected
        self.actual = actual
        self.message = message
    }

    /// The instance path as shown to people: the pointer, or `(root)` for the whole body.
    public var instancePathText: String {
        instancePath.tokens.isEmpty ? "(root)" : instancePath.description
    }
}

// MARK: - CustomStringConvertible

extension SchemaViolation: CustomStringConvertible {
    /// `/content/3/brokerType: "krakenPro" is not one of the 63 values of BrokerType (e.g. "kraken", …)`.
    public var description: String { "\(instancePathText): \(message)" }
}
