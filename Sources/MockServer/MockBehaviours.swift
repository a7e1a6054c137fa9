import HTTP
import JSON
import OpenAPI

/// The hand-written part of the mock: where the Mesh API has behaviour rather than a fixed answer.
///
/// - `POST /api/v1/authenticate`: the ``AuthenticationFlow`` state machine; `succeeded` creates a connection.
/// - Any operation whose request schema requires `authToken` (or `fromAuthToken`): the token must belong to a
///   live connection of the same client id (checked before this type is reached).
/// - `DELETE /api/v1/account`: removes the connection; its tokens stop working.
/// - `POST /api/v1/token/refresh`: a new access token (and refresh token with `createNewRefreshToken: true`);
///   the old access token stops working. WeBull needs the access token too, as the operation's description says.
struct MockBehaviours: Sendable {
    /// The eight fields Mesh sends Base64-encoded when `isSensitiveFieldsEncrypted` is true.
    static let sensitiveFields = [
        "username", "password", "phone", "tradePin", "challengeAnswer", "mfaCode", "deviceInfo", "confirmationEmail",
    ]

    let state: MockState
    let sampler: SchemaSampler
    /// The raw schema of `accountTokens[].account` in the authenticate response, for the accounts issued.
    let accountSchema: JSONValue?
    let seed: UInt64

    init(state: MockState, sampler: SchemaSampler, plans: [OperationPlan], seed: UInt64) {
        self.state = state
        self.sampler = sampler
        self.seed = seed
        let resolver = sampler.resolver
        var schema: JSONValue?
        if let plan = plans.first(where: { $0.behaviour == .authenticate }),
            let response = OperationPlan.successResponse(plan.operation),
            let entry = OperationPlan.jsonEntry(of: response)
        {
            let content = resolver.facts(at: entry.pointer.appending("schema")).property("content")
            let tokens = content.map { resolver.facts(of: $0) }?.property("accountTokens")
            let item = tokens.map { resolver.facts(of: $0) }?.items
            schema = item.map { resolver.facts(of: $0) }?.property("account")
        }
        self.accountSchema = schema
    }

    /// The rejection for an `authToken` no live connection holds, worded as the spec's `token/refresh` example.
    static func unknownToken(_ field: String) -> MockRejection {
        MockRejection(
            kind: .unknownToken,
            errorType: "badRequest",
            field: field,
            message: "Unauthorized token",
            displayMessage: "The authentication token is not valid. Connect the account again."
        )
    }

    /// Checks that every token field names a live connection of this client.
    func checkTokens(_ plan: OperationPlan, _ request: CheckedRequest) -> MockRejection? {
        for field in plan.tokenFields {
            let token = request.body?[field]?.stringValue ?? ""
            if state.connection(clientID: request.clientID, accessToken: token) == nil {
                return Self.unknownToken(field)
            }
        }
        return nil
    }

    /// The response of a behaviour, or the rejection it ends in.
    func respond(
        _ plan: OperationPlan,
        _ request: CheckedRequest,
        random: inout SeededRandom
    ) -> Result<HTTPResponse, MockRejection> {
        switch plan.behaviour {
        case .none:
            return .success(MockResponses.json(bytes: plan.success.body, status: plan.success.status))
        case .authenticate:
            return authenticate(request, status: plan.success.status, random: &random)
        case .removeConnection:
            let token = request.body?["authToken"]?.stringValue ?? ""
            guard state.removeConnection(clientID: request.clientID, accessToken: token) else {
                return .failure(Self.unknownToken("authToken"))
            }
            return .success(MockResponses.json(bytes: plan.success.body, status: plan.success.status))
        case .refreshToken:
            return refresh(request, status: plan.success.status, random: &random)
        }
    }

