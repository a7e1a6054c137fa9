import JSON
public import OpenAPI

extension Suite {
    /// The suite with every `enum:` predicate condition holding the values of its spec schema's `enum`.
    ///
    /// Predicates name a schema (`{ enum: BrokerType }`) so a suite follows the spec: a value added to the enum is
    /// accepted the day it appears. The runner binds each suite to its spec before running it; lint reports a name
    /// that has no `enum`.
    ///
    /// - Parameter document: The spec.
    /// - Returns: The bound suite.
    public func bindingSchemaEnums(to document: OpenAPIDocument) -> Suite {
        var values: [String: [JSONValue]] = [:]
        for step in allSteps {
            for (name, _) in step.expectation.predicates.flatMap(\.schemaEnumNames) where values[name] == nil {
                values[name] = SuiteMatrix.enumValues(ofSchemaNamed: name, in: document)
            }
        }
        guard !values.isEmpty else { return self }
        let lookup = { (name: String) in values[name] }
        func bind(_ step: SuiteStep) -> SuiteStep {
            var bound = step
            for index in bound.expectation.json.indices {
                bound.expectation.json[index].predicate = step.expectation.json[index].predicate
                    .bindingSchemaEnums(lookup)
            }
            for index in bound.expectation.headers.indices {
                bound.expectation.headers[index].predicate = step.expectation.headers[index].predicate
                    .bindingSchemaEnums(lookup)
            }
            bound.expectation.body = step.expectation.body?.bindingSchemaEnums(lookup)
            return bound
        }
        var bound = self
        bound.setup = setup.map(bind)
        bound.steps = steps.map(bind)
        bound.teardown = teardown.map(bind)
        return bound
    }
}

extension ResponseExpectation {
    /// Every predicate of the expectation: on JSON pointers, on headers, on the body.
    public var predicates: [ValuePredicate] {
        (json + headers).map(\.predicate) + [body].compactMap(\.self)
    }
}
