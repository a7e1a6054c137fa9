import Diagnostics
import Foundation
import HTTP
import OpenAPI
import Reports
import Runner
import Suites
import TestSupport
import Testing

/// Runs a suite in process as `meshcheck run` does, writes its reports, and checks them the way CI tools read them.
enum HostileRun {
    static let xunitSchema = SharedFixtures.shared("corpora/junit/xunit-junit-10.xsd")
    static let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static let document: OpenAPIDocument? = {
        let url = SharedFixtures.repository(OpenAPIDocument.defaultSpecPath)
        guard let bytes = try? Data(contentsOf: url),
            let source = try? SpecSource.parse([UInt8](bytes), path: OpenAPIDocument.defaultSpecPath)
        else { return nil }
        return try? OpenAPILoader.load(source)
    }()

    static func spec() throws -> OpenAPIDocument {
        try #require(document, "the Mesh spec did not load")
    }

    /// Loads `text` (which must lint clean) and runs it against `baseURL` with `timeout` per step.
    static func run(
        _ text: String,
        against baseURL: String,
        timeout: Duration,
        redirects: HTTPRedirectPolicy = .none
    ) async throws -> RunResult {
        var set = SuiteLoader.load(file: "suites/hostile.yaml", bytes: Array(text.utf8))
        let linter = SuiteLinter(document: try spec(), environment: nil)
        for suite in set.suites {
            set.diagnostics += linter.lint(suite)
        }
        let errors = set.diagnostics.filter { $0.severity == .error }
        try #require(errors.isEmpty, "\(errors.map(set.rendered).joined(separator: "\n"))")
        var configuration = RunConfiguration(
            baseURL: baseURL,
            serverName: "hostile",
            credentials: ClientCredentials(clientID: "hostile-client-id", clientSecret: "hostile-client-secret")
        )
        configuration.jobs = 1
        configuration.defaultTimeout = timeout
        configuration.client.redirects = redirects
        return try await SuiteRunner().run(
            RunPlan(suites: set.suites, document: try spec(), configuration: configuration)
        )
    }

    /// results.json, junit.xml and index.html in `folder`.
    static func writeReports(_ result: RunResult, to folder: String) throws -> [(format: ReportFormat, path: String)] {
        let set = ReportSet(
            formats: ReportFormat.allCases,
            folder: folder,
            junit: JUnitXMLWriter(hostname: "test-host"),
            html: HTMLReportWriter(coverage: SpecCoverage(document: try spec(), result: result))
        )
        return try set.write(result)
    }

    /// `xmllint --noout --schema xunit-junit-10.xsd FILE` passes; skipped (with a line saying so) without xmllint or
    /// the shared schemas.
    static func expectValidJUnit(at path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        guard let xmllint, FileManager.default.fileExists(atPath: xunitSchema.path) else {
            print("JUnit schema check skipped: xmllint (libxml2-utils) or ../shared/corpora/junit is absent")
            return
        }
        let outcome = try await ChildProcess.run(xmllint, ["--noout", "--schema", xunitSchema.path, path])
        #expect(outcome.exitCode == 0, "xmllint: \(outcome.stderr)", sourceLocation: sourceLocation)
    }
}
