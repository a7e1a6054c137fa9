public import ArgumentParsing
import Diagnostics
import Foundation
import OpenAPI
import Reports
import Runner

/// `meshcheck report RESULTS.json`: renders the JUnit and HTML reports again from a saved results file.
public struct ReportCommand: Command {
    /// Help for `report`.
    public static let help = CommandHelp(
        name: "report",
        overview: "Render junit.xml and index.html again from a saved results.json.",
        positionals: [PositionalDefinition("results", help: "A results.json written by 'meshcheck run'.")],
        options: [
            .value(
                "--out",
                "-o",
                placeholder: "dir",
                help: "Where the reports are written (default: reports/, like every command)."
            ),
            .value(
                "--spec",
                placeholder: "file",
                help: "The spec for the coverage view (default: the spec path in the results file)."
            ),
        ] + ReportOutputs.options(defaults: [.junit, .html]),
        discussion: """
            The results file is read as docs/results.md describes it; a file of another format or a newer \
            formatVersion is refused. The HTML report's spec coverage needs the spec: without it the report says \
            so and everything else is rendered. EXIT CODES: 0 the reports were written, 2 a usage error, a results \
            file that cannot be read, a --spec that cannot be loaded, or a report that cannot be written.
            """
    )

    /// Creates the command.
    public init() {}

    /// Reads the results and writes the reports.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - context: The console.
    /// - Returns: 0 when every report was written, else 2.
    public func run(_ arguments: ParsedArguments, context: CommandContext) async -> ExitCode {
        let console = context.console
        let formats: [ReportFormat]
        do {
            formats = try ReportOutputs.formats(arguments, defaults: [.junit, .html])
        } catch {
            MeshCheckTool.reportUsageError(error, usage: Self.help, console: console)
            return .usageOrConfigurationError
        }
        let path = arguments.positionals[0]
        let result: RunResult
        do {
            result = try ResultsDocument.read(try InputFile.read(path), path: path)
        } catch let error as InputFile.ReadError {
            console.printError(console.colored("error:", .red) + " \(error.message)")
            return .usageOrConfigurationError
        } catch {
            console.printError("\(error)")
            return .usageOrConfigurationError
        }
        let folder = arguments.value(of: "--out") ?? "reports"
        let (document, note) = spec(for: result, explicit: arguments.value(of: "--spec"), console: console)
        if arguments.value(of: "--spec") != nil && document == nil { return .usageOrConfigurationError }
        let written = ReportOutputs.write(
            result,
            arguments: arguments,
            formats: formats,
            folder: folder.isEmpty ? "." : folder,
            document: document,
            specNote: note,
            redactor: .standard,
            console: console
        )
        return written ? .success : .usageOrConfigurationError
    }

    /// The spec for the coverage view and a note for the report: why there is none, or that its version differs.
    private func spec(for result: RunResult, explicit: String?, console: Console) -> (OpenAPIDocument?, String?) {
        let path = explicit ?? result.specPath
        if explicit == nil && !FileManager.default.fileExists(atPath: path) {
            let note =
                "The spec (\(path)) was not found, so coverage is not shown; re-render with "
                + "'meshcheck report RESULTS --spec PATH'."
            console.printError(console.colored("warning:", .yellow) + " spec '\(path)' not found; no coverage view")
            return (nil, note)
        }
        guard let document = SpecFile.load(path, console: console) else {
            return (nil, "The spec (\(path)) could not be loaded, so coverage is not shown.")
        }
        guard document.version == result.specVersion && document.title == result.specTitle else {
            let note =
                "Coverage uses \(document.title) \(document.version) (\(path)); the run used "
                + "\(result.specTitle) \(result.specVersion)."
            console.printError(console.colored("warning:", .yellow) + " " + note)
            return (document, note)
        }
        return (document, nil)
    }
}
