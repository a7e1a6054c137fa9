import TestSupport
import Testing

/// `meshcheck convert` on YAML files, run as a user runs it.
struct ConvertYAMLTests {
    @Test func eachDocumentPrintsAsOneLineOfJSON() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("two.yaml", "a: 1\nb: [x, 'y', 0x10]\n---\n- null\n- é\n")
        let outcome = try await runMeshcheck(["convert", path])
        #expect(outcome.exitCode == 0, "stderr: \(outcome.stderr)")
        #expect(outcome.stdout == "{\"a\":1,\"b\":[\"x\",\"y\",16]}\n[null,\"é\"]\n")
        #expect(outcome.stderr.isEmpty)
    }

    @Test func prettyIndentsEachDocument() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("one.yml", "key:\n  - 1\n")
        let outcome = try await runMeshcheck(["convert", "--pretty", path])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout == "{\n  \"key\": [\n    1\n  ]\n}\n")
    }

    @Test func malformedYAMLPrintsAPositionAndCaretAndExits2() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("bad.yaml", "name: ok\nsteps:\n  - a\n  b: c\n")
        let outcome = try await runMeshcheck(["convert", path], environment: ["NO_COLOR": "1"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(
            outcome.stderr == """
                \(path):4:3: error: expected '-' or the end of the sequence, found a mapping key
                  b: c
                  ^

                """
        )
    }

    @Test func duplicateKeysNameBothPositions() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("dup.yaml", "a: 1\nb: 2\na: 3\n")
        let outcome = try await runMeshcheck(["convert", path])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.hasPrefix("\(path):3:1: error: duplicate key \"a\" (first at 1:1)\na: 3\n^\n"))
    }

    @Test func warningsGoToStandardError() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("tags.yaml", "a: !custom x\nb: .inf\n")
        let outcome = try await runMeshcheck(["convert", path])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout == "{\"a\":\"x\",\"b\":\".inf\"}\n")
        #expect(
            outcome.stderr == """
                \(path):1:4: warning: unknown tag '!custom'; the value is kept as a string
                a: !custom x
                   ^
                \(path):2:4: warning: '.inf' has no JSON number; it is kept as the string ".inf"
                b: .inf
                   ^

                """
        )
    }

    @Test func theMeshSpecConvertsToOneJSONDocument() async throws {
        let outcome = try await runMeshcheck(["convert", "suites/spec/mesh-integration-api.yaml"])
        #expect(outcome.exitCode == 0, "stderr: \(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("{\"openapi\":\"3.0.1\","))
        #expect(outcome.stdout.filter { $0 == "\n" }.count == 1)
    }
}
