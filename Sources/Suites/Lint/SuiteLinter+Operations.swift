public import Diagnostics
import JSON
public import OpenAPI
import YAML

extension SuiteLinter {
    /// The operation a step reaches before its templates are resolved, or `nil` with the reasons.
    ///
    /// - Parameter step: The step.
    /// - Returns: The operation (`nil` for `operation: none` or when it cannot be found) and the problems.
    public func operation(of step: SuiteStep) -> (operation: OpenAPIOperation?, findings: [Diagnostic]) {
        let request = step.request
        var findings: [Diagnostic] = []
        switch step.operation {
        case .outsideSpec:
            if request.method == nil {
                findings.append(
                    Diagnostic(.error, "step '\(step.name)': request needs a 'method'", at: request.location)
                )
            }
            if request.path == nil {
                findings.append(Diagnostic(.error, "step '\(step.name)': request needs a 'path'", at: request.location))
            }
            return (nil, findings)
        case .named(let reference):
            let location = step.operationLocation ?? step.location
            guard let operation = OperationResolver.operation(named: reference, in: document) else {
                findings.append(
                    Diagnostic(
                        .error,
                        "unknown operation '\(reference)' (not in \(document.path))" + operationSuggestion(reference),
                        at: location
                    )
                )
                return (nil, findings)
            }
            if let method = request.method, method != operation.method {
                findings.append(
                    Diagnostic(
                        .error,
                        "request method \(method) differs from the operation's, \(operation.name)",
                        at: request.location
                    )
                )
            }
            if let path = request.path {
                if !OperationResolver.path(path.template, fits: operation.path) {
                    findings.append(
                        Diagnostic(
                            .error,
                            "path '\(path.template.source)' does not fit the operation's path '\(operation.path.text)'",
                            at: path.location
                        )
                    )
                }
            } else if !operation.path.parameterNames.isEmpty {
                findings.append(
                    Diagnostic(
                        .error,
                        "step '\(step.name)' needs a request 'path': \(operation.name) has path parameters",
                        at: request.location
                    )
                )
            }
            return (operation, findings)
        case .inferred:
            guard let method = request.method else {
                findings.append(
                    Diagnostic(
                        .error,
                        "step '\(step.name)': request needs a 'method' (or name the 'operation')",
                        at: request.location
                    )
                )
                return (nil, findings)
            }
            guard let path = request.path else {
                findings.append(
                    Diagnostic(
                        .error,
                        "step '\(step.name)': request needs a 'path' (or name the 'operation')",
                        at: request.location
                    )
                )
                return (nil, findings)
            }
            guard
                let operation = OperationResolver.operation(method: method, templatedPath: path.template, in: document)
            else {
                let shown = "\(method) \(path.template.source)"
                findings.append(
                    Diagnostic(
                        .error,
                        "unknown operation: no \(shown) in \(document.path)" + operationSuggestion(shown),
                        at: path.location,
                        notes: ["write 'operation: none' for a request the spec does not describe"]
                    )
                )
                return (nil, findings)
            }
            return (operation, findings)
        }
    }

    func lintOperation(of step: SuiteStep) -> [Diagnostic] {
        let (operation, resolutionFindings) = self.operation(of: step)
        var findings = resolutionFindings
        if let operation, !step.isNegative {
            findings += lintRequest(step, against: operation)
        }
        findings += lintExpectation(step, operation: operation)
        return findings
    }

    private func operationSuggestion(_ text: String) -> String {
        let names = document.operations.map(\.name) + document.operations.compactMap(\.operationID)
        return Spelling.closestMatch(to: text, among: names).map { "; did you mean '\($0)'?" } ?? ""
    }

    // MARK: - Requests

