public import Diagnostics
public import Foundation
public import HTTP
public import OpenAPI
public import Suites

/// How a run goes: which server, with which credentials, how many suites at once, when to stop.
///
/// The CLI reads the command line and the environment once into this value; the runner reads nothing else.
public struct RunConfiguration: Sendable {
    /// The server's base URL, without a trailing `/` (`http://127.0.0.1:52814`).
    public var baseURL: String
    /// The server profile's name (`mock`, `sandbox`, or `url` for a URL given on the command line).
    public var serverName: String
    /// The client credentials sent as `X-Client-Id` and `X-Client-Secret`.
    public var credentials: ClientCredentials
    /// How many suites run at once.
    public var jobs: Int
    /// Only suites with at least one of these tags run (all when empty).
    public var includeTags: [String]
    /// Suites with any of these tags do not run.
    public var excludeTags: [String]
    /// Stop after the first failing step.
    public var failFast: Bool
    /// Stop after this many failing steps.
    public var maxFailures: Int?
    /// A step's total timeout unless it sets its own.
    public var defaultTimeout: Duration
    /// The process environment, for `{{ env.NAME }}`.
    public var environment: [String: String]
    /// This run's unique id, `{{ run.id }}`; it isolates the run's state on a shared server.
    public var runID: String
    /// When the run started.
    public var startedAt: Date
    /// The machine running it, recorded in the results; `nil` records none.
    public var hostname: String?
    /// Secret names and values; the credentials are registered by the runner.
    public var redactor: SecretRedactor
    /// The most body bytes kept per message in a result.
    public var bodyExcerptLimit: Int
    /// The HTTP client's configuration (limits, trust); timeouts are set per step.
    public var client: HTTPClientConfiguration
    /// meshcheck's version, recorded in results.
    public var toolVersion: String

    /// Creates a configuration with defaults for everything but the server.
    ///
    /// - Parameters:
    ///   - baseURL: The server's base URL.
    ///   - serverName: The profile's name.
    ///   - credentials: The client credentials.
    ///   - toolVersion: meshcheck's version.
    public init(baseURL: String, serverName: String, credentials: ClientCredentials, toolVersion: String = "dev") {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.serverName = serverName
        self.credentials = credentials
        self.jobs = max(1, ProcessInfo.processInfo.activeProcessorCount)
        self.includeTags = []
        self.excludeTags = []
        self.failFast = false
        self.maxFailures = nil
        self.defaultTimeout = .seconds(30)
        self.environment = [:]
        self.runID = Self.makeRunID()
        self.startedAt = Date()
        self.redactor = SecretRedactor()
        self.bodyExcerptLimit = 32 * 1024
        self.client = HTTPClientConfiguration()
        self.toolVersion = toolVersion
    }

    /// A new run id: `r` and ten random lower-case hex digits.
    ///
    /// - Returns: The id.
    public static func makeRunID() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() & 0xFF_FFFF_FFFF
        let hex = String(value, radix: 16)
        return "r" + String(repeating: "0", count: max(0, 10 - hex.count)) + hex
    }
}

/// What a run needs: lint-clean suites, the spec, and the configuration.
public struct RunPlan: Sendable {
    /// The suites, in the order their results are reported.
    public var suites: [Suite]
    /// The spec the checks use.
    public var document: OpenAPIDocument
    /// How to run.
    public var configuration: RunConfiguration

    /// Creates a plan.
    ///
    /// - Parameters:
    ///   - suites: Lint-clean suites.
    ///   - document: The spec.
    ///   - configuration: How to run.
    public init(suites: [Suite], document: OpenAPIDocument, configuration: RunConfiguration) {
        self.suites = suites
        self.document = document
        self.configuration = configuration
    }
}

/// What a run reports while it goes, for progress lines.
public enum RunEvent: Sendable {
    /// The run starts with this many steps planned (matrix cases counted).
    case started(plannedSteps: Int)
    /// A step (one matrix case) finished.
    case stepFinished(suite: String, step: CaseResult)
    /// A suite instance finished.
    case suiteFinished(SuiteResult)
}

/// Why a run could not be completed.
public enum RunError: Error, Sendable {
    /// No connection to the server could be made at all; `partial` holds what was recorded.
    case serverUnreachable(reason: String, partial: RunResult)
}

// MARK: - CustomStringConvertible, LocalizedError

extension RunError: CustomStringConvertible, LocalizedError {
    /// One lower-case line.
    public var description: String {
        switch self {
        case .serverUnreachable(let reason, let partial): "cannot reach \(partial.serverURL): \(reason)"
        }
    }

    /// The same text, so `localizedDescription` is useful on Linux too.
    public var errorDescription: String? { description }
}
