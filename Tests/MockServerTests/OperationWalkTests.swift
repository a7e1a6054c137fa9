import Foundation
import HTTP
import JSON
import MockServer
import OpenAPI
import Testing

/// Every operation of the spec, once with a valid request and once with a bad one, each response checked against
/// the spec by the test (not by the mock): 0 violations.
struct OperationWalkTests {
    static let sampler = SchemaSampler(document: MeshSpec.document)

    @Test(.timeLimit(.minutes(2)))
    func everyOperationAnswersValidAndBadRequestsAsDeclared() async throws {
        let session = try MockSession()
        defer { session.stop() }
        var checked = 0
        var problems: [String] = []
        var operations = 0
        for (index, operation) in MeshSpec.document.operations.enumerated() {
            operations += 1
            let valid = try await validRequest(for: operation, index: index, session: session)
            let good = try await session.send(
                operation.method,
                valid.target,
                json: valid.body
            )
            problems += SpecConformance.problems(good, operation)
            #expect((200..<300).contains(good.status), "\(operation.name): valid request got \(good.status)")
            if let status = try? good.json()["status"]?.stringValue {
                #expect(status == "ok", "\(operation.name): valid request got envelope status \(status)")
            }
            let bad = try await badResponse(for: operation, valid: valid, session: session)
            problems += SpecConformance.problems(bad, operation)
            let envelopeStatus = try? bad.json()["status"]?.stringValue
            #expect(
                bad.status >= 400 || (envelopeStatus != nil && envelopeStatus != "ok"),
                "\(operation.name): bad request got \(bad.status) \(String(decoding: bad.body, as: UTF8.self))"
            )
            checked += 2
        }
        print("mock walk: \(operations) operations, \(checked) responses checked, \(problems.count) violations")
        #expect(operations == 45)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(session.mock.selfCheckViolations.isEmpty, "\(session.mock.selfCheckViolations)")
    }

    struct PreparedRequest {
        var target: String
        var body: JSONValue?
        var queryItems: [(String, String)]
        var pathValues: [String: String]
    }

    /// A valid request built from the spec: examples where they validate, values sampled from the schemas
    /// otherwise, with live tokens from a real login where the operation needs one.
    func validRequest(for operation: OpenAPIOperation, index: Int, session: MockSession) async throws -> PreparedRequest
    {
        var pathValues: [String: String] = [:]
        var query: [(String, String)] = []
        for parameter in operation.parameters where parameter.isRequired {
            let value = Self.sampler.sample(
                schemaAt: parameter.pointer.appending("schema"),
                seed: UInt64(index),
                context: .request
            )
            let text = value.map(Self.text) ?? "value"
            if parameter.location == .path {
                pathValues[parameter.name] = text
            } else if parameter.location == .query {
                query.append((parameter.name, text))
            }
        }
        var body: JSONValue?
        if let content = operation.requestBody?.content.first {
            let examples = [content.example].compactMap(\.self) + content.examples.compactMap(\.value)
            body =
                examples.first { content.schema?.isValid($0, in: .request) ?? true }
                ?? Self.sampler.sample(
                    schemaAt: content.pointer.appending("schema"),
                    seed: UInt64(index),
                    context: .request
                )
        }
        if case .object(var object)? = body {
            let tokens = try await session.connect(userID: "walk-\(index)")
            for key in object.keys where key == "authToken" || key.hasSuffix("AuthToken") {
                object[key] = .string(tokens.accessToken)
            }
            if object["refreshToken"] != nil { object["refreshToken"] = .string(tokens.refreshToken) }
            if operation.path.text == "/api/v1/authenticate" {
                object = ["type": "robinhood", "username": "Mesh", "password": "Pass123", "mfaCode": "123456"]
            }
            body = .object(object)
        }
        return PreparedRequest(
            target: Self.target(operation.path.text, pathValues: pathValues, query: query),
            body: body,
            queryItems: query,
            pathValues: pathValues
        )
    }

    /// The response to a bad request: a body of the wrong type, else a missing required parameter, else missing
    /// credentials.
    func badResponse(
        for operation: OpenAPIOperation,
        valid: PreparedRequest,
        session: MockSession
    ) async throws -> HTTPResponse {
        if operation.requestBody != nil {
            return try await session.send(operation.method, valid.target, json: [1])
        }
        if let required = operation.parameters.first(where: { $0.isRequired && $0.location == .query }) {
            let query = valid.queryItems.filter { $0.0 != required.name }
            return try await session.send(
                operation.method,
                Self.target(operation.path.text, pathValues: valid.pathValues, query: query)
            )
        }
        if let required = operation.parameters.first(where: { $0.location == .path }) {
            var values = valid.pathValues
            values[required.name] = "notAValue"
            return try await session.send(
                operation.method,
                Self.target(operation.path.text, pathValues: values, query: [])
            )
        }
        return try await session.send(operation.method, valid.target, headers: ["X-Client-Id": "meshcheck-tests"])
    }

    static func target(_ template: String, pathValues: [String: String], query: [(String, String)]) -> String {
        var path = template
        for (name, value) in pathValues {
            path = path.replacingOccurrences(of: "{\(name)}", with: value)
        }
        guard !query.isEmpty else { return path }
        return path + "?"
            + query.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let number): number.text
        case .bool(let flag): flag ? "true" : "false"
        default: value.serialized()
        }
    }
}
