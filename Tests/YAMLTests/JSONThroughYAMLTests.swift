import JSON
import TestSupport
import Testing
import YAML

/// JSON is YAML 1.2: every document JSONTestSuite says to accept loads through the YAML loader to the value the
/// JSON parser gives, and both reject the same two files for their duplicate keys.
struct JSONThroughYAMLTests {
    static let corpus = SharedFixtures.corpus("json-test-suite/test_parsing")
    static let needsCorpus = ConditionTrait.enabled(
        if: corpus.isPresent,
        "../shared/corpora/json-test-suite is absent"
    )
    static let duplicateKeyFiles = ["y_object_duplicated_key.json", "y_object_duplicated_key_and_value.json"]

    @Test(needsCorpus, arguments: corpus.files(withPrefix: "y_"))
    func acceptedJSONLoadsToTheSameValue(file: CorpusFile) throws {
        let bytes = try file.bytes()
        if Self.duplicateKeyFiles.contains(file.name) {
            #expect(throws: YAMLError.self) { try YAMLLoader.load(bytes, path: file.name) }
            return
        }
        let documents = try YAMLLoader.load(bytes, path: file.name)
        #expect(documents.map(\.value) == [try JSONParser.parse(bytes)])
    }

    @Test(needsCorpus)
    func corpusHasEveryMustAcceptCase() {
        #expect(Self.corpus.files(withPrefix: "y_").count == 95)
    }
}
