public import Diagnostics
public import JSON

/// A compiled schema: validates instances without walking the schema's JSON again.
///
/// Made once per schema (by ``compile(_:dialect:uri:locate:remoteDocuments:)`` or by the OpenAPI loader, which
/// compiles every schema of a spec into one shared program), then used for any number of instances, from any
/// thread. Validation first asks only whether the instance is valid, allocating nothing for paths; the
/// violations are collected only for an invalid instance.
public struct SchemaValidator: Sendable {
    let program: SchemaProgram
    let root: Int

    init(program: SchemaProgram, root: Int) {
        self.program = program
        self.root = root
    }

    /// The schema's pointer in its document (after `$ref`s): `/components/schemas/ApiResult`.
    public var schemaPath: JSONPointer { program.nodes[root].pointer }

    /// The schema's name when it is `components/schemas/NAME` or `definitions/NAME`.
    public var name: String? { program.nodes[root].name }

    /// The schema's file position, when the document was loaded with positions.
    public var location: FileLocation? {
        let node = program.nodes[root]
        return program.location(document: node.document, pointer: node.pointer)
    }

    /// Whether `instance` satisfies the schema.
    ///
    /// - Parameters:
    ///   - instance: The value.
    ///   - context: Request, response, or plain JSON Schema; decides `readOnly`/`writeOnly` requiredness.
    /// - Returns: `true` when valid.
    public func isValid(_ instance: JSONValue, in context: ValidationContext = .standalone) -> Bool {
        var evaluation = SchemaEvaluation(program: program, context: context, isCollecting: false)
        return evaluation.check(instance, root)
    }

    /// Every way `instance` breaks the schema; empty when it is valid.
    ///
    /// - Parameters:
    ///   - instance: The value.
    ///   - context: Request, response, or plain JSON Schema.
    /// - Returns: The violations, in document order of the instance.
    public func validate(_ instance: JSONValue, in context: ValidationContext = .standalone) -> [SchemaViolation] {
        if isValid(instance, in: context) { return [] }
        var evaluation = SchemaEvaluation(program: program, context: context, isCollecting: true)
        _ = evaluation.check(instance, root)
        return Self.mergingRepeats(evaluation.violations)
    }

    /// One violation per problem: an `enum`, `type` or `format` failing again for the same value through a
    /// wrapper (Swashbuckle writes `enum` inline and again in the `$ref`'d type) is reported once, by the schema
    /// met last, which is the named one.
    static func mergingRepeats(_ violations: [SchemaViolation]) -> [SchemaViolation] {
        guard violations.count > 1 else { return violations }
        var result: [SchemaViolation] = []
        var positions: [String: Int] = [:]
        for violation in violations {
            guard ["enum", "type", "format"].contains(violation.keyword) else {
                result.append(violation)
                continue
            }
            let key = "\(violation.keyword)\u{0}\(violation.instancePath)\u{0}\(violation.actual)"
            if let position = positions[key] {
                result[position] = violation
            } else {
                positions[key] = result.count
                result.append(violation)
            }
        }
        return result
    }

    /// Compiles a standalone schema document.
    ///
    /// - Parameters:
    ///   - schema: The schema (the document's root).
    ///   - dialect: JSON Schema draft 4 or OpenAPI 3.0.
    ///   - uri: The document's base URI.
    ///   - locate: File positions of pointers into `schema`.
    ///   - remoteDocuments: Loads a document a `$ref` names by absolute URI (without fragment); `nil` when it
    ///     cannot. The draft 4 meta-schema is built in.
    /// - Returns: The validator and the problems found in the schema (it still compiles; see each message).
    public static func compile(
        _ schema: JSONValue,
        dialect: SchemaDialect = .jsonSchemaDraft4,
        uri: String = "",
        locate: @escaping @Sendable (JSONPointer) -> FileLocation? = { _ in nil },
        remoteDocuments: @escaping @Sendable (String) -> JSONValue? = { _ in nil }
    ) -> (validator: SchemaValidator, diagnostics: [Diagnostic]) {
        var compiler = SchemaCompiler(dialect: dialect, remoteDocuments: remoteDocuments)
        let document = compiler.addDocument(SchemaDocument(uri: uri, value: schema, locate: locate))
        let root = compiler.compile(SchemaLocation(document: document, pointer: .root))
        return (SchemaValidator(program: compiler.finish(), root: root), compiler.diagnostics)
    }
}
