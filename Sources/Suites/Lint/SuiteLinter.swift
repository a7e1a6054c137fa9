public import Diagnostics
import JSON
public import OpenAPI
import YAML

/// Checks loaded suites against the spec and against themselves, before anything is sent.
///
/// 1. Names: step names are unique within a suite; matrix schemas exist and have an `enum`.
/// 2. Variables: every `{{ name }}` is a suite variable, a matrix value, or captured by an earlier step; `run.*`
///    and `server.*` names exist; `env.*` variables are set (a warning for `lint`, an error before a run).
/// 3. Operations: each step reaches an operation of the spec (by `operation:` or by method and path).
/// 4. Requests (unless `negative: true`): required parameters are present, a body is declared for the media
///    type sent, and a JSON body satisfies the request schema (values that are templates are not judged).
/// 5. Expectations: JSON pointers in `expect.json` and `capture` are ones the response schema can have; expected
///    statuses are declared (a warning); `expect.schema` names a schema that exists.
/// 6. `generate:`: operations and tags exist, `from` names steps that reach operations, `values` use defined
///    variables and land in some selected operation.
public struct SuiteLinter: Sendable {
    /// The `run.*` values a template may read.
    public static let runValues = ["id", "instance", "startedAt"]
    /// The `server.*` values a template may read.
    public static let serverValues = ["name", "url"]

    /// The spec.
    public let document: OpenAPIDocument
    /// The environment, or `nil` to not check `env.*` variables.
    public let environment: [String: String]?
    /// How serious an unset `env.*` variable is: a warning for `lint`, an error before a run.
    public var missingEnvironmentSeverity: Diagnostic.Severity

    /// Creates a linter.
    ///
    /// - Parameters:
    ///   - document: The spec.
    ///   - environment: The environment, or `nil` to not check `env.*` variables.
    ///   - missingEnvironmentSeverity: How serious an unset `env.*` variable is.
    public init(
        document: OpenAPIDocument,
        environment: [String: String]?,
        missingEnvironmentSeverity: Diagnostic.Severity = .warning
    ) {
        self.document = document
        self.environment = environment
        self.missingEnvironmentSeverity = missingEnvironmentSeverity
    }

