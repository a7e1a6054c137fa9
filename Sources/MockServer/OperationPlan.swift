import JSON
import OpenAPI

/// How an error body must look, read from a declared response's schema.
enum ErrorShape: Sendable, Equatable {
    /// Mesh's `ApiResult`: `status`, `message`, `displayMessage`, `errorHash`, `errorType`.
    case apiResult
    /// ASP.NET Core's `ProblemDetails`: `type`, `title`, `status`, `errors`, `traceId`.
    case problemDetails
    /// Any JSON (the empty schema `{}` Mesh declares for 401 and 403).
    case anyJSON
    /// No body at all (a response without `content`).
    case empty
}

/// A query, path or header parameter, ready for checking.
struct ParameterPlan: Sendable {
    /// How a parameter's text becomes JSON before its schema is checked.
    enum Coercion: Sendable, Equatable {
        case string
        case integer
        case number
        case boolean
        indirect case array(Coercion)
    }

    let parameter: OpenAPIParameter
    let lowercasedName: String
    let coercion: Coercion
}

/// What the mock knows about one operation before any request arrives.
///
/// Everything here is read from the spec: parameters and how to coerce them, the request body's media types and
/// token fields, which error statuses are declared and in which shape, and the canned success response.
struct OperationPlan: Sendable {
    let operation: OpenAPIOperation
    let segments: [RouteSegment]
    let parameters: [ParameterPlan]
    /// Required request-body properties named `authToken` or `…AuthToken`: each must be a live Mesh token.
    let tokenFields: [String]
    /// The header names of the API-key security schemes that apply (`X-Client-Secret`, `X-Client-Id`).
    let credentialHeaders: [String]
    /// The declared 400's shape, if a 400 is declared.
    let badRequest: ErrorShape?
    /// The declared 401's shape, if a 401 is declared.
    let unauthorized: ErrorShape?
    /// Whether the 401's description says a wrong integration token is answered with it.
    let unauthorizedCoversTokens: Bool
    /// The declared 415's shape, if declared.
    let unsupportedMediaType: ErrorShape?
    /// Whether the success body is an `ApiResult` envelope whose `status` can say `badRequest`.
    let successIsEnvelope: Bool
    /// The success response, from the spec's example or generated.
    let success: CannedResponse
    /// The hand-written behaviour, if the API has one here.
    let behaviour: MockBehaviourKind
}

/// One literal or parameter segment of a path template.
enum RouteSegment: Sendable, Equatable {
    /// A literal, lower-cased (ASP.NET routes ignore case).
    case literal(String)
    /// A whole-segment parameter.
    case parameter(String)
    /// A segment mixing literal text and parameters; matched by ``PathTemplate``.
    case mixed
}

/// A prepared response: status, media type, the value (for behaviours to change) and its bytes.
struct CannedResponse: Sendable {
    let status: Int
    let mediaType: String?
    let value: JSONValue?
    let body: [UInt8]

    /// Whether the body came from the spec's example (rather than generated).
    let isFromExample: Bool
}

/// The operations whose behaviour is written by hand, found by method and path of the Mesh API.
enum MockBehaviourKind: Sendable, Equatable {
    case none
    case authenticate
    case removeConnection
    case refreshToken
}

extension OperationPlan {
    /// Builds the plan of `operation`.
    static func make(
        _ operation: OpenAPIOperation,
        document: OpenAPIDocument,
        resolver: SchemaResolver,
        sampler: SchemaSampler,
        seed: UInt64
    ) -> OperationPlan {
        let declared401 = operation.responses.first { $0.status == .code(401) }
        return OperationPlan(
            operation: operation,
            segments: routeSegments(operation.path.text),
            parameters: operation.parameters.map { parameterPlan($0, resolver: resolver) },
            tokenFields: tokenFields(operation, resolver: resolver),
            credentialHeaders: credentialHeaders(operation, document: document),
            badRequest: errorShape(operation, status: 400, resolver: resolver),
            unauthorized: errorShape(operation, status: 401, resolver: resolver),
            unauthorizedCoversTokens: declared401?.description.lowercased().contains("token") ?? false,
            unsupportedMediaType: errorShape(operation, status: 415, resolver: resolver),
            successIsEnvelope: isEnvelope(successResponse(operation), resolver: resolver),
            success: CannedResponses.success(for: operation, resolver: resolver, sampler: sampler, seed: seed),
            behaviour: behaviour(of: operation)
        )
    }

