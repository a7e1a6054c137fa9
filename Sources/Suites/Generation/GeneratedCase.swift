public import Diagnostics
public import OpenAPI

/// One generated request for one operation, with what must answer it.
///
/// Its name is stable and says what the case does: `POST /api/v1/authenticate · negative · query userId
/// maxLength+1`. Names never hold a value chosen by the seed, so a JUnit history keeps its cases when the seed
/// changes.
public struct GeneratedCase: Sendable {
    /// Negative or boundary.
    public var kind: GeneratedCaseKind
    /// The operation.
    public var operation: OpenAPIOperation
    /// What the case changes: `query userId`, `body toAddresses[0].symbol`, `body`, `credentials`; empty for the
    /// base request.
    public var target: String
    /// The rule, such as `missing`, `wrong type`, `not in enum`, `maxLength+1`, `= robinhood` or `base request`.
    public var rule: String
    /// One line on what is sent and why it must be refused (or accepted).
    ///
    /// Such as `query userId is 51 characters, over maxLength 50`; shown in a failure's message.
    public var explanation: String
    /// The request.
    public var request: StepRequest
    /// What must answer it.
    public var expectation: ResponseExpectation

    /// Creates a case.
    ///
    /// - Parameters:
    ///   - kind: Negative or boundary.
    ///   - operation: The operation.
    ///   - target: What the case changes.
    ///   - rule: The rule.
    ///   - explanation: What is sent and why.
    ///   - request: The request.
    ///   - expectation: What must answer it.
    public init(
        kind: GeneratedCaseKind,
        operation: OpenAPIOperation,
        target: String,
        rule: String,
        explanation: String,
        request: StepRequest,
        expectation: ResponseExpectation
    ) {
        self.kind = kind
        self.operation = operation
        self.target = target
        self.rule = rule
        self.explanation = explanation
        self.request = request
        self.expectation = expectation
    }

    /// `POST /api/v1/authenticate · negative · query userId maxLength+1`.
    public var name: String {
        "\(operation.name) · \(kind.rawValue) · " + (target.isEmpty ? rule : "\(target) \(rule)")
    }

    /// The case as a step of a suite: `negative: true` for a negative case, every automatic check otherwise.
    ///
    /// - Parameters:
    ///   - name: The step's name (``name``, made unique within the suite).
    ///   - index: The step's position among the suite's main steps.
    ///   - location: Where the suite's `generate:` is written.
    /// - Returns: The step.
    public func step(named name: String, index: Int, at location: FileLocation) -> SuiteStep {
        var step = SuiteStep(name: name, phase: .main, index: index, at: location)
        step.operation = .named(operation.name)
        step.operationLocation = location
        step.request = request
        step.isNegative = kind == .negative
        step.expectation = expectation
        return step
    }
}
