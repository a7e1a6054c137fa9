public import Diagnostics
public import JSON

/// A JSON document that holds schemas, with a way to turn a pointer into it into a file position.
public struct SchemaDocument: Sendable {
    /// The document's URI: the base `$ref`s and `id`s resolve against.
    public var uri: String
    /// The document.
    public var value: JSONValue
    /// The file position of the value a pointer names, when known.
    public var locate: @Sendable (JSONPointer) -> FileLocation?

    /// Creates a document.
    ///
    /// - Parameters:
    ///   - uri: The base URI; `""` for a document without one.
    ///   - value: The document.
    ///   - locate: The file position of a pointer; by default, none.
    public init(
        uri: String,
        value: JSONValue,
        locate: @escaping @Sendable (JSONPointer) -> FileLocation? = { _ in nil }
    ) {
        self.uri = uri
        self.value = value
        self.locate = locate
    }
}

/// How schemas are read: plain JSON Schema draft 4, or OpenAPI 3.0's dialect of it.
public struct SchemaDialect: Sendable, Hashable {
    /// Whether `nullable`, `discriminator`, `readOnly` and `writeOnly` have their OpenAPI 3.0 meaning and `id`
    /// is an ordinary word rather than a base URI.
    public var isOpenAPI: Bool

    /// Creates a dialect.
    ///
    /// - Parameter isOpenAPI: Whether the OpenAPI 3.0 keywords apply.
    public init(isOpenAPI: Bool) {
        self.isOpenAPI = isOpenAPI
    }

    /// JSON Schema draft 4.
    public static let jsonSchemaDraft4 = SchemaDialect(isOpenAPI: false)
    /// The OpenAPI 3.0 Schema Object.
    public static let openAPI30 = SchemaDialect(isOpenAPI: true)
}

/// Which side of an exchange an instance is: it decides whether `readOnly` and `writeOnly` properties may be
/// missing though `required`.
public enum ValidationContext: Sendable, Hashable {
    /// A request body or parameter: a required `readOnly` property may be missing.
    case request
    /// A response body or header: a required `writeOnly` property may be missing.
    case response
    /// Plain JSON Schema: `required` always applies.
    case standalone
}

/// The compiled schemas of one or more documents, shared by every ``SchemaValidator`` made from them.
final class SchemaProgram: Sendable {
    let nodes: [SchemaNode]
    let documents: [SchemaDocument]

    init(nodes: [SchemaNode], documents: [SchemaDocument]) {
        self.nodes = nodes
        self.documents = documents
    }

    /// The file position of `pointer` in document `document`.
    func location(document: Int, pointer: JSONPointer) -> FileLocation? {
        guard documents.indices.contains(document) else { return nil }
        return documents[document].locate(pointer)
    }
}
