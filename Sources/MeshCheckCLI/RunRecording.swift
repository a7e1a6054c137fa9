import ArgumentParsing
import Fidelity
import OpenAPI
import Runner

/// `meshcheck run --record DIR`: every exchange of the run saved as a fixture for `meshcheck mock --replay DIR`.
enum RunRecording {
    /// The option, for `run`'s help.
    static let option = OptionDefinition.value(
        "--record",
        placeholder: "dir",
        help: "Save every exchange (secrets masked) as fixtures for 'meshcheck mock --replay DIR'."
    )

    /// Keeps whole bodies when recording, so fixtures are not cut.
    ///
    /// - Parameters:
    ///   - configuration: The run's configuration.
    ///   - arguments: The command line.
    static func prepare(_ configuration: inout RunConfiguration, arguments: ParsedArguments) {
        guard arguments.value(of: "--record") != nil else { return }
        configuration.bodyExcerptLimit = max(configuration.bodyExcerptLimit, FixtureRecorder.bodyLimit)
    }

    /// Writes the fixtures when `--record` is given.
    ///
    /// - Parameters:
    ///   - result: The run.
    ///   - document: The spec.
    ///   - arguments: The command line.
    ///   - console: Where to say what was written.
    /// - Returns: `false` when the folder could not be written.
    static func record(
        _ result: RunResult,
        document: OpenAPIDocument,
        arguments: ParsedArguments,
        console: Console
    ) -> Bool {
        guard let folder = arguments.value(of: "--record") else { return true }
        do {
            let summary = try FixtureRecorder(document: document).write(result, to: folder)
            var line = "fixtures: \(folder) (\(Plural.count(summary.written, "exchange"))"
            if summary.truncated > 0 { line += "; \(summary.truncated) left out: body over the limit" }
            console.print(line + ")")
            return true
        } catch {
            console.printError(console.colored("error:", .red) + " cannot write fixtures to \(folder): \(error)")
            return false
        }
    }
}
