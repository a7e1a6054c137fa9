import Diagnostics
import OpenAPI

extension SuiteLinter {
    /// The problems of a suite's `generate:`.
    func lintGeneration(
        _ settings: GenerationSettings,
        in suite: Suite,
        defined: Set<String>,
        later: [String: (step: String, location: FileLocation)]
    ) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let generator = SuiteGenerator(document: document)
        let tags = Set(document.operations.flatMap(\.tags)).sorted()
        for selection in settings.operations + settings.excluded {
            switch selection.selector {
            case .all:
                break
            case .operation(let reference):
                if OperationResolver.operation(named: reference, in: document) == nil {
                    let names = document.operations.map(\.name) + document.operations.compactMap(\.operationID)
                    let near = Spelling.closestMatch(to: reference, among: names).map { "; did you mean '\($0)'?" }
                    findings.append(
                        Diagnostic(
                            .error,
                            "unknown operation '\(reference)' (not in \(document.path))" + (near ?? ""),
                            at: selection.location
                        )
                    )
                }
            case .tag(let tag):
                if !tags.contains(tag) {
                    let near = Spelling.closestMatch(to: tag, among: tags).map { "; did you mean '\($0)'?" }
                    findings.append(
                        Diagnostic(.error, "no operation has the tag '\(tag)'" + (near ?? ""), at: selection.location)
                    )
                }
            }
        }
        let selected = generator.operations(selectedBy: settings)
        if selected.isEmpty && !findings.contains(where: { $0.severity == .error }) {
            findings.append(Diagnostic(.warning, "'generate' selects no operation", at: settings.location))
        }
        let candidates = suite.setup + suite.steps
        var bases: [String: String] = [:]
        for (name, location) in settings.baseSteps {
            guard let step = candidates.first(where: { $0.name == name }) else {
                let near = Spelling.closestMatch(to: name, among: candidates.map(\.name)).map {
                    "; did you mean '\($0)'?"
                }
                findings.append(
                    Diagnostic(
                        .error,
                        "'from' names no step of this suite's setup or steps: '\(name)'" + (near ?? ""),
                        at: location
                    )
                )
                continue
            }
            guard let operation = self.operation(of: step).operation else {
                findings.append(
                    Diagnostic(.error, "step '\(name)' reaches no operation of the spec to generate from", at: location)
                )
                continue
            }
            if let first = bases[operation.name] {
                findings.append(
                    Diagnostic(
                        .error,
                        "steps '\(first)' and '\(name)' both call \(operation.name); 'from' takes one per operation",
                        at: location
                    )
                )
            }
            bases[operation.name] = bases[operation.name] ?? name
            if !selected.contains(where: { $0.name == operation.name }) {
                findings.append(
                    Diagnostic(
                        .warning,
                        "step '\(name)' calls \(operation.name), which 'generate' does not select",
                        at: location
                    )
                )
            }
        }
        for field in settings.values {
            for (expression, location) in locatedExpressions(field.value, at: field.location, node: nil) {
                findings += checkExpression(expression, at: location, defined: defined, later: later)
            }
            let isUsed = selected.contains { operation in
                BaseRequest.uses(field.name, operation: operation, bodyFacts: generator.bodyFacts(of: operation))
            }
            if !isUsed && !selected.isEmpty {
                findings.append(
                    Diagnostic(
                        .warning,
                        "value '\(field.name)' is a parameter or body property of none of the selected operations",
                        at: field.location
                    )
                )
            }
        }
        return findings
    }
}
