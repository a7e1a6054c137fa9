public import Diagnostics

/// What release gating added to a run: the policy, the shard, baseline marks and the trend since earlier runs.
///
/// `meshcheck run` fills it when a gate option is given (`--baseline`, `--fail-on`, `--allow-failures`, `--shard`,
/// `--previous`); `meshcheck merge` combines the shards' records. It is saved in `results.json` under `gate`, so
/// `meshcheck report` renders the same badges and trend again. `docs/gating.md` explains each part.
public struct RunGate: Sendable, Equatable {
    /// Which failures fail the gate.
    public var policy: GatePolicy
    /// The part of the plan this run ran, when it was one shard of several.
    public var shard: ShardRecord?
    /// The run ids of the shards a merged result was made from, in shard order; empty for one run.
    public var mergedRuns: [String]
    /// The baseline file, when one was given.
    public var baselinePath: String?
    /// One mark per baseline entry that met the run: known, expired or fixed.
    public var marks: [BaselineMark]
    /// What changed since earlier runs, when `--previous` was given.
    public var trend: TrendRecord?

    /// Creates a record.
    ///
    /// - Parameters:
    ///   - policy: Which failures fail the gate.
    ///   - shard: The shard this run ran.
    ///   - mergedRuns: The shards' run ids, for a merged result.
    ///   - baselinePath: The baseline file.
    ///   - marks: The baseline marks.
    ///   - trend: The trend since earlier runs.
    public init(
        policy: GatePolicy = GatePolicy(),
        shard: ShardRecord? = nil,
        mergedRuns: [String] = [],
        baselinePath: String? = nil,
        marks: [BaselineMark] = [],
        trend: TrendRecord? = nil
    ) {
        self.policy = policy
        self.shard = shard
        self.mergedRuns = mergedRuns
        self.baselinePath = baselinePath
        self.marks = marks
        self.trend = trend
    }
}

/// Which failures fail the gate, and how many are allowed.
public struct GatePolicy: Sendable, Equatable {
    /// What counts against the gate.
    public enum FailOn: String, Sendable, Equatable, CaseIterable {
        /// Failures that no live baseline entry covers (and expired entries that still fail).
        case new
        /// Every failure, known ones included.
        case any
    }

    /// What counts against the gate.
    public var failOn: FailOn
    /// How many counted failures still pass (`--allow-failures`, default 0).
    public var allowedFailures: Int

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - failOn: What counts.
    ///   - allowedFailures: How many counted failures still pass.
    public init(failOn: FailOn = .new, allowedFailures: Int = 0) {
        self.failOn = failOn
        self.allowedFailures = allowedFailures
    }
}

/// One shard of a sharded run: which part, of how many, of which plan.
public struct ShardRecord: Sendable, Equatable {
    /// How suites were given to shards.
    public enum Strategy: String, Sendable, Equatable {
        /// A stable hash of each suite's id, modulo the shard count.
        case hash
        /// Longest first onto the least loaded shard, by durations recorded in a previous run.
        case durations
    }

    /// The shard, from 1.
    public var index: Int
    /// How many shards the plan was split into.
    public var count: Int
    /// How suites were assigned.
    public var strategy: Strategy
    /// A digest of the plan (suite ids in order, strategy, durations used); equal across the shards of one split.
    public var planDigest: String
    /// Every suite id of the whole plan, in plan order; the merge restores this order.
    public var plannedSuites: [String]

    /// Creates a record.
    ///
    /// - Parameters:
    ///   - index: The shard, from 1.
    ///   - count: How many shards.
    ///   - strategy: How suites were assigned.
    ///   - planDigest: The plan's digest.
    ///   - plannedSuites: Every suite id of the plan, in order.
    public init(index: Int, count: Int, strategy: Strategy, planDigest: String, plannedSuites: [String]) {
        self.index = index
        self.count = count
        self.strategy = strategy
        self.planDigest = planDigest
        self.plannedSuites = plannedSuites
    }
}

/// A step of a run, named so it can be found in another run: suite id, suite instance name, step name.
public struct StepKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The suite's id (its path, `#N` for a later document).
    public var suiteID: String
    /// The suite instance's name, with its matrix combination.
    public var suite: String
    /// The step's name, with its matrix combination.
    public var step: String

    /// Creates a key.
    ///
    /// - Parameters:
    ///   - suiteID: The suite's id.
    ///   - suite: The suite instance's name.
    ///   - step: The step's name.
    public init(suiteID: String, suite: String, step: String) {
        self.suiteID = suiteID
        self.suite = suite
        self.step = step
    }

    /// `Suite name › step name`.
    public var description: String { "\(suite) › \(step)" }

    /// Orders by suite id, suite name, then step name.
    public static func < (lhs: StepKey, rhs: StepKey) -> Bool {
        (lhs.suiteID, lhs.suite, lhs.step) < (rhs.suiteID, rhs.suite, rhs.step)
    }
}

