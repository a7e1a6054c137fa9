import HTTP
import JSON
import MockServer
import OpenAPI
import Testing

/// `POST /api/v1/authenticate` end to end over sockets, then the tokens it issues: use, removal, refresh.
struct AuthenticationFlowTests {
    static let authenticate = "/api/v1/authenticate"

    /// Sends a request and checks the response against the spec before returning it.
    func exchange(
        _ session: MockSession,
        _ method: String,
        _ template: String,
        target: String? = nil,
        json body: JSONValue? = nil,
        headers: HTTPHeaders = MockSession.credentials
    ) async throws -> (status: Int, body: JSONValue) {
        let response = try await session.send(method, target ?? template, json: body, headers: headers)
        let problems = SpecConformance.problems(response, try MeshSpec.operation(method, template))
        #expect(problems.isEmpty, "\(problems)")
        return (response.status, try response.json())
    }

    func login(_ session: MockSession, user: String, _ body: JSONValue) async throws -> (status: Int, body: JSONValue) {
        try await exchange(
            session,
            "POST",
            Self.authenticate,
            target: "\(Self.authenticate)?userId=\(user)",
            json: body
        )
    }

    @Test(.timeLimit(.minutes(1)))
    func mfaLoginIssuesTokensThatWorkUntilTheConnectionIsRemoved() async throws {
        let session = try MockSession()
        defer { session.stop() }
        let first = try await login(
            session,
            user: "alice",
            ["type": "robinhood", "username": "Mesh", "password": "Pass123"]
        )
        #expect(first.status == 200)
        #expect(first.body["status"] == "ok")
        #expect(first.body["content"]?["status"] == "mfaRequired")
        #expect(first.body["content"]?["mfaType"] == "phone")
        let second = try await login(session, user: "alice", ["type": "robinhood", "mfaCode": "123456"])
        #expect(second.body["content"]?["status"] == "succeeded")
        let tokens = try #require(second.body["content"]?["accountTokens"]?[0])
        let accessToken = try #require(tokens["accessToken"]?.stringValue)
        #expect(tokens["refreshToken"]?.stringValue?.isEmpty == false)
        #expect(tokens["tokenId"]?.stringValue?.isEmpty == false)
        #expect(tokens["account"]?["meshAccountId"]?.stringValue?.count == 36)
        let tokenSchema = try #require(MeshSpec.document.schema(named: "BrokerAccountTokens"))
        #expect(tokenSchema.validate(tokens, in: .response).isEmpty)

        let body: JSONValue = ["authToken": .string(accessToken), "type": "robinhood"]
        for path in [
            "/api/v1/holdings/get", "/api/v1/balance/get", "/api/v1/transactions/list", "/api/v1/transfers/list",
        ] {
            let answer = try await exchange(session, "POST", path, json: body)
            #expect(answer.status == 200, "\(path)")
            #expect(answer.body["status"] == "ok", "\(path)")
        }
        let removed = try await exchange(session, "DELETE", "/api/v1/account", json: body)
        #expect(removed.status == 200)
        #expect(removed.body["status"] == "ok")

        // The spec's 400 for holdings says nothing of tokens: the declared 400 ApiResult, worded as token/refresh's.
        let holdings = try await exchange(session, "POST", "/api/v1/holdings/get", json: body)
        #expect(holdings.status == 400)
        #expect(holdings.body["status"] == "badRequest")
        #expect(holdings.body["message"] == "Unauthorized token")
        #expect(holdings.body["errorType"] == "badRequest")
        // The /transactions/* 401s say "provided integration token is not correct".
        let transactions = try await exchange(session, "POST", "/api/v1/transactions/list", json: body)
        #expect(transactions.status == 401)
        let again = try await exchange(session, "DELETE", "/api/v1/account", json: body)
        #expect(again.status == 400)
        #expect(session.mock.selfCheckViolations.isEmpty, "\(session.mock.selfCheckViolations)")
    }

