// MARK: - Request schemas

extension CompatRule {
    /// A new required property in something clients send.
    public static let requestRequiredPropertyAdded = CompatRule(
        id: "request-required-property-added",
        level: .error,
        summary: "A new required request property: existing clients do not send it and are rejected."
    )
    /// A new optional property in something clients send.
    public static let requestPropertyAdded = CompatRule(
        id: "request-property-added",
        level: .info,
        summary: "A new optional request property; existing clients do without it."
    )
    /// An optional request property became required.
    public static let requestPropertyBecameRequired = CompatRule(
        id: "request-property-became-required",
        level: .error,
        summary: "An optional request property became required: clients that omit it are rejected."
    )
    /// A required request property became optional.
    public static let requestPropertyBecameOptional = CompatRule(
        id: "request-property-became-optional",
        level: .info,
        summary: "A required request property became optional; clients that send it are unaffected."
    )
    /// A request property disappeared from a schema that still allows unknown properties.
    public static let requestPropertyRemoved = CompatRule(
        id: "request-property-removed",
        level: .warning,
        summary: "A request property was removed: clients that still send it have it ignored."
    )
    /// A request property disappeared from a schema that forbids unknown properties.
    public static let requestPropertyNowRejected = CompatRule(
        id: "request-property-now-rejected",
        level: .error,
        summary:
            "A request property was removed from a schema with additionalProperties: false: clients that still send "
            + "it are rejected."
    )
    /// The type of something clients send changed.
    public static let requestTypeChanged = CompatRule(
        id: "request-type-changed",
        level: .error,
        summary: "The type of a request value changed: values clients send today are rejected."
    )
    /// The format of something clients send changed, or appeared.
    public static let requestFormatChanged = CompatRule(
        id: "request-format-changed",
        level: .error,
        summary: "The format of a request value changed or was added: values valid before can be rejected."
    )
    /// Values clients may send were removed from an enum.
    public static let requestEnumValueRemoved = CompatRule(
        id: "request-enum-value-removed",
        level: .error,
        summary: "An enum value was removed from a request: clients that send it are rejected."
    )
    /// Values were added to an enum clients send.
    public static let requestEnumValueAdded = CompatRule(
        id: "request-enum-value-added",
        level: .info,
        summary: "An enum value was added to a request; existing clients keep sending the values they know."
    )
    /// A request value no longer accepts `null`.
    public static let requestPropertyNoLongerNullable = CompatRule(
        id: "request-property-no-longer-nullable",
        level: .error,
        summary: "A request value no longer accepts null: clients that send null are rejected."
    )
    /// A limit on request values became stricter (maxLength, maximum, pattern, …).
    public static let requestConstraintTightened = CompatRule(
        id: "request-constraint-tightened",
        level: .error,
        summary:
            "A request limit became stricter (maxLength, minimum, pattern, …): requests that were valid can be "
            + "rejected."
    )
    /// A limit on request values became looser.
    public static let requestConstraintRelaxed = CompatRule(
        id: "request-constraint-relaxed",
        level: .info,
        summary: "A request limit became looser; every request valid before is still valid."
    )
}

// MARK: - Responses

extension CompatRule {
    /// A success status disappeared.
    public static let responseSuccessStatusRemoved = CompatRule(
        id: "response-success-status-removed",
        level: .error,
        summary: "A success status was removed: clients that expect it treat the new answer as a failure."
    )
    /// A non-success status disappeared.
    public static let responseErrorStatusRemoved = CompatRule(
        id: "response-error-status-removed",
        level: .warning,
        summary:
            "An error status was removed: the condition may now come with another status, which clients that branch "
            + "on the old one do not recognise."
    )
    /// A new success status.
    public static let responseSuccessStatusAdded = CompatRule(
        id: "response-success-status-added",
        level: .warning,
        summary: "A new success status: clients that accept only the old one treat it as a failure."
    )
    /// A new non-success status.
    public static let responseStatusAdded = CompatRule(
        id: "response-status-added",
        level: .info,
        summary: "A new error status is documented; clients already handle unexpected errors generically."
    )
    /// A response media type disappeared.
    public static let responseMediaTypeRemoved = CompatRule(
        id: "response-media-type-removed",
        level: .error,
        summary: "A response media type was removed: clients that ask for or parse it no longer get it."
    )
    /// A new response media type.
    public static let responseMediaTypeAdded = CompatRule(
        id: "response-media-type-added",
        level: .info,
        summary: "A new response media type; clients keep asking for the ones they know."
    )
}

// MARK: - Response schemas

