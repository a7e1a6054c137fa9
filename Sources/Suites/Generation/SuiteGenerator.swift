import Diagnostics
import JSON
public import OpenAPI

/// Turns a suite's `generate:` into steps: the cases of each selected operation, grouped into suite instances.
///
/// 1. Select: `operations` (all by default; `METHOD /path`, operationIds and `{ tag: T }`), minus `exclude`, in
///    the order written (spec order within `all` and tags), each once.
/// 2. Base: each operation's base request is the request of the step `from` names for it, else the spec's
///    (``BaseRequest``), with `values` set in it.
/// 3. Generate: ``CaseGenerator``; each case becomes a main step after the suite's own, named as the case
///    (made unique within the suite with ` (2)`, ` (3)`), `negative: true` for negative cases.
/// 4. Group: by ``GenerationSettings/Isolation``; each group is a copy of the suite, named `NAME [group]`, with its
///    own setup, steps, teardown and captures.
public struct SuiteGenerator: Sendable {
    /// The spec.
    public let document: OpenAPIDocument
    /// The generator of each operation's cases.
    public let generator: CaseGenerator

    /// Creates a suite generator.
    ///
    /// - Parameter document: The spec.
    public init(document: OpenAPIDocument) {
        self.document = document
        self.generator = CaseGenerator(document: document)
    }

    /// The operations a selector names; empty when it names none.
    ///
    /// - Parameter selector: The selector.
    /// - Returns: The operations, in spec order for `all` and tags.
    public func operations(for selector: GenerationSettings.Selection.Selector) -> [OpenAPIOperation] {
        switch selector {
        case .all: document.operations
        case .operation(let reference): OperationResolver.operation(named: reference, in: document).map { [$0] } ?? []
        case .tag(let tag): document.operations.filter { $0.tags.contains(tag) }
        }
    }

    /// The operations `settings` select, each once, in order.
    ///
    /// - Parameter settings: The settings.
    /// - Returns: The operations.
    public func operations(selectedBy settings: GenerationSettings) -> [OpenAPIOperation] {
        let selectors = settings.operations.isEmpty ? [.all] : settings.operations.map(\.selector)
        let excluded = Set(settings.excluded.flatMap { operations(for: $0.selector) }.map(\.name))
        var seen = Set<String>()
        var result: [OpenAPIOperation] = []
        for selector in selectors {
            for operation in operations(for: selector)
            where !excluded.contains(operation.name) && seen.insert(operation.name).inserted {
                result.append(operation)
            }
        }
        return result
    }

    /// Every case a suite's `generate:` asks for, in run order (empty without `generate:`).
    ///
    /// - Parameter suite: The suite.
    /// - Returns: The cases.
    public func cases(of suite: Suite) -> [GeneratedCase] {
        guard let settings = suite.generation else { return [] }
        let linter = SuiteLinter(document: document, environment: nil)
        var stepBases: [String: SuiteStep] = [:]
        for (name, _) in settings.baseSteps {
            guard let step = (suite.setup + suite.steps).first(where: { $0.name == name }),
                let operation = linter.operation(of: step).operation
            else { continue }
            stepBases[operation.name] = stepBases[operation.name] ?? step
        }
        var cases: [GeneratedCase] = []
        for operation in operations(selectedBy: settings) {
            var base: BaseRequest
            if let step = stepBases[operation.name] {
                base = BaseRequest.fromStep(step, operation: operation, at: settings.location)
            } else {
                base = BaseRequest.fromSpec(
                    operation,
                    sampler: generator.sampler,
                    seed: settings.seed,
                    at: settings.location
                )
            }
            base = base.applying(settings.values, operation: operation, bodyFacts: bodyFacts(of: operation))
            cases += generator.cases(for: operation, base: base, kinds: settings.kinds, seed: settings.seed)
        }
        return cases
    }

    /// The facts of an operation's JSON request body schema.
    func bodyFacts(of operation: OpenAPIOperation) -> SchemaFacts? {
        guard let requestBody = operation.requestBody, let entry = BaseRequest.jsonEntry(of: requestBody),
            entry.schema != nil
        else { return nil }
        return generator.resolver.facts(at: entry.pointer.appending("schema"))
    }

    /// The suites to run for `suite`: itself without `generate:`, else one copy per group of generated steps.
    ///
    /// - Parameter suite: A lint-clean suite.
    /// - Returns: The suites, each without `generate:`.
    public func expand(_ suite: Suite) -> [Suite] {
        guard let settings = suite.generation else { return [suite] }
        var plain = suite
        plain.generation = nil
        let cases = cases(of: suite)
        guard !cases.isEmpty else { return [plain] }
        var names = Set(suite.allSteps.map(\.name))
        let steps = cases.map { generated in
            var name = generated.name
            var number = 2
            while names.contains(name) {
                name = "\(generated.name) (\(number))"
                number += 1
            }
            names.insert(name)
            return (generated, name)
        }
        var groups: [(label: String, cases: [(GeneratedCase, String)])] = []
        for (generated, name) in steps {
            let label: String
            switch settings.isolation {
            case .suite: label = ""
            case .operation: label = generated.operation.name
            case .perCase: label = name
            case .auto: label = generated.operation.method == "DELETE" ? name : generated.operation.name
            }
            if let last = groups.last, last.label == label {
                groups[groups.count - 1].cases.append((generated, name))
            } else {
                groups.append((label, [(generated, name)]))
            }
        }
        return groups.map { group in
            var copy = plain
            if !group.label.isEmpty { copy.name = "\(suite.name) [\(group.label)]" }
            for (offset, (generated, name)) in group.cases.enumerated() {
                copy.steps.append(
                    generated.step(named: name, index: suite.steps.count + offset, at: settings.location)
                )
            }
            return copy
        }
    }
}
