import Foundation
import JSON
import OpenAPI
import TestSupport
import Testing

/// JSON-Schema-Test-Suite, draft 4: every required case and the optional ones (formats, bignum, ECMA-262 regex).
///
/// `refRemote.json` runs too: its `http://localhost:1234/` documents are read from the suite's `remotes/` folder by
/// the test's remote loader (meshcheck's OpenAPI loader itself refuses remote references).
struct JSONSchemaTestSuiteTests {
    static let corpus = SharedFixtures.corpus("json-schema-test-suite/draft4")
    static let optional = SharedFixtures.corpus("json-schema-test-suite/draft4/optional")
    static let formats = SharedFixtures.corpus("json-schema-test-suite/draft4/optional/format")
    static let remotes = SharedFixtures.corpus("json-schema-test-suite/remotes")
    static let needsCorpus = ConditionTrait.enabled(
        if: corpus.isPresent,
        "../shared/corpora/json-schema-test-suite is absent"
    )

    static var requiredFiles: [CorpusFile] { corpus.files().filter { $0.name.hasSuffix(".json") } }
    static var optionalFiles: [CorpusFile] {
        (optional.files() + formats.files()).filter { $0.name.hasSuffix(".json") }
    }

    /// The outcome of one file: passed and total case counts, and a line per failure.
    struct Outcome {
        var passed = 0
        var total = 0
        var failures: [String] = []
    }

    static func run(_ file: CorpusFile) throws -> Outcome {
        let groups = try JSONParser.parse(try file.bytes(), path: file.name)
        var outcome = Outcome()
        let remotesURL = remotes.url
        let loader: @Sendable (String) -> JSONValue? = { uri in
            let prefix = "http://localhost:1234/"
            guard uri.hasPrefix(prefix) else { return nil }
            let url = remotesURL.appendingPathComponent(String(uri.dropFirst(prefix.count)))
            guard let data = try? Data(contentsOf: url) else { return nil }
            return try? JSONParser.parse([UInt8](data))
        }
        for group in groups.arrayValue ?? [] {
            let schema = group["schema"] ?? .null
            let validator = SchemaValidator.compile(schema, remoteDocuments: loader).validator
            for test in group["tests"]?.arrayValue ?? [] {
                outcome.total += 1
                let data = test["data"] ?? .null
                let expected = test["valid"]?.boolValue ?? false
                let quick = validator.isValid(data)
                let violations = validator.validate(data)
                let description =
                    "\(group["description"]?.stringValue ?? "?") / \(test["description"]?.stringValue ?? "?")"
                if quick == expected && violations.isEmpty == expected {
                    outcome.passed += 1
                } else {
                    outcome.failures.append(
                        "\(file.name): \(description): expected \(expected ? "valid" : "invalid"), "
                            + "isValid \(quick), \(violations.count) violations"
                    )
                }
            }
        }
        return outcome
    }

    @Test(needsCorpus, arguments: requiredFiles)
    func required(file: CorpusFile) throws {
        let outcome = try Self.run(file)
        #expect(outcome.failures.isEmpty, "\(outcome.failures.joined(separator: "\n"))")
        #expect(outcome.total > 0)
    }

    @Test(needsCorpus)
    func corpusHasEveryRequiredCase() throws {
        #expect(Self.requiredFiles.count == 30)
        let total = try Self.requiredFiles.reduce(0) { $0 + (try Self.run($1)).total }
        #expect(total == 618)
    }

    @Test(needsCorpus)
    func printsConformanceCounts() throws {
        var required = Outcome()
        for file in Self.requiredFiles {
            let outcome = try Self.run(file)
            required.passed += outcome.passed
            required.total += outcome.total
        }
        var optional = Outcome()
        for file in Self.optionalFiles {
            let outcome = try Self.run(file)
            optional.passed += outcome.passed
            optional.total += outcome.total
            optional.failures += outcome.failures
        }
        print(
            "JSON-Schema-Test-Suite draft4: \(required.passed)/\(required.total) required, "
                + "\(optional.passed)/\(optional.total) optional"
        )
        for failure in optional.failures {
            print("  optional failure: \(failure)")
        }
        #expect(required.passed == 618)
        #expect(optional.total == 319)
        #expect(optional.passed == Self.expectedOptionalPasses)
    }

    /// Optional cases passed; every miss is printed above with its reason.
    static let expectedOptionalPasses = 319
}
