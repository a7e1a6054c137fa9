import Diagnostics
import Foundation
import HTTP
import JSON
import MockServer
import OpenAPI
import Runner
import Suites

/// `runner.mock`, `runner.trivial` and `runner.split`: checked responses per second of the runner.
///
/// 1. A generated plan of 2,000 steps (20 suites of 100, half `GET /api/v1/status`, half a real
///    `POST /api/v1/authenticate` login, each with status and JSON expectations) is loaded and linted once.
/// 2. It runs in process, as `meshcheck run` runs it after lint, with every automatic check on and `--jobs 2`:
///    against the embedded mock (two event loops, request validation on) and against a trivial `HTTPServer`
///    answering the same two valid bodies, fixed; median of 3 runs after a warm-up, results.json written each time.
/// 3. The split: where a response's time goes (HTTP exchange, parsing, checks and schema validation, redaction and
///    recording, results.json), summed over the steps of the median mock run. Client and servers share the 2 cores.
enum RunnerBenchmark {
    static let suiteCount = 20
    static let stepsPerSuite = 100

    static func run() async -> [String] {
        let specPath = repositoryRoot.appendingPathComponent(OpenAPIDocument.defaultSpecPath).path
        let document: OpenAPIDocument
        do {
            document = try OpenAPILoader.load(try SpecSource.load(path: specPath))
        } catch {
            return ["runner.mock  skipped: \(error)"]
        }
        let clock = ContinuousClock()
        let lintStart = clock.now
        var set = SuiteLoader.load(file: "bench.yaml", bytes: Array(generatedSuites().utf8))
        SuiteLoader.lint(&set, against: document, environment: [:])
        let lintTime = clock.now - lintStart
        guard !set.hasErrors else {
            return [
                "runner.mock  skipped: the generated suite has lint errors: \(set.diagnostics.first?.description ?? "")"
            ]
        }
        let steps = set.suites.reduce(0) { $0 + $1.steps.count }

        let mock: ReferenceMock
        do {
            var configuration = MockConfiguration(document: document)
            configuration.eventLoopCount = 2
            mock = try ReferenceMock.start(configuration)
        } catch {
            return ["runner.mock  skipped: \(error)"]
        }
        defer { mock.stop() }
        let trivial = trivialServer()
        do {
            try trivial.start()
        } catch {
            return ["runner.trivial  skipped: \(error)"]
        }
        defer { trivial.stop() }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meshcheck-runner-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let mockRuns = await measure(set.suites, document: document, baseURL: mock.baseURL, folder: folder.path)
        let trivialRuns = await measure(set.suites, document: document, baseURL: trivial.baseURL, folder: folder.path)
        guard let mockMedian = mockRuns.median, let trivialMedian = trivialRuns.median else {
            return ["runner.mock  failed: \(mockRuns.problem ?? trivialRuns.problem ?? "no run completed")"]
        }
        let input = "\(steps) steps (\(suiteCount) suites × \(stepsPerSuite), --jobs 2, every check on)"
        var lines = [
            rateLine(
                "runner.mock",
                input: input,
                run: mockMedian,
                steps: steps,
                reference: trivialMedian,
                referenceName: "trivial server"
            ),
            rateLine(
                "runner.trivial",
                input: input,
                run: trivialMedian,
                steps: steps,
                reference: nil,
                referenceName: ""
            ),
        ]
        lines.append(splitLine(mockMedian, steps: steps, lintTime: lintTime))
        if mockMedian.failed > 0 || trivialMedian.failed > 0 {
            lines.append(
                "runner.mock  warning: \(mockMedian.failed) failed steps against the mock, \(trivialMedian.failed) "
                    + "against the trivial server (\(mockRuns.problem ?? trivialRuns.problem ?? ""))"
            )
        }
        return lines
    }

    /// One measured run.
    struct Measurement {
        var seconds: Double
        var writeSeconds: Double
        var failed: Int
        var phases: PhaseTimings
    }

