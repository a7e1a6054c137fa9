import Glibc
import HTTP
import JSON
import MockServer
import OpenAPI
import Testing

/// Requests that break the spec get the operation's declared error, in its declared shape.
struct RequestValidationTests {
    func checked(
        _ session: MockSession,
        _ method: String,
        _ template: String,
        target: String? = nil,
        json body: JSONValue? = nil,
        headers: HTTPHeaders = MockSession.credentials,
        contentType: String = "application/json",
        rawBody: [UInt8]? = nil
    ) async throws -> (status: Int, body: JSONValue) {
        let response = try await session.send(
            method,
            target ?? template,
            json: body,
            headers: headers,
            contentType: contentType,
            rawBody: rawBody
        )
        let problems = SpecConformance.problems(response, try MeshSpec.operation(method, template))
        #expect(problems.isEmpty, "\(problems)")
        return (response.status, response.body.isEmpty ? .null : try response.json())
    }

    @Test(.timeLimit(.minutes(1)))
    func credentialsAreRequiredAndAnsweredAsEachOperationDeclares() async throws {
        let session = try MockSession()
        defer { session.stop() }
        let noSecret = try await checked(session, "GET", "/api/v1/status", headers: ["X-Client-Id": "client"])
        #expect(noSecret.status == 401)
        #expect(noSecret.body["errorType"] == "missingField")
        let emptyID = try await checked(
            session,
            "GET",
            "/api/v1/status",
            headers: ["X-Client-Id": "", "X-Client-Secret": "secret"]
        )
        #expect(emptyID.status == 401)
        // authenticate declares no 401: its declared 400 ProblemDetails names the header.
        let authenticate = try await checked(
            session,
            "POST",
            "/api/v1/authenticate",
            target: "/api/v1/authenticate?userId=u",
            json: ["type": "robinhood"],
            headers: ["X-Client-Id": "client"]
        )
        #expect(authenticate.status == 400)
        #expect(authenticate.body["errors"]?["X-Client-Secret"] != nil)
        // integrations declares only 200: an ApiResult envelope that refuses.
        let integrations = try await checked(session, "GET", "/api/v1/integrations", headers: [:])
        #expect(integrations.status == 200)
        #expect(integrations.body["status"] == "permissionDenied")
        #expect(integrations.body["content"] == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func bodiesAreValidatedAgainstTheRequestSchema() async throws {
        let session = try MockSession()
        defer { session.stop() }
        let path = "/api/v1/holdings/get"
        let missing = try await checked(session, "POST", path, json: ["type": "robinhood"])
        #expect(missing.status == 400)
        #expect(missing.body["status"] == "badRequest")
        #expect(missing.body["errorType"] == "missingField")
        #expect(missing.body["message"] == "The authToken field is required.")
        let wrongEnum = try await checked(session, "POST", path, json: ["type": "krakenPro", "authToken": "t"])
        #expect(wrongEnum.body["errorType"] == "invalidField")
        let extra = try await checked(
            session,
            "POST",
            path,
            json: ["type": "robinhood", "authToken": "t", "includeMarketValue": true, "extra": 1]
        )
        #expect(extra.status == 400)
        #expect(extra.body["errorType"] == "invalidField")
        #expect(extra.body["message"]?.stringValue?.contains("additionalProperties") == true)
        let empty = try await checked(session, "POST", path)
        #expect(empty.body["errorType"] == "missingField")
        // A /transactions/* operation answers the same problem as ProblemDetails.
        let details = try await checked(session, "POST", "/api/v1/transactions/details", json: ["type": "robinhood"])
        #expect(details.status == 400)
        #expect(details.body["title"] == "One or more validation errors occurred.")
        #expect(details.body["errors"]?["$.authToken"] == ["The authToken field is required."])
        #expect(details.body["traceId"]?.stringValue?.hasPrefix("00-") == true)
        // transactions/list declares no 400: its 200 envelope says badRequest.
        let list = try await checked(session, "POST", "/api/v1/transactions/list", json: ["type": "robinhood"])
        #expect(list.status == 200)
        #expect(list.body["status"] == "badRequest")
        #expect(list.body["errorType"] == "missingField")
    }

