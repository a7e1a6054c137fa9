/// A `components/securitySchemes` entry.
public struct OpenAPISecurityScheme: Sendable, Hashable {
    /// What kind of credential it is.
    public enum Kind: Sendable, Hashable {
        /// An API key in a header, query parameter or cookie.
        case apiKey(name: String, location: OpenAPIParameter.Location)
        /// HTTP authentication: `bearer` or `basic` (lower-cased), with an optional bearer format.
        case http(scheme: String, bearerFormat: String?)
        /// OAuth 2 (flows are not modelled).
        case oauth2
        /// OpenID Connect discovery.
        case openIDConnect(url: String)
    }

    /// The key in `securitySchemes`.
    public var name: String
    /// The kind.
    public var kind: Kind
    /// The description.
    public var description: String?

    /// Creates a scheme.
    ///
    /// - Parameters:
    ///   - name: The key.
    ///   - kind: The kind.
    ///   - description: The description.
    public init(name: String, kind: Kind, description: String?) {
        self.name = name
        self.kind = kind
        self.description = description
    }
}

/// One entry of a `security` list: every named scheme must be satisfied together.
public struct OpenAPISecurityRequirement: Sendable, Hashable {
    /// One scheme of the requirement, with its scopes.
    public struct Entry: Sendable, Hashable {
        /// The scheme's key.
        public var scheme: String
        /// The OAuth scopes (empty for other kinds).
        public var scopes: [String]

        /// Creates an entry.
        ///
        /// - Parameters:
        ///   - scheme: The scheme's key.
        ///   - scopes: The scopes.
        public init(scheme: String, scopes: [String]) {
            self.scheme = scheme
            self.scopes = scopes
        }
    }

    /// The schemes, in order; empty means "no authentication" (`{}`).
    public var entries: [Entry]

    /// Creates a requirement.
    ///
    /// - Parameter entries: The schemes.
    public init(entries: [Entry]) {
        self.entries = entries
    }
}
