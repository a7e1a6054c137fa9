public import JSON

/// One operation: a method on a path template, with what it takes and what it answers.
public struct OpenAPIOperation: Sendable {
    /// The method, upper-case: `POST`.
    public var method: String
    /// The path template.
    public var path: PathTemplate
    /// The `operationId`.
    public var operationID: String?
    /// The `summary`.
    public var summary: String?
    /// The `tags`.
    public var tags: [String]
    /// Whether it is deprecated.
    public var isDeprecated: Bool
    /// Parameters: the path item's, overridden by the operation's of the same name and location.
    public var parameters: [OpenAPIParameter]
    /// The request body.
    public var requestBody: OpenAPIRequestBody?
    /// The responses, in spec order.
    public var responses: [OpenAPIResponse]
    /// The operation's own `security`; `nil` means the document's applies.
    public var security: [OpenAPISecurityRequirement]?
    /// Where it is: `/paths/~1api~1v1~1authenticate/post`; ``OpenAPIDocument/location(of:)`` gives the line.
    public var pointer: JSONPointer

    /// Creates an operation.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - path: The path template.
    ///   - operationID: The operation id.
    ///   - summary: The summary.
    ///   - tags: The tags.
    ///   - isDeprecated: Whether deprecated.
    ///   - parameters: The merged parameters.
    ///   - requestBody: The request body.
    ///   - responses: The responses.
    ///   - security: The operation's own security.
    ///   - pointer: Where it is.
    public init(
        method: String,
        path: PathTemplate,
        operationID: String?,
        summary: String?,
        tags: [String],
        isDeprecated: Bool,
        parameters: [OpenAPIParameter],
        requestBody: OpenAPIRequestBody?,
        responses: [OpenAPIResponse],
        security: [OpenAPISecurityRequirement]?,
        pointer: JSONPointer
    ) {
        self.method = method
        self.path = path
        self.operationID = operationID
        self.summary = summary
        self.tags = tags
        self.isDeprecated = isDeprecated
        self.parameters = parameters
        self.requestBody = requestBody
        self.responses = responses
        self.security = security
        self.pointer = pointer
    }

    /// `POST /api/v1/authenticate`.
    public var name: String { "\(method) \(path.text)" }

    /// The response declared for a status: its exact code, else its range (`4XX`), else `default`.
    ///
    /// - Parameter status: The status code received.
    /// - Returns: The response, or `nil` when the status is undeclared.
    public func response(for status: Int) -> OpenAPIResponse? {
        var best: OpenAPIResponse?
        for response in responses where response.status.covers(status) {
            if response.status.rank > best?.status.rank ?? -1 { best = response }
        }
        return best
    }

    /// The response for a status and its content entry for a `Content-Type`.
    ///
    /// - Parameters:
    ///   - status: The status code.
    ///   - mediaType: The `Content-Type` received.
    /// - Returns: The response and, when its `content` has a fitting entry, the match; `nil` for an undeclared
    ///   status.
    public func response(
        for status: Int,
        mediaType: String?
    ) -> (response: OpenAPIResponse, match: OpenAPIMediaTypeMatch?)? {
        guard let response = response(for: status) else { return nil }
        return (response, response.mediaType(for: mediaType))
    }

    /// The parameter called `name` in `location`.
    ///
    /// - Parameters:
    ///   - name: The name (case-insensitive for headers).
    ///   - location: Where it goes.
    /// - Returns: The parameter.
    public func parameter(named name: String, in location: OpenAPIParameter.Location) -> OpenAPIParameter? {
        parameters.first {
            $0.location == location
                && (location == .header ? $0.name.lowercased() == name.lowercased() : $0.name == name)
        }
    }
}

/// An operation found for a concrete request, with the path parameters taken from the path.
public struct OpenAPIOperationMatch: Sendable {
    /// The operation.
    public var operation: OpenAPIOperation
    /// Path parameters by name, percent-decoded.
    public var pathParameters: [String: String]
}
