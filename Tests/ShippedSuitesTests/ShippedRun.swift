import Foundation
import JSON
import MockServer
import OpenAPI
import TestSupport
import Testing

/// Runs shipped suites through the built `meshcheck` binary and reads what it wrote.
enum ShippedRun {
    static let clientID = "shipped-client-5b2e"
    static let clientSecret = "shipped-secret-Vq9/+=x"
    static let credentials = ["MESH_CLIENT_ID": clientID, "MESH_CLIENT_SECRET": clientSecret, "NO_COLOR": "1"]

    static let document: OpenAPIDocument? = {
        let path = SharedFixtures.repository(OpenAPIDocument.defaultSpecPath).path
        return (try? SpecSource.load(path: path)).flatMap { try? OpenAPILoader.load($0) }
    }()

    static func spec() throws -> OpenAPIDocument {
        try #require(document, "the Mesh spec did not load")
    }

    /// One step of results.json, flattened.
    struct Step: Sendable, CustomStringConvertible {
        var suite: String
        var name: String
        var operation: String?
        var outcome: String
        var status: Int?
        /// `check pointer` for each finding (`check` alone when the finding has no pointer).
        var findings: [String]

        var description: String { "\(suite) › \(name): \(outcome) \(findings)" }
    }

    /// What a run produced.
    struct Outcome: Sendable {
        var process: ProcessOutcome
        var results: JSONValue
        var steps: [Step]

        /// The steps of one suite instance, by step name.
        func steps(ofSuite suite: String) -> [String: Step] {
            Dictionary(
                steps.filter { $0.suite == suite }.map { ($0.name, $0) },
                uniquingKeysWith: { first, _ in first }
            )
        }

        /// Findings of every failed step, as `suite › step | check pointer`, sorted.
        var failures: [String] {
            steps.filter { $0.outcome == "failed" }.flatMap { step in
                step.findings.map { "\(step.suite) › \(step.name) | \($0)" }
            }.sorted()
        }
    }

    /// Runs `meshcheck run PATHS --server SERVER` and parses results.json.
    static func run(_ paths: [String], server: String?, jobs: Int = 2) async throws -> Outcome {
        let reports = try TemporaryDirectory()
        var arguments = ["run"] + paths + ["--out", reports.path, "--jobs", String(jobs)]
        if let server { arguments += ["--server", server] }
        let process = try await runMeshcheck(arguments, environment: credentials)
        let results = try JSONParser.parse(Array(try reports.contents(of: "results.json").utf8))
        var steps: [Step] = []
        for suite in results["suites"]?.arrayValue ?? [] {
            for step in suite["steps"]?.arrayValue ?? [] {
                let findings = (step["findings"]?.arrayValue ?? []).map { finding in
                    [finding["check"]?.stringValue, finding["pointer"]?.stringValue].compactMap(\.self)
                        .joined(separator: " ")
                }
                steps.append(
                    Step(
                        suite: suite["name"]?.stringValue ?? "",
                        name: step["name"]?.stringValue ?? "",
                        operation: step["operation"]?.stringValue,
                        outcome: step["outcome"]?.stringValue ?? "",
                        status: step["exchange"]?["response"]?["status"]?.intValue,
                        findings: findings
                    )
                )
            }
        }
        return Outcome(process: process, results: results, steps: steps)
    }
}