    private func authenticate(
        _ request: CheckedRequest,
        status: Int,
        random: inout SeededRandom
    ) -> Result<HTTPResponse, MockRejection> {
        guard case .object(var body)? = request.body, let broker = body["type"]?.stringValue else {
            return .failure(.missing("$.type", "The type field is required."))
        }
        if body["isSensitiveFieldsEncrypted"]?.boolValue == true {
            for field in Self.sensitiveFields {
                guard case .string(let encoded)? = body[field] else { continue }
                guard let decoded = PercentDecoding.base64Text(encoded) else {
                    return .failure(
                        .invalid(
                            "$.\(field)",
                            "The \(field) field is not valid Base64, though isSensitiveFieldsEncrypted is true."
                        )
                    )
                }
                body[field] = .string(decoded)
            }
        }
        let attempt = AuthenticationFlow.Attempt(
            broker: broker,
            username: body["username"]?.stringValue,
            password: body["password"]?.stringValue,
            mfaCode: body["mfaCode"]?.stringValue,
            challengeID: body["challengeId"]?.stringValue,
            challengeCode: body["challengeCode"]?.stringValue
        )
        let sampler = sampler
        let accountSchema = accountSchema
        let (outcome, connection) = state.authenticate(
            clientID: request.clientID,
            userID: request.parameters["userId"]?.stringValue ?? "",
            attempt: attempt
        ) { random in
            accountSchema.map { sampler.generate($0, name: "account", depth: 2, random: &random, context: .response) }
        }
        let content: JSONValue
        switch outcome {
        case .mfaRequired:
            content = ["status": "mfaRequired", "mfaType": "phone"]
        case .challengeIssued(let challengeID):
            content = [
                "status": "challengeIssued", "challengeId": .string(challengeID),
                "challengeText": "Enter the security code sent to your phone.", "challengeExpiresInSeconds": 300,
            ]
        case .deviceConfirmationRequired:
            content = ["status": "deviceConfirmationRequired"]
        case .succeeded:
            content = [
                "status": "succeeded", "expiresInSeconds": 7200, "refreshTokenExpiresInSeconds": 2_592_000,
                "accountTokens": [Self.accountTokens(connection)],
            ]
        case .failed(let message):
            content = ["status": "failed", "errorMessage": .string(message)]
        case .challengeFailed(let message):
            content = ["status": "challengeFailed", "errorMessage": .string(message)]
        }
        return .success(MockResponses.json(CannedResponses.envelope(content: content, random: &random), status: status))
    }

    private func refresh(
        _ request: CheckedRequest,
        status: Int,
        random: inout SeededRandom
    ) -> Result<HTTPResponse, MockRejection> {
        let refreshToken = request.body?["refreshToken"]?.stringValue ?? ""
        let broker = request.body?["type"]?.stringValue ?? ""
        let accessToken = request.body?["accessToken"]?.stringValue
        if broker == "weBull" && (accessToken ?? "").isEmpty {
            return .failure(.missing("$.accessToken", "WeBull needs the access token along with the refresh token."))
        }
        let rotates = request.body?["createNewRefreshToken"]?.boolValue ?? false
        guard
            let connection = state.refresh(
                clientID: request.clientID,
                refreshToken: refreshToken,
                rotatingRefreshToken: rotates
            )
        else {
            var rejection = Self.unknownToken("refreshToken")
            rejection.displayMessage = "Could not refresh the authentication token. The provided data is not correct"
            return .failure(rejection)
        }
        let content: JSONValue = [
            "status": "succeeded", "expiresInSeconds": 7200, "refreshTokenExpiresInSeconds": 2_592_000,
            "brokerAccountTokens": [Self.accountTokens(connection)],
        ]
        return .success(MockResponses.json(CannedResponses.envelope(content: content, random: &random), status: status))
    }

    private static func accountTokens(_ connection: MockConnection?) -> JSONValue {
        guard let connection else { return [:] }
        var object: JSONObject = [
            "accessToken": .string(connection.accessToken), "refreshToken": .string(connection.refreshToken),
            "tokenId": .string(connection.tokenID),
        ]
        if let account = connection.account {
            object = JSONObject([("account", account)] + object.members.map { ($0.key, $0.value) })
        }
        return .object(object)
    }
}
