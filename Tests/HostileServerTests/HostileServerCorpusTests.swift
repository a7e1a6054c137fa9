import Foundation
import HTTP
import OpenAPI
import Reports
import Runner
import Suites
import TestSupport
import Testing

/// Every hostile behaviour, met by a real run: the step fails (or errors) with a message that names what happened,
/// within its timeout (5 s where the server never finishes, 30 s otherwise), and both reports stay valid: JUnit
/// against the xUnit XSD (xmllint), HTML complete, the server's markup shown as text.
struct HostileServerCorpusTests {
    static let suite = """
        name: Hostile server
        steps:
          - name: status
            request: { method: GET, path: /api/v1/status }
            expect: { status: 200 }
        """

    @Test func theCorpusHasAtLeastTwentyBehaviours() {
        #expect(HostileBehaviour.allCases.count == 27)
    }

    // One behaviour at a time: 27 servers at once, each with its threads, starve each other on 2 busy cores, and a
    // server that cannot answer within the timeout would fail for the wrong reason.
    @Test(.serialized, .timeLimit(.minutes(3)), arguments: HostileBehaviour.allCases)
    func aHostileServerEndsInAClearStepFailure(behaviour: HostileBehaviour) async throws {
        let server = try HostileServer(behaviour)
        defer { server.stop() }
        // A loop only loops for a client that follows redirects; the runner's default reports the 3xx itself.
        let result = try await HostileRun.run(
            Self.suite,
            against: server.baseURL,
            timeout: behaviour.endsByTimeout ? .seconds(5) : .seconds(30),
            redirects: behaviour == .redirectLoop ? .follow(maximum: 5) : .none
        )
        let steps = result.suites.flatMap(\.steps)
        try #require(steps.count == 1)
        let step = steps[0]
        #expect(step.outcome == .failed || step.outcome == .error, "\(behaviour) passed")
        let said = ([step.error?.message] + step.findings.map { $0.message + " " + $0.actual }).compactMap { $0 }
        #expect(
            said.contains { $0.contains(behaviour.expectedFailure) },
            "\(behaviour): '\(behaviour.expectedFailure)' not in \(said)"
        )
        // The step gave up, whatever the server kept doing (the servers hold out for 90 s or more); the bound is
        // loose on purpose, a busy machine stretches the 5 s timeout.
        #expect(step.duration < .seconds(45), "\(behaviour) took \(step.duration)")

        let folder = try TemporaryDirectory()
        let written = try HostileRun.writeReports(result, to: folder.path)
        #expect(written.map(\.format) == [.json, .junit, .html])
        try await HostileRun.expectValidJUnit(at: folder.path + "/junit.xml")
        let junit = try folder.contents(of: "junit.xml")
        let html = try folder.contents(of: "index.html")
        #expect(junit.hasPrefix("<?xml") && junit.contains("<failure") || junit.contains("<error"))
        #expect(html.hasSuffix("</html>\n"))
        for text in [junit, html] {
            #expect(!text.contains(HostileBehaviour.scriptMarker))
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        }
        // The report reads back as the run recorded it.
        let reread = try ResultsDocument.read(Array(try folder.contents(of: "results.json").utf8), path: "r.json")
        #expect(reread.totals == result.totals)
    }
}

extension HostileServerCorpusTests {
    /// Followed to another origin, a redirect carries no credentials: the second server sees none of them and
    /// answers 401.
    @Test(.timeLimit(.minutes(1)))
    func aRedirectToAnotherHostCarriesNoCredentials() async throws {
        let other = try FakeMeshServer()
        defer { other.stop() }
        // localhost and 127.0.0.1 are different origins on the same machine.
        let target = other.baseURL.replacingOccurrences(of: "127.0.0.1", with: "localhost") + "/api/v1/status"
        let server = try HostileServer(.redirectToAnotherHost, redirectTarget: target)
        defer { server.stop() }
        let result = try await HostileRun.run(
            Self.suite,
            against: server.baseURL,
            timeout: .seconds(20),
            redirects: .follow(maximum: 5)
        )
        let step = try #require(result.suites.first?.steps.first)
        // The fake server wants credentials for GET /api/v1/status: its 401 is the proof they were dropped.
        #expect(step.findings.map(\.message) == ["expected status 200, got 401"])
        let requests = other.requests
        #expect(requests.count == 1)
        for request in requests {
            for name in ["X-Client-Id", "X-Client-Secret", "Authorization", "Cookie"] {
                #expect(request.headers[name] == nil, "\(name) followed the redirect")
            }
        }
    }
}
