public import Diagnostics

/// One failed expectation or check: which one, where, expected against actual.
public struct Finding: Sendable, Equatable {
    /// The check id (`response-schema`, `mesh-error-type`, …) or expectation (`expect.status`, `expect.json`,
    /// `expect.headers`, `expect.body`, `capture`).
    public var check: String
    /// The JSON pointer into the body (or parameter, for requests) the finding is about, or the header name.
    public var pointer: String?
    /// What was expected.
    public var expected: String
    /// What was found.
    public var actual: String
    /// One line saying what is wrong.
    public var message: String
    /// Where the spec says what was expected (`suites/spec/mesh-integration-api.yaml:4040:9`).
    public var specLocation: FileLocation?
    /// The schema keyword's pointer in the spec (`#/components/schemas/ApiResult/properties/status/enum`).
    public var schemaPath: String?
    /// Where the suite states the expectation.
    public var suiteLocation: FileLocation?

    /// Creates a finding.
    ///
    /// - Parameters:
    ///   - check: The check or expectation id.
    ///   - pointer: The pointer or header name.
    ///   - expected: What was expected.
    ///   - actual: What was found.
    ///   - message: What is wrong.
    ///   - specLocation: Where the spec states it.
    ///   - schemaPath: The schema keyword's pointer.
    ///   - suiteLocation: Where the suite states it.
    public init(
        check: String,
        pointer: String? = nil,
        expected: String,
        actual: String,
        message: String,
        specLocation: FileLocation? = nil,
        schemaPath: String? = nil,
        suiteLocation: FileLocation? = nil
    ) {
        self.check = check
        self.pointer = pointer
        self.expected = expected
        self.actual = actual
        self.message = message
        self.specLocation = specLocation
        self.schemaPath = schemaPath
        self.suiteLocation = suiteLocation
    }
}

/// Time spent in each part of a step, for the benchmark's cost split and for slow-step hunting.
public struct PhaseTimings: Sendable, Equatable {
    /// Building the request and the HTTP exchange (retries and their pauses included).
    public var send: Duration = .zero
    /// Parsing the response body.
    public var parse: Duration = .zero
    /// Expectations and automatic checks, schema validation included.
    public var check: Duration = .zero
    /// Redacting and recording the exchange.
    public var record: Duration = .zero

    /// Zero timings.
    public init() {}
}
