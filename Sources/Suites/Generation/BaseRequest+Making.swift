import Diagnostics
import JSON
import OpenAPI

extension BaseRequest {
    /// The base request the spec gives: its examples where they validate, values sampled from the schemas where
    /// they do not; required parameters only.
    static func fromSpec(
        _ operation: OpenAPIOperation,
        sampler: SchemaSampler,
        seed: UInt64,
        at location: FileLocation
    ) -> BaseRequest {
        var base = BaseRequest(
            source: "the spec",
            pathValues: [:],
            query: [],
            headers: [],
            body: .none,
            contentType: nil,
            credentials: .profile,
            location: location
        )
        var sources: [String] = []
        for parameter in operation.parameters where parameter.isRequired && parameter.location != .cookie {
            let (value, source) = parameterValue(parameter, operation: operation, sampler: sampler, seed: seed)
            base = base.setting(.constant(value), parameter: parameter.name, in: parameter.location)
            sources.append("\(parameter.location.rawValue) \(parameter.name): \(source)")
        }
        if let requestBody = operation.requestBody, let entry = jsonEntry(of: requestBody) {
            let (value, source) = bodyValue(entry, operation: operation, sampler: sampler, seed: seed)
            base.body = .json(.constant(value))
            base.contentType = entry.mediaType?.essence == "application/json" ? nil : entry.name
            sources.append("body: \(source)")
        }
        base.source = sources.isEmpty ? "the spec (no parameters, no body)" : sources.joined(separator: "; ")
        return base
    }

    /// The `application/json` entry of a request body, or its first JSON entry.
    static func jsonEntry(of requestBody: OpenAPIRequestBody) -> OpenAPIMediaType? {
        requestBody.content.first { $0.mediaType?.essence == "application/json" }
            ?? requestBody.content.first { $0.mediaType?.isJSON ?? false }
    }

    private static func bodyValue(
        _ entry: OpenAPIMediaType,
        operation: OpenAPIOperation,
        sampler: SchemaSampler,
        seed: UInt64
    ) -> (JSONValue, String) {
        var examples: [(String, JSONValue)] = entry.example.map { [("the example", $0)] } ?? []
        for example in entry.examples {
            if let value = example.value { examples.append(("the example '\(example.name)'", value)) }
        }
        guard let schema = entry.schema else {
            return examples.first.map { ($0.1, $0.0) } ?? (.object([:]), "an empty object (no schema)")
        }
        if let (name, value) = examples.first(where: { schema.isValid($0.1, in: .request) }) {
            return (value, name)
        }
        let reason = examples.isEmpty ? "no example" : "no example validates"
        let sampled = sampler.sample(schemaAt: entry.pointer.appending("schema"), seed: seed, context: .request)
        return (sampled ?? .object([:]), "sampled from the schema, seed \(seed) (\(reason))")
    }

    private static func parameterValue(
        _ parameter: OpenAPIParameter,
        operation: OpenAPIOperation,
        sampler: SchemaSampler,
        seed: UInt64
    ) -> (JSONValue, String) {
        var examples: [JSONValue] = parameter.example.map { [$0] } ?? []
        examples += parameter.examples.compactMap(\.value)
        if let example = examples.first(where: { parameter.schema?.isValid($0, in: .request) ?? true }) {
            return (example, "the example")
        }
        guard let schema = sampler.resolver.schema(at: parameter.pointer.appending("schema")) else {
            return (.string("x"), "\"x\" (no schema)")
        }
        var random = SeededRandom(seed: seed, purpose: "\(operation.name) \(parameter.name)")
        let value = sampler.generate(schema, name: parameter.name, depth: 0, random: &random, context: .request)
        return (value, "sampled from the schema, seed \(seed)")
    }

    /// The base request a step of the suite sends (templates kept).
    static func fromStep(_ step: SuiteStep, operation: OpenAPIOperation, at location: FileLocation) -> BaseRequest {
        let request = step.request
        var base = BaseRequest(
            source: "step '\(step.name)'",
            pathValues: [:],
            query: request.query,
            headers: request.headers,
            body: .none,
            contentType: request.contentType,
            credentials: request.credentials,
            location: location
        )
        switch request.body {
        case .json(let value)?: base.body = .json(value)
        case .raw(let text)?: base.body = .raw(text)
        case nil: break
        }
        if let path = request.path?.template.source {
            let written = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .split(separator: "/", omittingEmptySubsequences: false)
            let template = operation.path.text.split(separator: "/", omittingEmptySubsequences: false)
            if written.count == template.count {
                for (segment, spec) in zip(written, template) where spec.hasPrefix("{") && spec.hasSuffix("}") {
                    let name = String(spec.dropFirst().dropLast())
                    if let parsed = try? TemplateString(parsing: String(segment)), parsed.hasExpressions {
                        base.pathValues[name] = .string(parsed)
                    } else {
                        base.pathValues[name] = .constant(.string(percentDecoded(segment)))
                    }
                }
            }
        }
        return base
    }

    /// The base with each of `values` set where the operation has a parameter or a top-level body property of
    /// that name.
    func applying(_ values: [StepRequest.Field], operation: OpenAPIOperation, bodyFacts: SchemaFacts?) -> BaseRequest {
        var base = self
        for field in values {
            let parameter =
                operation.parameters.first { $0.name == field.name }
                ?? operation.parameters.first { $0.name.lowercased() == field.name.lowercased() }
            if let parameter, parameter.location != .cookie {
                base = base.setting(field.value, parameter: parameter.name, in: parameter.location)
            }
            if let facts = bodyFacts, facts.property(field.name) != nil {
                base = base.changingBody { $0.setting(field.value, at: JSONPointer(tokens: [field.name])) }
            }
        }
        return base
    }

    /// Whether a value named `name` lands anywhere in `operation`'s request.
    static func uses(_ name: String, operation: OpenAPIOperation, bodyFacts: SchemaFacts?) -> Bool {
        operation.parameters.contains { $0.name.lowercased() == name.lowercased() }
            || bodyFacts?.property(name) != nil
    }

    private static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
