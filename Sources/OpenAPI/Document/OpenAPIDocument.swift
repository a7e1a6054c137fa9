public import Diagnostics
public import JSON

/// A loaded OpenAPI 3.0 document: typed operations, compiled schemas, and what the loader found wrong.
///
/// Made by ``OpenAPILoader/load(_:)``. Every schema in the document is compiled once, into one program that all
/// the ``SchemaValidator``s here share.
public struct OpenAPIDocument: Sendable {
    /// The Mesh Integration API spec shipped with meshcheck, the default of every `--spec`.
    public static let defaultSpecPath = "suites/spec/mesh-integration-api.yaml"

    /// The spec as loaded (path, JSON value, positions).
    public var source: SpecSource
    /// The `openapi` version, such as `3.0.1`.
    public var openAPIVersion: String
    /// `info.title`.
    public var title: String
    /// `info.version`.
    public var version: String
    /// The `servers`, by URL.
    public var servers: [String]
    /// Every operation, in spec order.
    public var operations: [OpenAPIOperation]
    /// `components/securitySchemes` by name.
    public var securitySchemes: [String: OpenAPISecurityScheme]
    /// The document's `security`.
    public var security: [OpenAPISecurityRequirement]
    /// Problems found while loading (broken `$ref`s, invalid keyword values, …), errors and warnings.
    public var diagnostics: [Diagnostic]
    /// The names in `components/schemas`, in order.
    public var schemaNames: [String]
    let program: SchemaProgram
    let compiledSchemas: [JSONPointer: Int]

    /// The file position of the value at `pointer` (line and column), when the spec was read with positions.
    ///
    /// - Parameter pointer: A pointer into the spec.
    /// - Returns: The position.
    public func location(of pointer: JSONPointer) -> FileLocation? {
        source.locate(pointer)
    }

    /// The path to the spec file.
    public var path: String { source.path }

    /// The compiled schema `components/schemas/NAME`.
    ///
    /// - Parameter name: The schema's name.
    /// - Returns: The validator, or `nil` when there is no such schema.
    public func schema(named name: String) -> SchemaValidator? {
        schema(at: JSONPointer(tokens: ["components", "schemas", name]))
    }

    /// The compiled schema at `pointer`, when the loader compiled one there.
    ///
    /// - Parameter pointer: A schema's pointer in the document.
    /// - Returns: The validator.
    public func schema(at pointer: JSONPointer) -> SchemaValidator? {
        compiledSchemas[pointer].map { SchemaValidator(program: program, root: $0) }
    }

    /// The pointers of every schema compiled, for linting.
    public var schemaPointers: [JSONPointer] { Array(compiledSchemas.keys) }

    /// The operation with an `operationId`.
    ///
    /// - Parameter id: The id.
    /// - Returns: The operation.
    public func operation(id: String) -> OpenAPIOperation? {
        operations.first { $0.operationID == id }
    }

    /// The operation for a method and a template exactly as written in the spec.
    ///
    /// - Parameters:
    ///   - method: The method, any case.
    ///   - template: The template, such as `/api/v1/authenticate/{brokerType}`.
    /// - Returns: The operation.
    public func operation(method: String, template: String) -> OpenAPIOperation? {
        let upper = method.uppercased()
        return operations.first { $0.method == upper && $0.path.text == template }
    }

    /// The operation a concrete request goes to.
    ///
    /// Among the templates that match `path` and have `method`, a literal segment beats a parameter at the first
    /// segment where they differ (`/accounts/me` over `/accounts/{id}`).
    ///
    /// - Parameters:
    ///   - method: The method, any case.
    ///   - path: The concrete path; a query string is ignored.
    /// - Returns: The operation and its path parameters, or `nil` when no operation matches.
    public func operation(method: String, path: String) -> OpenAPIOperationMatch? {
        let upper = method.uppercased()
        var best: OpenAPIOperationMatch?
        for operation in operations where operation.method == upper {
            guard let parameters = operation.path.match(path) else { continue }
            if let current = best, !operation.path.isMoreSpecific(than: current.operation.path) { continue }
            best = OpenAPIOperationMatch(operation: operation, pathParameters: parameters)
        }
        return best
    }

    /// The security requirements of an operation: its own, or the document's.
    ///
    /// - Parameter operation: The operation.
    /// - Returns: The requirements; any one of them must be met.
    public func securityRequirements(of operation: OpenAPIOperation) -> [OpenAPISecurityRequirement] {
        operation.security ?? security
    }
}