    @Test(.timeLimit(.minutes(1)))
    func wrongPasswordAndWrongCodeFailWithStatus200() async throws {
        let session = try MockSession()
        defer { session.stop() }
        let wrongPassword = try await login(
            session,
            user: "bob",
            ["type": "robinhood", "username": "Mesh", "password": "pass123"]
        )
        #expect(wrongPassword.status == 200)
        #expect(wrongPassword.body["content"]?["status"] == "failed")
        #expect(wrongPassword.body["content"]?["errorMessage"] == "Invalid username or password.")
        _ = try await login(session, user: "bob", ["type": "robinhood", "username": "Mesh", "password": "Pass123"])
        let wrongCode = try await login(session, user: "bob", ["type": "robinhood", "mfaCode": "654321"])
        #expect(wrongCode.status == 200)
        #expect(wrongCode.body["content"]?["status"] == "failed")
        #expect(wrongCode.body["content"]?["errorMessage"] == "Invalid MFA code.")
        // A failed flow is over: the right code now finds nothing to complete.
        let late = try await login(session, user: "bob", ["type": "robinhood", "mfaCode": "123456"])
        #expect(late.body["content"]?["status"] == "failed")
        #expect(late.body["content"]?["accountTokens"] == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func userIDsLongerThanFiftyCharactersAreRejected() async throws {
        let session = try MockSession()
        defer { session.stop() }
        let body: JSONValue = ["type": "robinhood", "username": "Mesh", "password": "Pass123"]
        let fifty = try await login(session, user: String(repeating: "u", count: 50), body)
        #expect(fifty.status == 200)
        let long = try await login(session, user: String(repeating: "u", count: 51), body)
        #expect(long.status == 400)
        #expect(long.body["title"] == "One or more validation errors occurred.")
        #expect(long.body["status"] == 400)
        #expect(long.body["errors"]?["userId"]?[0]?.stringValue?.contains("50") == true)
        let missing = try await exchange(session, "POST", Self.authenticate, json: body)
        #expect(missing.status == 400)
        #expect(missing.body["errors"]?["userId"] == ["The userId field is required."])
    }

