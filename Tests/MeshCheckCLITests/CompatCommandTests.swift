import Foundation
import JSON
import TestSupport
import Testing

/// `meshcheck compat`, run as the built binary on real files: exit codes, formats, files in --out, bad input.
struct CompatCommandTests {
    static func spec(maxLength: Int, notFound: Bool = false) -> String {
        """
        openapi: 3.0.3
        info: {title: Accounts, version: '1'}
        paths:
          /accounts/{id}:
            put:
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              requestBody:
                content: {application/json: {schema: {$ref: '#/components/schemas/Account'}}}
              responses:
                '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Account'}}}}
                \(notFound ? "'404': {description: none}" : "")
        components:
          schemas:
            Account: {type: object, properties: {name: {type: string, maxLength: \(maxLength)}}}
        """
    }

    /// Old and new specs in a fresh folder: the new one lowers maxLength (an error for the request, info for the
    /// response) when `breaking`, else only adds a 404 (info).
    static func files(breaking: Bool) throws -> (TemporaryDirectory, String, String) {
        let folder = try TemporaryDirectory()
        let old = try folder.write("old.yaml", spec(maxLength: 64))
        let new = try folder.write("new.yaml", breaking ? spec(maxLength: 32) : spec(maxLength: 64, notFound: true))
        return (folder, old, new)
    }

    @Test func breakingChangeExitsOneAndPrintsTheChangelog() async throws {
        let (folder, old, new) = try Self.files(breaking: true)
        let outcome = try await runMeshcheck(["compat", old, new], environment: ["NO_COLOR": "1"])
        #expect(outcome.exitCode == 1, "\(outcome.stderr)")
        #expect(
            outcome.stdout == """
                error   [request-constraint-tightened] PUT /accounts/{id}
                  maxLength of Account.name went from 64 to 32: requests that were valid before can be rejected.
                  old: \(old):14:74 /components/schemas/Account/properties/name/maxLength
                  new: \(new):14:74 /components/schemas/Account/properties/name/maxLength
                info    [response-constraint-tightened] PUT /accounts/{id}
                  maxLength of Account.name went from 64 to 32; responses stay within what clients already accept.
                  old: \(old):14:74 /components/schemas/Account/properties/name/maxLength
                  new: \(new):14:74 /components/schemas/Account/properties/name/maxLength
                compat: \(old) → \(new): 1 error, 0 warnings, 1 info

                """
        )
        #expect(outcome.stderr == "compat: 1 change at or above error\n")
        withExtendedLifetime(folder) {}
    }

    @Test(arguments: [("error", Int32(0)), ("warning", Int32(0)), ("info", Int32(1))])
    func failOnSetsTheThreshold(level: String, expectedExitCode: Int32) async throws {
        let (folder, old, new) = try Self.files(breaking: false)
        let outcome = try await runMeshcheck(["compat", old, new, "--fail-on", level], environment: ["NO_COLOR": "1"])
        #expect(outcome.exitCode == expectedExitCode, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("[response-status-added] PUT /accounts/{id}"))
        withExtendedLifetime(folder) {}
    }

    @Test(arguments: [("json", "compat.json"), ("junit", "compat-junit.xml"), ("html", "compat.html")])
    func fileFormatsAreWrittenIntoOut(format: String, file: String) async throws {
        let (folder, old, new) = try Self.files(breaking: true)
        let out = folder.url.appendingPathComponent("reports/nested").path
        let outcome = try await runMeshcheck(["compat", old, new, "--format", format, "--out", out])
        #expect(outcome.exitCode == 1, "\(outcome.stderr)")
        let path = out + "/" + file
        #expect(outcome.stdout.hasSuffix("compat: wrote \(path)\n"), "\(outcome.stdout)")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        switch format {
        case "json":
            let json = try JSONParser.parse(Array(written.utf8))
            #expect(json["failing"]?.intValue == 1)
            #expect(json["changes"]?[0]?["rule"] == "request-constraint-tightened")
        case "junit":
            #expect(written.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"))
        default:
            #expect(written.hasPrefix("<!DOCTYPE html>"))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(leftovers == [file], "no temporary file is left behind")
        withExtendedLifetime(folder) {}
    }

    @Test func markdownGoesToStandardOutput() async throws {
        let (folder, old, new) = try Self.files(breaking: true)
        let outcome = try await runMeshcheck(["compat", old, new, "--format", "markdown", "--out", folder.path + "/x"])
        #expect(outcome.exitCode == 1)
        #expect(outcome.stdout.hasPrefix("# API compatibility: "))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/x"))
        withExtendedLifetime(folder) {}
    }

    @Test func aSpecThatDoesNotParseIsAnInputErrorWithItsPosition() async throws {
        let (folder, old, _) = try Self.files(breaking: true)
        let broken = try folder.write("broken.yaml", "openapi: 3.0.3\ninfo: {title: t\npaths: {}\n")
        let outcome = try await runMeshcheck(["compat", old, broken], environment: ["NO_COLOR": "1"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.hasPrefix("\(broken):"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains(": error: "))
        #expect(outcome.stdout.isEmpty)
        withExtendedLifetime(folder) {}
    }

    @Test func aSpecWithABrokenReferenceCannotBeCompared() async throws {
        let (folder, old, _) = try Self.files(breaking: true)
        let broken = try folder.write(
            "ref.yaml",
            Self.spec(maxLength: 64).replacingOccurrences(of: "schemas/Account'}}}}", with: "schemas/Acount'}}}}")
        )
        let outcome = try await runMeshcheck(["compat", old, broken], environment: ["NO_COLOR": "1"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains("\(broken):10:78: error: $ref"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("compat: \(broken) has 1 error; fix them to compare it"))
        withExtendedLifetime(folder) {}
    }

    @Test(arguments: [
        (["compat", "a.yaml"], "error: missing argument <new>"),
        (["compat", "a.yaml", "b.yaml", "--fail-on", "fatal"], "error: '--fail-on' must be error, warning or info"),
        (["compat", "a.yaml", "b.yaml", "--format", "pdf"], "error: '--format' must be one of text, markdown, json"),
        (["compat", "/nonexistent/a.yaml", "/nonexistent/b.yaml"], "cannot read spec '/nonexistent/a.yaml'"),
    ])
    func usageAndInputErrorsExitTwo(arguments: [String], message: String) async throws {
        let outcome = try await runMeshcheck(arguments, environment: ["NO_COLOR": "1"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }

    @Test func theShippedSpecAgainstItselfHasNoChanges() async throws {
        let spec = "suites/spec/mesh-integration-api.yaml"
        let outcome = try await runMeshcheck(["compat", spec, spec], environment: ["NO_COLOR": "1"])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout == "compat: \(spec) → \(spec): 0 errors, 0 warnings, 0 info\n")
    }
}
