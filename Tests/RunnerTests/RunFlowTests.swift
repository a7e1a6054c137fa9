import Foundation
import HTTP
import Runner
import Suites
import Synchronization
import TestSupport
import Testing

/// Setup, teardown, skip, only, stopping early, unreachable servers, transport errors, retries, interruption.
struct RunFlowTests {
    static let failingSetup = """
        name: Setup fails
        setup:
          - name: prepare
            request: { method: GET, path: /api/v1/status }
            expect: { status: 201 }
        steps:
          - name: main
            request: { method: GET, path: /api/v1/status }
        teardown:
          - name: clean up
            request: { method: GET, path: /api/v1/status }
        """

    @Test(.timeLimit(.minutes(1))) func aFailedSetupSkipsTheStepsAndTeardownStillRuns() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let result = try await RunnerFixture.run(try RunnerFixture.suites(Self.failingSetup), against: server.baseURL)
        let steps = RunnerFixture.steps(result)
        #expect(steps.map(\.outcome) == [.failed, .skipped, .passed])
        #expect(steps.map(\.phase) == [.setup, .main, .teardown])
        #expect(steps[1].skipReason == "setup step 'prepare' failed")
        #expect(server.requests.count == 2)
        #expect(result.suites[0].outcome == .failed)
    }

    @Test(.timeLimit(.minutes(1))) func skipAndOnlyGiveTheirReasons() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let text = """
            name: Focus
            only: focus suite
            steps:
              - name: skipped
                request: { method: GET, path: /api/v1/status }
                skip: the sandbox lacks it
              - name: skipped elsewhere
                request: { method: GET, path: /api/v1/status }
                skip: { reason: only on the sandbox, on: [sandbox] }
              - name: focused
                request: { method: GET, path: /api/v1/status }
                only: debugging
            ---
            name: Skipped suite
            skip: not ready
            steps:
              - name: one
                request: { method: GET, path: /api/v1/status }
            ---
            name: Other suite
            only: this one too
            steps:
              - name: one
                request: { method: GET, path: /api/v1/status }
            ---
            name: Not focused
            steps:
              - name: one
                request: { method: GET, path: /api/v1/status }
            """
        let result = try await RunnerFixture.run(try RunnerFixture.suites(text), against: server.baseURL)
        let summary = result.suites.map { suite in
            suite.steps.map { "\($0.outcome.rawValue): \($0.skipReason ?? "")" }
        }
        #expect(
            summary == [
                [
                    "skipped: step 'focused' says only: debugging", "skipped: step 'focused' says only: debugging",
                    "passed: ",
                ],
                ["skipped: not ready"],
                ["passed: "],
                ["skipped: suite 'Focus' says only: focus suite"],
            ]
        )
        #expect(result.suites.map(\.outcome) == [.passed, .skipped, .passed, .skipped])
    }

    @Test(.timeLimit(.minutes(1))) func tagsSelectSuites() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let text = """
            name: A
            tags: [seed, auth]
            steps: [{ name: one, request: { method: GET, path: /api/v1/status } }]
            ---
            name: B
            tags: [slow]
            steps: [{ name: one, request: { method: GET, path: /api/v1/status } }]
            ---
            name: C
            tags: [seed, slow]
            steps: [{ name: one, request: { method: GET, path: /api/v1/status } }]
            """
        let suites = try RunnerFixture.suites(text)
        let seed = try await RunnerFixture.run(suites, against: server.baseURL) { $0.includeTags = ["seed"] }
        #expect(seed.suites.map(\.name) == ["A", "C"])
        let fast = try await RunnerFixture.run(suites, against: server.baseURL) { $0.excludeTags = ["slow"] }
        #expect(fast.suites.map(\.name) == ["A"])
    }

    @Test(.timeLimit(.minutes(1))) func failFastAndMaxFailuresStopTheRun() async throws {
        let server = try FakeMeshServer()
        defer { server.stop() }
        let failing = (1...5).map {
            "  - name: s\($0)\n    request: { method: GET, path: /api/v1/status }\n    expect: { status: 201 }\n"
        }
        let text =
            "name: Failing\nsteps:\n" + failing.joined()
            + "teardown:\n  - name: t\n    request: { method: GET, path: /api/v1/status }\n"
        let suites = try RunnerFixture.suites(text)
        let fast = try await RunnerFixture.run(suites, against: server.baseURL) { $0.failFast = true }
        #expect(RunnerFixture.steps(fast).map(\.outcome) == [.failed, .skipped, .skipped, .skipped, .skipped, .passed])
        #expect(fast.stopReason == .failFast)
        #expect(RunnerFixture.steps(fast)[1].skipReason == "the run stopped (fail-fast)")
        let three = try await RunnerFixture.run(suites, against: server.baseURL) { $0.maxFailures = 3 }
        #expect(RunnerFixture.steps(three).map(\.outcome) == [.failed, .failed, .failed, .skipped, .skipped, .passed])
        #expect(three.stopReason == .maxFailures)
    }

    @Test(.timeLimit(.minutes(1))) func anUnreachableServerStopsTheRunWithWhatWasRecorded() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        let suites = try RunnerFixture.suites(Self.failingSetup)
        do {
            _ = try await RunnerFixture.run(suites, against: "http://127.0.0.1:\(port)")
            Issue.record("the run should have thrown")
        } catch let error as RunError {
            guard case .serverUnreachable(let reason, let partial) = error else { return }
            #expect(reason.hasPrefix("cannot connect to 127.0.0.1:\(port)"))
            #expect(partial.stopReason == .serverUnreachable)
            #expect(RunnerFixture.steps(partial).map(\.outcome) == [.error, .skipped, .skipped])
            #expect(RunnerFixture.steps(partial)[0].error?.kind == "transport")
            #expect(RunnerFixture.steps(partial)[0].exchange?.response == nil)
            #expect(
                RunnerFixture.steps(partial)[0].exchange?.request.headers.contains { $0.name == "X-Client-Secret" }
                    == true
            )
        }
    }

    @Test(.timeLimit(.minutes(1))) func transportErrorsAreErrorsAndAreRetriedWhenAsked() async throws {
        let attempts = Atomic<Int>(0)
        let server = HTTPServer(replyHandler: { _ in
            let attempt = attempts.add(1, ordering: .relaxed).newValue
            if attempt % 3 != 0 { return .close }
            return .response(
                HTTPResponse(status: 503, headers: ["Content-Type": "text/plain"], body: Array("busy".utf8))
            )
        })
        try server.start()
        defer { server.stop() }
        let text = """
            name: Retries
            steps:
              - name: no retry
                operation: none
                request: { method: GET, path: /x }
              - name: retried until an answer
                operation: none
                request: { method: GET, path: /x, retries: { count: 5, delay: 1ms } }
                checks: { not-server-error: { off: "503 expected" } }
              - name: retried on a status too
                operation: none
                request: { method: GET, path: /x, retries: { count: 3, statuses: [503], delay: 1ms } }
                expect: { status: 503 }
            """
        let result = try await RunnerFixture.run(try RunnerFixture.suites(text), against: server.baseURL) {
            $0.jobs = 1
        }
        let steps = RunnerFixture.steps(result)
        #expect(steps.map(\.outcome) == [.error, .passed, .passed])
        #expect(steps.map(\.attempts) == [1, 2, 4])
        #expect(steps[0].error?.message == "the server closed the connection without responding")
        #expect(result.stopReason == nil, "a server that answered once is reachable")
    }

    @Test(.timeLimit(.minutes(1))) func cancellingTheRunMarksItInterrupted() async throws {
        let server = HTTPServer(asyncHandler: { _ in
            try? await Task.sleep(for: .milliseconds(50))
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array("{}".utf8))
        })
        try server.start()
        defer { server.stop() }
        let steps = (1...40).map {
            "  - name: s\($0)\n    operation: none\n    request: { method: GET, path: /slow }\n"
        }
        let suites = try RunnerFixture.suites("name: Slow\nsteps:\n" + steps.joined())
        let started = Atomic<Int>(0)
        let task = Task {
            var configuration = RunnerFixture.configuration(server.baseURL, jobs: 1)
            configuration.defaultTimeout = .seconds(5)
            let runner = SuiteRunner { event in
                if case .stepFinished = event { started.add(1, ordering: .relaxed) }
            }
            return try await runner.run(
                RunPlan(suites: suites, document: try RunnerFixture.spec(), configuration: configuration)
            )
        }
        var waited = 0
        while started.load(ordering: .relaxed) < 2 && waited < 1000 {
            try await Task.sleep(for: .milliseconds(5))
            waited += 1
        }
        task.cancel()
        let result = try await task.value
        #expect(result.isInterrupted)
        let outcomes = RunnerFixture.steps(result).map(\.outcome)
        #expect(outcomes.count == 40)
        // The first step finished before the cancel, or (on a machine too busy to finish two 50 ms steps first) was
        // in flight and abandoned after SuiteRunner's grace period.
        let first = RunnerFixture.steps(result).first
        #expect(
            first?.outcome == .passed || first?.error?.message.hasPrefix("abandoned: the run was interrupted") == true,
            "\(outcomes) \(first?.error?.message ?? "")"
        )
        #expect(outcomes.contains(.skipped))
        #expect(RunnerFixture.steps(result).last?.skipReason == "the run stopped (interrupted)")
    }
}