    private static func measure(
        _ suites: [Suite],
        document: OpenAPIDocument,
        baseURL: String,
        folder: String
    ) async -> (median: Measurement?, problem: String?) {
        var measurements: [Measurement] = []
        var problem: String?
        for round in 0..<4 {
            var configuration = RunConfiguration(
                baseURL: baseURL,
                serverName: "bench",
                credentials: ClientCredentials(clientID: "bench-client-id", clientSecret: "bench-client-secret")
            )
            configuration.jobs = 2
            let plan = RunPlan(suites: suites, document: document, configuration: configuration)
            let clock = ContinuousClock()
            let start = clock.now
            let result: RunResult
            do {
                result = try await SuiteRunner().run(plan)
            } catch {
                return (nil, "\(error)")
            }
            let runTime = clock.now - start
            let writeStart = clock.now
            do {
                try ResultsDocument.write(result, toFolder: folder)
            } catch {
                problem = "results.json: \(error)"
            }
            let writeTime = clock.now - writeStart
            var phases = PhaseTimings()
            var failed = 0
            for suite in result.suites {
                for step in suite.steps {
                    phases.send += step.phases.send
                    phases.parse += step.phases.parse
                    phases.check += step.phases.check
                    phases.record += step.phases.record
                    if step.outcome != .passed {
                        failed += 1
                        if problem == nil {
                            problem = "\(step.name): " + (step.error?.message ?? step.findings.first?.message ?? "")
                        }
                    }
                }
            }
            if round > 0 {
                measurements.append(
                    Measurement(
                        seconds: runTime.seconds + writeTime.seconds,
                        writeSeconds: writeTime.seconds,
                        failed: failed,
                        phases: phases
                    )
                )
            }
        }
        measurements.sort { $0.seconds < $1.seconds }
        return (measurements.isEmpty ? nil : measurements[measurements.count / 2], problem)
    }

    private static func rateLine(
        _ name: String,
        input: String,
        run: Measurement,
        steps: Int,
        reference: Measurement?,
        referenceName: String
    ) -> String {
        let rate = Double(steps) / run.seconds
        var line = "\(name)  \(input)  meshcheck \(String(format: "%.4f", run.seconds))s  "
        line += "\(String(format: "%.0f", rate)) checked responses/s"
        if let reference {
            let referenceRate = Double(steps) / reference.seconds
            line +=
                "  \(referenceName) \(String(format: "%.4f", reference.seconds))s "
                + "(\(String(format: "%.0f", referenceRate))/s)  ratio \(String(format: "%.2f", reference.seconds / run.seconds))x"
        }
        return line + "  (median of 3)"
    }

    private static func splitLine(_ run: Measurement, steps: Int, lintTime: Duration) -> String {
        let parts: [(String, Double)] = [
            ("http", run.phases.send.seconds), ("parse", run.phases.parse.seconds),
            ("validate", run.phases.check.seconds), ("report", run.phases.record.seconds + run.writeSeconds),
        ]
        let total = parts.reduce(0) { $0 + $1.1 }
        let shown = parts.map { name, seconds in
            let micros = seconds / Double(steps) * 1_000_000
            return
                "\(name) \(String(format: "%.1f", micros)) µs (\(String(format: "%.0f", total > 0 ? seconds / total * 100 : 0))%)"
        }
        return "runner.split  per response, summed over both jobs: " + shown.joined(separator: ", ")
            + "; results.json \(String(format: "%.1f", run.writeSeconds * 1000)) ms; lint of the plan "
            + "\(String(format: "%.0f", lintTime.seconds * 1000)) ms (once)"
    }

    /// 20 suites of 100 steps, alternating a status read and a login.
    static func generatedSuites() -> String {
        var text = ""
        for suite in 0..<suiteCount {
            text += suite == 0 ? "" : "---\n"
            text += "name: Bench \(suite)\nsteps:\n"
            for step in 0..<stepsPerSuite {
                if step % 2 == 0 {
                    text += """
                          - name: status \(step)
                            request: { method: GET, path: /api/v1/status }
                            expect: { status: 200, json: { /status: ok, /content: { type: array } } }

                        """
                } else {
                    text += """
                          - name: login \(step)
                            request:
                              method: POST
                              path: /api/v1/authenticate
                              query: { userId: "b\(suite)-\(step)-{{ run.id }}" }
                              json: { type: robinhood, username: Mesh, password: Pass123 }
                            expect: { status: 200, json: { /content/status: mfaRequired, /status: ok } }

                        """
                }
            }
        }
        return text
    }

    /// A server answering the two operations with fixed valid bodies.
    private static func trivialServer() -> HTTPServer {
        let status =
            Array(
                #"{"content":[{"type":"robinhood","name":"Robinhood","isUp":true,"supportedProducts":["balance","holdings"]},"#
                    .utf8
            )
            + Array(
                #"{"type":"kraken","name":"Kraken","isUp":true}],"status":"ok","message":"","errorHash":"e","errorType":""}"#
                    .utf8
            )
        let login = Array(
            #"{"content":{"status":"mfaRequired","mfaType":"phone"},"status":"ok","message":"","errorType":""}"#.utf8
        )
        let statusResponse = HTTPResponse.json(status)
        let loginResponse = HTTPResponse.json(login)
        return HTTPServer(configuration: HTTPServerConfiguration(eventLoopCount: 2)) { request in
            request.method == "GET" ? statusResponse : loginResponse
        }
    }

    private static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // meshcheck-bench
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // repository
    }
}

extension Duration {
    fileprivate var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
