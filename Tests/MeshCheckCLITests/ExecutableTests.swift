import TestSupport
import Testing

/// The built `meshcheck` binary, run as a user runs it.
struct ExecutableTests {
    @Test func versionPrintsAndExitsZero() async throws {
        let outcome = try await runMeshcheck(["--version"])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout == "meshcheck 0.1.0\n")
    }

    @Test(
        arguments: [
            (["--help"], Int32(0)), (["help"], Int32(0)), (["convert", "--help"], Int32(0)), (["nosuch"], Int32(2)),
            (["--bogus"], Int32(2)), (["convert"], Int32(2)), (["convert", "a", "b"], Int32(2)),
            (["convert", "--prety", "x.json"], Int32(2)),
        ] as [([String], Int32)]
    )
    func exitCodesFollowTheConvention(arguments: [String], expected: Int32) async throws {
        let outcome = try await runMeshcheck(arguments)
        #expect(outcome.exitCode == expected, "stderr: \(outcome.stderr)")
        if expected == 2 {
            #expect(outcome.stderr.hasPrefix("error: ") || outcome.stderr.hasPrefix("OVERVIEW"))
            #expect(outcome.stdout.isEmpty)
        }
    }

    @Test func wrongOptionSaysWhatWasMeant() async throws {
        let outcome = try await runMeshcheck(["convert", "--prety", "x.json"], environment: ["NO_COLOR": "1"])
        #expect(outcome.stderr.hasPrefix("error: unknown option '--prety'; did you mean '--pretty'?\n"))
    }

    @Test func convertReadsStandardInput() async throws {
        let outcome = try await runMeshcheck(["convert", "-"], standardInput: Array("[1, {\"a\": null}]".utf8))
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout == "[1,{\"a\":null}]\n")
        let bad = try await runMeshcheck(["convert", "-"], standardInput: Array("[1,".utf8))
        #expect(bad.exitCode == 2)
        #expect(bad.stderr == "<stdin>:1:1: error: unclosed '['\n[1,\n^\n")
    }
}
