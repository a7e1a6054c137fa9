import Foundation
import JSON
import MockServer
import OpenAPI
import TestSupport
import Testing

/// `meshcheck compare`, `run --record` and `mock --replay` as the built binary, against the real embedded mock.
struct CompareCommandTests {
    static let credentials = RunCommandTests.credentials
    static let seed = "suites/seed"

    static func fidelity(_ folder: TemporaryDirectory) throws -> JSONValue {
        try JSONParser.parse(Array(try folder.contents(of: "fidelity.json").utf8))
    }

    /// Every drift as `location kind pointer reference candidate`, in step order.
    static func drifts(_ report: JSONValue) -> [String] {
        var lines: [String] = []
        for step in report["steps"]?.arrayValue ?? [] {
            for drift in step["drifts"]?.arrayValue ?? [] {
                let fields = [
                    step["location"]?.stringValue, drift["kind"]?.stringValue, drift["pointer"]?.stringValue ?? "-",
                    drift["reference"]?.stringValue, drift["candidate"]?.stringValue,
                ]
                lines.append(fields.map { $0 ?? "?" }.joined(separator: " "))
            }
        }
        return lines
    }

    @Test(.timeLimit(.minutes(1))) func theMockAgainstItselfHasNoDrift() async throws {
        let reports = try TemporaryDirectory()
        let outcome = try await runMeshcheck(
            ["compare", Self.seed, "--reference", "mock", "--candidate", "mock", "--out", reports.path],
            environment: ["NO_COLOR": "1"]
        )
        #expect(outcome.exitCode == 0, "stdout: \(outcome.stdout)\nstderr: \(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[1] == "fidelity 100.0%: 38 of 38 steps identical in shape, 0 drifts")
        #expect(lines[2] == "json: \(reports.path)/fidelity.json")
        let report = try Self.fidelity(reports)
        #expect(report["format"] == "meshcheck-fidelity")
        #expect(report["summary"]?["compared"] == 38)
        #expect(report["summary"]?["drifts"] == 0)
        #expect(Self.drifts(report).isEmpty)
        let junit = try reports.contents(of: "fidelity-junit.xml")
        #expect(junit.hasPrefix("<?xml") && junit.contains("tests=\"38\" failures=\"0\""))
        #expect(try reports.contents(of: "fidelity.html").contains("fidelity 100.0%"))
    }

    @Test(
        .timeLimit(.minutes(1)),
        arguments: [
            ("status=503,op=POST /api/v1/balance/get", "POST /api/v1/balance/get", " status - ", "86.8%"),
            (
                "malformed=1,op=GET /api/v1/authenticationSchemes", "GET /api/v1/authenticationSchemes", " body - ",
                "92.1%"
            ),
        ]
    )
    func aFaultedMockDriftsOnlyWhereTheFaultIs(
        fault: String,
        operation: String,
        kind: String,
        score: String
    )
        async throws
    {
        let document = try #require(RunCommandTests.document)
        let faulted = try ReferenceMock.start(
            MockConfiguration(document: document, faults: [try MockFault(parsing: fault)])
        )
        defer { faulted.stop() }
        let reports = try TemporaryDirectory()
        let outcome = try await runMeshcheck(
            ["compare", Self.seed, "--reference", "mock", "--candidate", faulted.baseURL, "--out", reports.path],
            environment: Self.credentials
        )
        #expect(outcome.exitCode == 1, "stdout: \(outcome.stdout)\nstderr: \(outcome.stderr)")
        let report = try Self.fidelity(reports)
        let drifts = Self.drifts(report)
        let steps = (report["steps"]?.arrayValue ?? []).filter { $0["operation"]?.stringValue == operation }
        #expect(drifts.count == steps.count, "\(drifts)")
        #expect(drifts.allSatisfy { $0.contains(kind) }, "\(drifts)")
        let operations = Set(
            (report["steps"]?.arrayValue ?? []).filter { $0["drifts"]?.arrayValue?.isEmpty == false }
                .compactMap { $0["operation"]?.stringValue }
        )
        #expect(operations == [operation])
        #expect(report["summary"]?["score"] == .string(score))
        #expect(outcome.stdout.contains(": drift: "))
        #expect(try reports.contents(of: "fidelity-junit.xml").contains("failures=\"\(drifts.count)\""))
    }

