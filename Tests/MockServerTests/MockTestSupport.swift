import Foundation
import HTTP
import JSON
import MockServer
import OpenAPI
import TestSupport
import Testing

/// The Mesh spec, loaded once for every test in this target.
enum MeshSpec {
    static let document: OpenAPIDocument = {
        do {
            return try OpenAPILoader.load(
                try SpecSource.load(path: SharedFixtures.repository(OpenAPIDocument.defaultSpecPath).path)
            )
        } catch {
            fatalError("the Mesh spec does not load: \(error)")
        }
    }()

    static func operation(_ method: String, _ template: String) throws -> OpenAPIOperation {
        try #require(document.operation(method: method, template: template))
    }
}

/// A running mock and a client for it; `stop()` when done.
struct MockSession {
    let mock: ReferenceMock
    let client: HTTPClient

    static let credentials: HTTPHeaders = ["X-Client-Id": "meshcheck-tests", "X-Client-Secret": "test-secret"]

    init(seed: UInt64 = 7, faults: [MockFault] = [], selfCheck: Bool = true, stateCapacity: Int = 10_000) throws {
        mock = try ReferenceMock.start(
            MockConfiguration(
                document: MeshSpec.document,
                seed: seed,
                faults: faults,
                selfCheck: selfCheck,
                stateCapacity: stateCapacity,
                eventLoopCount: 1
            )
        )
        client = HTTPClient()
    }

    func stop() {
        client.shutdown()
        mock.stop()
    }

    /// Sends a request with the test credentials (unless `headers` is given) and a JSON body.
    func send(
        _ method: String,
        _ target: String,
        json body: JSONValue? = nil,
        headers: HTTPHeaders = MockSession.credentials,
        contentType: String = "application/json",
        rawBody: [UInt8]? = nil
    ) async throws -> HTTPResponse {
        var headers = headers
        var bytes: [UInt8] = []
        if let body { bytes = JSONWriter().bytes(of: body) }
        if let rawBody { bytes = rawBody }
        if !bytes.isEmpty { headers.add(name: "Content-Type", value: contentType) }
        let exchange = try await client.send(
            HTTPClientRequest(method: method, url: mock.baseURL + target, headers: headers, body: bytes)
        )
        return exchange.response
    }

    /// Logs in `userID` at `broker` through the MFA path and returns the first account's tokens.
    func connect(
        userID: String = "user-1",
        broker: String = "robinhood",
        headers: HTTPHeaders = MockSession.credentials
    ) async throws -> (accessToken: String, refreshToken: String) {
        let response = try await send(
            "POST",
            "/api/v1/authenticate?userId=\(userID)",
            json: ["type": .string(broker), "username": "Mesh", "password": "Pass123", "mfaCode": "123456"],
            headers: headers
        )
        let body = try response.json()
        let tokens = try #require(body["content"]?["accountTokens"]?[0])
        return (
            try #require(tokens["accessToken"]?.stringValue), try #require(tokens["refreshToken"]?.stringValue)
        )
    }
}

extension HTTPResponse {
    /// The body parsed as JSON.
    func json() throws -> JSONValue {
        try JSONParser.parse(body, path: "response")
    }
}

/// Checks a response against the spec, independently of the mock's own self-check.
enum SpecConformance {
    /// Every way `response` breaks what `operation` declares; empty when it conforms.
    static func problems(_ response: HTTPResponse, _ operation: OpenAPIOperation) -> [String] {
        let name = "\(operation.name) \(response.status)"
        guard let declared = operation.response(for: response.status) else {
            return ["\(name): undeclared status"]
        }
        if declared.content.isEmpty {
            return response.body.isEmpty ? [] : ["\(name): a body where none is declared"]
        }
        guard let contentType = response.headers["Content-Type"],
            let match = declared.mediaType(for: contentType),
            match.kind == .exact || match.kind == .wildcard
        else {
            return ["\(name): media type \(response.headers["Content-Type"] ?? "(none)") not declared"]
        }
        let body: JSONValue
        do {
            body = try JSONParser.parse(response.body, path: "response")
        } catch {
            return ["\(name): body is not JSON: \(error)"]
        }
        var problems = (match.mediaType.schema?.validate(body, in: .response) ?? []).map { "\(name): \($0)" }
        // Error bodies whose shape has an errorType must say which error it is.
        if response.status >= 400 || body["status"]?.stringValue.map({ $0 != "ok" }) == true,
            case .object(let object) = body, object["errorType"] != nil
        {
            if (object["errorType"]?.stringValue ?? "").isEmpty {
                problems.append("\(name): an error without errorType")
            }
        }
        return problems
    }
}
