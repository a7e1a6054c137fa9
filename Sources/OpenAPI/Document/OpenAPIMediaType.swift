public import JSON

/// One entry of a `content` map: a media type with its schema and examples.
public struct OpenAPIMediaType: Sendable {
    /// The key as written: `application/json`.
    public var name: String
    /// The parsed key, `nil` when it is not a media type.
    public var mediaType: MediaTypeName?
    /// The compiled schema, when there is one.
    public var schema: SchemaValidator?
    /// The `example` value.
    public var example: JSONValue?
    /// The `examples` map, in order.
    public var examples: [OpenAPIExample]
    /// Where it is in the spec.
    public var pointer: JSONPointer

    /// Creates a media type entry.
    ///
    /// - Parameters:
    ///   - name: The key.
    ///   - schema: The schema.
    ///   - example: The `example`.
    ///   - examples: The `examples`.
    ///   - pointer: Where it is.
    public init(
        name: String,
        schema: SchemaValidator?,
        example: JSONValue?,
        examples: [OpenAPIExample],
        pointer: JSONPointer
    ) {
        self.name = name
        self.mediaType = MediaTypeName(name)
        self.schema = schema
        self.example = example
        self.examples = examples
        self.pointer = pointer
    }

    /// The entry of `content` that best fits a `Content-Type`.
    ///
    /// Exact type and subtype first (parameters such as `charset` ignored), then `type/*+suffix`, `type/*` and
    /// `*/*` keys; a JSON body (`application/json`, `text/json`, `*/*+json`) finally matches a JSON key as
    /// ``OpenAPIMediaTypeMatch/Kind/jsonEquivalent``, which callers may report as a mismatch.
    ///
    /// - Parameters:
    ///   - contentType: The `Content-Type` received; `nil` (no header) matches only a lone entry.
    ///   - content: The spec's entries.
    /// - Returns: The match, or `nil` when none fits.
    public static func bestMatch(for contentType: String?, in content: [OpenAPIMediaType]) -> OpenAPIMediaTypeMatch? {
        guard let contentType, let actual = MediaTypeName(contentType) else {
            return content.count == 1 ? OpenAPIMediaTypeMatch(mediaType: content[0], kind: .onlyEntry) : nil
        }
        var best: (score: Int, entry: OpenAPIMediaType)?
        for entry in content {
            guard let declared = entry.mediaType, let score = declared.coverage(of: actual) else { continue }
            if score > best?.score ?? 0 { best = (score, entry) }
        }
        if let best {
            return OpenAPIMediaTypeMatch(mediaType: best.entry, kind: best.score == 4 ? .exact : .wildcard)
        }
        if actual.isJSON {
            let jsonEntries = content.filter { $0.mediaType?.isJSON ?? false }
            if let preferred = jsonEntries.first(where: { $0.mediaType?.essence == "application/json" })
                ?? jsonEntries.first
            {
                return OpenAPIMediaTypeMatch(mediaType: preferred, kind: .jsonEquivalent)
            }
        }
        return nil
    }
}

/// How a received `Content-Type` matched a spec's `content` entry.
public struct OpenAPIMediaTypeMatch: Sendable {
    /// How the match was made.
    public enum Kind: Sendable, Hashable {
        /// Same type and subtype.
        case exact
        /// A wildcard key (`application/*+json`, `application/*`, `*/*`).
        case wildcard
        /// A different JSON media type (`text/json` for `application/json`).
        case jsonEquivalent
        /// No `Content-Type` was given and the spec has one entry.
        case onlyEntry
    }

    /// The entry.
    public var mediaType: OpenAPIMediaType
    /// How it matched.
    public var kind: Kind
}

/// An entry of an `examples` map.
public struct OpenAPIExample: Sendable {
    /// The key.
    public var name: String
    /// The `summary`.
    public var summary: String?
    /// The `value`; `nil` for an `externalValue`.
    public var value: JSONValue?
    /// Where the example is (after a `$ref`).
    public var pointer: JSONPointer

    /// Creates an example.
    ///
    /// - Parameters:
    ///   - name: The key.
    ///   - summary: The summary.
    ///   - value: The value.
    ///   - pointer: Where it is.
    public init(name: String, summary: String?, value: JSONValue?, pointer: JSONPointer) {
        self.name = name
        self.summary = summary
        self.value = value
        self.pointer = pointer
    }
}