    @Test(.timeLimit(.minutes(2))) func recordedFixturesReplayWithoutDriftAndEditsDriftWhereMade() async throws {
        let document = try #require(RunCommandTests.document)
        let fixtures = try TemporaryDirectory()
        let recording = try TemporaryDirectory()
        let recorded = try await runMeshcheck(
            ["run", Self.seed, "--jobs", "1", "--record", fixtures.path, "--out", recording.path],
            environment: Self.credentials
        )
        #expect(recorded.exitCode == 0, "stdout: \(recorded.stdout)\nstderr: \(recorded.stderr)")
        #expect(recorded.stdout.contains("fixtures: \(fixtures.path) (38 exchanges)"))
        let files = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted()
        #expect(files.count == 38)
        let written = try files.map { try fixtures.contents(of: $0) }.joined()
        for secret in [RunCommandTests.clientID, RunCommandTests.clientSecret, "Pass123", "\"123456\""] {
            #expect(!written.contains(secret), "\(secret) leaked into a fixture")
        }

        // Replayed as recorded: no drift.
        let faithful = try await compare(againstReplayOf: fixtures.path, document: document)
        #expect(faithful.exitCode == 0, "\(faithful.drifts)")
        #expect(faithful.drifts.isEmpty)
        // One step sends an empty X-Client-Secret, which the recording masks like any other value: its request
        // matches no fixture and gets the mock's generated 401 (docs/fidelity.md).
        #expect(faithful.replayed == 37)

        // Five edits in four responses: each is reported where it was made, and nothing else is.
        try edit(fixtures, files, operation: "POST /api/v1/balance/get", status: 200) { body in
            try Self.remove("/content/balances/0/cash", from: &body)
            try Self.set("/content/balances/0/buyingPower", to: "258.5", in: &body)
        }
        try edit(fixtures, files, contentStatus: "failed") { body in
            try Self.set("/content/status", to: "succeeded", in: &body)
        }
        try edit(fixtures, files, operation: "DELETE /api/v1/account", status: 200) { body in
            try Self.set("/content", to: ["removed": true], in: &body)
        }
        try edit(fixtures, files, operation: "GET /api/v1/authenticationSchemes", status: 401, newStatus: 403) { _ in
        }
        let edited = try await compare(againstReplayOf: fixtures.path, document: document)
        #expect(edited.exitCode == 1)
        #expect(
            edited.drifts == [
                "suites/seed/authenticate.yaml:52:5 missing /content/balances/0/cash number absent",
                "suites/seed/authenticate.yaml:52:5 type /content/balances/0/buyingPower number string",
                #"suites/seed/authenticate.yaml:61:5 enum /content/status "failed" "succeeded""#,
                "suites/seed/authentication-schemes.yaml:29:5 status - 401 403",
                "suites/seed/remove-connection.yaml:87:5 extra /content absent object",
            ]
        )
    }

    @Test(.timeLimit(.minutes(1))) func usageAndReplayErrorsExitTwoAndAnUnreachableServerThree() async throws {
        let unknown = try await runMeshcheck(
            ["compare", Self.seed, "--reference", "mock", "--candidate", "mokc"],
            environment: ["NO_COLOR": "1"]
        )
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.contains("error: unknown server 'mokc'; did you mean 'mock'?"))
        let sandbox = try await runMeshcheck(
            ["compare", Self.seed],
            environment: ["NO_COLOR": "1", "MESH_CLIENT_ID": "", "MESH_CLIENT_SECRET": ""]
        )
        #expect(sandbox.exitCode == 2)
        #expect(sandbox.stderr.contains("MESH_CLIENT_ID is not set"))
        let unreachable = try await runMeshcheck(
            ["compare", Self.seed, "--reference", "mock", "--candidate", "http://127.0.0.1:1"],
            environment: Self.credentials
        )
        #expect(unreachable.exitCode == 3)
        #expect(unreachable.stderr.contains("error: cannot reach http://127.0.0.1:1: "))
        let folder = try TemporaryDirectory()
        _ = try folder.write("0001-x.json", "{\"format\": \"meshcheck-fixture\",\n \"request\": 1}")
        let replay = try await runMeshcheck(["mock", "--port", "0", "--replay", folder.path])
        #expect(replay.exitCode == 2)
        #expect(replay.stderr.contains("0001-x.json:1:1: error: a fixture needs 'request' with 'method' and 'target'"))
    }

    // MARK: - Helpers

    private struct Compared {
        var exitCode: Int32
        var drifts: [String]
        var replayed: Int
    }

    private func compare(againstReplayOf folder: String, document: OpenAPIDocument) async throws -> Compared {
        var configuration = MockConfiguration(document: document)
        configuration.replay = try ReplayFixtures.load(folder: folder)
        let replay = try ReferenceMock.start(configuration)
        defer { replay.stop() }
        let reports = try TemporaryDirectory()
        let outcome = try await runMeshcheck(
            [
                "compare", Self.seed, "--jobs", "1", "--reference", "mock", "--candidate", replay.baseURL, "--out",
                reports.path,
            ],
            environment: Self.credentials
        )
        #expect(outcome.exitCode != 2 && outcome.exitCode != 3, "stderr: \(outcome.stderr)")
        return Compared(
            exitCode: outcome.exitCode,
            drifts: Self.drifts(try Self.fidelity(reports)),
            replayed: configuration.replay?.replayedCount ?? 0
        )
    }

    private struct FixtureView {
        var operation: String?
        var status: Int?
        var body: JSONValue?
    }

    /// Edits the first fixture of `operation` answered with `status` (or whose `/content/status` is
    /// `contentStatus`).
    private func edit(
        _ folder: TemporaryDirectory,
        _ files: [String],
        operation: String? = nil,
        status: Int? = nil,
        contentStatus: JSONValue? = nil,
        newStatus: Int? = nil,
        body change: (inout JSONValue) throws -> Void
    ) throws {
        for file in files {
            var fixture = try JSONParser.parse(Array(try folder.contents(of: file).utf8))
            let view = FixtureView(
                operation: fixture["operation"]?.stringValue,
                status: fixture["response"]?["status"]?.intValue,
                body: fixture["response"]?["body"]
            )
            guard operation == nil || view.operation == operation, status == nil || view.status == status,
                contentStatus == nil || view.body?["content"]?["status"] == contentStatus
            else { continue }
            var body = try #require(view.body)
            try change(&body)
            try Self.set("/response/body", to: body, in: &fixture)
            if let newStatus { try Self.set("/response/status", to: .number(JSONNumber(newStatus)), in: &fixture) }
            _ = try folder.write(file, fixture.serialized(pretty: true))
            return
        }
        Issue.record("no fixture matches")
    }

    private static func set(_ pointer: String, to value: JSONValue, in body: inout JSONValue) throws {
        let stored = body.setValue(value, at: try JSONPointer(parsing: pointer))
        #expect(stored, "\(pointer)")
    }

    private static func remove(_ pointer: String, from body: inout JSONValue) throws {
        let parsed = try JSONPointer(parsing: pointer)
        let parent = try #require(parsed.parent)
        var object = try #require(body.value(at: parent)?.objectValue)
        object[try #require(parsed.tokens.last)] = nil
        try set(parent.description, to: .object(object), in: &body)
    }
}
