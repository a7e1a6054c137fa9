import Foundation
import JSON
import Suites
import TestSupport
import Testing

@testable import Runner

/// Reading `results.json` back: a written run reads back to the same bytes; anything else is refused with a
/// message naming the file and the place.
struct ResultsReadingTests {
    @Test(.timeLimit(.minutes(1)))
    func aRunReadsBackToTheSameBytes() async throws {
        let server = try FakeMeshServer(faults: [.schemaViolation, .hostileText])
        defer { server.stop() }
        let suites = try RunnerFixture.suites(
            try RunnerFixture.shippedSuite("suites/auth/authenticate-mfa.yaml") + """
                ---
                name: Matrix and skip
                matrix: { kind: [robinhood, kraken] }
                steps:
                  - name: status
                    request: { method: GET, path: /api/v1/status }
                  - name: skipped
                    skip: "not today"
                    request: { method: GET, path: /api/v1/status }

                """
        )
        var result = try await RunnerFixture.run(suites, against: server.baseURL) { $0.maxFailures = 50 }
        result.stopReason = .interrupted
        let bytes = ResultsDocument.bytes(of: result)
        let read = try ResultsDocument.read(bytes, path: "results.json")
        #expect(ResultsDocument.bytes(of: read) == bytes)
        #expect(read.totals == result.totals && read.isInterrupted)
        #expect(read.suites.map(\.name) == result.suites.map(\.name))
    }

    @Test(.timeLimit(.minutes(1)))
    func theHostnameReadsBackAndOlderFilesWithoutItReadAsNone() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let suites = try RunnerFixture.suites(try RunnerFixture.shippedSuite("suites/auth/authenticate-mfa.yaml"))
        var result = try await RunnerFixture.run(suites, against: server.baseURL)
        #expect(result.hostname == nil, "the runner records no machine unless configured to")
        result.hostname = "ci-runner-7"
        let read = try ResultsDocument.read(ResultsDocument.bytes(of: result), path: "results.json")
        #expect(read.hostname == "ci-runner-7")
        guard case .object(var object) = ResultsDocument.value(of: result) else { return }
        object["hostname"] = nil
        let older = try ResultsDocument.read(Array(JSONValue.object(object).serialized().utf8), path: "old.json")
        #expect(older.hostname == nil)
        object["hostname"] = 7
        #expect(throws: (any Error).self) {
            try ResultsDocument.read(Array(JSONValue.object(object).serialized().utf8), path: "bad.json")
        }
    }

    @Test(arguments: [
        ("{", "results.json:1:2: error: not a results file: unexpected end of input, expected a string key"),
        (
            "{\"format\": \"junit\"}",
            "results.json: error: not a meshcheck results file: 'format' is 'junit'; expected 'meshcheck-results'"
        ),
        ("[]", "results.json: error: not a meshcheck results file: 'format' is absent; expected 'meshcheck-results'"),
        (
            "{\"format\": \"meshcheck-results\", \"formatVersion\": 2}",
            "results.json: error: unsupported 'formatVersion' 2; this meshcheck reads version 1"
        ),
        (
            "{\"format\": \"meshcheck-results\", \"formatVersion\": 1, \"runId\": \"r1\"}",
            "results.json: error: /options: expected a value (the key is missing)"
        ),
    ])
    func malformedFilesAreRefusedWithTheirPlace(text: String, message: String) {
        #expect(throws: ResultsDocumentError.self) { try ResultsDocument.read(Array(text.utf8), path: "results.json") }
        do {
            _ = try ResultsDocument.read(Array(text.utf8), path: "results.json")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test
    func aWrongTypeDeepInsideNamesItsPointer() throws {
        let server = ResultsDocument.value(of: try Self.emptyRun())
        guard case .object(var document) = server else { return }
        var step: JSONObject = ["name": 3]
        step["stepName"] = "x"
        document["suites"] = [
            [
                "id": "a", "path": "a.yaml", "name": "A", "suiteName": "A", "description": nil, "tags": [],
                "matrix": [:], "location": ["path": "a.yaml", "line": 1, "column": 1], "skipReason": nil,
                "startedAt": "2026-12-01T02:54:13.327Z", "durationMs": 1, "steps": [.object(step)],
            ]
        ]
        let bytes = JSONWriter().bytes(of: .object(document))
        #expect(throws: ResultsDocumentError.self) { try ResultsDocument.read(bytes, path: "r.json") }
        do {
            _ = try ResultsDocument.read(bytes, path: "r.json")
        } catch {
            #expect(error.description == "r.json: error: /suites/0/steps/0/name: expected a string")
        }
    }

    @Test(arguments: [
        "1970-01-01T00:00:00.000Z", "2026-12-01T02:54:13.327Z", "2000-02-29T23:59:59.999Z", "1969-12-31T23:59:59.001Z",
        "2400-03-01T00:00:00.500Z",
    ])
    func timestampsReadBackExactly(text: String) throws {
        let milliseconds = try #require(Timestamp.milliseconds(parsing: text))
        let date = Date(timeIntervalSince1970: (Double(milliseconds) + 0.5) / 1000)
        #expect(Timestamp.text(date) == text)
    }

    @Test(arguments: ["2026-12-01 02:54:13Z", "2026-13-01T02:54:13.327Z", "2026-12-01T02:54:13.3270Z", "yesterday"])
    func otherTimesAreRefused(text: String) {
        #expect(Timestamp.milliseconds(parsing: text) == nil)
    }

    static func emptyRun() throws -> RunResult {
        let text = """
            {"format":"meshcheck-results","formatVersion":1,"runId":"r1","meshcheckVersion":"0.1.0",
            "spec":{"title":"T","version":"1","path":"s.yaml"},"server":{"name":"mock","url":"http://x"},
            "startedAt":"2026-12-01T02:54:13.327Z","durationMs":0,"interrupted":false,"stopReason":null,
            "options":{"jobs":1,"tags":[],"excludeTags":[],"failFast":false,"maxFailures":null},
            "totals":{},"suites":[],"future":"ignored"}
            """
        return try ResultsDocument.read(Array(text.utf8), path: "r.json")
    }
}
