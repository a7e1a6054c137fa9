public import Diagnostics
import JSON
import YAML

/// What a step sends: method, templated path, query, headers, body, timeout, retries and credentials.
public struct StepRequest: Sendable {
    /// A query parameter or header: a name and a templated value (a list sends the name once per element).
    public struct Field: Sendable {
        /// The name.
        public var name: String
        /// The value.
        public var value: TemplatedValue
        /// Where the field is written.
        public var location: FileLocation

        /// Creates a field.
        ///
        /// - Parameters:
        ///   - name: The name.
        ///   - value: The value.
        ///   - location: Where it is written.
        public init(name: String, value: TemplatedValue, at location: FileLocation) {
            self.name = name
            self.value = value
            self.location = location
        }
    }

    /// The body.
    public enum Body: Sendable {
        /// A JSON value, sent as `application/json` unless `contentType` says otherwise.
        case json(TemplatedValue)
        /// Text sent as it is.
        case raw(TemplateString)
    }

    /// Which client credentials go with the request.
    public enum Credentials: Sendable, Equatable {
        /// The server profile's `X-Client-Id` and `X-Client-Secret`.
        case profile
        /// No credential headers at all.
        case none
        /// The profile's, with either or both replaced (`nil` keeps the profile's).
        case override(clientID: TemplateString?, clientSecret: TemplateString?)
    }

    /// When a failed attempt is repeated.
    public struct RetryPolicy: Sendable, Equatable {
        /// Extra attempts after the first.
        public var count: Int
        /// Statuses that are retried too; transport errors always are.
        public var statuses: [Int]
        /// The pause before each retry.
        public var delay: Duration

        /// Creates a policy.
        ///
        /// - Parameters:
        ///   - count: Extra attempts.
        ///   - statuses: Statuses retried as well as transport errors.
        ///   - delay: The pause before a retry.
        public init(count: Int = 0, statuses: [Int] = [], delay: Duration = .milliseconds(200)) {
            self.count = count
            self.statuses = statuses
            self.delay = delay
        }
    }

    /// The method, upper case; `nil` when the step's `operation` supplies it.
    public var method: String?
    /// The path, templated; `nil` when the step's `operation` supplies it.
    public var path: LocatedTemplate?
    /// Query parameters in order.
    public var query: [Field]
    /// Header fields in order.
    public var headers: [Field]
    /// The body, if any.
    public var body: Body?
    /// Where the body is written.
    public var bodyLocation: FileLocation?
    /// The body's media type when given (`contentType:`).
    public var contentType: String?
    /// The step's own total timeout.
    public var timeout: Duration?
    /// Retries.
    public var retries: RetryPolicy
    /// Which credentials are sent.
    public var credentials: Credentials
    /// Where the request is written.
    public var location: FileLocation
    /// The body as written, to locate lint findings inside it.
    var bodyNode: YAMLNode?

    /// Creates an empty request at `location`.
    ///
    /// - Parameter location: Where the request is written.
    public init(at location: FileLocation) {
        self.method = nil
        self.path = nil
        self.query = []
        self.headers = []
        self.body = nil
        self.bodyLocation = nil
        self.contentType = nil
        self.timeout = nil
        self.retries = RetryPolicy()
        self.credentials = .profile
        self.location = location
    }

    /// The media type the body is sent with.
    public var effectiveContentType: String? {
        if let contentType { return contentType }
        switch body {
        case .json: return "application/json"
        case .raw: return "text/plain; charset=utf-8"
        case nil: return nil
        }
    }

    /// Every template expression the request reads.
    public var expressions: [TemplateExpression] {
        var all = path?.template.expressions ?? []
        for field in query + headers {
            all += field.value.expressions
        }
        switch body {
        case .json(let value): all += value.expressions
        case .raw(let text): all += text.expressions
        case nil: break
        }
        if case .override(let id, let secret) = credentials {
            all += (id?.expressions ?? []) + (secret?.expressions ?? [])
        }
        return all
    }
}
