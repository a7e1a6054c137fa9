import Foundation
import TestSupport
import Testing

/// `meshcheck spec lint` and `meshcheck validate`, run as the built binary on real files.
struct SpecCommandTests {
    static let spec = """
        {
          "openapi": "3.0.1",
          "info": {"title": "t", "version": "1"},
          "paths": {
            "/api/v1/authenticate": {
              "post": {
                "operationId": "authenticate",
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Request"}}}},
                "responses": {
                  "200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Result"},
                    "example": {"status": "ok", "brokerType": "kraken"}}}}
                }
              }
            }
          },
          "components": {"schemas": {
            "Request": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string"}}},
            "Result": {"type": "object", "additionalProperties": false, "required": ["status"],
                       "properties": {"status": {"type": "string", "enum": ["ok", "badRequest"]},
                                      "brokerType": {"$ref": "#/components/schemas/BrokerType"}}},
            "BrokerType": {"type": "string", "enum": ["robinhood", "kraken", "krakenDirect", "coinbase", "binance", "gemini"]}
          }}
        }
        """

    @Test func specHelpListsLint() async throws {
        let outcome = try await runMeshcheck(["spec", "--help"])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout.contains("USAGE: meshcheck spec <subcommand>"))
        #expect(outcome.stdout.contains("  lint "))
        let lintHelp = try await runMeshcheck(["spec", "lint", "--help"])
        #expect(lintHelp.exitCode == 0)
        #expect(lintHelp.stdout.contains("USAGE: meshcheck spec lint [<options>] [<spec>]"))
        #expect(try await runMeshcheck(["spec"]).exitCode == 2)
        #expect(try await runMeshcheck(["spec", "nosuch"]).exitCode == 2)
    }

    @Test func lintOfACleanSpecExitsZero() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("spec.json", Self.spec)
        let outcome = try await runMeshcheck(["spec", "lint", path], environment: ["NO_COLOR": "1"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "\(path): 0 errors, 0 warnings (1 operations, 3 schemas)\n")
    }

    @Test func lintReportsBrokenRefsAndBadExamplesWithPositions() async throws {
        let folder = try TemporaryDirectory()
        let broken = Self.spec.replacingOccurrences(of: "\"kraken\"}", with: "\"krakenPro\"}")
            .replacingOccurrences(of: "schemas/Request\"", with: "schemas/Requset\"")
        let path = try folder.write("spec.json", broken)
        let outcome = try await runMeshcheck(["spec", "lint", path], environment: ["NO_COLOR": "1"])
        #expect(outcome.exitCode == 1)
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "\(path):8:77: error: $ref '#/components/schemas/Requset' does not resolve: nothing is at "
                    + "'/components/schemas/Requset'"
            )
        )
        #expect(
            lines.contains(
                "\(path):12:24: error: example does not match its schema: /brokerType: \"krakenPro\" is not one of the "
                    + "6 values of BrokerType (e.g. \"kraken\", \"krakenDirect\")"
            )
        )
        #expect(lines.contains("note: schema: #/components/schemas/BrokerType/enum (\(path):22:46)"))
        #expect(outcome.stdout.hasPrefix("\(path): 2 errors, 0 warnings"))
    }

    @Test func lintOfAMissingFileExitsTwo() async throws {
        let outcome = try await runMeshcheck(
            ["spec", "lint", "/nonexistent/spec.json"],
            environment: ["NO_COLOR": "1"]
        )
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr == "error: cannot read spec '/nonexistent/spec.json': no such file\n")
    }

    @Test(
        arguments: [
            (#"{"status": "ok", "brokerType": "gemini"}"#, ["--status", "200"], Int32(0)),
            (#"{"status": "ok", "brokerType": "krakenPro"}"#, ["--status", "200"], Int32(1)),
            (#"{"status": "ok"}"#, ["--status", "201"], Int32(2)),
            (#"{"status": "ok""#, ["--status", "200"], Int32(2)),
            (#"{"type": "x"}"#, ["--request"], Int32(0)),
            (#"{}"#, ["--request"], Int32(1)),
            (#"{}"#, [String](), Int32(2)),
        ] as [(String, [String], Int32)]
    )
    func validateExitCodes(body: String, options: [String], expected: Int32) async throws {
        let folder = try TemporaryDirectory()
        let spec = try folder.write("spec.json", Self.spec)
        let bodyPath = try folder.write("body.json", body)
        let outcome = try await runMeshcheck(
            ["validate", "--spec", spec, "--operation", "POST /api/v1/authenticate"] + options + [bodyPath],
            environment: ["NO_COLOR": "1"]
        )
        #expect(outcome.exitCode == expected, "stdout: \(outcome.stdout) stderr: \(outcome.stderr)")
    }

    @Test func validatePrintsEachViolationWithItsSchemaPosition() async throws {
        let folder = try TemporaryDirectory()
        let spec = try folder.write("spec.json", Self.spec)
        let body = try folder.write("body.json", #"{"status": "fine", "extra": 1}"#)
        let outcome = try await runMeshcheck(
            ["validate", "--spec", spec, "--operation", "authenticate", "--status", "200", body],
            environment: ["NO_COLOR": "1"]
        )
        #expect(outcome.exitCode == 1)
        #expect(
            outcome.stdout == """
                \(body): /status: "fine" is not one of ["ok", "badRequest"]
                  schema: #/components/schemas/Result/properties/status/enum (\(spec):20:68)
                \(body): /extra: property 'extra' is not allowed (additionalProperties is false); declared: status, brokerType
                  schema: #/components/schemas/Result/additionalProperties (\(spec):19:58)
                \(body): 2 violations of POST /api/v1/authenticate 200 (application/json)

                """
        )
    }
}
