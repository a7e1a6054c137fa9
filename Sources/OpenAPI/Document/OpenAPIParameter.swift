public import JSON

/// A parameter of an operation, after path-level and operation-level parameters are merged.
public struct OpenAPIParameter: Sendable {
    /// Where the parameter goes.
    public enum Location: String, Sendable, Hashable, CaseIterable {
        /// A path template variable.
        case path
        /// A query-string parameter.
        case query
        /// A request header.
        case header
        /// A cookie.
        case cookie
    }

    /// The name.
    public var name: String
    /// Where it goes.
    public var location: Location
    /// Whether it must be sent (always for path parameters).
    public var isRequired: Bool
    /// Whether it is deprecated.
    public var isDeprecated: Bool
    /// Its compiled schema (from `schema`, or the first `content` entry's).
    public var schema: SchemaValidator?
    /// The `style`, when given.
    public var style: String?
    /// The `explode`, when given.
    public var explode: Bool?
    /// The `example`.
    public var example: JSONValue?
    /// The `examples`.
    public var examples: [OpenAPIExample]
    /// Where it is (after a `$ref`).
    public var pointer: JSONPointer

    /// Creates a parameter.
    ///
    /// - Parameters:
    ///   - name: The name.
    ///   - location: Where it goes.
    ///   - isRequired: Whether it is required.
    ///   - isDeprecated: Whether it is deprecated.
    ///   - schema: The schema.
    ///   - style: The style.
    ///   - explode: The explode flag.
    ///   - example: The example.
    ///   - examples: The examples.
    ///   - pointer: Where it is.
    public init(
        name: String,
        location: Location,
        isRequired: Bool,
        isDeprecated: Bool = false,
        schema: SchemaValidator?,
        style: String? = nil,
        explode: Bool? = nil,
        example: JSONValue? = nil,
        examples: [OpenAPIExample] = [],
        pointer: JSONPointer
    ) {
        self.name = name
        self.location = location
        self.isRequired = isRequired
        self.isDeprecated = isDeprecated
        self.schema = schema
        self.style = style
        self.explode = explode
        self.example = example
        self.examples = examples
        self.pointer = pointer
    }
}

/// An operation's `requestBody`.
public struct OpenAPIRequestBody: Sendable {
    /// Whether a body must be sent.
    public var isRequired: Bool
    /// The `content` entries.
    public var content: [OpenAPIMediaType]
    /// Where it is (after a `$ref`).
    public var pointer: JSONPointer

    /// Creates a request body.
    ///
    /// - Parameters:
    ///   - isRequired: Whether it is required.
    ///   - content: The content entries.
    ///   - pointer: Where it is.
    public init(isRequired: Bool, content: [OpenAPIMediaType], pointer: JSONPointer) {
        self.isRequired = isRequired
        self.content = content
        self.pointer = pointer
    }

    /// The content entry for a `Content-Type`; see ``OpenAPIMediaType/bestMatch(for:in:)``.
    ///
    /// - Parameter contentType: The header's value.
    /// - Returns: The match.
    public func mediaType(for contentType: String?) -> OpenAPIMediaTypeMatch? {
        OpenAPIMediaType.bestMatch(for: contentType, in: content)
    }
}
