import Diagnostics
import Foundation
import JSON
import TestSupport
import Testing
import YAML

/// Real OpenAPI documents: every YAML loads, and gives the same JSON as its `.json` twin where there is one.
struct OpenAPICorpusTests {
    static let corpus = SharedFixtures.corpus("openapi")
    static let needsCorpus = ConditionTrait.enabled(if: corpus.isPresent, "../shared/corpora/openapi is absent")

    /// Every `.yaml` file under the corpus, by path below it.
    static let yamlFiles: [String] = {
        guard let enumerator = FileManager.default.enumerator(atPath: corpus.url.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test(needsCorpus, arguments: yamlFiles)
    func loadsAndMatchesItsJSONTwin(file: String) async throws {
        let url = Self.corpus.url.appendingPathComponent(file)
        // Off the pool: Stripe's 4.2 MB file holds a thread for a second or more.
        let (values, twinValue) = try await offThePool { () -> ([JSONValue], JSONValue?) in
            let documents = try YAMLLoader.load([UInt8](try Data(contentsOf: url)), path: file)
            var twin = url.deletingPathExtension().appendingPathExtension("json")
            if file.hasSuffix(".derived.yaml") {
                twin = url.deletingPathExtension().deletingPathExtension().appendingPathExtension("json")
            }
            guard FileManager.default.fileExists(atPath: twin.path) else { return (documents.map(\.value), nil) }
            return (documents.map(\.value), try JSONParser.parse([UInt8](try Data(contentsOf: twin))))
        }
        try #require(values.count == 1)
        #expect(values[0]["openapi"] != nil || values[0]["id"] != nil)
        if let twinValue {
            #expect(values[0] == twinValue)
        }
    }

    @Test(needsCorpus)
    func corpusHasEveryYAMLFile() {
        #expect(Self.yamlFiles.count == 9)
        #expect(Self.yamlFiles.contains("stripe/spec3.yaml"))
    }

    @Test(needsCorpus)
    func jsonFilesLoadAsYAMLToTheSameValue() async throws {
        let files = ["github/api.github.com.json", "oai-examples-3.0/petstore.json", "oai-examples-3.0/uspto.json"]
        let folder = Self.corpus.url
        let different = try await offThePool {
            try files.filter { file in
                let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
                return try YAMLLoader.load(bytes, path: file).map(\.value) != [try JSONParser.parse(bytes)]
            }
        }
        #expect(different.isEmpty, "loaded as YAML to another value than as JSON: \(different)")
    }

    @Test func meshSpecLoadsWithPositions() throws {
        let url = SharedFixtures.repository("suites/spec/mesh-integration-api.yaml")
        let path = "suites/spec/mesh-integration-api.yaml"
        let documents = try YAMLLoader.load([UInt8](try Data(contentsOf: url)), path: path)
        try #require(documents.count == 1)
        let document = documents[0]
        #expect(document.value["openapi"] == "3.0.1")
        #expect(document.warnings.isEmpty)
        let pointer = try JSONPointer(parsing: "/paths/~1api~1v1~1account~1verify/post")
        #expect(document.value.value(at: pointer) != nil)
        #expect(document.location(of: pointer) == FileLocation(path: path, line: 24, column: 7))
    }
}