    private func lintRequest(_ step: SuiteStep, against operation: OpenAPIOperation) -> [Diagnostic] {
        let request = step.request
        let onPurpose = "mark the step 'negative: true' if it sends this on purpose"
        var findings: [Diagnostic] = []
        for parameter in operation.parameters where parameter.isRequired {
            let given: Bool
            switch parameter.location {
            case .query: given = request.query.contains { $0.name == parameter.name }
            case .header: given = request.headers.contains { $0.name.lowercased() == parameter.name.lowercased() }
            default: continue
            }
            if !given {
                findings.append(
                    Diagnostic(
                        .error,
                        "request lacks the required \(parameter.location.rawValue) parameter '\(parameter.name)' of "
                            + operation.name,
                        at: request.location,
                        notes: [onPurpose]
                    )
                )
            }
        }
        guard let body = request.body else {
            if operation.requestBody?.isRequired == true {
                findings.append(
                    Diagnostic(
                        .error,
                        "\(operation.name) requires a request body",
                        at: request.location,
                        notes: [onPurpose]
                    )
                )
            }
            return findings
        }
        let bodyLocation = request.bodyLocation ?? request.location
        guard let requestBody = operation.requestBody else {
            findings.append(
                Diagnostic(.error, "\(operation.name) declares no request body", at: bodyLocation, notes: [onPurpose])
            )
            return findings
        }
        let contentType = request.effectiveContentType
        guard let match = OpenAPIMediaType.bestMatch(for: contentType, in: requestBody.content) else {
            let declared = requestBody.content.map(\.name).joined(separator: ", ")
            findings.append(
                Diagnostic(
                    .error,
                    "\(operation.name) declares no request body of type '\(contentType ?? "")' (declared: \(declared))",
                    at: bodyLocation,
                    notes: [onPurpose]
                )
            )
            return findings
        }
        guard case .json(let value) = body, let schema = match.mediaType.schema else { return findings }
        let templated = value.templatedPointers
        for violation in schema.validate(value.valueWithTemplatesAsText, in: .request)
        where !Self.isExplainedByTemplates(violation, templated: templated) {
            var notes = [onPurpose]
            if let place = violation.schemaLocation {
                notes.insert("schema: \(violation.schemaPath.uriFragment) (\(place))", at: 0)
            }
            findings.append(
                Diagnostic(
                    .error,
                    "request body violates \(operation.name): \(violation)",
                    at: writtenLocation(of: violation, in: request) ?? bodyLocation,
                    notes: notes
                )
            )
        }
        return findings
    }

    /// Where a violation is in the written body: the key for an extra property, else the value.
    private func writtenLocation(of violation: SchemaViolation, in request: StepRequest) -> FileLocation? {
        if violation.keyword == "additionalProperties", !violation.instancePath.tokens.isEmpty {
            return request.bodyNode?.keyNode(at: violation.instancePath)?.location
        }
        return request.bodyNode?.node(at: violation.instancePath)?.location
    }

    /// Whether a violation may come from a value that is a template (and so is not known before the run).
    static func isExplainedByTemplates(_ violation: SchemaViolation, templated: [JSONPointer]) -> Bool {
        let path = violation.instancePath.tokens
        for pointer in templated {
            let tokens = pointer.tokens
            if path.count >= tokens.count && Array(path.prefix(tokens.count)) == tokens { return true }
            let isAncestor = path.count < tokens.count && Array(tokens.prefix(path.count)) == path
            if isAncestor && ["oneOf", "anyOf", "not", "enum", "discriminator"].contains(violation.keyword) {
                return true
            }
        }
        return false
    }

    // MARK: - Expectations

    private func lintExpectation(_ step: SuiteStep, operation: OpenAPIOperation?) -> [Diagnostic] {
        let expectation = step.expectation
        var findings: [Diagnostic] = []
        if let operation, let location = expectation.statusLocation {
            for case .code(let code) in expectation.statuses where operation.response(for: code) == nil {
                let declared = operation.responses.map(\.status.description).joined(separator: ", ")
                findings.append(
                    Diagnostic(
                        .warning,
                        "status \(code) is not declared for \(operation.name) (declared: \(declared))",
                        at: location
                    )
                )
            }
        }
        var shapes: [(label: String, shape: SchemaShape, pointer: JSONPointer)] = []
        if let (override, location) = expectation.schema {
            switch override {
            case .reference(let reference):
                guard let pointer = schemaPointer(reference) else {
                    let near = Spelling.closestMatch(to: reference, among: document.schemaNames)
                        .map { "; did you mean '\($0)'?" }
                    findings.append(
                        Diagnostic(.error, "no schema '\(reference)' in the spec" + (near ?? ""), at: location)
                    )
                    return findings
                }
                shapes = [(reference, SchemaShape(root: document.source.value), pointer)]
            case .inline(let schema):
                let compiled = SchemaValidator.compile(schema, dialect: .openAPI30)
                for problem in compiled.diagnostics where problem.severity == .error {
                    findings.append(Diagnostic(.error, "expect.schema: \(problem.message)", at: location))
                }
                shapes = [("the inline schema", SchemaShape(root: schema), .root)]
            }
        } else if let operation {
            guard let found = responseShapes(of: operation, statuses: expectation.statuses) else { return findings }
            shapes = found
        }
        guard !shapes.isEmpty else { return findings }
        var pointers: [(pointer: JSONPointer, text: String, location: FileLocation)] = []
        for assertion in expectation.json where !assertion.predicate.acceptsAbsence {
            pointers.append((assertion.pointer, assertion.target, assertion.location))
        }
        // Members named inside `each` and pointer keys: `/content` `each` `/brokerType` is `/content/0/brokerType`.
        for assertion in expectation.json {
            for (relative, location) in assertion.predicate.memberPointers {
                var pointer = assertion.pointer
                for token in relative.tokens {
                    pointer = pointer.appending(token)
                }
                pointers.append((pointer, pointer.description, location))
            }
        }
        for capture in step.captures {
            if case .json(let pointer) = capture.source {
                pointers.append((pointer, pointer.description, capture.location))
            }
        }
        for (pointer, text, location) in pointers {
            let mismatches = shapes.compactMap { entry in
                entry.shape.mismatch(for: pointer, inSchemaAt: entry.pointer).map { (entry.label, $0) }
            }
            guard mismatches.count == shapes.count, let (label, first) = mismatches.first else { continue }
            findings.append(
                Diagnostic(
                    .error,
                    Self.mismatchMessage(text, pointer: pointer, label: label, mismatch: first),
                    at: location
                )
            )
        }
        return findings
    }

