public import Diagnostics

/// Which generated cases a suite asks for: a suite's `generate:` mapping (or `meshcheck run --generate`).
///
/// See ``SuiteGenerator`` for how the settings become steps, and `docs/suites.md` for the language.
public struct GenerationSettings: Sendable {
    /// How the generated steps are grouped into suite instances, each with its own setup and captures.
    public enum Isolation: String, Sendable, Hashable, CaseIterable {
        /// `operation`, except for `DELETE` operations, whose cases each get an instance of their own (each of
        /// their positive cases removes what the setup made).
        case auto
        /// Every generated step in this suite's one instance, after its own steps.
        case suite
        /// One instance per operation: setup, the suite's own steps, then that operation's cases.
        case operation
        /// One instance per case: setup and the suite's own steps run before every generated case.
        case perCase = "case"
    }

    /// One entry of `operations:` or `exclude:`.
    public struct Selection: Sendable {
        /// What the entry selects.
        public enum Selector: Sendable, Equatable {
            /// Every operation of the spec.
            case all
            /// `POST /api/v1/x` (the template as written, or a concrete path) or an operationId.
            case operation(String)
            /// Every operation with this tag.
            case tag(String)
        }

        /// What it selects.
        public var selector: Selector
        /// Where it is written.
        public var location: FileLocation

        /// Creates a selection.
        ///
        /// - Parameters:
        ///   - selector: What it selects.
        ///   - location: Where it is written.
        public init(_ selector: Selector, at location: FileLocation) {
            self.selector = selector
            self.location = location
        }
    }

    /// The kinds asked for, in the order cases are generated (negative before boundary).
    public var kinds: [GeneratedCaseKind]
    /// The operations; empty means all of them.
    public var operations: [Selection]
    /// Operations left out of ``operations``.
    public var excluded: [Selection]
    /// Steps of the suite whose requests are the base requests of their operations, instead of the spec's example.
    public var baseSteps: [(name: String, location: FileLocation)]
    /// Values set in every base request that has a parameter or a top-level body property of that name: the
    /// flow's values (`authToken: "{{ token }}"`).
    public var values: [StepRequest.Field]
    /// How steps are grouped into instances.
    public var isolation: Isolation
    /// Where a choice is made (a wrong type, a value outside an enum, a generated base body), the seed decides;
    /// 0 gives the documented default choices.
    public var seed: UInt64
    /// Where `generate:` is written; every generated step points here.
    public var location: FileLocation

    /// Settings that generate every kind for every operation.
    ///
    /// - Parameter location: Where the settings are written.
    public init(at location: FileLocation) {
        self.kinds = GeneratedCaseKind.allCases
        self.operations = []
        self.excluded = []
        self.baseSteps = []
        self.values = []
        self.isolation = .auto
        self.seed = 0
        self.location = location
    }
}

/// Whether a generated case breaks the spec on purpose or sits at the edge of what it allows.
public enum GeneratedCaseKind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The request breaks the spec in one way; the operation's declared 4xx must answer it.
    case negative
    /// The request is valid, at an edge of the spec (a length limit, each enum value, optional fields absent);
    /// a declared 2xx must answer it.
    case boundary

    /// Negative before boundary.
    public static func < (lhs: GeneratedCaseKind, rhs: GeneratedCaseKind) -> Bool {
        lhs == .negative && rhs == .boundary
    }

    /// Reads `negative,boundary` (or `all`) from the command line.
    ///
    /// - Parameter text: Kinds separated by commas.
    /// - Returns: The kinds in canonical order, or `nil` when a name is unknown or none is given.
    public static func list(parsing text: String) -> [GeneratedCaseKind]? {
        var kinds = Set<GeneratedCaseKind>()
        for part in text.split(separator: ",") {
            let name = part.trimmed(of: " ").lowercased()
            if name == "all" {
                kinds.formUnion(allCases)
            } else if let kind = GeneratedCaseKind(rawValue: name) {
                kinds.insert(kind)
            } else if name == "positive" {
                kinds.insert(.boundary)
            } else {
                return nil
            }
        }
        return kinds.isEmpty ? nil : kinds.sorted()
    }
}
