/// How much a change matters to clients built against the old spec.
///
/// Levels are ordered: `info < warning < error`, so `--fail-on warning` fails on warnings and errors.
public enum CompatLevel: Int, Sendable, Hashable, CaseIterable {
    /// Worth knowing; no existing client breaks.
    case info
    /// May break some clients (strict ones, generated ones, or ones relying on undocumented behaviour).
    case warning
    /// Breaks existing clients: requests they send are refused, or responses they read no longer fit.
    case error

    /// Reads a level's name (`error`, `warning`, `info`).
    ///
    /// - Parameter name: The name, lower-case.
    public init?(name: String) {
        guard let level = Self.allCases.first(where: { $0.description == name }) else { return nil }
        self = level
    }
}

// MARK: - Comparable

extension CompatLevel: Comparable {
    /// `info < warning < error`.
    public static func < (lhs: CompatLevel, rhs: CompatLevel) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

// MARK: - CustomStringConvertible

extension CompatLevel: CustomStringConvertible {
    /// `error`, `warning` or `info`.
    public var description: String {
        switch self {
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }
}
