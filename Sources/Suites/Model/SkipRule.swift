public import Diagnostics

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
