import Foundation
import JSON
import Runner
import Suites
import TestSupport
import Testing

/// Suites run in parallel report exactly what a one-at-a-time run reports.
struct ParallelRunTests {
    /// Eight suites (two with a matrix), passing and failing steps, captures across steps.
    static let suites = (0..<6).map { index in
        """
        name: Suite \(index)
        \(index % 3 == 0 ? "matrix: { kind: [robinhood, kraken] }" : "")
        variables: { userId: "p-\(index)-{{ run.instance }}" }
        steps:
          - name: login
            request: { method: POST, path: /api/v1/authenticate, query: { userId: "{{ userId }}" },
                       json: { type: robinhood, username: Mesh, password: Pass123 } }
            expect: { json: { /content/status: mfaRequired } }
          - name: code
            request: { method: POST, path: /api/v1/authenticate, query: { userId: "{{ userId }}" },
                       json: { type: robinhood, mfaCode: "\(index % 2 == 0 ? "123456" : "000000")" } }
            expect: { json: { /content/status: succeeded } }
            capture: { token: /content/accountTokens/0/accessToken }
          - name: holdings
            request: { method: POST, path: /api/v1/holdings/get, json: { authToken: "{{ token }}", type: robinhood } }
            expect: { status: 400 }
          - name: status
            request: { method: GET, path: /api/v1/status }
            expect: { json: { /content: { length: \(index % 2 == 0 ? 3 : 2) } } }
        """
    }.joined(separator: "\n---\n")

    @Test(.timeLimit(.minutes(1))) func jobsDoNotChangeTheResults() async throws {
        let suites = try RunnerFixture.suites(Self.suites)
        var documents: [JSONValue] = []
        for jobs in [1, 4] {
            let server = try FakeMeshServer()
            defer { server.stop() }
            let result = try await RunnerFixture.run(suites, against: server.baseURL) { configuration in
                configuration.jobs = jobs
                configuration.runID = "rfixed"
            }
            #expect(result.jobs == jobs)
            documents.append(Self.comparable(ResultsDocument.value(of: result), port: server.port))
        }
        #expect(documents[0] == documents[1])
        guard case .object(let totals)? = documents[0]["totals"] else { return }
        #expect(totals["steps"] == 32 && totals["passed"] == 20 && totals["failed"] == 8 && totals["skipped"] == 4)
    }

    /// The document without what legitimately differs between runs: times, the port, the job count.
    static func comparable(_ value: JSONValue, port: Int) -> JSONValue {
        switch value {
        case .object(let object):
            var copy = JSONObject()
            for (key, member) in object where !["startedAt", "durationMs", "timings", "jobs"].contains(key) {
                if case .object(let header) = member, header["name"] == "Date" { continue }
                copy[key] = comparable(member, port: port)
            }
            return .object(copy)
        case .array(let elements):
            return .array(
                elements.filter { $0["name"] != "Date" }.map { comparable($0, port: port) }
            )
        case .string(let text):
            return .string(text.replacingOccurrences(of: ":\(port)", with: ":PORT"))
        default:
            return value
        }
    }
}

extension FakeMeshServer {
    /// The port, from the base URL.
    var port: Int {
        Int(baseURL.split(separator: ":").last ?? "") ?? 0
    }
}
