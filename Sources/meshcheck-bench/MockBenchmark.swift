import Foundation
import HTTP
import JSON
import MockServer
import OpenAPI

/// `mock.status` and `mock.holdings`: the reference mock under wrk against nginx serving a fixed body, same run.
///
/// 1. The mock starts on an ephemeral loopback port with two event loops and request validation on (as always;
///    `--self-check` off, as `meshcheck mock` runs by default); a real login gives the holdings token.
/// 2. `wrk -t2 -c64 -d5s`: `GET /api/v1/status` with credentials, `POST /api/v1/holdings/get` with a JSON body
///    (a Lua script in a temporary file sets method, body and headers; every request is parsed, validated
///    against `PortfolioHoldingsRequest` and its token looked up), and nginx's fixed 1 KB body; twice each,
///    alternating, after a one-second warm-up; the best run of each counts.
/// 3. A run with any non-2xx response or socket error is reported next to its line.
enum MockBenchmark {
    static func run() async -> [String] {
        guard let tools = BenchTools.locate() else {
            return ["mock.status  skipped: wrk and nginx are missing and could not be installed"]
        }
        let specPath = repositoryRoot.appendingPathComponent(OpenAPIDocument.defaultSpecPath).path
        let mock: ReferenceMock
        do {
            var configuration = try MockConfiguration(specPath: specPath)
            configuration.eventLoopCount = 2
            mock = try ReferenceMock.start(configuration)
        } catch {
            return ["mock.status  skipped: \(error)"]
        }
        defer { mock.stop() }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("meshcheck-mock-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let nginx: NginxProcess
        do {
            nginx = try NginxProcess(executable: tools.nginx, directory: directory, body: HTTPBenchmark.fixedJSONBody())
        } catch {
            return ["mock.status  skipped: nginx did not start: \(error)"]
        }
        defer { nginx.stop() }
        let token: String
        let script = directory.appendingPathComponent("holdings.lua")
        do {
            token = try await login(mock.baseURL)
            try holdingsScript(token: token).write(to: script, atomically: true, encoding: .utf8)
        } catch {
            return ["mock.holdings  skipped: \(error)"]
        }
        let credentials = ["-H", "X-Client-Id: bench-client", "-H", "X-Client-Secret: bench-secret"]
        let statusArguments = credentials + [mock.baseURL + "/api/v1/status"]
        let holdingsArguments = ["-s", script.path, mock.baseURL + "/api/v1/holdings/get"]
        let nginxArguments = [nginx.baseURL + "/body.json"]
        for arguments in [statusArguments, holdingsArguments, nginxArguments] {
            _ = BenchTools.wrk(tools.wrk, ["-t2", "-c64", "-d1s"] + arguments)
        }
        var status: [(requestsPerSecond: Double, failures: Int)] = []
        var holdings: [(requestsPerSecond: Double, failures: Int)] = []
        var reference: [Double] = []
        for _ in 0..<2 {
            status.append(BenchTools.wrkRun(tools.wrk, ["-t2", "-c64", "-d5s"] + statusArguments) ?? (0, 1))
            holdings.append(BenchTools.wrkRun(tools.wrk, ["-t2", "-c64", "-d5s"] + holdingsArguments) ?? (0, 1))
            reference.append(BenchTools.wrk(tools.wrk, ["-t2", "-c64", "-d5s"] + nginxArguments) ?? 0)
        }
        let best = reference.max() ?? 0
        return [
            line("mock.status", "GET /api/v1/status, wrk -t2 -c64 -d5s", status, reference: best),
            line("mock.holdings", "POST /api/v1/holdings/get validated, wrk -t2 -c64 -d5s", holdings, reference: best),
        ]
    }

    private static func line(
        _ name: String,
        _ input: String,
        _ runs: [(requestsPerSecond: Double, failures: Int)],
        reference: Double
    ) -> String {
        let figure = ThroughputFigure(
            name: name,
            input: input,
            ours: runs.map(\.requestsPerSecond).max() ?? 0,
            referenceName: "nginx (fixed 1 KB body)",
            reference: reference,
            runs: runs.count
        )
        let failures = runs.map(\.failures).reduce(0, +)
        return failures == 0 ? figure.line : figure.line + "  (\(failures) non-2xx responses or socket errors)"
    }

    /// Logs in through the MFA path in one request and returns the access token.
    private static func login(_ baseURL: String) async throws -> String {
        let client = HTTPClient()
        defer { client.shutdown() }
        let body: JSONValue = ["type": "robinhood", "username": "Mesh", "password": "Pass123", "mfaCode": "123456"]
        let exchange = try await client.send(
            HTTPClientRequest(
                method: "POST",
                url: baseURL + "/api/v1/authenticate?userId=bench-user",
                headers: [
                    "X-Client-Id": "bench-client", "X-Client-Secret": "bench-secret",
                    "Content-Type": "application/json",
                ],
                body: JSONWriter().bytes(of: body)
            )
        )
        let answer = try JSONParser.parse(exchange.response.body)
        guard let token = answer["content"]?["accountTokens"]?[0]?["accessToken"]?.stringValue else {
            throw BenchError("the mock's login did not succeed: \(answer.serialized())")
        }
        return token
    }

    private static func holdingsScript(token: String) -> String {
        """
        wrk.method = "POST"
        wrk.body = '{"authToken":"\(token)","type":"robinhood","includeMarketValue":true}'
        wrk.headers["Content-Type"] = "application/json"
        wrk.headers["X-Client-Id"] = "bench-client"
        wrk.headers["X-Client-Secret"] = "bench-secret"

        """
    }

    private static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // meshcheck-bench
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // repository
    }
}