    @Test(.timeLimit(.minutes(1)))
    func malformedJSONIsAClearBadRequest() async throws {
        let session = try MockSession()
        defer { session.stop() }
        for raw in ["{\"type\": ", "not json", "{\"a\":1,\"a\":2}", "\u{FF}"] {
            let answer = try await checked(session, "POST", "/api/v1/holdings/get", rawBody: Array(raw.utf8))
            #expect(answer.status == 400, "\(raw)")
            #expect(answer.body["errorType"] == "invalidField", "\(raw)")
            #expect(answer.body["message"]?.stringValue?.hasPrefix("The request body is not valid JSON") == true)
        }
        let problem = try await checked(
            session,
            "POST",
            "/api/v1/authenticate",
            target: "/api/v1/authenticate?userId=u",
            rawBody: Array("[".utf8)
        )
        #expect(problem.status == 400)
        #expect(problem.body["errors"]?["$"] != nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func onlyDeclaredMediaTypesAreAccepted() async throws {
        let session = try MockSession()
        defer { session.stop() }
        let (token, _) = try await session.connect(userID: "media")
        let body: JSONValue = ["authToken": .string(token), "type": "robinhood"]
        // holdings/get declares only application/json.
        let textJSON = try await checked(session, "POST", "/api/v1/holdings/get", json: body, contentType: "text/json")
        #expect(textJSON.status == 400)
        #expect(textJSON.body["errorType"] == "invalidField")
        let plain = try await checked(session, "POST", "/api/v1/holdings/get", json: body, contentType: "text/plain")
        #expect(plain.status == 400)
        let charset = try await checked(
            session,
            "POST",
            "/api/v1/holdings/get",
            json: body,
            contentType: "application/json; charset=utf-8"
        )
        #expect(charset.status == 200)
        // POST /api/v1/linktoken declares text/json and application/*+json too.
        let link: JSONValue = ["userId": "media"]
        for type in ["text/json", "application/vnd.mesh+json", "application/json"] {
            let answer = try await checked(session, "POST", "/api/v1/linktoken", json: link, contentType: type)
            #expect(answer.status == 200, "\(type)")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func parametersAreCoercedAndValidated() async throws {
        let session = try MockSession()
        defer { session.stop() }
        let template = "/api/v1/assets/{assetType}"
        let ok = try await checked(session, "GET", template, target: "/api/v1/assets/equity?count=5")
        #expect(ok.status == 200)
        let notInteger = try await checked(session, "GET", template, target: "/api/v1/assets/equity?Count=five")
        #expect(notInteger.status == 400)
        #expect(notInteger.body["errorType"] == "invalidField")
        #expect(notInteger.body["message"] == "The value 'five' is not valid for Count.")
        let badEnum = try await checked(session, "GET", template, target: "/api/v1/assets/bonds")
        #expect(badEnum.status == 400)
        let missing = try await checked(session, "GET", "/api/v1/cataloglink")
        #expect(missing.status == 400)
        #expect(missing.body["errorType"] == "missingField")
        #expect(missing.body["message"] == "The UserId field is required.")
    }

    @Test(.timeLimit(.minutes(1)))
    func unknownPathsAndMethodsGet404And405() async throws {
        let session = try MockSession()
        defer { session.stop() }
        let unknown = try await session.send("GET", "/api/v1/nothing-here")
        #expect(unknown.status == 404)
        let method = try await session.send("GET", "/api/v1/holdings/get")
        #expect(method.status == 405)
        #expect(method.headers["Allow"] == "POST")
        let list = try await session.send("GET", "/api/v1/transactions/list")
        #expect(list.status == 405)
        #expect(list.headers["Allow"] == "POST")
        // Routes ignore case and a trailing slash, as ASP.NET Core's do.
        let upper = try await session.send("GET", "/API/V1/Status/")
        #expect(upper.status == 200)
    }

    @Test(.timeLimit(.minutes(1)))
    func malformedHTTPGetsA400AndTheMockKeepsServing() async throws {
        let session = try MockSession()
        defer { session.stop() }
        for request in ["GARBAGE\r\n\r\n", "POST /api/v1/status HTTP/1.1\r\nContent-Length: x\r\n\r\n"] {
            let answer = try rawExchange(port: session.mock.port, request)
            #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer)")
        }
        let after = try await session.send("GET", "/api/v1/status")
        #expect(after.status == 200)
        #expect(session.mock.selfCheckViolations.isEmpty, "\(session.mock.selfCheckViolations)")
    }

    /// Writes `request` on a fresh connection and reads until the server closes (bounded).
    func rawExchange(port: Int, _ request: String) throws -> String {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        try #require(connected)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = Array(request.utf8).withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<64 {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