    private static func mismatchMessage(
        _ text: String,
        pointer: JSONPointer,
        label: String,
        mismatch: SchemaShape.Mismatch
    ) -> String {
        let place = mismatch.validPrefix.tokens.isEmpty ? "the body" : "'\(mismatch.validPrefix)'"
        var message = "the response schema cannot have '\(text)' (\(label)): "
        switch mismatch.level {
        case .array: message += "\(place) is an array; '\(mismatch.token)' is not an index"
        case .scalar(let type): message += "\(place) is a \(type)"
        case .object: message += "\(place) has no member '\(mismatch.token)'"
        }
        if let near = Spelling.closestMatch(to: mismatch.token, among: mismatch.knownMembers) {
            var corrected = pointer.tokens
            corrected[mismatch.validPrefix.tokens.count] = near
            message += "; did you mean '\(JSONPointer(tokens: corrected))'?"
        }
        return message
    }

    /// The schemas of the responses a step can get.
    ///
    /// Those of the expected statuses, or the 2xx ones (all when none is 2xx); `nil` when one of them allows any
    /// body (no JSON schema, or an empty one).
    private func responseShapes(
        of operation: OpenAPIOperation,
        statuses: [ResponseExpectation.StatusPattern]
    ) -> [(label: String, shape: SchemaShape, pointer: JSONPointer)]? {
        var responses: [OpenAPIResponse]
        if statuses.isEmpty {
            responses = operation.responses.filter { $0.status.covers(200) || $0.status.description.hasPrefix("2") }
            if responses.isEmpty { responses = operation.responses }
        } else {
            responses = []
            for pattern in statuses {
                switch pattern {
                case .code(let code):
                    if let response = operation.response(for: code) { responses.append(response) }
                case .range(let digit):
                    responses += operation.responses.filter { response in
                        (digit * 100..<(digit + 1) * 100).contains { response.status.covers($0) }
                    }
                }
            }
        }
        var shapes: [(label: String, shape: SchemaShape, pointer: JSONPointer)] = []
        let shape = SchemaShape(root: document.source.value)
        for response in responses {
            let jsonEntries = response.content.filter { $0.mediaType?.isJSON ?? false }
            if jsonEntries.isEmpty { return nil }
            for entry in jsonEntries {
                guard let schema = entry.schema,
                    document.source.value.value(at: schema.schemaPath)?.objectValue?.isEmpty == false
                else { return nil }
                let label = "\(response.status): " + (schema.name ?? schema.schemaPath.uriFragment)
                shapes.append((label, shape, schema.schemaPath))
            }
        }
        return shapes
    }

    private func schemaPointer(_ reference: String) -> JSONPointer? {
        if reference.hasPrefix("#") {
            guard let pointer = try? JSONPointer(uriFragment: reference),
                document.schema(at: pointer) != nil || document.source.value.value(at: pointer) != nil
            else { return nil }
            return pointer
        }
        guard document.schema(named: reference) != nil else { return nil }
        return JSONPointer(tokens: ["components", "schemas", reference])
    }
}
