import JSON
import OpenAPI

extension CaseGenerator {
    /// The body's cases: the body left out (when required), an undeclared media type, invalid JSON, then each field.
    func bodyCases(into list: inout CaseList, choices: GenerationChoices) {
        let operation = list.operation
        let base = list.base
        guard let requestBody = operation.requestBody else { return }
        if requestBody.isRequired, base.jsonBody != nil {
            var request = base
            request.body = .none
            list.add(.negative, target: "body", rule: "missing", explanation: "the required body is left out", request)
        }
        guard let entry = BaseRequest.jsonEntry(of: requestBody), let body = base.jsonBody else { return }
        let purpose = "\(operation.name) body"
        if let mediaType = choices.undeclaredMediaType(in: requestBody.content, purpose: purpose + " media type") {
            var request = base
            request.contentType = mediaType
            let declared = requestBody.content.map(\.name).joined(separator: ", ")
            list.add(
                .negative,
                target: "body",
                rule: "undeclared media type",
                explanation: "the body is sent as \(mediaType), which is not declared; declared: \(declared)",
                refusal: .mediaType,
                request
            )
        }
        let text = body.valueWithTemplatesAsText.serialized()
        let corruptions: [(String, String)] = [
            (String(text.dropLast()), "it ends before its last character"),
            (String(text.dropLast()) + "," + String(text.suffix(1)), "it has a comma before its last character"),
        ]
        let (broken, how) = corruptions[choices.pick(corruptions.count, purpose: purpose + " invalid JSON")]
        var invalid = base
        invalid.body = .raw((try? TemplateString(parsing: broken)) ?? TemplateString(literal: broken))
        invalid.contentType = entry.name
        list.add(
            .negative,
            target: "body",
            rule: "invalid JSON",
            explanation: "the body is not valid JSON: \(how)",
            invalid
        )
        guard entry.schema != nil else { return }
        let facts = resolver.facts(at: entry.pointer.appending("schema"))
        if SchemaSampler.kind(of: facts) == "object", case .object = body.valueWithTemplatesAsText {
            walkObject(facts, at: .root, label: "", list: &list, choices: choices)
        }
    }

    /// The cases of one object the base has, its fields, and the objects inside it.
    private func walkObject(
        _ facts: SchemaFacts,
        at pointer: JSONPointer,
        label: String,
        list: inout CaseList,
        choices: GenerationChoices
    ) {
        let base = list.base
        guard let object = base.jsonBody?.value(at: pointer) else { return }
        let present = object.valueWithTemplatesAsText.objectValue ?? JSONObject()
        let target = label.isEmpty ? "body" : "body \(label)"
        var optionalPresent: [String] = []
        for (name, schema) in facts.properties {
            let property = resolver.facts(of: schema)
            let isRequired = facts.required.contains(name)
            if property.isReadOnly { continue }
            if present[name] != nil && !isRequired { optionalPresent.append(name) }
            let childLabel = label.isEmpty ? name : "\(label).\(name)"
            let childPointer = pointer.appending(name)
            if isRequired && present[name] != nil {
                list.add(
                    .negative,
                    target: "body \(childLabel)",
                    rule: "missing",
                    explanation: "body \(childLabel) is required and left out",
                    base.changingBody { $0.removing(at: childPointer) }
                )
            }
            field(property, at: childPointer, label: childLabel, list: &list, choices: choices)
        }
        if facts.additionalProperties?.boolValue == false {
            let name = choices.extraPropertyName(
                avoiding: facts.properties.map(\.name),
                purpose: "\(list.operation.name) \(target) extra property"
            )
            list.add(
                .negative,
                target: target,
                rule: "extra property",
                explanation: "\(target) has the undeclared property '\(name)', and additionalProperties is false",
                base.changingBody { $0.setting(.constant(true), at: pointer.appending(name)) }
            )
        }
        if !optionalPresent.isEmpty {
            let shown = optionalPresent.prefix(5).joined(separator: ", ") + (optionalPresent.count > 5 ? ", …" : "")
            list.add(
                .boundary,
                target: target,
                rule: "optional fields absent",
                explanation: "\(target) leaves out its optional fields \(shown)",
                base.changingBody { body in
                    optionalPresent.reduce(body) { $0.removing(at: pointer.appending($1)) }
                }
            )
        }
    }

    /// The cases of one field, then of the object or first array item inside it.
    private func field(
        _ facts: SchemaFacts,
        at pointer: JSONPointer,
        label: String,
        list: inout CaseList,
        choices: GenerationChoices
    ) {
        let base = list.base
        let current = base.jsonBody?.value(at: pointer)
        let rules = ValueRules(
            facts: facts,
            label: "body \(label)",
            place: .body,
            base: current?.valueWithTemplatesAsText,
            isTemplated: current?.hasTemplates ?? false,
            itemFacts: facts.items.map { resolver.facts(of: $0) },
            itemSample: itemSample(facts),
            choices: choices,
            purpose: "\(list.operation.name) body \(label)"
        )
        for rule in rules.negatives() + rules.boundaries() {
            list.add(
                rule.kind,
                target: "body \(label)",
                rule: rule.rule,
                explanation: rule.explanation,
                base.changingBody { $0.setting(.constant(rule.value), at: pointer) }
            )
        }
        guard let current else { return }
        switch (SchemaSampler.kind(of: facts), current.valueWithTemplatesAsText) {
        case ("object", .object):
            walkObject(facts, at: pointer, label: label, list: &list, choices: choices)
        case ("array", .array(let elements)) where !elements.isEmpty:
            guard let items = facts.items else { return }
            field(
                resolver.facts(of: items),
                at: pointer.appending(index: 0),
                label: "\(label)[0]",
                list: &list,
                choices: choices
            )
        default:
            break
        }
    }
}
