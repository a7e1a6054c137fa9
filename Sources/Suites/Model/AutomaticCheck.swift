public import Diagnostics

/// A check the runner applies to every exchange without being asked, named so a suite can switch it off.
public enum AutomaticCheck: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The response status is declared for the operation (a code, a range such as `4XX`, or `default`).
    case statusDeclared = "status-declared"
    /// The response `Content-Type` is one the spec declares for that status; no body where none is declared.
    case contentTypeDeclared = "content-type-declared"
    /// The response body satisfies the declared schema (or the step's `expect.schema`).
    case responseSchema = "response-schema"
    /// A JSON response parses strictly: valid UTF-8, no syntax errors, no duplicate keys.
    case jsonWellFormed = "json-well-formed"
    /// A 400 whose JSON body has an `errorType` member carries a non-empty one (Mesh's `ApiResult`).
    case meshErrorType = "mesh-error-type"
    /// An error status (4xx, 5xx) never carries the envelope `status: ok`; a 200 may carry a non-ok envelope.
    case meshEnvelopeStatus = "mesh-envelope-status"
    /// The status is not 5xx, unless the step expects that status explicitly.
    case notServerError = "not-server-error"
    /// The request meets the spec: required parameters, parameter and body schemas, declared media type,
    /// credentials. Off for steps marked `negative: true`.
    case requestConforms = "request-conforms"

    /// Orders checks as declared.
    public static func < (lhs: AutomaticCheck, rhs: AutomaticCheck) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// Which automatic checks a suite or step switches off (each with its reason) or back on.
public struct CheckSettings: Sendable, Equatable {
    /// Checks switched off, with the reason given.
    public var disabled: [AutomaticCheck: String]
    /// Checks switched back on (a step re-enabling what its suite switched off).
    public var enabled: Set<AutomaticCheck>

    /// Creates settings.
    ///
    /// - Parameters:
    ///   - disabled: Checks switched off, with reasons.
    ///   - enabled: Checks switched back on.
    public init(disabled: [AutomaticCheck: String] = [:], enabled: Set<AutomaticCheck> = []) {
        self.disabled = disabled
        self.enabled = enabled
    }

    /// The settings of a step applied over its suite's: the step's word wins.
    ///
    /// - Parameter step: The step's settings.
    /// - Returns: The combined settings.
    public func overridden(by step: CheckSettings) -> CheckSettings {
        var result = self
        for check in step.enabled {
            result.disabled[check] = nil
            result.enabled.insert(check)
        }
        for (check, reason) in step.disabled {
            result.disabled[check] = reason
            result.enabled.remove(check)
        }
        return result
    }
}

/// A reason not to run a suite or step, optionally only against some servers.
public struct SkipRule: Sendable, Equatable {
    /// Why, as shown in reports.
    public var reason: String
    /// The server profiles it applies to; empty means every server.
    public var servers: [String]
    /// Where it is written.
    public var location: FileLocation

    /// Creates a rule.
    ///
    /// - Parameters:
    ///   - reason: Why.
    ///   - servers: The profiles it applies to; empty for all.
    ///   - location: Where it is written.
    public init(reason: String, servers: [String] = [], at location: FileLocation) {
        self.reason = reason
        self.servers = servers
        self.location = location
    }

    /// Whether the rule applies when running against `server`.
    ///
    /// - Parameter server: The server profile's name (`mock`, `sandbox`, or `url` for a URL).
    /// - Returns: `true` when the suite or step is skipped.
    public func applies(toServer server: String) -> Bool {
        servers.isEmpty || servers.contains(server)
    }
}

/// A `matrix:`: a suite or step runs once per combination of the named values.
public struct SuiteMatrix: Sendable {
    /// Where a dimension's values come from.
    public enum Values: Sendable {
        /// Values listed in the suite.
        case list([TemplatedValue])
        /// The `enum` of a schema in the spec (`{ enum: BrokerType }`), so a new value is tested the day it
        /// appears.
        case schemaEnum(String)
    }

    /// One named dimension.
    public struct Dimension: Sendable {
        /// The variable name.
        public var name: String
        /// Its values.
        public var values: Values
        /// Where it is written.
        public var location: FileLocation

        /// Creates a dimension.
        ///
        /// - Parameters:
        ///   - name: The variable name.
        ///   - values: Its values.
        ///   - location: Where it is written.
        public init(name: String, values: Values, at location: FileLocation) {
            self.name = name
            self.values = values
            self.location = location
        }
    }

    /// The dimensions, in order; the first varies slowest.
    public var dimensions: [Dimension]
    /// Where the matrix is written.
    public var location: FileLocation

    /// Creates a matrix.
    ///
    /// - Parameters:
    ///   - dimensions: The dimensions.
    ///   - location: Where it is written.
    public init(dimensions: [Dimension], at location: FileLocation) {
        self.dimensions = dimensions
        self.location = location
    }
}
