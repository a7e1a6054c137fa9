public import Diagnostics
public import JSON

/// Checks a loaded spec for mistakes that would mislead a test run, without sending anything.
///
/// 1. Everything the loader found (broken `$ref`s met while loading, invalid keyword values, duplicate
///    `operationId`s, undeclared path parameters).
/// 2. Every `$ref` in the document, reached by loading or not (extensions and example values excepted).
/// 3. Every example (media type, parameter and schema `example`, and `examples` values) against its schema,
///    as a request or a response according to where it is.
/// 4. `required` names that no `properties` (of the schema or its `allOf` parts) define: an error when
///    `additionalProperties: false` makes the schema unsatisfiable, a warning otherwise.
///
/// Findings are sorted by position. An example that breaks its schema is an error: a mock serving it, or a
/// person copying it, would be wrong.
public enum SpecLinter {
    /// An example that does not satisfy its schema.
    public struct ExampleFinding: Sendable {
        /// The example's pointer in the spec.
        public var examplePointer: JSONPointer
        /// The violations.
        public var violations: [SchemaViolation]
    }

    /// Every finding, sorted by file position.
    ///
    /// - Parameter document: The loaded spec.
    /// - Returns: Errors, warnings and notes.
    public static func lint(_ document: OpenAPIDocument) -> [Diagnostic] {
        var findings = document.diagnostics
        var seen = Set(findings.map(\.description))
        func add(_ diagnostic: Diagnostic) {
            if seen.insert(diagnostic.description).inserted { findings.append(diagnostic) }
        }
        for diagnostic in brokenReferences(in: document) { add(diagnostic) }
        for finding in exampleFindings(in: document) {
            for violation in finding.violations {
                var notes = ["schema: \(violation.schemaPath.uriFragment)"]
                if let location = violation.schemaLocation { notes[0] += " (\(location))" }
                add(
                    Diagnostic(
                        .error,
                        "example does not match its schema: \(violation)",
                        at: document.location(of: finding.examplePointer),
                        notes: notes
                            + (document.location(of: finding.examplePointer) == nil
                                ? ["at \(finding.examplePointer.uriFragment)"] : [])
                    )
                )
            }
        }
        for diagnostic in undefinedRequiredProperties(in: document) { add(diagnostic) }
        return findings.enumerated().sorted { left, right in
            let a = left.element.location
            let b = right.element.location
            switch (a, b) {
            case (let a?, let b?):
                if a.path != b.path { return a.path < b.path }
                if a.line != b.line { return a.line < b.line }
                if a.column != b.column { return a.column < b.column }
                return left.offset < right.offset
            case (nil, .some): return true
            case (.some, nil): return false
            case (nil, nil): return left.offset < right.offset
            }
        }.map(\.element)
    }

    /// Every example in the spec that breaks its schema.
    ///
    /// - Parameter document: The loaded spec.
    /// - Returns: The examples that fail, in spec order.
    public static func exampleFindings(in document: OpenAPIDocument) -> [ExampleFinding] {
        var findings: [ExampleFinding] = []
        var checked: Set<JSONPointer> = []
        func check(
            _ value: JSONValue?,
            at pointer: JSONPointer,
            against schema: SchemaValidator?,
            _ context: ValidationContext
        ) {
            guard let value, let schema, checked.insert(pointer).inserted else { return }
            let violations = schema.validate(value, in: context)
            if !violations.isEmpty {
                findings.append(ExampleFinding(examplePointer: pointer, violations: violations))
            }
        }
        func checkContent(_ content: [OpenAPIMediaType], _ context: ValidationContext) {
            for entry in content where entry.mediaType?.isJSON ?? true {
                check(entry.example, at: entry.pointer.appending("example"), against: entry.schema, context)
                for example in entry.examples {
                    check(example.value, at: example.pointer.appending("value"), against: entry.schema, context)
                }
            }
        }
        for operation in document.operations {
            for parameter in operation.parameters {
                check(
                    parameter.example,
                    at: parameter.pointer.appending("example"),
                    against: parameter.schema,
                    .request
                )
                for example in parameter.examples {
                    check(example.value, at: example.pointer.appending("value"), against: parameter.schema, .request)
                }
            }
            if let body = operation.requestBody {
                checkContent(body.content, .request)
            }
            for response in operation.responses {
                checkContent(response.content, .response)
            }
        }
        for pointer in document.schemaPointers.sorted(by: { $0.description < $1.description }) {
            guard let example = document.source.value.value(at: pointer)?["example"] else { continue }
            check(example, at: pointer.appending("example"), against: document.schema(at: pointer), .response)
        }
        return findings
    }
}
