import Diagnostics
import Foundation
import JSON
import OpenAPI
import TestSupport
import Testing

/// Every example in Mesh's spec against its own schema; the ones that fail are spec defects, listed in a golden
/// file so a new defect (or a fixed one) shows up here rather than being hidden.
struct SpecExampleTests {
    /// Mesh's spec as the project ships it.
    static let meshSpec = SharedFixtures.repository(OpenAPIDocument.defaultSpecPath)
    static let github = SharedFixtures.shared("corpora/openapi/github/api.github.com.json")
    static let stripe = SharedFixtures.shared("corpora/openapi/stripe/spec3.yaml")
    static let needsMeshSpec = ConditionTrait.enabled(
        if: FileManager.default.fileExists(atPath: meshSpec.path),
        "suites/spec/mesh-integration-api.yaml is absent"
    )
    static let needsStripe = ConditionTrait.enabled(
        if: FileManager.default.fileExists(atPath: stripe.path),
        "../shared/corpora/openapi/stripe is absent"
    )
    static let needsGitHub = ConditionTrait.enabled(
        if: FileManager.default.fileExists(atPath: github.path),
        "../shared/corpora/openapi/github is absent"
    )

    @Test(needsMeshSpec)
    func meshExamplesMatchTheirSchemasExceptTheKnownDefects() async throws {
        let path = Self.meshSpec.path
        let (lines, examples) = try await offThePool { () -> ([String], Set<String>) in
            let document = try OpenAPILoader.load(try SpecSource.load(path: path))
            let findings = SpecLinter.exampleFindings(in: document)
            var lines: [String] = []
            for finding in findings {
                for violation in finding.violations {
                    lines.append(
                        "\(finding.examplePointer.uriFragment): \(violation) [\(violation.schemaPath.uriFragment)]"
                    )
                }
            }
            return (lines, Set(findings.map(\.examplePointer.uriFragment)))
        }
        try expectMatchesGolden(lines.joined(separator: "\n") + "\n", named: "mesh-example-defects.txt")
        print(
            "Mesh spec: \(examples.count) examples break their schema (\(lines.count) violations), listed in the golden"
        )
    }

    @Test(needsGitHub)
    func githubLintFinishes() async throws {
        let path = Self.github.path
        let findings = try await offThePool {
            SpecLinter.lint(try OpenAPILoader.load(try SpecSource.load(path: path)))
        }
        let errors = findings.filter { $0.severity == .error }.count
        print("GitHub lint: \(errors) errors, \(findings.count - errors) warnings")
        #expect(findings.allSatisfy { $0.location != nil })
        #expect(errors == 13)
    }

    @Test(needsStripe)
    func stripeLintFinishes() async throws {
        let path = Self.stripe.path
        let (document, findings) = try await offThePool {
            let document = try OpenAPILoader.load(try SpecSource.load(path: path))
            return (document, SpecLinter.lint(document))
        }
        let errors = findings.filter { $0.severity == .error }.count
        print("Stripe lint: \(errors) errors, \(findings.count - errors) warnings")
        #expect(document.operations.count == 468)
        #expect(errors == 0)
    }
}
