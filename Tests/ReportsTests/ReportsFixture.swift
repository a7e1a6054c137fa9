import Diagnostics
import Foundation
import JSON
import OpenAPI
import Reports
import Runner
import Suites
import TestSupport
import Testing

/// Saved results, the Mesh spec, runs against a ``FakeMeshServer``, and reading reports the way CI tools do.
enum ReportsFixture {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("__Fixtures__")
    static let xunitSchema = SharedFixtures.shared("corpora/junit/xunit-junit-10.xsd")
    static let windyroadSchema = SharedFixtures.shared("corpora/junit/windyroad-JUnit.xsd")
    static let needsSchemas = ConditionTrait.enabled(
        if: ExternalTool.xmllint != nil && FileManager.default.fileExists(atPath: xunitSchema.path),
        "xmllint or ../shared/corpora/junit is absent"
    )

    /// `mixed-results.json`: 12 steps in 4 suite instances of 2 files (a matrix, a second document), every outcome,
    /// a schema finding with hostile text, a missing property, a transport error, a body that was not UTF-8.
    static func mixed() throws -> RunResult {
        try results(named: "mixed-results.json")
    }

    static func results(named name: String) throws -> RunResult {
        let url = fixtures.appendingPathComponent(name)
        return try ResultsDocument.read([UInt8](try Data(contentsOf: url)), path: name)
    }

    static let document: OpenAPIDocument? = {
        // Shown by its repository-relative path, so goldens do not depend on where the checkout lives.
        let url = SharedFixtures.repository(OpenAPIDocument.defaultSpecPath)
        guard let bytes = try? Data(contentsOf: url),
            let source = try? SpecSource.parse([UInt8](bytes), path: OpenAPIDocument.defaultSpecPath)
        else { return nil }
        return try? OpenAPILoader.load(source)
    }()

    static func spec() throws -> OpenAPIDocument {
        try #require(document, "the Mesh spec did not load")
    }

    /// Suites from YAML text, which must load and lint without errors.
    static func suites(_ text: String, file: String = "suites/hostile.yaml") throws -> [Suite] {
        var set = SuiteLoader.load(file: file, bytes: Array(text.utf8))
        let linter = SuiteLinter(document: try spec(), environment: nil)
        for suite in set.suites {
            set.diagnostics += linter.lint(suite)
        }
        let errors = set.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(set.rendered).joined(separator: "\n"))")
        return set.suites
    }

    /// Runs suites against a server, as `meshcheck run` does.
    static func run(_ suites: [Suite], against baseURL: String) async throws -> RunResult {
        var configuration = RunConfiguration(
            baseURL: baseURL,
            serverName: "fake",
            credentials: ClientCredentials(clientID: "client-id-7f3c9a", clientSecret: "sk_live_Zq81+/x=Secr3t")
        )
        configuration.jobs = 2
        configuration.defaultTimeout = .seconds(10)
        return try await SuiteRunner().run(RunPlan(suites: suites, document: try spec(), configuration: configuration))
    }

    /// A suite that reaches every route of the fake server: JSON answers, a 400, a plain-text 404, a matrix.
    static let everyRouteSuite = """
        name: Every route
        tags: [hostile]
        matrix: { brokerType: [robinhood, kraken] }
        variables:
          userId: "user-{{ run.instance }}"
        steps:
          - name: status
            request: { method: GET, path: /api/v1/status }
            expect: { status: 200 }
          - name: login
            request:
              method: POST
              path: /api/v1/authenticate
              query: { userId: "{{ userId }}" }
              json: { type: "{{ brokerType }}", username: Mesh, password: Pass123 }
            expect: { status: 200, json: { /content/status: mfaRequired } }
          - name: holdings
            request: { method: POST, path: /api/v1/holdings/get, json: { authToken: "tok-1234567", type: robinhood } }
            expect: { status: 400 }
          - name: no such route
            operation: none
            request: { method: GET, path: /nowhere }
            expect: { status: 404 }

        """

    /// The counts of a JUnit file as a CI parser reads them: junitparser when `.build/test-venv` has it (see
    /// `.ci/run`), else Python's `xml.etree`; `nil` (with a printed reason) without Python.
    static func parsedCounts(ofJUnitAt path: String) async throws -> JSONValue? {
        let venv = SharedFixtures.repository(".build/test-venv/bin/python").path
        let python = FileManager.default.isExecutableFile(atPath: venv) ? venv : ExternalTool.python
        guard let python else {
            print("JUnit parser check skipped: python3 is not installed")
            return nil
        }
        let script = fixtures.appendingPathComponent("junit_counts.py").path
        let outcome = try await ExternalTool.run(python, [script, path])
        #expect(outcome.status == 0, "\(outcome.error)")
        let value = try JSONParser.parse(outcome.output)
        print("JUnit parsed by \(value["parser"]?.stringValue ?? "?") (\(python))")
        return value
    }

    /// Checks a JUnit file against both schemas: Jenkins xUnit's fully, Ant's (windyroad) fully except for the
    /// attributes on `<testsuites>`, which that schema does not allow (and a copy without them must pass).
    static func expectValidJUnit(at path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        guard ExternalTool.xmllint != nil, FileManager.default.fileExists(atPath: xunitSchema.path) else {
            print("JUnit schema check skipped: xmllint (libxml2-utils) or ../shared/corpora/junit is absent")
            return
        }
        let xunit = try await ExternalTool.validate(path, against: xunitSchema)
        #expect(xunit.status == 0, "xunit-junit-10.xsd: \(xunit.messages)", sourceLocation: sourceLocation)
        let windyroad = try await ExternalTool.validate(path, against: windyroadSchema)
        let errors = windyroad.messages.split(separator: "\n").filter { $0.contains("validity error") }
        for error in errors {
            #expect(
                error.contains("Element 'testsuites', attribute '") && error.contains("is not allowed"),
                "windyroad-JUnit.xsd: \(error)",
                sourceLocation: sourceLocation
            )
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let start = text.range(of: "<testsuites "), let end = text[start.upperBound...].firstIndex(of: ">")
        else {
            Issue.record("no <testsuites> element", sourceLocation: sourceLocation)
            return
        }
        let stripped = String(text[..<start.lowerBound]) + "<testsuites" + String(text[end...])
        let folder = try TemporaryDirectory()
        let strippedPath = try folder.write("stripped.xml", stripped)
        let strict = try await ExternalTool.validate(strippedPath, against: windyroadSchema)
        #expect(
            strict.status == 0,
            "windyroad-JUnit.xsd without totals: \(strict.messages)",
            sourceLocation: sourceLocation
        )
    }
}