/// A baseline entry as it met the run.
public struct BaselineMark: Sendable, Equatable {
    /// What the entry means for this run.
    public enum Status: String, Sendable, Equatable {
        /// The step fails as the entry says, and the entry is live: the failure does not fail the gate.
        case known
        /// The step fails as the entry says, but the entry's `expires` date has passed: the gate fails.
        case expired
        /// The step ran and no longer fails this check: the entry should be removed.
        case fixed
    }

    /// What the entry means for this run.
    public var status: Status
    /// The step the entry matched.
    public var key: StepKey
    /// The check id the entry names (`response-schema`, `expect.status`, `error:transport`).
    public var check: String
    /// Why the failure is accepted.
    public var reason: String
    /// Who owns the fix.
    public var owner: String
    /// The last day the entry is live, `YYYY-MM-DD`.
    public var expires: String
    /// A link to the issue, if given.
    public var issue: String?
    /// Where the entry is written in the baseline file.
    public var location: FileLocation

    /// Creates a mark.
    ///
    /// - Parameters:
    ///   - status: Known, expired or fixed.
    ///   - key: The step.
    ///   - check: The check id.
    ///   - reason: Why it is accepted.
    ///   - owner: Who owns it.
    ///   - expires: The last live day.
    ///   - issue: An issue link.
    ///   - location: Where the entry is written.
    public init(
        status: Status,
        key: StepKey,
        check: String,
        reason: String,
        owner: String,
        expires: String,
        issue: String?,
        location: FileLocation
    ) {
        self.status = status
        self.key = key
        self.check = check
        self.reason = reason
        self.owner = owner
        self.expires = expires
        self.issue = issue
        self.location = location
    }
}

/// What changed since earlier runs.
public struct TrendRecord: Sendable, Equatable {
    /// A step whose outcome is unstable, and why it is called so.
    public struct FlakyStep: Sendable, Equatable {
        /// The step.
        public var key: StepKey
        /// `passed on attempt 2 of 3` or `outcome changed 3 times in the last 5 runs`.
        public var reason: String

        /// Creates an entry.
        ///
        /// - Parameters:
        ///   - key: The step.
        ///   - reason: Why it is flaky.
        public init(key: StepKey, reason: String) {
            self.key = key
            self.reason = reason
        }
    }

    /// A step that got notably slower or faster.
    public struct DurationChange: Sendable, Equatable {
        /// The step.
        public var key: StepKey
        /// The median of its earlier durations, in milliseconds.
        public var previousMilliseconds: Double
        /// Its duration in this run, in milliseconds.
        public var currentMilliseconds: Double

        /// Creates an entry.
        ///
        /// - Parameters:
        ///   - key: The step.
        ///   - previousMilliseconds: The earlier median.
        ///   - currentMilliseconds: This run's duration.
        public init(key: StepKey, previousMilliseconds: Double, currentMilliseconds: Double) {
            self.key = key
            self.previousMilliseconds = previousMilliseconds
            self.currentMilliseconds = currentMilliseconds
        }
    }

    /// The earlier runs compared against, oldest first.
    public var previousRuns: [String]
    /// Steps that fail now and passed in the latest earlier run that had them (or are new and fail).
    public var newFailures: [StepKey]
    /// Steps that pass now and failed in the latest earlier run that had them.
    public var fixed: [StepKey]
    /// Steps that passed only on retry, or whose outcome kept changing.
    public var flaky: [FlakyStep]
    /// Steps whose duration changed by at least half and 100 ms against their earlier median, largest first.
    public var durationChanges: [DurationChange]

    /// Creates a record.
    ///
    /// - Parameters:
    ///   - previousRuns: The earlier runs' ids, oldest first.
    ///   - newFailures: Newly failing steps.
    ///   - fixed: Newly passing steps.
    ///   - flaky: Unstable steps.
    ///   - durationChanges: Notable duration changes.
    public init(
        previousRuns: [String],
        newFailures: [StepKey],
        fixed: [StepKey],
        flaky: [FlakyStep],
        durationChanges: [DurationChange]
    ) {
        self.previousRuns = previousRuns
        self.newFailures = newFailures
        self.fixed = fixed
        self.flaky = flaky
        self.durationChanges = durationChanges
    }
}