    @Test(.timeLimit(.minutes(1)))
    func encryptedSensitiveFieldsAreBase64DecodedFirst() async throws {
        let session = try MockSession()
        defer { session.stop() }
        // "Mesh", "Pass123", "123456" in Base64.
        let first = try await login(
            session,
            user: "carol",
            [
                "type": "robinhood", "username": "TWVzaA==", "password": "UGFzczEyMw==",
                "isSensitiveFieldsEncrypted": true,
            ]
        )
        #expect(first.body["content"]?["status"] == "mfaRequired")
        let second = try await login(
            session,
            user: "carol",
            ["type": "robinhood", "mfaCode": "MTIzNDU2", "isSensitiveFieldsEncrypted": true]
        )
        #expect(second.body["content"]?["status"] == "succeeded")
        // Unencoded, the same values are wrong.
        let plain = try await login(
            session,
            user: "dave",
            ["type": "robinhood", "username": "Mesh", "password": "Pass123", "isSensitiveFieldsEncrypted": true]
        )
        #expect(plain.status == 400)
        #expect(plain.body["errors"]?["$.username"] != nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func vanguardIssuesAChallengeAnsweredWithItsIDAndCode() async throws {
        let session = try MockSession()
        defer { session.stop() }
        let credentials: JSONValue = ["type": "vanguard", "username": "Mesh", "password": "Pass123"]
        let issued = try await login(session, user: "erin", credentials)
        #expect(issued.body["content"]?["status"] == "challengeIssued")
        let challengeID = try #require(issued.body["content"]?["challengeId"]?.stringValue)
        #expect(issued.body["content"]?["challengeText"]?.stringValue?.isEmpty == false)
        let wrong = try await login(
            session,
            user: "erin",
            ["type": "vanguard", "challengeId": .string(challengeID), "challengeCode": "000000"]
        )
        #expect(wrong.body["content"]?["status"] == "challengeFailed")
        let reissued = try await login(session, user: "erin", credentials)
        let newID = try #require(reissued.body["content"]?["challengeId"]?.stringValue)
        #expect(newID != challengeID)
        let answered = try await login(
            session,
            user: "erin",
            ["type": "vanguard", "challengeId": .string(newID), "challengeCode": "123456"]
        )
        #expect(answered.body["content"]?["status"] == "succeeded")
        #expect(answered.body["content"]?["accountTokens"]?[0]?["accessToken"] != nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func interactiveBrokersWaitsForDeviceConfirmation() async throws {
        let session = try MockSession()
        defer { session.stop() }
        let asked = try await login(
            session,
            user: "frank",
            ["type": "interactiveBrokers", "username": "Mesh", "password": "Pass123"]
        )
        #expect(asked.body["content"]?["status"] == "deviceConfirmationRequired")
        let confirmed = try await login(session, user: "frank", ["type": "interactiveBrokers"])
        #expect(confirmed.body["content"]?["status"] == "succeeded")
        #expect(confirmed.body["content"]?["accountTokens"]?[0]?["accessToken"] != nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func refreshRotatesTheTokens() async throws {
        let session = try MockSession()
        defer { session.stop() }
        let (accessToken, refreshToken) = try await session.connect(userID: "gina", broker: "coinbase")
        let refreshed = try await exchange(
            session,
            "POST",
            "/api/v1/token/refresh",
            json: ["refreshToken": .string(refreshToken), "type": "coinbase", "createNewRefreshToken": true]
        )
        #expect(refreshed.status == 200)
        #expect(refreshed.body["content"]?["status"] == "succeeded")
        let tokens = try #require(refreshed.body["content"]?["brokerAccountTokens"]?[0])
        let newAccess = try #require(tokens["accessToken"]?.stringValue)
        let newRefresh = try #require(tokens["refreshToken"]?.stringValue)
        #expect(newAccess != accessToken)
        #expect(newRefresh != refreshToken)
        let old = try await exchange(
            session,
            "POST",
            "/api/v1/holdings/get",
            json: ["authToken": .string(accessToken), "type": "coinbase"]
        )
        #expect(old.status == 400)
        let new = try await exchange(
            session,
            "POST",
            "/api/v1/holdings/get",
            json: ["authToken": .string(newAccess), "type": "coinbase"]
        )
        #expect(new.status == 200)
        // The spent refresh token is refused exactly as the spec's example words it.
        let spent = try await exchange(
            session,
            "POST",
            "/api/v1/token/refresh",
            json: ["refreshToken": .string(refreshToken), "type": "coinbase"]
        )
        #expect(spent.status == 400)
        #expect(spent.body["message"] == "Unauthorized token")
        #expect(
            spent.body["displayMessage"]
                == "Could not refresh the authentication token. The provided data is not correct"
        )
        #expect(spent.body["errorType"] == "badRequest")
        // The operation's description: WeBull needs the access token along with the refresh token.
        let weBull = try await exchange(
            session,
            "POST",
            "/api/v1/token/refresh",
            json: ["refreshToken": .string(newRefresh), "type": "weBull"]
        )
        #expect(weBull.status == 400)
        #expect(weBull.body["errorType"] == "missingField")
    }

    @Test(.timeLimit(.minutes(1)))
    func flowsAndTokensBelongToOneClientAndUser() async throws {
        let session = try MockSession()
        defer { session.stop() }
        _ = try await login(session, user: "hana", ["type": "robinhood", "username": "Mesh", "password": "Pass123"])
        let otherUser = try await login(session, user: "ivan", ["type": "robinhood", "mfaCode": "123456"])
        #expect(otherUser.body["content"]?["status"] == "failed")
        let (accessToken, _) = try await session.connect(userID: "hana")
        let otherClient = try await exchange(
            session,
            "POST",
            "/api/v1/holdings/get",
            json: ["authToken": .string(accessToken), "type": "robinhood"],
            headers: ["X-Client-Id": "another-client", "X-Client-Secret": "another-secret"]
        )
        #expect(otherClient.status == 400)
    }

    @Test(.timeLimit(.minutes(1)))
    func stateStaysBoundedUnderAFloodOfLogins() async throws {
        let session = try MockSession(stateCapacity: 64)
        defer { session.stop() }
        for index in 0..<300 {
            _ = try await session.send(
                "POST",
                "\(Self.authenticate)?userId=flood-\(index)",
                json: ["type": "robinhood", "username": "Mesh", "password": "Pass123"]
            )
        }
        let counts = session.mock.stateCounts
        #expect(counts.flows <= 64)
        #expect(counts.flows > 0)
        // The newest flow survives eviction and completes.
        let last = try await login(session, user: "flood-299", ["type": "robinhood", "mfaCode": "123456"])
        #expect(last.body["content"]?["status"] == "succeeded")
    }
}
