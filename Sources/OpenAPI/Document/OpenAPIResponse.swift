public import JSON

/// A response key: a status code, a range such as `4XX`, or `default`.
public enum OpenAPIResponseStatus: Sendable, Hashable {
    /// One status code.
    case code(Int)
    /// A range by first digit: `4XX` is `range(4)`.
    case range(Int)
    /// `default`: any status without its own entry.
    case `default`

    /// Reads a `responses` key; `nil` when it is none of the three forms.
    ///
    /// - Parameter key: `200`, `4XX` (any case) or `default`.
    public init?(key: String) {
        if key == "default" {
            self = .default
            return
        }
        let upper = key.uppercased()
        if upper.count == 3, upper.hasSuffix("XX"), let digit = upper.first?.wholeNumberValue, (1...5).contains(digit) {
            self = .range(digit)
            return
        }
        guard key.count == 3, let code = Int(key), (100...599).contains(code) else { return nil }
        self = .code(code)
    }

    /// Whether a received status falls under this key.
    ///
    /// - Parameter status: The status code.
    /// - Returns: `true` when it does.
    public func covers(_ status: Int) -> Bool {
        switch self {
        case .code(let code): code == status
        case .range(let digit): status / 100 == digit
        case .default: true
        }
    }

    /// How specific the key is: a code beats a range beats `default`.
    var rank: Int {
        switch self {
        case .code: 2
        case .range: 1
        case .default: 0
        }
    }
}

// MARK: - CustomStringConvertible

extension OpenAPIResponseStatus: CustomStringConvertible {
    /// `200`, `4XX` or `default`.
    public var description: String {
        switch self {
        case .code(let code): String(code)
        case .range(let digit): "\(digit)XX"
        case .default: "default"
        }
    }
}

/// One declared response of an operation.
public struct OpenAPIResponse: Sendable {
    /// Its key.
    public var status: OpenAPIResponseStatus
    /// The `description`.
    public var description: String
    /// The declared headers.
    public var headers: [OpenAPIHeader]
    /// The `content` entries, in order; empty for a response without a body.
    public var content: [OpenAPIMediaType]
    /// Where it is (after a `$ref`).
    public var pointer: JSONPointer

    /// Creates a response.
    ///
    /// - Parameters:
    ///   - status: The key.
    ///   - description: The description.
    ///   - headers: The headers.
    ///   - content: The content entries.
    ///   - pointer: Where it is.
    public init(
        status: OpenAPIResponseStatus,
        description: String,
        headers: [OpenAPIHeader],
        content: [OpenAPIMediaType],
        pointer: JSONPointer
    ) {
        self.status = status
        self.description = description
        self.headers = headers
        self.content = content
        self.pointer = pointer
    }

    /// The content entry for a received `Content-Type`; see ``OpenAPIMediaType/bestMatch(for:in:)``.
    ///
    /// - Parameter contentType: The header's value.
    /// - Returns: The match.
    public func mediaType(for contentType: String?) -> OpenAPIMediaTypeMatch? {
        OpenAPIMediaType.bestMatch(for: contentType, in: content)
    }
}

/// A declared header, of a response (or a `header` parameter's schema).
public struct OpenAPIHeader: Sendable {
    /// The header's name.
    public var name: String
    /// Whether it must be present.
    public var isRequired: Bool
    /// Its compiled schema.
    public var schema: SchemaValidator?
    /// Where it is.
    public var pointer: JSONPointer

    /// Creates a header.
    ///
    /// - Parameters:
    ///   - name: The name.
    ///   - isRequired: Whether it is required.
    ///   - schema: The schema.
    ///   - pointer: Where it is.
    public init(name: String, isRequired: Bool, schema: SchemaValidator?, pointer: JSONPointer) {
        self.name = name
        self.isRequired = isRequired
        self.schema = schema
        self.pointer = pointer
    }
}
