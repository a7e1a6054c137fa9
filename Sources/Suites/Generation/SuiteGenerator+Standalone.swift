import Diagnostics
import JSON
import OpenAPI

extension SuiteGenerator {
    /// The path shown for the suite `meshcheck run --generate` makes without a file.
    public static let standalonePath = "<generated>"

    /// The names of body properties that carry a Mesh access token, and the variable each is set from.
    static let tokenValues: [(name: String, variable: String)] = [
        ("authToken", "token"), ("fromAuthToken", "token"), ("toAuthToken", "token"), ("accessToken", "token"),
        ("refreshToken", "refreshToken"),
    ]

    /// The suite `meshcheck run --generate` runs: the generated cases of the selected operations, without a file.
    ///
    /// Where a selected operation's body takes an access token (`authToken`, `fromAuthToken`, `toAuthToken`) or a
    /// refresh token, the suite's setup logs in first with the sandbox login Mesh documents (`robinhood`, username
    /// `Mesh`, password `Pass123`, MFA code `123456`; the embedded mock accepts it) and every base request uses the
    /// tokens it returns. Against a server without that login, write a suite with `generate:` and its own flow.
    ///
    /// - Parameter settings: Kinds, operations and seed (`values` and `from` are set here).
    /// - Returns: The suite, lint-clean.
    public func standaloneSuite(_ settings: GenerationSettings) -> Suite {
        let location = FileLocation(path: Self.standalonePath, line: 1, column: 1)
        var suite = Suite(path: Self.standalonePath, name: "Generated cases", at: location)
        suite.tags = ["generated"]
        suite.description = "Negative and boundary cases generated from \(document.path)."
        var settings = settings
        let needsToken = operations(selectedBy: settings).contains { operation in
            guard let facts = bodyFacts(of: operation) else { return false }
            return facts.properties.contains { property in
                property.name == "refreshToken" || property.name == "authToken" || property.name.hasSuffix("AuthToken")
            }
        }
        if needsToken, let login = Self.loginStep(in: document, at: location) {
            suite.setup = [login]
            settings.values = Self.tokenValues.map { entry in
                let template = (try? TemplateString(parsing: "{{ \(entry.variable) }}")) ?? TemplateString(literal: "")
                return StepRequest.Field(name: entry.name, value: .string(template), at: location)
            }
        }
        suite.generation = settings
        return suite
    }

    /// `POST /api/v1/authenticate` with the documented sandbox login, capturing `token` and `refreshToken`.
    static func loginStep(in document: OpenAPIDocument, at location: FileLocation) -> SuiteStep? {
        guard let operation = document.operation(method: "POST", template: "/api/v1/authenticate"),
            let userID = try? TemplateString(parsing: "meshcheck-{{ run.instance }}")
        else { return nil }
        var step = SuiteStep(name: "log in with the sandbox login", phase: .setup, index: 0, at: location)
        step.operation = .named(operation.name)
        step.request.method = operation.method
        step.request.path = LocatedTemplate(TemplateString(literal: operation.path.text), at: location)
        step.request.query = [StepRequest.Field(name: "userId", value: .string(userID), at: location)]
        step.request.body = .json(
            .constant(["type": "robinhood", "username": "Mesh", "password": "Pass123", "mfaCode": "123456"])
        )
        step.request.bodyLocation = location
        step.expectation.statuses = [.code(200)]
        step.expectation.statusLocation = location
        step.expectation.json = [
            ResponseExpectation.Assertion(
                target: "/content/status",
                pointer: JSONPointer(tokens: ["content", "status"]),
                predicate: ValuePredicate([.equals(.constant("succeeded"))], at: location),
                at: location
            )
        ]
        step.captures = [
            StepCapture(
                name: "token",
                source: .json(JSONPointer(tokens: ["content", "accountTokens", "0", "accessToken"])),
                at: location
            ),
            StepCapture(
                name: "refreshToken",
                source: .json(JSONPointer(tokens: ["content", "accountTokens", "0", "refreshToken"])),
                at: location
            ),
        ]
        return step
    }
}
