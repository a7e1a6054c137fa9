import HTTP
import JSON
import MockServer
import Testing

/// `--fault`: parsing, and each kind observed, deterministically from the seed.
struct MockFaultTests {
    @Test(arguments: [
        ("latency=200ms", MockFault(kind: .latency(.milliseconds(200)))),
        ("latency=1.5s", MockFault(kind: .latency(.milliseconds(1500)))),
        ("status=503,rate=0.1", MockFault(kind: .status(503), rate: 0.1)),
        ("drop=0.05", MockFault(kind: .drop, rate: 0.05)),
        ("malformed=0.05", MockFault(kind: .malformed, rate: 0.05)),
        (
            "status=429, op=POST /api/v1/holdings/get",
            MockFault(kind: .status(429), operation: "POST /api/v1/holdings/get")
        ),
    ])
    func parses(text: String, expected: MockFault) throws {
        let fault = try MockFault(parsing: text)
        #expect(fault == expected)
        #expect(try MockFault(parsing: fault.description) == fault)
    }

    @Test(arguments: [
        (
            "latency=200",
            "invalid fault 'latency=200': latency '200' is not a duration such as 200ms or 1.5s (at most 600s)"
        ),
        ("status=700", "invalid fault 'status=700': status '700' is not a code from 100 to 599"),
        ("drop=2", "invalid fault 'drop=2': rate '2' is not a number from 0 to 1"),
        (
            "explode=1",
            "invalid fault 'explode=1': unknown fault 'explode'; expected latency, status, drop or malformed"
        ),
        ("status=503,when=now", "invalid fault 'status=503,when=now': unknown key 'when'; expected rate or op"),
        ("drop", "invalid fault 'drop': 'drop' is not KEY=VALUE"),
        ("status=503,rate=0.1,rate=0.2", "invalid fault 'status=503,rate=0.1,rate=0.2': the rate is given twice"),
    ])
    func refusesWithAClearMessage(text: String, message: String) {
        let error = #expect(throws: MockError.self) { try MockFault(parsing: text) }
        #expect(error?.description == message)
    }

    @Test func anUnknownOperationStopsTheMockFromStarting() throws {
        let fault = try MockFault(parsing: "drop=1,op=GET /api/v1/nothing")
        #expect(throws: MockError(.unknownOperation("GET /api/v1/nothing"))) {
            _ = try ReferenceMock.start(MockConfiguration(document: MeshSpec.document, faults: [fault]))
        }
    }

    func statuses(seed: UInt64) async throws -> [Int] {
        let fault = try MockFault(parsing: "status=503,rate=0.5,op=GET /api/v1/status")
        let session = try MockSession(seed: seed, faults: [fault])
        defer { session.stop() }
        var statuses: [Int] = []
        for _ in 0..<24 {
            statuses.append(try await session.send("GET", "/api/v1/status").status)
            // Another operation is outside the fault's scope and does not advance its sequence.
            #expect(try await session.send("GET", "/api/v1/integrations").status == 200)
        }
        return statuses
    }

    @Test(.timeLimit(.minutes(1)))
    func statusFaultsHitTheSameRequestsForTheSameSeed() async throws {
        let first = try await statuses(seed: 11)
        let second = try await statuses(seed: 11)
        let other = try await statuses(seed: 12)
        #expect(first == second)
        #expect(first.contains(503) && first.contains(200))
        #expect(Set(first).isSubset(of: [200, 503]))
        #expect(first != other)
    }

    @Test(.timeLimit(.minutes(1)))
    func aDeclaredStatusKeepsItsDeclaredShape() async throws {
        let session = try MockSession(faults: [try MockFault(parsing: "status=503,op=POST /api/v1/authenticate")])
        defer { session.stop() }
        let response = try await session.send("POST", "/api/v1/authenticate?userId=u", json: ["type": "robinhood"])
        #expect(response.status == 503)
        #expect(response.body.isEmpty)
        #expect(response.headers["X-Mock-Fault"] == "status=503")
        let problems = SpecConformance.problems(response, try MeshSpec.operation("POST", "/api/v1/authenticate"))
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test(.timeLimit(.minutes(1)))
    func latencyIsAnnouncedAndTheAnswerStillConforms() async throws {
        let session = try MockSession(faults: [try MockFault(parsing: "latency=20ms")])
        defer { session.stop() }
        let response = try await session.send("GET", "/api/v1/status")
        #expect(response.status == 200)
        #expect(response.headers["X-Mock-Fault"] == "latency=20ms")
        #expect(SpecConformance.problems(response, try MeshSpec.operation("GET", "/api/v1/status")).isEmpty)
    }

    @Test(.timeLimit(.minutes(1)))
    func dropClosesTheConnectionInTheMiddleOfTheBody() async throws {
        let session = try MockSession(faults: [try MockFault(parsing: "drop=1,op=GET /api/v1/status")])
        defer { session.stop() }
        let error = await #expect(throws: HTTPClientError.self) {
            _ = try await session.send("GET", "/api/v1/status")
        }
        guard case .truncatedBody(let expected?, let received)? = error else {
            Issue.record("expected a truncated body, got \(String(describing: error))")
            return
        }
        #expect(received == expected / 2)
        #expect(try await session.send("GET", "/api/v1/integrations").status == 200)
    }

    @Test(.timeLimit(.minutes(1)))
    func malformedBodiesAreNotJSON() async throws {
        let session = try MockSession(faults: [try MockFault(parsing: "malformed=1")])
        defer { session.stop() }
        let response = try await session.send("GET", "/api/v1/status")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(response.headers["X-Mock-Fault"] == "malformed")
        #expect(throws: JSONError.self) { _ = try JSONParser.parse(response.body) }
    }
}
