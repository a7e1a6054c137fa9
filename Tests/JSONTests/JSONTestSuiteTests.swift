import JSON
import TestSupport
import Testing

/// nst/JSONTestSuite: every `y_` file accepted, every `n_` file rejected, every `i_` file handled without a crash.
///
/// RFC 8259 allows duplicate object keys (it says they SHOULD be unique), so the suite runs with duplicates
/// allowed; meshcheck's default rejects them on purpose, which a separate test pins to exactly the two `y_` files.
struct JSONTestSuiteTests {
    static let rfc8259 = JSONParser.Options(allowsDuplicateKeys: true)
    static let corpus = SharedFixtures.corpus("json-test-suite/test_parsing")
    static let needsCorpus = ConditionTrait.enabled(
        if: corpus.isPresent,
        "../shared/corpora/json-test-suite is absent"
    )

    @Test(needsCorpus, arguments: corpus.files(withPrefix: "y_"))
    func accepts(file: CorpusFile) throws {
        _ = try JSONParser.parse(try file.bytes(), path: file.name, options: Self.rfc8259)
    }

    @Test(needsCorpus, arguments: corpus.files(withPrefix: "n_"))
    func rejects(file: CorpusFile) throws {
        #expect(throws: JSONError.self) {
            try JSONParser.parse(try file.bytes(), path: file.name, options: Self.rfc8259)
        }
        #expect(throws: JSONError.self) { try JSONParser.parse(try file.bytes(), path: file.name) }
    }

    /// Implementation-defined cases: parsed or rejected, never a crash; what we do is pinned in ``implementationDefined``.
    @Test(needsCorpus, arguments: corpus.files(withPrefix: "i_"))
    func decidesImplementationDefined(file: CorpusFile) throws {
        let accepted = (try? JSONParser.parse(try file.bytes(), path: file.name, options: Self.rfc8259)) != nil
        guard let expected = Self.implementationDefined[file.name] else {
            Issue.record("no decision recorded for \(file.name)")
            return
        }
        #expect(accepted == expected, "\(file.name): accepted \(accepted)")
    }

    @Test(needsCorpus)
    func strictModeRejectsOnlyTheDuplicateKeyFiles() {
        let rejected = Self.corpus.files(withPrefix: "y_").filter { (try? JSONParser.parse(try $0.bytes())) == nil }
        #expect(rejected.map(\.name) == ["y_object_duplicated_key.json", "y_object_duplicated_key_and_value.json"])
    }

    @Test(needsCorpus)
    func corpusHasEveryCase() {
        #expect(Self.corpus.files(withPrefix: "y_").count == 95)
        #expect(Self.corpus.files(withPrefix: "n_").count == 188)
        #expect(Self.corpus.files(withPrefix: "i_").count == 35)
        #expect(Self.implementationDefined.count == 35)
    }

    @Test(needsCorpus)
    func printsConformanceCounts() throws {
        var accepted = 0
        var rejected = 0
        var implementationAccepted = 0
        let yes = Self.corpus.files(withPrefix: "y_")
        let no = Self.corpus.files(withPrefix: "n_")
        let maybe = Self.corpus.files(withPrefix: "i_")
        func parses(_ file: CorpusFile) -> Bool {
            (try? JSONParser.parse(try file.bytes(), options: Self.rfc8259)) != nil
        }
        for file in yes where parses(file) { accepted += 1 }
        for file in no where !parses(file) { rejected += 1 }
        for file in maybe where parses(file) { implementationAccepted += 1 }
        print(
            "JSONTestSuite (RFC 8259 mode): \(accepted)/\(yes.count) y_ accepted, \(rejected)/\(no.count) n_ rejected, "
                + "\(maybe.count) i_ without a crash (\(implementationAccepted) accepted, "
                + "\(maybe.count - implementationAccepted) rejected)"
        )
        #expect(accepted == yes.count)
        #expect(rejected == no.count)
    }

    /// What the parser does with each implementation-defined case, and why.
    ///
    /// Numbers are kept as exact text, so huge or tiny ones are accepted. Strings must be valid UTF-8 without lone
    /// surrogates (we turn strings into Swift `String`s, which cannot hold either), so those are rejected. A UTF-8
    /// byte order mark is skipped; UTF-16 and UTF-32 input is rejected as invalid UTF-8.
    static let implementationDefined: [String: Bool] = [
        "i_number_double_huge_neg_exp.json": true,
        "i_number_huge_exp.json": true,
        "i_number_neg_int_huge_exp.json": true,
        "i_number_pos_double_huge_exp.json": true,
        "i_number_real_neg_overflow.json": true,
        "i_number_real_pos_overflow.json": true,
        "i_number_real_underflow.json": true,
        "i_number_too_big_neg_int.json": true,
        "i_number_too_big_pos_int.json": true,
        "i_number_very_big_negative_int.json": true,
        "i_object_key_lone_2nd_surrogate.json": false,
        "i_string_1st_surrogate_but_2nd_missing.json": false,
        "i_string_1st_valid_surrogate_2nd_invalid.json": false,
        "i_string_UTF-16LE_with_BOM.json": false,
        "i_string_UTF-8_invalid_sequence.json": false,
        "i_string_UTF8_surrogate_U+D800.json": false,
        "i_string_incomplete_surrogate_and_escape_valid.json": false,
        "i_string_incomplete_surrogate_pair.json": false,
        "i_string_incomplete_surrogates_escape_valid.json": false,
        "i_string_invalid_lonely_surrogate.json": false,
        "i_string_invalid_surrogate.json": false,
        "i_string_invalid_utf-8.json": false,
        "i_string_inverted_surrogates_U+1D11E.json": false,
        "i_string_iso_latin_1.json": false,
        "i_string_lone_second_surrogate.json": false,
        "i_string_lone_utf8_continuation_byte.json": false,
        "i_string_not_in_unicode_range.json": false,
        "i_string_overlong_sequence_2_bytes.json": false,
        "i_string_overlong_sequence_6_bytes.json": false,
        "i_string_overlong_sequence_6_bytes_null.json": false,
        "i_string_truncated-utf-8.json": false,
        "i_string_utf16BE_no_BOM.json": false,
        "i_string_utf16LE_no_BOM.json": false,
        "i_structure_500_nested_arrays.json": true,
        "i_structure_UTF-8_BOM_empty_object.json": true,
    ]
}
