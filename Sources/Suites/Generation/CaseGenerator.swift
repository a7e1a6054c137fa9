public import Diagnostics
import JSON
public import OpenAPI

/// Derives negative and boundary cases for an operation from the spec, deterministically.
///
/// 1. Base: a valid request (``BaseRequest``: the spec's examples where they validate, else sampled values; or a
///    step the suite names).
/// 2. Negative cases, each breaking the base in one way: missing credentials; each required query or header
///    parameter missing; each parameter's wrong type, enum, length and range rules; a required body left out; an
///    undeclared media type; invalid JSON; then each body field (depth first, in the schema's order) missing when
///    required, of a wrong type, outside its enum or with its case changed, one over `maxLength` or under
///    `minLength`, outside `minimum`, `maximum`, `int32` or `int64`, and an extra property where
///    `additionalProperties` is `false`.
/// 3. Boundary cases, each valid: the base itself; each enum value once; strings of exactly `maxLength`; numbers at
///    exactly `minimum` and `maximum`; `null` where nullable; each object's optional fields left out.
///
/// Missing path parameters are not generated: a path without the segment is another URL, not this operation.
/// Fields the base does not have are varied too, but only objects the base has are walked into.
public struct CaseGenerator: Sendable {
    /// The spec.
    public let document: OpenAPIDocument
    let sampler: SchemaSampler

    /// Creates a generator for the operations of `document`.
    ///
    /// - Parameter document: The spec.
    public init(document: OpenAPIDocument) {
        self.document = document
        self.sampler = SchemaSampler(document: document)
    }

    var resolver: SchemaResolver { sampler.resolver }

    /// The cases of one operation, starting from the base request the spec gives.
    ///
    /// - Parameters:
    ///   - operation: The operation.
    ///   - kinds: The kinds wanted.
    ///   - seed: Decides the choices (wrong types, values outside an enum, sampled bodies); 0 gives the defaults.
    ///   - location: Where the cases are asked for (a suite's `generate:`), for their steps and findings.
    /// - Returns: Negative cases, then boundary cases, in a stable order.
    public func cases(
        for operation: OpenAPIOperation,
        kinds: [GeneratedCaseKind],
        seed: UInt64 = 0,
        at location: FileLocation
    ) -> [GeneratedCase] {
        let base = BaseRequest.fromSpec(operation, sampler: sampler, seed: seed, at: location)
        return cases(for: operation, base: base, kinds: kinds, seed: seed)
    }

    func cases(
        for operation: OpenAPIOperation,
        base: BaseRequest,
        kinds: [GeneratedCaseKind],
        seed: UInt64
    ) -> [GeneratedCase] {
        var list = CaseList(
            operation: operation,
            base: base,
            expectations: CaseExpectations(operation: operation, resolver: resolver, location: base.location),
            kinds: Set(kinds)
        )
        let choices = GenerationChoices(seed: seed)
        list.add(
            .boundary,
            target: "",
            rule: "base request",
            explanation: "the base request, from \(base.source)",
            base
        )
        if !document.securityRequirements(of: operation).allSatisfy(\.entries.isEmpty) {
            var request = base
            request.credentials = .none
            let headers = credentialHeaders(of: operation)
            let lowered = Set(headers.map { $0.lowercased() })
            request.headers.removeAll { field in lowered.contains(field.name.lowercased()) }
            list.add(
                .negative,
                target: "credentials",
                rule: "missing",
                explanation: "the request carries no credentials: no \(headers.joined(separator: ", no "))",
                refusal: .credentials,
                request
            )
        }
        parameterCases(into: &list, choices: choices)
        bodyCases(into: &list, choices: choices)
        return list.negatives + list.boundaries
    }

    /// A valid item of an array schema (seed 0), for arrays made longer or shorter than allowed.
    func itemSample(_ facts: SchemaFacts) -> JSONValue? {
        guard let items = facts.items else { return nil }
        var random = SeededRandom(seed: 0, purpose: "item")
        return sampler.generate(items, name: nil, depth: 0, random: &random, context: .request)
    }

    /// The header names of the operation's API-key schemes, and the runner's own credential headers.
    private func credentialHeaders(of operation: OpenAPIOperation) -> [String] {
        var names = ["X-Client-Id", "X-Client-Secret"]
        for requirement in document.securityRequirements(of: operation) {
            for entry in requirement.entries {
                if case .apiKey(let name, .header)? = document.securitySchemes[entry.scheme]?.kind,
                    !names.contains(where: { $0.lowercased() == name.lowercased() })
                {
                    names.append(name)
                }
            }
        }
        return names
    }

    private func parameterCases(into list: inout CaseList, choices: GenerationChoices) {
        let operation = list.operation
        let base = list.base
        for parameter in operation.parameters where parameter.location != .cookie {
            let label = "\(parameter.location.rawValue) \(parameter.name)"
            let facts = resolver.facts(at: parameter.pointer.appending("schema"))
            let current = base.value(ofParameter: parameter.name, in: parameter.location)
            if parameter.isRequired && parameter.location != .path && current != nil {
                list.add(
                    .negative,
                    target: label,
                    rule: "missing",
                    explanation: "\(label) is required and left out",
                    base.removing(parameter: parameter.name, in: parameter.location)
                )
            }
            let rules = ValueRules(
                facts: facts,
                label: label,
                place: .parameter(parameter.location),
                base: current?.valueWithTemplatesAsText,
                isTemplated: current?.hasTemplates ?? false,
                itemFacts: facts.items.map { resolver.facts(of: $0) },
                itemSample: itemSample(facts),
                choices: choices,
                purpose: "\(operation.name) \(label)"
            )
            for rule in rules.negatives() + rules.boundaries() {
                list.add(
                    rule.kind,
                    target: label,
                    rule: rule.rule,
                    explanation: rule.explanation,
                    base.setting(.constant(rule.value), parameter: parameter.name, in: parameter.location)
                )
            }
        }
    }
}

/// The cases of one operation as they are made, negative and boundary apart.
struct CaseList {
    let operation: OpenAPIOperation
    let base: BaseRequest
    let expectations: CaseExpectations
    let kinds: Set<GeneratedCaseKind>
    var negatives: [GeneratedCase] = []
    var boundaries: [GeneratedCase] = []

    mutating func add(
        _ kind: GeneratedCaseKind,
        target: String,
        rule: String,
        explanation: String,
        refusal: CaseExpectations.Refusal = .validation,
        _ request: BaseRequest
    ) {
        guard kinds.contains(kind) else { return }
        let generated = GeneratedCase(
            kind: kind,
            operation: operation,
            target: target,
            rule: rule,
            explanation: explanation,
            request: request.stepRequest(for: operation),
            expectation: kind == .negative
                ? expectations.negative(refusal, rationale: explanation)
                : expectations.boundary(rationale: explanation)
        )
        if kind == .negative { negatives.append(generated) } else { boundaries.append(generated) }
    }
}
