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
    func loadsAndMatchesItsJSONTwin(file: String) throws {
        let url = Self.corpus.url.appendingPathComponent(file)
        let documents = try YAMLLoader.load([UInt8](try Data(contentsOf: url)), path: file)
        try #require(documents.count == 1)
        #expect(documents[0].value["openapi"] != nil || documents[0].value["id"] != nil)
        var twin = url.deletingPathExtension().appendingPathExtension("json")
        if file.hasSuffix(".derived.yaml") {
            twin = url.deletingPathExtension().deletingPathExtension().appendingPathExtension("json")
        }
        guard FileManager.default.fileExists(atPath: twin.path) else { return }
        let expected = try JSONParser.parse([UInt8](try Data(contentsOf: twin)))
        #expect(documents[0].value == expected)
    }

    @Test(needsCorpus)
    func corpusHasEveryYAMLFile() {
        #expect(Self.yamlFiles.count == 9)
        #expect(Self.yamlFiles.contains("stripe/spec3.yaml"))
    }

    @Test(needsCorpus)
    func jsonFilesLoadAsYAMLToTheSameValue() throws {
        let files = ["github/api.github.com.json", "oai-examples-3.0/petstore.json", "oai-examples-3.0/uspto.json"]
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: Self.corpus.url.appendingPathComponent(file)))
            let documents = try YAMLLoader.load(bytes, path: file)
            #expect(documents.map(\.value) == [try JSONParser.parse(bytes)], "\(file)")
        }
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
