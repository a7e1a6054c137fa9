import Diagnostics
import JSON
import OpenAPI

/// What must answer a generated case, read from the operation's declared responses.
///
/// - A negative case expects the declared 4xx that refuses it: 401 for missing credentials (else 400), 415 for an
///   undeclared media type where one is declared (else 400), 400 for anything else. A 400 whose schema has an
///   `errorType` (Mesh's `ApiResult`) must carry a non-empty one.
/// - Where the operation declares no such status but its success response is an `ApiResult` envelope that can say
///   `badRequest` (or `permissionDenied`), the documented business outcome is expected instead: the success status
///   with that envelope status and a non-empty `errorType` (the Mesh docs show such 200s). Otherwise any 4xx.
/// - A boundary case expects a declared 2xx.
struct CaseExpectations {
    /// Why a negative request must be refused.
    enum Refusal {
        case validation
        case credentials
        case mediaType
    }

    let operation: OpenAPIOperation
    let resolver: SchemaResolver
    let location: FileLocation

    func negative(_ refusal: Refusal, rationale: String) -> ResponseExpectation {
        var expectation = ResponseExpectation()
        expectation.statusLocation = location
        expectation.rationale = rationale
        var candidates: [Int]
        switch refusal {
        case .credentials: candidates = [401, 400]
        case .mediaType: candidates = [415, 400]
        case .validation: candidates = [400]
        }
        if let status = candidates.first(where: { declared($0) != nil }), let response = declared(status) {
            expectation.statuses = [.code(status)]
            if hasErrorType(response) {
                expectation.json.append(assertion("/errorType", [.nonEmpty(true)]))
            }
            return expectation
        }
        let envelopeStatus = refusal == .credentials ? "permissionDenied" : "badRequest"
        if let (code, response) = success, envelopeStatuses(response).contains(envelopeStatus) {
            expectation.statuses = [.code(code)]
            expectation.json.append(assertion("/status", [.equals(.constant(.string(envelopeStatus)))]))
            if hasErrorType(response) {
                expectation.json.append(assertion("/errorType", [.nonEmpty(true)]))
            }
            return expectation
        }
        expectation.statuses = [.range(4)]
        return expectation
    }

    func boundary(rationale: String) -> ResponseExpectation {
        var expectation = ResponseExpectation()
        expectation.statusLocation = location
        expectation.rationale = rationale
        var statuses: [ResponseExpectation.StatusPattern] = []
        for response in operation.responses {
            switch response.status {
            case .code(let code) where (200..<300).contains(code): statuses.append(.code(code))
            case .range(2): statuses.append(.range(2))
            default: break
            }
        }
        expectation.statuses = statuses.isEmpty ? [.range(2)] : statuses
        return expectation
    }

    /// A short text of what is expected, for `meshcheck generate --print`.
    static func summary(of expectation: ResponseExpectation) -> String {
        var text = expectation.statuses.map(\.description).joined(separator: " or ")
        for assertion in expectation.json {
            let conditions = assertion.predicate.conditions.map { condition -> String in
                switch condition {
                case .equals(let value): "= " + ValuePredicate.show(value.valueWithTemplatesAsText)
                case .nonEmpty: "non-empty"
                default: condition.key
                }
            }
            text += ", \(assertion.target) " + conditions.joined(separator: " ")
        }
        return text
    }

    // MARK: - Reading the responses

    private func declared(_ status: Int) -> OpenAPIResponse? {
        operation.responses.first { $0.status == .code(status) }
    }

    /// The first declared 2xx with its code.
    private var success: (Int, OpenAPIResponse)? {
        for response in operation.responses {
            if case .code(let code) = response.status, (200..<300).contains(code) { return (code, response) }
        }
        return nil
    }

    private func facts(of response: OpenAPIResponse) -> SchemaFacts? {
        let entry =
            response.content.first { $0.mediaType?.essence == "application/json" }
            ?? response.content.first { $0.mediaType?.isJSON ?? false }
        guard let entry, entry.schema != nil else { return nil }
        return resolver.facts(at: entry.pointer.appending("schema"))
    }

    private func hasErrorType(_ response: OpenAPIResponse) -> Bool {
        facts(of: response)?.property("errorType") != nil
    }

    private func envelopeStatuses(_ response: OpenAPIResponse) -> [String] {
        guard let facts = facts(of: response), facts.property("errorType") != nil,
            let status = facts.property("status")
        else { return [] }
        return resolver.facts(of: status).enumeration?.compactMap(\.stringValue) ?? []
    }

    private func assertion(_ pointer: String, _ conditions: [ValuePredicate.Condition]) -> ResponseExpectation.Assertion
    {
        ResponseExpectation.Assertion(
            target: pointer,
            pointer: (try? JSONPointer(parsing: pointer)) ?? .root,
            predicate: ValuePredicate(conditions, at: location),
            at: location
        )
    }
}
