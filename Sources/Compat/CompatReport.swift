/// What changed between two spec versions, for clients of the old one.
public struct CompatReport: Sendable {
    /// One of the two specs, as reports name it.
    public struct SpecSummary: Sendable, Hashable {
        /// The path given on the command line.
        public var path: String
        /// `info.title`.
        public var title: String
        /// `info.version`.
        public var version: String
        /// How many operations it has.
        public var operationCount: Int

        /// Creates a summary.
        ///
        /// - Parameters:
        ///   - path: The path.
        ///   - title: The title.
        ///   - version: The version.
        ///   - operationCount: The number of operations.
        public init(path: String, title: String, version: String, operationCount: Int) {
            self.path = path
            self.title = title
            self.version = version
            self.operationCount = operationCount
        }
    }

    /// The old spec.
    public var old: SpecSummary
    /// The new spec.
    public var new: SpecSummary
    /// Every change, errors first, then by operation, rule and position.
    public var changes: [CompatChange]

    /// Creates a report.
    ///
    /// - Parameters:
    ///   - old: The old spec.
    ///   - new: The new spec.
    ///   - changes: The changes, in report order.
    public init(old: SpecSummary, new: SpecSummary, changes: [CompatChange]) {
        self.old = old
        self.new = new
        self.changes = changes
    }

    /// How many changes have `level`.
    ///
    /// - Parameter level: The level.
    /// - Returns: The count.
    public func count(of level: CompatLevel) -> Int {
        changes.reduce(0) { $0 + ($1.level == level ? 1 : 0) }
    }

    /// The changes at `level` or above: what `--fail-on level` fails on.
    ///
    /// - Parameter level: The threshold.
    /// - Returns: The changes, in report order.
    public func changes(atOrAbove level: CompatLevel) -> [CompatChange] {
        changes.filter { $0.level >= level }
    }

    /// `2 errors, 1 warning, 14 info`.
    public var countsDescription: String {
        let errors = count(of: .error)
        let warnings = count(of: .warning)
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"), "
            + "\(count(of: .info)) info"
    }
}
