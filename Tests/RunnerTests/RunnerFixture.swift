import Diagnostics
import Foundation
import OpenAPI
import Runner
import Suites
import TestSupport
import Testing

/// The Mesh spec, suites from text, and runs against a ``FakeMeshServer``.
enum RunnerFixture {
    static let document: OpenAPIDocument? = {
        let path = SharedFixtures.repository(OpenAPIDocument.defaultSpecPath).path
        guard let source = try? SpecSource.load(path: path) else { return nil }
        return try? OpenAPILoader.load(source)
    }()

    static let clientID = "client-id-7f3c9a"
    static let clientSecret = "sk_live_Zq81+/x=Secr3t"

    static func spec() throws -> OpenAPIDocument {
        try #require(document, "the Mesh spec did not load")
    }

    /// Suites from YAML text, which must load and lint without errors.
    static func suites(_ text: String, file: String = "test.yaml", lint: Bool = true) throws -> [Suite] {
        var set = SuiteLoader.load(file: file, bytes: Array(text.utf8))
        if lint {
            let linter = SuiteLinter(document: try spec(), environment: nil)
            for suite in set.suites {
                set.diagnostics += linter.lint(suite)
            }
        }
        let errors = set.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(set.rendered).joined(separator: "\n"))")
        return set.suites
    }

    static func configuration(_ baseURL: String, jobs: Int = 2) -> RunConfiguration {
        var configuration = RunConfiguration(
            baseURL: baseURL,
            serverName: "test",
            credentials: ClientCredentials(clientID: clientID, clientSecret: clientSecret)
        )
        configuration.jobs = jobs
        configuration.defaultTimeout = .seconds(10)
        return configuration
    }

    static func run(
        _ suites: [Suite],
        against baseURL: String,
        configure: (inout RunConfiguration) -> Void = { _ in }
    ) async throws -> RunResult {
        var configuration = configuration(baseURL)
        configure(&configuration)
        return try await SuiteRunner().run(RunPlan(suites: suites, document: try spec(), configuration: configuration))
    }

    /// Every step of a result, in order.
    static func steps(_ result: RunResult) -> [CaseResult] {
        result.suites.flatMap(\.steps)
    }

    /// The example suite shipped in the repository.
    static func shippedSuite(_ path: String) throws -> String {
        try String(contentsOf: SharedFixtures.repository(path), encoding: .utf8)
    }
}