    static func behaviour(of operation: OpenAPIOperation) -> MockBehaviourKind {
        switch (operation.method, operation.path.text) {
        case ("POST", "/api/v1/authenticate"): .authenticate
        case ("DELETE", "/api/v1/account"): .removeConnection
        case ("POST", "/api/v1/token/refresh"): .refreshToken
        default: .none
        }
    }

    static func routeSegments(_ template: String) -> [RouteSegment] {
        template.split(separator: "/", omittingEmptySubsequences: true).map { segment in
            guard segment.contains("{") else { return .literal(segment.lowercased()) }
            if segment.hasPrefix("{"), segment.hasSuffix("}"),
                segment.firstIndex(of: "}") == segment.index(before: segment.endIndex)
            {
                return .parameter(String(segment.dropFirst().dropLast()))
            }
            return .mixed
        }
    }

    static func parameterPlan(_ parameter: OpenAPIParameter, resolver: SchemaResolver) -> ParameterPlan {
        let facts = resolver.facts(at: parameter.pointer.appending("schema"))
        return ParameterPlan(
            parameter: parameter,
            lowercasedName: parameter.name.lowercased(),
            coercion: coercion(of: facts, resolver: resolver, depth: 0)
        )
    }

    private static func coercion(of facts: SchemaFacts, resolver: SchemaResolver, depth: Int) -> ParameterPlan.Coercion
    {
        switch SchemaSampler.kind(of: facts) {
        case "integer": return .integer
        case "number": return .number
        case "boolean": return .boolean
        case "array" where depth == 0:
            let items = facts.items.map { resolver.facts(of: $0) } ?? SchemaFacts()
            return .array(coercion(of: items, resolver: resolver, depth: 1))
        default: return .string
        }
    }

    static func tokenFields(_ operation: OpenAPIOperation, resolver: SchemaResolver) -> [String] {
        guard let entry = operation.requestBody?.content.first else { return [] }
        let facts = resolver.facts(at: entry.pointer.appending("schema"))
        return facts.properties.map(\.name).filter { name in
            facts.required.contains(name) && (name == "authToken" || name.hasSuffix("AuthToken"))
        }
    }

    static func credentialHeaders(_ operation: OpenAPIOperation, document: OpenAPIDocument) -> [String] {
        guard let requirement = document.securityRequirements(of: operation).first else { return [] }
        return requirement.entries.compactMap { entry in
            guard case .apiKey(let name, .header)? = document.securitySchemes[entry.scheme]?.kind else { return nil }
            return name
        }
    }

    static func successResponse(_ operation: OpenAPIOperation) -> OpenAPIResponse? {
        operation.responses.first { response in
            if case .code(let code) = response.status { return (200..<300).contains(code) }
            return false
        }
    }

    static func errorShape(_ operation: OpenAPIOperation, status: Int, resolver: SchemaResolver) -> ErrorShape? {
        guard let response = operation.responses.first(where: { $0.status == .code(status) }) else { return nil }
        guard let entry = jsonEntry(of: response) else { return .empty }
        let facts = resolver.facts(at: entry.pointer.appending("schema"))
        let names = Set(facts.properties.map(\.name))
        if names.contains("errorType") && names.contains("status") { return .apiResult }
        if names.contains("title") && names.contains("detail") { return .problemDetails }
        return .anyJSON
    }

    static func isEnvelope(_ response: OpenAPIResponse?, resolver: SchemaResolver) -> Bool {
        guard let response, let entry = jsonEntry(of: response) else { return false }
        let facts = resolver.facts(at: entry.pointer.appending("schema"))
        guard facts.property("errorType") != nil, let status = facts.property("status") else { return false }
        return resolver.facts(of: status).enumeration?.contains("badRequest") ?? false
    }

    /// The `application/json` entry of a response, or its first JSON one.
    static func jsonEntry(of response: OpenAPIResponse) -> OpenAPIMediaType? {
        response.content.first { $0.mediaType?.essence == "application/json" }
            ?? response.content.first { $0.mediaType?.isJSON ?? false }
    }
}