extension CompatRule {
    /// A required response property disappeared.
    public static let responseRequiredPropertyRemoved = CompatRule(
        id: "response-required-property-removed",
        level: .error,
        summary: "A required response property was removed: clients that read it fail."
    )
    /// An optional response property disappeared.
    public static let responseOptionalPropertyRemoved = CompatRule(
        id: "response-optional-property-removed",
        level: .warning,
        summary:
            "An optional response property was removed: clients already cope with its absence, but lose what it "
            + "carried."
    )
    /// A required response property became optional.
    public static let responsePropertyBecameOptional = CompatRule(
        id: "response-property-became-optional",
        level: .error,
        summary: "A required response property became optional: clients that rely on it fail when it is missing."
    )
    /// An optional response property became required.
    public static let responsePropertyBecameRequired = CompatRule(
        id: "response-property-became-required",
        level: .info,
        summary: "An optional response property is now always present; clients already handle it."
    )
    /// A new response property.
    public static let responsePropertyAdded = CompatRule(
        id: "response-property-added",
        level: .info,
        summary: "A new response property; clients that ignore unknown properties are unaffected."
    )
    /// A response value can now be `null`.
    public static let responsePropertyBecameNullable = CompatRule(
        id: "response-property-became-nullable",
        level: .warning,
        summary: "A response value can now be null: clients that use it without a null check fail."
    )
    /// The type of something clients read changed.
    public static let responseTypeChanged = CompatRule(
        id: "response-type-changed",
        level: .error,
        summary: "The type of a response value changed: clients that parse the old type fail."
    )
    /// The format of something clients read changed.
    public static let responseFormatChanged = CompatRule(
        id: "response-format-changed",
        level: .error,
        summary: "The format of a response value changed: clients that parse the old format fail."
    )
    /// Values were added to an enum clients read.
    public static let responseEnumValueAdded = CompatRule(
        id: "response-enum-value-added",
        level: .warning,
        summary:
            "An enum value was added to a response: clients that switch over the known values exhaustively (or "
            + "decode into a closed enum) meet one they do not know."
    )
    /// Values were removed from an enum clients read.
    public static let responseEnumValueRemoved = CompatRule(
        id: "response-enum-value-removed",
        level: .warning,
        summary:
            "An enum value was removed from a response: every response still parses, but clients that wait for or "
            + "branch on that value never see it again."
    )
    /// A limit on response values became looser.
    public static let responseConstraintRelaxed = CompatRule(
        id: "response-constraint-relaxed",
        level: .warning,
        summary:
            "A response limit became looser (maxLength, maximum, format, …): responses can carry values clients "
            + "built on the old limit do not expect."
    )
    /// A limit on response values became stricter.
    public static let responseConstraintTightened = CompatRule(
        id: "response-constraint-tightened",
        level: .info,
        summary: "A response limit became stricter; responses stay within what clients already accept."
    )
    /// Enum values changed only in letter case.
    public static let enumValuesRenamedByCase = CompatRule(
        id: "enum-values-renamed-by-case",
        level: .error,
        summary:
            "Enum values were renamed by letter case only (Robinhood to robinhood): values are case-sensitive, so "
            + "requests with the old spelling are rejected and clients matching responses on it miss them."
    )
}

// MARK: - Security and the catalogue

extension CompatRule {
    /// An operation needs credentials an existing client may not have.
    public static let securityRequirementAdded = CompatRule(
        id: "security-requirement-added",
        level: .error,
        summary: "An operation needs a credential (scheme or scope) that existing clients may not send: they get 401."
    )
    /// An operation accepts another way to authenticate.
    public static let securityAlternativeAdded = CompatRule(
        id: "security-alternative-added",
        level: .info,
        summary: "An operation accepts another way to authenticate; existing credentials still work."
    )
    /// A security scheme's definition changed (header name, type, scheme).
    public static let securitySchemeChanged = CompatRule(
        id: "security-scheme-changed",
        level: .error,
        summary: "A security scheme changed (type, header name or HTTP scheme): clients send credentials that no "
            + "longer count."
    )

    /// Every rule, in the order reports list them.
    public static let all: [CompatRule] = [
        operationRemoved, operationRemovedWithoutDeprecation, operationAdded, operationDeprecated,
        operationIDChanged, pathParameterRenamed,
        requestParameterRemoved, requestRequiredParameterAdded, requestParameterAdded,
        requestParameterBecameRequired, requestParameterBecameOptional,
        requestBodyBecameRequired, requestBodyBecameOptional, requestBodyAdded, requestBodyRemoved,
        requestMediaTypeRemoved, requestMediaTypeAdded,
        requestRequiredPropertyAdded, requestPropertyAdded, requestPropertyBecameRequired,
        requestPropertyBecameOptional, requestPropertyRemoved, requestPropertyNowRejected,
        requestTypeChanged, requestFormatChanged, enumValuesRenamedByCase, requestEnumValueRemoved,
        requestEnumValueAdded,
        requestPropertyNoLongerNullable, requestConstraintTightened, requestConstraintRelaxed,
        responseSuccessStatusRemoved, responseErrorStatusRemoved, responseSuccessStatusAdded, responseStatusAdded,
        responseMediaTypeRemoved, responseMediaTypeAdded,
        responseRequiredPropertyRemoved, responseOptionalPropertyRemoved, responsePropertyBecameOptional,
        responsePropertyBecameRequired, responsePropertyAdded, responsePropertyBecameNullable,
        responseTypeChanged, responseFormatChanged, responseEnumValueAdded, responseEnumValueRemoved,
        responseConstraintRelaxed, responseConstraintTightened,
        securityRequirementAdded, securityAlternativeAdded, securitySchemeChanged,
    ]
}
