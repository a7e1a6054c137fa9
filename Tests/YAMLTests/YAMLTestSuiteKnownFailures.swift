/// The yaml-test-suite cases meshcheck's loader does not pass, each with the reason.
///
/// `YAMLTestSuiteTests` fails when this set changes in either direction, so a regression shows and so does a fix.
/// Today every case passes: 279/279 `in.json` cases load to equal values and 94/94 `error` cases are rejected.
///
/// Not counted here, as the suite gives them neither `in.json` nor `error`: 29 cases whose documents JSON cannot
/// hold. Their event streams match `test.event`; loading the 15 with a sequence or mapping as a key fails with
/// "a sequence (mapping) cannot be a mapping key in JSON", 2JQS fails as its two empty keys are duplicates, and
/// the others load with empty (null) keys as `""`.
enum YAMLTestSuiteKnownFailures {
    static let reasons: [String: String] = [:]
}
