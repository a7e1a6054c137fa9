import Diagnostics
import Foundation
import JSON
import OpenAPI
import TestSupport
import Testing

/// Real specs load, and every schema in them compiles: Mesh's history, GitHub's, Stripe's, the OAI examples.
struct RealSpecTests {
    static let history = SharedFixtures.corpus("../spec/history")
    static let openAPI = SharedFixtures.corpus("openapi")
    static let needsHistory = ConditionTrait.enabled(if: history.isPresent, "../shared/spec/history is absent")
    static let needsOpenAPI = ConditionTrait.enabled(if: openAPI.isPresent, "../shared/corpora/openapi is absent")

    static func load(_ url: URL) throws -> OpenAPIDocument {
        try OpenAPILoader.load(try SpecSource.load(path: url.path))
    }

    @Test(needsHistory, arguments: history.files().filter { $0.name.hasSuffix(".json") })
    func meshHistoryLoads(file: CorpusFile) async throws {
        let url = file.url
        let document = try await offThePool { try Self.load(url) }
        let errors = document.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
        #expect(document.operations.count >= 30)
        #expect(document.schemaNames.count > 100)
        for name in document.schemaNames {
            #expect(document.schema(named: name) != nil)
        }
    }

    @Test func meshSpecLoadsWithPositions() throws {
        let document = try Self.load(SharedFixtures.repository(OpenAPIDocument.defaultSpecPath))
        #expect(document.diagnostics.filter { $0.severity == .error }.isEmpty, "\(document.diagnostics)")
        #expect(document.operations.count == 45)
        #expect(document.schemaNames.count == 240)
        let authenticate = try #require(document.operation(method: "POST", template: "/api/v1/authenticate"))
        #expect(document.location(of: authenticate.pointer)?.description.hasPrefix("\(document.path):") == true)
        let brokerType = try #require(document.schema(named: "BrokerType"))
        let violations = brokerType.validate("krakenPro", in: .response)
        #expect(
            violations.map(\.description) == [
                #"(root): "krakenPro" is not one of the 63 values of BrokerType (e.g. "kraken", "krakenDirect")"#
            ]
        )
        #expect(violations.first?.schemaLocation?.path == document.path)
    }

    @Test(
        needsOpenAPI,
        arguments: ["github/api.github.com.json", "github/api.github.com.derived.yaml", "stripe/spec3.yaml"]
            + Self.oaiExamples
    )
    func publicSpecLoads(relativePath: String) async throws {
        let url = Self.openAPI.url.appendingPathComponent(relativePath)
        let document = try await offThePool { try Self.load(url) }
        let errors = document.diagnostics.filter { $0.severity == .error }
        print(
            "\(relativePath): \(document.operations.count) operations, \(document.schemaPointers.count) schemas compiled, \(errors.count) errors"
        )
        for error in errors.prefix(20) { print("  \(error)") }
        #expect(!document.operations.isEmpty)
        #expect(errors.isEmpty)
        for name in document.schemaNames {
            #expect(document.schema(named: name) != nil)
        }
    }

    static let oaiExamples = [
        "oai-examples-3.0/api-with-examples.json", "oai-examples-3.0/callback-example.json",
        "oai-examples-3.0/link-example.json", "oai-examples-3.0/petstore-expanded.json",
        "oai-examples-3.0/petstore.json", "oai-examples-3.0/uspto.json", "oai-examples-3.0/api-with-examples.yaml",
        "oai-examples-3.0/callback-example.yaml", "oai-examples-3.0/link-example.yaml",
        "oai-examples-3.0/petstore-expanded.yaml", "oai-examples-3.0/petstore.yaml", "oai-examples-3.0/uspto.yaml",
    ]
}
