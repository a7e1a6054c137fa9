import TestSupport
import Testing
import YAML

/// The official YAML test suite (`../shared/corpora/yaml-test-suite`): every `in.json` case must load to equal
/// values and every `error` case must be rejected, except the known failures listed with their reasons.
struct YAMLTestSuiteTests {
    static let corpus = SharedFixtures.corpus("yaml-test-suite/cases")
    static let needsCorpus = ConditionTrait.enabled(
        if: corpus.isPresent,
        "../shared/corpora/yaml-test-suite is absent"
    )
    static let cases = corpus.subfolders.map(YAMLSuiteCase.init(folder:))

    @Test(needsCorpus, arguments: cases.filter { $0.expectation != .other })
    func caseBehavesAsTheSuiteSays(_ suiteCase: YAMLSuiteCase) {
        let failure = suiteCase.failure()
        if let known = YAMLTestSuiteKnownFailures.reasons[suiteCase.id] {
            #expect(failure != nil, "\(suiteCase.id) now passes; remove it from the known failures (\(known))")
        } else {
            #expect(failure == nil, "\(suiteCase.id): \(failure ?? "")")
        }
    }

    /// The parser's events equal `test.event` for every case that is not an error, including the 29 cases whose
    /// complex keys JSON cannot hold.
    @Test(needsCorpus, arguments: cases.filter { $0.expectation != .error })
    func eventsMatchTheSuite(_ suiteCase: YAMLSuiteCase) throws {
        let expected = try String(decoding: suiteCase.folder.child("test.event").bytes(), as: UTF8.self)
        let actual = try YAMLEventStream.lines(of: try suiteCase.folder.child("in.yaml").bytes())
        #expect(actual.joined(separator: "\n") + "\n" == expected)
    }

    @Test(needsCorpus)
    func conformanceMeetsTheBarAndKnownFailuresAreExact() {
        var jsonPassed = 0
        var jsonTotal = 0
        var errorsRejected = 0
        var errorTotal = 0
        var failing: Set<String> = []
        for suiteCase in Self.cases {
            let passed: Bool
            switch suiteCase.expectation {
            case .json:
                jsonTotal += 1
                passed = suiteCase.failure() == nil
                if passed { jsonPassed += 1 }
            case .error:
                errorTotal += 1
                passed = suiteCase.failure() == nil
                if passed { errorsRejected += 1 }
            case .other:
                continue
            }
            if !passed { failing.insert(suiteCase.id) }
        }
        print(
            "yaml-test-suite: \(jsonPassed)/\(jsonTotal) in.json cases equal, \(errorsRejected)/\(errorTotal) error cases rejected"
        )
        #expect(jsonPassed >= 265)
        #expect(errorsRejected >= 88)
        let known = Set(YAMLTestSuiteKnownFailures.reasons.keys)
        #expect(failing.subtracting(known).sorted() == [], "new failures")
        #expect(known.subtracting(failing).sorted() == [], "fixed; remove from the known failures")
    }

    @Test(needsCorpus)
    func corpusHasEveryCase() {
        #expect(Self.cases.count == 402)
        #expect(Self.cases.filter { $0.expectation == .json }.count == 279)
        #expect(Self.cases.filter { $0.expectation == .error }.count == 94)
    }
}
