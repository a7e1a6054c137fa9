import Foundation
import HTTP
import TestSupport
import Testing

/// Unique secrets, a server that echoes everything in every encoding, and a grep of every output of the built
/// binary (console, results.json, junit.xml, index.html) for each secret in each form: 0 hits. The row without the
/// configured marker must find the unconfigured secret, so the grep is shown to work.
extension BinaryRunTests {
    struct SecretLeakTests {
        struct Secrets {
            let tag = UUID().uuidString.prefix(8).lowercased()
            var clientID: String { "cid-\(tag)-Yq7" }
            var clientSecret: String { "sk_live_\(tag)+/=Zx9" }
            var password: String { "pw-\(tag)!Kd3" }
            var mfaCode: String { "mfa-\(tag)-771" }
            var authToken: String { "tok-\(tag)/+Rr" }
            var vendorKey: String { "vk-\(tag)+/Vv" }

            var all: [(name: String, value: String)] {
                [
                    ("client id", clientID), ("client secret", clientSecret), ("password", password),
                    ("mfaCode", mfaCode), ("authToken", authToken), ("vendorKey", vendorKey),
                ]
            }
        }

        static let suite = """
            name: Secrets everywhere
            variables:
              userPassword: "{{ env.HOSTILE_PASSWORD }}"
              userMfaCode: "{{ env.HOSTILE_MFA }}"
              accountAuthToken: "{{ env.HOSTILE_TOKEN }}"
              vendorKey: "{{ env.HOSTILE_VENDOR_KEY }}"
            steps:
              - name: password login
                request:
                  method: POST
                  path: /api/v1/authenticate
                  query: { userId: user-1 }
                  headers: { X-Vendor-Key: "{{ vendorKey }}" }
                  json: { type: robinhood, username: someone, password: "{{ userPassword }}" }
                expect: { status: 200, json: { /content/status: mfaRequired } }
              - name: MFA code
                request:
                  method: POST
                  path: /api/v1/authenticate
                  query: { userId: user-1 }
                  json: { type: robinhood, mfaCode: "{{ userMfaCode }}" }
                expect: { status: 200 }
              - name: remove the connection
                request:
                  method: DELETE
                  path: /api/v1/account
                  json: { type: robinhood, authToken: "{{ accountAuthToken }}" }
                expect: { status: 200 }
            """

        @Test(.timeLimit(.minutes(1)), arguments: [true, false])
        func echoedSecretsAppearInNoOutput(vendorKeyIsConfigured: Bool) async throws {
            let secrets = Secrets()
            let server = try EchoServer()
            defer { server.stop() }
            let folder = try TemporaryDirectory()
            let suitePath = try folder.write("secrets.yaml", Self.suite)
            let serversPath = try folder.write(
                "servers.yaml",
                "servers: {}\nsecretNames: [\(vendorKeyIsConfigured ? "vendorKey" : "")]\n"
            )
            let out = folder.path + "/out"
            let outcome = try await ChildProcess.run(
                try meshcheckExecutable().path,
                [
                    "run", suitePath, "--server", server.baseURL, "--servers", serversPath, "--out", out, "--jobs", "1",
                    "--record", out + "/fixtures",
                ],
                environment: [
                    "MESH_CLIENT_ID": secrets.clientID, "MESH_CLIENT_SECRET": secrets.clientSecret,
                    "HOSTILE_PASSWORD": secrets.password, "HOSTILE_MFA": secrets.mfaCode,
                    "HOSTILE_TOKEN": secrets.authToken, "HOSTILE_VENDOR_KEY": secrets.vendorKey, "NO_COLOR": "1",
                ]
            )
            #expect(outcome.exitCode == 1, "stdout: \(outcome.stdout)\nstderr: \(outcome.stderr)")
            #expect(server.requestCount == 3)
            var outputs = [("stdout", outcome.stdout), ("stderr", outcome.stderr)]
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [
                    "fixtures", "index.html", "junit.xml", "results.json",
                ]
            )
            // Every file written, the recorded fixtures (`run --record`) included.
            let files = try FileManager.default.subpathsOfDirectory(atPath: out).filter { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: out + "/" + path, isDirectory: &isFolder)
                    && !isFolder.boolValue
            }.sorted()
            #expect(files.filter { $0.hasPrefix("fixtures/") }.count >= 3, "\(files)")
            for file in files {
                outputs.append(
                    (
                        file,
                        String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/" + file)), as: UTF8.self)
                    )
                )
            }
            // The echo reached the outputs: the masked request is there, echoed back.
            #expect(outputs.contains { $0.1.contains("X-Client-Secret: <redacted>") })
            var hits: [String: Int] = [:]
            for (name, value) in secrets.all {
                for form in SecretEncodings.forms(of: value) {
                    for (file, text) in outputs where text.contains(form) {
                        hits[name, default: 0] += text.occurrences(of: form)
                        if name != "vendorKey" || vendorKeyIsConfigured {
                            Issue.record("\(name) leaked into \(file) as '\(form)'")
                        }
                    }
                }
            }
            let total = hits.values.reduce(0, +)
            print(
                "secret grep (vendorKey \(vendorKeyIsConfigured ? "configured" : "not configured")): \(total) hits \(hits)"
            )
            if vendorKeyIsConfigured {
                #expect(total == 0)
            } else {
                #expect(hits.keys.sorted() == ["vendorKey"] && total > 0, "\(hits)")
            }
        }
    }
}

extension BinaryRunTests.SecretLeakTests {
    /// A server that answers with the client secret where the status line belongs: the error quotes the first 16
    /// bytes of the answer, a start of the secret that the whole-value rule cannot see, and still nothing leaks.
    @Test(.timeLimit(.minutes(1)))
    func aSecretEchoedAsTheStatusLineIsMaskedInTheErrorExcerpt() async throws {
        let secrets = Secrets()
        let server = RawTCPServer { connection in
            defer { connection.close() }
            guard let head = try? connection.readHead(timeout: .seconds(10)) else { return }
            let text = String(decoding: head, as: UTF8.self)
            let secret = text.split(separator: "\r\n").first { $0.hasPrefix("X-Client-Secret: ") }?.dropFirst(17) ?? ""
            try? connection.write(Array("\(secret) \(secrets.clientID)\r\n\r\n".utf8))
        }
        try server.start()
        defer { server.stop() }
        let folder = try TemporaryDirectory()
        let suitePath = try folder.write("status.yaml", BinaryRunTests.LargeBodyMemoryTests.suite)
        let out = folder.path + "/out"
        let outcome = try await ChildProcess.run(
            try meshcheckExecutable().path,
            ["run", suitePath, "--server", server.baseURL, "--out", out],
            environment: [
                "MESH_CLIENT_ID": secrets.clientID, "MESH_CLIENT_SECRET": secrets.clientSecret, "NO_COLOR": "1",
            ]
        )
        #expect(outcome.exitCode == 1, "stdout: \(outcome.stdout)\nstderr: \(outcome.stderr)")
        #expect(
            outcome.stdout.contains(
                "transport: malformed response: response does not start with 'HTTP/' (got '<redacted>')"
            )
        )
        var outputs = [outcome.stdout, outcome.stderr]
        for file in ["results.json", "junit.xml", "index.html"] {
            outputs.append(try folder.contents(of: "out/" + file))
        }
        for text in outputs {
            #expect(!text.contains(String(secrets.clientSecret.prefix(10))))
        }
    }
}

extension String {
    /// How many times `needle` occurs (not overlapping).
    func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = Substring(self)
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