    /// Every problem of one suite.
    ///
    /// - Parameter suite: The suite.
    /// - Returns: The diagnostics, in the suite's order.
    public func lint(_ suite: Suite) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        var defined = Set<String>()
        lintMatrix(suite.matrix, into: &findings)
        for dimension in suite.matrix?.dimensions ?? [] {
            defined.insert(dimension.name)
        }
        if suite.only != nil {
            findings.append(
                Diagnostic(
                    .warning,
                    "suite '\(suite.name)' says 'only': other suites will be skipped",
                    at: suite.location
                )
            )
        }
        let laterCaptures = capturesByName(suite.allSteps)
        for variable in suite.variables {
            for (expression, location) in locatedExpressions(variable.value, at: variable.location, node: nil) {
                findings += checkExpression(expression, at: location, defined: defined, later: laterCaptures)
            }
            defined.insert(variable.name)
        }
        var stepNames: [String: FileLocation] = [:]
        var captured = Set<String>()
        for step in suite.allSteps {
            if let first = stepNames[step.name], !step.name.isEmpty {
                findings.append(
                    Diagnostic(.error, "duplicate step name '\(step.name)' (first at \(first))", at: step.location)
                )
            } else {
                stepNames[step.name] = step.location
            }
            if step.only != nil && step.phase == .main {
                findings.append(
                    Diagnostic(
                        .warning,
                        "step '\(step.name)' says 'only': the other steps will be skipped",
                        at: step.location
                    )
                )
            }
            lintMatrix(step.matrix, into: &findings)
            let visible = defined.union(captured).union(step.matrix?.dimensions.map(\.name) ?? [])
            for (expression, location) in locatedExpressions(of: step) {
                findings += checkExpression(expression, at: location, defined: visible, later: laterCaptures)
            }
            findings += lintOperation(of: step)
            lintSchemaEnums(of: step, into: &findings)
            for capture in step.captures {
                captured.insert(capture.name)
            }
        }
        if let generation = suite.generation {
            let visible = defined.union(capturesByName(suite.setup + suite.steps).keys)
            findings += lintGeneration(generation, in: suite, defined: visible, later: laterCaptures)
        }
        return findings
    }

    // MARK: - Variables

    private func capturesByName(_ steps: [SuiteStep]) -> [String: (step: String, location: FileLocation)] {
        var result: [String: (step: String, location: FileLocation)] = [:]
        for step in steps {
            for capture in step.captures where result[capture.name] == nil {
                result[capture.name] = (step.name, capture.location)
            }
        }
        return result
    }

    private func locatedExpressions(of step: SuiteStep) -> [(TemplateExpression, FileLocation)] {
        let request = step.request
        var result: [(TemplateExpression, FileLocation)] = []
        if let path = request.path {
            result += path.template.expressions.map { ($0, path.location) }
        }
        for field in request.query + request.headers {
            result += locatedExpressions(field.value, at: field.location, node: nil)
        }
        switch request.body {
        case .json(let value):
            result += locatedExpressions(value, at: request.bodyLocation ?? request.location, node: request.bodyNode)
        case .raw(let text):
            result += text.expressions.map { ($0, request.bodyLocation ?? request.location) }
        case nil:
            break
        }
        if case .override(let id, let secret) = request.credentials {
            result += ((id?.expressions ?? []) + (secret?.expressions ?? [])).map { ($0, request.location) }
        }
        for assertion in step.expectation.headers + step.expectation.json {
            result += assertion.predicate.expressions.map { ($0, assertion.predicate.location) }
        }
        if let body = step.expectation.body {
            result += body.expressions.map { ($0, body.location) }
        }
        return result
    }

    func locatedExpressions(
        _ value: TemplatedValue,
        at location: FileLocation,
        node: YAMLNode?
    ) -> [(TemplateExpression, FileLocation)] {
        var result: [(TemplateExpression, FileLocation)] = []
        for pointer in value.templatedPointers {
            guard case .string(let text)? = value.valueWithTemplatesAsText.value(at: pointer),
                let template = try? TemplateString(parsing: text)
            else { continue }
            let place = node?.node(at: pointer)?.location ?? location
            result += template.expressions.map { ($0, place) }
        }
        return result
    }

    func checkExpression(
        _ expression: TemplateExpression,
        at location: FileLocation,
        defined: Set<String>,
        later: [String: (step: String, location: FileLocation)]
    ) -> [Diagnostic] {
        let path = expression.path
        switch expression.rootName {
        case "env":
            guard path.count == 2 else {
                return [Diagnostic(.error, "'{{ \(expression.name) }}': write {{ env.NAME }}", at: location)]
            }
            if let environment, environment[path[1]] == nil {
                return [
                    Diagnostic(missingEnvironmentSeverity, "environment variable '\(path[1])' is not set", at: location)
                ]
            }
            return []
        case "run", "server":
            let known = path[0] == "run" ? Self.runValues : Self.serverValues
            guard path.count == 2, known.contains(path[1]) else {
                let names = known.map { "\(path[0]).\($0)" }
                let near = Spelling.closestMatch(to: expression.name, among: names).map { "; did you mean '\($0)'?" }
                return [
                    Diagnostic(
                        .error,
                        "unknown value '\(expression.name)'" + (near ?? "; known: " + names.joined(separator: ", ")),
                        at: location
                    )
                ]
            }
            return []
        default:
            let name = expression.rootName
            if defined.contains(name) { return [] }
            if let capture = later[name] {
                return [
                    Diagnostic(
                        .error,
                        "variable '\(name)' is captured only by a later step ('\(capture.step)' at \(capture.location))",
                        at: location
                    )
                ]
            }
            let near = Spelling.closestMatch(to: name, among: defined.sorted()).map { "; did you mean '\($0)'?" }
            return [Diagnostic(.error, "undefined variable '\(name)'" + (near ?? ""), at: location)]
        }
    }

    // MARK: - Schema enums

    private func lintSchemaEnums(of step: SuiteStep, into findings: inout [Diagnostic]) {
        for (name, location) in step.expectation.predicates.flatMap(\.schemaEnumNames) {
            if document.schema(named: name) == nil {
                let near = Spelling.closestMatch(to: name, among: document.schemaNames).map {
                    "; did you mean '\($0)'?"
                }
                findings.append(
                    Diagnostic(.error, "enum: no schema '\(name)' in the spec" + (near ?? ""), at: location)
                )
            } else if SuiteMatrix.enumValues(ofSchemaNamed: name, in: document) == nil {
                findings.append(Diagnostic(.error, "enum: schema '\(name)' has no enum", at: location))
            }
        }
    }

    // MARK: - Matrix

    private func lintMatrix(_ matrix: SuiteMatrix?, into findings: inout [Diagnostic]) {
        for dimension in matrix?.dimensions ?? [] {
            guard case .schemaEnum(let name) = dimension.values else { continue }
            if document.schema(named: name) == nil {
                let near = Spelling.closestMatch(to: name, among: document.schemaNames).map {
                    "; did you mean '\($0)'?"
                }
                findings.append(
                    Diagnostic(
                        .error,
                        "matrix '\(dimension.name)': no schema '\(name)' in the spec" + (near ?? ""),
                        at: dimension.location
                    )
                )
            } else if SuiteMatrix.enumValues(ofSchemaNamed: name, in: document) == nil {
                findings.append(
                    Diagnostic(
                        .error,
                        "matrix '\(dimension.name)': schema '\(name)' has no enum",
                        at: dimension.location
                    )
                )
            }
        }
    }
}
