/// One kind of change between two spec versions, with a stable id and a fixed level.
///
/// The id never changes once published, so CI configuration and reports can refer to it. Each rule has one level;
/// where the same edit means different things to a client in a request and in a response, there are two rules
/// (`request-enum-value-added` is info, `response-enum-value-added` a warning).
public struct CompatRule: Sendable, Hashable {
    /// The kebab-case id, such as `request-property-became-required`.
    public let id: String
    /// How much it matters.
    public let level: CompatLevel
    /// What the rule detects and why it matters to a client, in one sentence.
    public let summary: String

    /// Creates a rule.
    ///
    /// - Parameters:
    ///   - id: The kebab-case id.
    ///   - level: The level.
    ///   - summary: One sentence.
    public init(id: String, level: CompatLevel, summary: String) {
        self.id = id
        self.level = level
        self.summary = summary
    }

    /// The rule with `id`, if there is one.
    ///
    /// - Parameter id: A rule id.
    /// - Returns: The rule.
    public static func rule(id: String) -> CompatRule? {
        all.first { $0.id == id }
    }
}

// MARK: - Operations

extension CompatRule {
    /// An operation disappeared.
    public static let operationRemoved = CompatRule(
        id: "operation-removed",
        level: .error,
        summary: "An operation was removed: clients that still call it get an error instead of a response."
    )
    /// An operation disappeared without having been marked deprecated first.
    public static let operationRemovedWithoutDeprecation = CompatRule(
        id: "operation-removed-without-deprecation",
        level: .warning,
        summary: "A removed operation was not marked deprecated in the old spec, so clients had no notice."
    )
    /// A new operation.
    public static let operationAdded = CompatRule(
        id: "operation-added",
        level: .info,
        summary: "A new operation; existing clients do not call it."
    )
    /// An operation became deprecated.
    public static let operationDeprecated = CompatRule(
        id: "operation-deprecated",
        level: .info,
        summary: "An operation is now deprecated: it still works, but clients should plan to move off it."
    )
    /// The operationId changed.
    public static let operationIDChanged = CompatRule(
        id: "operation-id-changed",
        level: .warning,
        summary: "The operationId changed: requests are unchanged, but code generated from the spec renames the method."
    )
    /// A path parameter has a new name in the same position.
    public static let pathParameterRenamed = CompatRule(
        id: "path-parameter-renamed",
        level: .info,
        summary: "A path parameter was renamed ({id} to {accountId}): the URL clients build is unchanged."
    )
}

// MARK: - Parameters and bodies

extension CompatRule {
    /// A parameter disappeared.
    public static let requestParameterRemoved = CompatRule(
        id: "request-parameter-removed",
        level: .warning,
        summary: "A parameter was removed: clients that still send it have it ignored, so what it controlled is lost."
    )
    /// A new parameter that must be sent.
    public static let requestRequiredParameterAdded = CompatRule(
        id: "request-required-parameter-added",
        level: .error,
        summary: "A new required parameter: existing clients do not send it and are rejected."
    )
    /// A new optional parameter.
    public static let requestParameterAdded = CompatRule(
        id: "request-parameter-added",
        level: .info,
        summary: "A new optional parameter; existing clients do without it."
    )
    /// An optional parameter became required.
    public static let requestParameterBecameRequired = CompatRule(
        id: "request-parameter-became-required",
        level: .error,
        summary: "An optional parameter became required: clients that omit it are rejected."
    )
    /// A required parameter became optional.
    public static let requestParameterBecameOptional = CompatRule(
        id: "request-parameter-became-optional",
        level: .info,
        summary: "A required parameter became optional; clients that send it are unaffected."
    )
    /// A request body became required (or appeared as required).
    public static let requestBodyBecameRequired = CompatRule(
        id: "request-body-became-required",
        level: .error,
        summary: "The request body is now required: clients that send none are rejected."
    )
    /// A required request body became optional.
    public static let requestBodyBecameOptional = CompatRule(
        id: "request-body-became-optional",
        level: .info,
        summary: "The request body became optional; clients that send one are unaffected."
    )
    /// An optional request body appeared.
    public static let requestBodyAdded = CompatRule(
        id: "request-body-added",
        level: .info,
        summary: "An optional request body was added; existing clients send none and still succeed."
    )
    /// The request body disappeared.
    public static let requestBodyRemoved = CompatRule(
        id: "request-body-removed",
        level: .warning,
        summary: "The request body was removed: clients that still send one have it ignored."
    )
    /// A request media type disappeared.
    public static let requestMediaTypeRemoved = CompatRule(
        id: "request-media-type-removed",
        level: .error,
        summary: "A request media type was removed: clients that send it get 415 Unsupported Media Type."
    )
    /// A new request media type.
    public static let requestMediaTypeAdded = CompatRule(
        id: "request-media-type-added",
        level: .info,
        summary: "A new request media type; existing clients keep sending the ones they used."
    )
}
