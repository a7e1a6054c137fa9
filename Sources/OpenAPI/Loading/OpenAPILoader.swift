import Diagnostics
import JSON

/// Loads an OpenAPI 3.0 document into an ``OpenAPIDocument``.
///
/// 1. Check: the root is an object with `openapi: 3.0.x` (Swagger 2.0 and OpenAPI 3.1 are refused).
/// 2. Compile: every schema (components, parameters, headers, request and response bodies), once, into one
///    shared program; `$ref`s are followed with cycles allowed.
/// 3. Build: servers, security, and each path item's operations with merged parameters, request bodies and
///    responses; `$ref`s to components are followed.
///
/// Problems inside the document (a broken `$ref`, an invalid keyword value) are collected into
/// ``OpenAPIDocument/diagnostics`` and the rest still loads: a broken schema fails every instance loudly rather
/// than passing it.
public enum OpenAPILoader {
    /// The base URI given to the spec, so a relative `$ref` to another file can be told from a local one.
    static let documentURI = "meshcheck:/spec"

    /// Loads a document.
    ///
    /// - Parameter source: The spec's value and positions.
    /// - Returns: The document, with its diagnostics.
    /// - Throws: ``SpecLoadError`` when the document is not OpenAPI 3.0 at all.
    public static func load(_ source: SpecSource) throws(SpecLoadError) -> OpenAPIDocument {
        guard case .object(let root) = source.value else {
            throw SpecLoadError(Diagnostic(.error, "the spec must be an object", at: source.locate(.root)))
        }
        if root["swagger"] != nil {
            throw SpecLoadError(
                Diagnostic(
                    .error,
                    "Swagger 2.0 is not supported; meshcheck reads OpenAPI 3.0.x",
                    at: source.locate(.root)
                )
            )
        }
        guard case .string(let version)? = root["openapi"] else {
            throw SpecLoadError(
                Diagnostic(.error, "missing 'openapi' version; meshcheck reads OpenAPI 3.0.x", at: source.locate(.root))
            )
        }
        guard version.hasPrefix("3.0") else {
            throw SpecLoadError(
                Diagnostic(
                    .error,
                    "OpenAPI \(version) is not supported; meshcheck reads OpenAPI 3.0.x",
                    at: source.locate(JSONPointer(tokens: ["openapi"]))
                )
            )
        }
        var builder = DocumentBuilder(source: source)
        builder.compileComponents()
        _ = builder.buildOperations()
        builder.finishCompiling()
        let operations = builder.buildOperations()
        let schemaNames = root["components"]?["schemas"]?.objectValue?.keys ?? []
        return OpenAPIDocument(
            source: source,
            openAPIVersion: version,
            title: root["info"]?["title"]?.stringValue ?? "",
            version: root["info"]?["version"]?.stringValue ?? "",
            servers: (root["servers"]?.arrayValue ?? []).compactMap { $0["url"]?.stringValue },
            operations: operations,
            securitySchemes: builder.buildSecuritySchemes(),
            security: builder.buildSecurity(root["security"], at: JSONPointer(tokens: ["security"])) ?? [],
            diagnostics: builder.diagnostics,
            schemaNames: schemaNames,
            program: builder.program ?? builder.compiler.finish(),
            compiledSchemas: builder.compiler.compiledSchemas(in: 0)
        )
    }
}

/// The loader's state: the compiler, and after ``finishCompiling()`` the program validators point into.
///
/// Operations are built twice with the same code: the first pass compiles every schema it meets, the second
/// (with the program finished) makes the validators. Compiling is idempotent, so the second pass adds nothing.
struct DocumentBuilder {
    let source: SpecSource
    var compiler = SchemaCompiler(dialect: .openAPI30)
    var program: SchemaProgram?
    private var extraDiagnostics: [Diagnostic] = []
    private var reported: Set<String> = []

    init(source: SpecSource) {
        self.source = source
        _ = compiler.addDocument(
            SchemaDocument(uri: OpenAPILoader.documentURI, value: source.value, locate: source.locate)
        )
    }

    var diagnostics: [Diagnostic] { source.warnings + compiler.diagnostics + extraDiagnostics }

    mutating func finishCompiling() {
        program = compiler.finish()
    }

    mutating func report(_ severity: Diagnostic.Severity, _ message: String, at pointer: JSONPointer) {
        guard reported.insert("\(pointer)\u{0}\(message)").inserted else { return }
        let location = source.locate(pointer)
        let notes = location == nil ? ["at \(pointer.uriFragment)"] : []
        extraDiagnostics.append(Diagnostic(severity, message, at: location, notes: notes))
    }

    /// The validator for the schema at `pointer`, compiling it on first use.
    mutating func schema(at pointer: JSONPointer) -> SchemaValidator? {
        let index = compiler.compile(SchemaLocation(document: 0, pointer: pointer))
        guard let program else { return nil }
        return SchemaValidator(program: program, root: index)
    }

    /// The object at `pointer`, following `$ref`s; `nil` (with a diagnostic) when it does not resolve.
    mutating func object(at pointer: JSONPointer, kind: String) -> (object: JSONObject, pointer: JSONPointer)? {
        var current = pointer
        var seen: Set<JSONPointer> = []
        while true {
            guard let value = source.value.value(at: current) else { return nil }
            guard case .object(let object) = value else {
                report(.error, "\(kind) must be an object, not \(value.typeName)", at: current)
                return nil
            }
            guard case .string(let reference)? = object["$ref"] else { return (object, current) }
            guard seen.insert(current).inserted else {
                report(
                    .error,
                    "$ref '\(reference)' refers to itself in a cycle of references",
                    at: current.appending("$ref")
                )
                return nil
            }
            switch compiler.resolve(reference, from: SchemaLocation(document: 0, pointer: current)) {
            case .success(let target) where target.document == 0:
                current = target.pointer
            case .success:
                report(.error, "$ref '\(reference)' points outside the spec", at: current.appending("$ref"))
                return nil
            case .failure(let error):
                report(.error, error.message, at: current.appending("$ref"))
                return nil
            }
        }
    }

    /// Compiles every schema under `components`, used or not, so each is checked once.
    mutating func compileComponents() {
        guard case .object(let components)? = source.value["components"] else { return }
        let base = JSONPointer(tokens: ["components"])
        if case .object(let schemas)? = components["schemas"] {
            for (name, _) in schemas {
                _ = schema(at: base.appending("schemas").appending(name))
            }
        }
        for (kind, builder) in [
            ("parameters", 0), ("headers", 1), ("requestBodies", 2), ("responses", 3),
        ] {
            guard case .object(let entries)? = components[kind] else { continue }
            for (name, _) in entries {
                let pointer = base.appending(kind).appending(name)
                switch builder {
                case 0: _ = parameter(at: pointer)
                case 1: _ = header(named: name, at: pointer)
                case 2: _ = requestBody(at: pointer)
                default: _ = response(.default, at: pointer)
                }
            }
        }
    }
}
