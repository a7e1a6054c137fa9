import Foundation
import HTTP
import JSON
import Suites
import TestSupport
import Testing

@testable import Runner

/// `results.json`: its fixed shape, bounded bodies, atomic writes.
struct ResultsDocumentTests {
    @Test(.timeLimit(.minutes(1))) func theDocumentHasItsDocumentedShape() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let suites = try RunnerFixture.suites(try RunnerFixture.shippedSuite("suites/auth/authenticate-mfa.yaml"))
        let result = try await RunnerFixture.run(suites, against: server.baseURL)
        let document = ResultsDocument.value(of: result)
        #expect(
            document.objectValue?.keys == [
                "format", "formatVersion", "runId", "meshcheckVersion", "spec", "server", "hostname", "startedAt",
                "durationMs", "interrupted", "stopReason", "options", "totals", "gate", "suites",
            ]
        )
        #expect(document["gate"] == .null, "no gate option, no gate record")
        #expect(document["format"] == "meshcheck-results" && document["formatVersion"] == 1)
        #expect(document["spec"]?["title"] == "Mesh Connect Integration API" && document["spec"]?["version"] == "1.0")
        #expect(document["server"] == ["name": "test", "url": .string(server.baseURL)])
        let suite = try #require(document["suites"]?[0])
        #expect(
            suite.objectValue?.keys == [
                "id", "path", "name", "suiteName", "description", "tags", "matrix", "location", "outcome", "skipReason",
                "startedAt", "durationMs", "steps",
            ]
        )
        let step = try #require(suite["steps"]?[1])
        #expect(
            step.objectValue?.keys == [
                "name", "stepName", "phase", "index", "location", "operation", "operationId", "matrix", "negative",
                "outcome", "skipReason", "error", "findings", "disabledChecks", "captures", "attempts", "startedAt",
                "durationMs", "timings", "exchange",
            ]
        )
        #expect(step["operation"] == "POST /api/v1/authenticate")
        #expect(step["captures"] == ["token": "<redacted>"])
        let exchange = try #require(step["exchange"])
        #expect(
            exchange["request"]?.objectValue?.keys == [
                "method", "url", "headers", "headersTruncated", "body", "bodyBytes", "bodyTruncated", "bodyValidUTF8",
            ]
        )
        #expect(
            exchange["response"]?.objectValue?.keys == [
                "status", "reason", "headers", "headersTruncated", "body", "bodyBytes", "bodyTruncated",
                "bodyValidUTF8",
            ]
        )
        #expect(exchange["response"]?["status"] == 200)
        #expect(exchange["timings"]?.objectValue?.keys == ["connectMs", "firstByteMs", "totalMs"])
        let body = try #require(exchange["response"]?["body"]?.stringValue)
        #expect(try JSONParser.parse(body)["content"]?["accountTokens"]?[0]?["accessToken"] == "<redacted>")
    }

    @Test(.timeLimit(.minutes(1))) func largeAndInvalidBodiesAreBoundedAndMarked() async throws {
        let big =
            Array(#"{"data":""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 100_000)
            + [0xE2, 0x82] + Array(#""}"#.utf8)
        let server = HTTPServer { _ in
            HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: big)
        }
        try server.start()
        defer { server.stop() }
        let suites = try RunnerFixture.suites(
            "name: Big\nsteps:\n  - name: big\n    operation: none\n    request: { method: GET, path: /big }\n"
        )
        let result = try await RunnerFixture.run(suites, against: server.baseURL) { $0.bodyExcerptLimit = 1024 }
        let response = try #require(RunnerFixture.steps(result).first?.exchange?.response?.message)
        #expect(response.bodyBytes == big.count)
        #expect(response.bodyTruncated && !response.bodyIsValidUTF8)
        #expect(response.body.hasPrefix(#"{"data":"xxxx"#))
        #expect(response.body.hasSuffix("\n…[truncated: 1024 of 100013 bytes shown]"))
        #expect(RunnerFixture.steps(result).first?.findings.map(\.check) == ["json-well-formed"])
    }

    @Test(.timeLimit(.minutes(1))) func writingReplacesTheFileAtomicallyAndCreatesTheFolder() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let suites = try RunnerFixture.suites(try RunnerFixture.shippedSuite("suites/auth/authenticate-mfa.yaml"))
        let result = try await RunnerFixture.run(suites, against: server.baseURL)
        let folder = try TemporaryDirectory()
        let out = folder.path + "/nested/reports"
        let path = try ResultsDocument.write(result, toFolder: out)
        #expect(path == out + "/results.json")
        try ResultsDocument.write(result, toFolder: out)
        let names = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(names == ["results.json"], "no temporary file is left behind")
        let reread = try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(reread == ResultsDocument.value(of: result))
    }
}

/// Timestamps written without a date formatter agree with Foundation's.
struct TimestampTests {
    @Test(arguments: [0.0, 951_782_400.5, 1_709_251_199.999, 4_102_444_800.0, -86_400.25, 1_798_070_053.327])
    func matchesISO8601DateFormatter(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        #expect(Timestamp.text(date) == formatter.string(from: date))
    }
}
