public import Diagnostics

/// One suite file's document: named steps run in order against one server, with setup and teardown.
///
/// Loaded by ``SuiteLoader``; every element keeps where it is written, so lint and run results point at the file.
public struct Suite: Sendable {
    /// The file, as given on the command line or found in a folder.
    public var path: String
    /// The document's index in the file (a file may hold several `---` documents).
    public var documentIndex: Int
    /// The suite's name (`name:`, or the file name without extension).
    public var name: String
    /// A longer description, if any.
    public var description: String?
    /// Tags for `--tag` and `--exclude-tag`.
    public var tags: [String]
    /// Variables, in order; each may use earlier ones, `env`, `run` and `server`.
    public var variables: [SuiteVariable]
    /// The suite runs once per combination, if given.
    public var matrix: SuiteMatrix?
    /// Why the suite is skipped, if it is.
    public var skip: SkipRule?
    /// The reason given with `only:`; when any suite says `only`, the others are skipped.
    public var only: String?
    /// Automatic checks switched off or on for every step.
    public var checks: CheckSettings
    /// Steps run first.
    ///
    /// When one fails, the main steps are skipped; teardown still runs.
    public var setup: [SuiteStep]
    /// The main steps.
    public var steps: [SuiteStep]
    /// Steps that always run last, whatever happened before.
    public var teardown: [SuiteStep]
    /// Generated negative and boundary cases (`generate:`), added as steps when the suite runs.
    public var generation: GenerationSettings?
    /// Where compare mode ignores drift in this suite's responses (`ignore:`).
    public var ignore: [DriftIgnoreRule]
    /// Where the suite's document starts.
    public var location: FileLocation

    /// Creates an empty suite.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - documentIndex: The document's index in the file.
    ///   - name: The name.
    ///   - location: Where the document starts.
    public init(path: String, documentIndex: Int = 0, name: String, at location: FileLocation) {
        self.path = path
        self.documentIndex = documentIndex
        self.name = name
        self.description = nil
        self.tags = []
        self.variables = []
        self.matrix = nil
        self.skip = nil
        self.only = nil
        self.checks = CheckSettings()
        self.setup = []
        self.steps = []
        self.teardown = []
        self.generation = nil
        self.ignore = []
        self.location = location
    }

    /// A stable identifier: the path, with `#N` for a document after the first.
    public var id: String {
        documentIndex == 0 ? path : "\(path)#\(documentIndex)"
    }

    /// Setup, main and teardown steps in run order.
    public var allSteps: [SuiteStep] {
        setup + steps + teardown
    }
}

/// A suite variable: a name and a templated value.
public struct SuiteVariable: Sendable {
    /// The name.
    public var name: String
    /// The value.
    public var value: TemplatedValue
    /// Where the name is written.
    public var location: FileLocation

    /// Creates a variable.
    ///
    /// - Parameters:
    ///   - name: The name.
    ///   - value: The value.
    ///   - location: Where it is written.
    public init(name: String, value: TemplatedValue, at location: FileLocation) {
        self.name = name
        self.value = value
        self.location = location
    }
}

/// Which part of a suite a step belongs to.
public enum StepPhase: String, Sendable, Hashable {
    /// `setup:`.
    case setup
    /// `steps:`.
    case main = "step"
    /// `teardown:`.
    case teardown
}

/// One request and what must hold of its response.
public struct SuiteStep: Sendable {
    /// How the step names its operation in the spec.
    public enum OperationReference: Sendable, Equatable {
        /// Found from the request's method and path.
        case inferred
        /// Named: `POST /api/v1/x` (a template or a concrete path) or an operationId.
        case named(String)
        /// `operation: none`: the request is not in the spec; checks that need an operation do not apply.
        case outsideSpec
    }

    /// The name, unique within the suite.
    public var name: String
    /// setup, step or teardown.
    public var phase: StepPhase
    /// The position within its phase, from 0.
    public var index: Int
    /// The operation reference.
    public var operation: OperationReference
    /// Where `operation:` is written.
    public var operationLocation: FileLocation?
    /// The request.
    public var request: StepRequest
    /// Whether the request is meant to break the spec (`request-conforms` is off and lint does not check it).
    public var isNegative: Bool
    /// Expectations.
    public var expectation: ResponseExpectation
    /// Captures, in order.
    public var captures: [StepCapture]
    /// The step runs once per combination, if given.
    public var matrix: SuiteMatrix?
    /// Why the step is skipped, if it is.
    public var skip: SkipRule?
    /// The reason given with `only:`; when a step of a suite says `only`, its other main steps are skipped.
    public var only: String?
    /// Automatic checks switched off or on for this step.
    public var checks: CheckSettings
    /// Where the step starts.
    public var location: FileLocation

    /// Creates a step.
    ///
    /// - Parameters:
    ///   - name: The name.
    ///   - phase: Its phase.
    ///   - index: Its position within the phase.
    ///   - location: Where it starts.
    public init(name: String, phase: StepPhase, index: Int, at location: FileLocation) {
        self.name = name
        self.phase = phase
        self.index = index
        self.operation = .inferred
        self.operationLocation = nil
        self.request = StepRequest(at: location)
        self.isNegative = false
        self.expectation = ResponseExpectation()
        self.captures = []
        self.matrix = nil
        self.skip = nil
        self.only = nil
        self.checks = CheckSettings()
        self.location = location
    }

    /// Every template expression the step reads.
    public var expressions: [TemplateExpression] {
        request.expressions + expectation.expressions
    }
}
