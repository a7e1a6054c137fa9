import ArgumentParsing
import Foundation
import MeshCheckCLI
import TestSupport
import Testing

/// The CLI shell in process, with a capturing console.
struct MeshCheckToolTests {
    private func run(_ arguments: [String]) async -> (ExitCode, CapturedOutput) {
        let (console, captured) = Console.capturing()
        let code = await MeshCheckTool.run(
            arguments: arguments,
            context: CommandContext(console: console, environment: [:])
        )
        return (code, captured)
    }

    @Test func helpListsEveryCommand() async {
        let (code, output) = await run(["--help"])
        #expect(code == .success)
        for command in MeshCheckTool.commands {
            #expect(output.output.contains("  \(command.help.name) "))
        }
        #expect(output.output.hasPrefix("OVERVIEW: "))
        #expect(output.error.isEmpty)
    }

    @Test func everyCommandHasHelp() async {
        for command in MeshCheckTool.commands {
            let (code, output) = await run([command.help.name, "--help"])
            #expect(code == .success)
            #expect(output.output.contains("USAGE: meshcheck \(command.help.name)"))
            let (helpCode, helpOutput) = await run(["help", command.help.name])
            #expect(helpCode == .success)
            #expect(helpOutput.output == output.output)
        }
    }

    @Test func unknownCommandIsAUsageError() async {
        let (code, output) = await run(["convrt"])
        #expect(code == .usageOrConfigurationError)
        #expect(
            output.error == """
                error: unknown command 'convrt'; did you mean 'convert'?
                Usage: meshcheck <subcommand> [<options>]
                  See 'meshcheck --help'.

                """
        )
        #expect(output.output.isEmpty)
    }

    @Test func noArgumentsPrintsHelpAsAUsageError() async {
        let (code, output) = await run([])
        #expect(code == .usageOrConfigurationError)
        #expect(output.error.hasPrefix("OVERVIEW: "))
    }

    @Test func helpForAnUnknownCommandFails() async {
        let (code, output) = await run(["help", "nope"])
        #expect(code == .usageOrConfigurationError)
        #expect(output.error.hasPrefix("error: unknown command 'nope'\n"))
    }

    @Test func convertPrintsCompactAndPrettyJSON() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("a.json", #"{"b": [1, 2.50], "a": "é"}"#)
        let (code, output) = await run(["convert", path])
        #expect(code == .success)
        #expect(output.output == "{\"b\":[1,2.50],\"a\":\"é\"}\n")
        let (_, pretty) = await run(["convert", "--pretty", path])
        #expect(pretty.output == "{\n  \"b\": [\n    1,\n    2.50\n  ],\n  \"a\": \"é\"\n}\n")
    }

    @Test func convertReportsMalformedFilesWithAPositionAndCaret() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("bad.json", "{\n  \"a\": [1, 2,, 3]\n}\n")
        let (code, output) = await run(["convert", path])
        #expect(code == .usageOrConfigurationError)
        #expect(
            output.error == """
                \(path):2:14: error: unexpected character ',', expected a value
                  "a": [1, 2,, 3]
                             ^

                """
        )
        #expect(output.output.isEmpty)
    }

    @Test func convertReportsMissingFiles() async {
        let (code, output) = await run(["convert", "/nonexistent/x.json"])
        #expect(code == .usageOrConfigurationError)
        #expect(output.error == "error: cannot read '/nonexistent/x.json': no such file\n")
    }
}
