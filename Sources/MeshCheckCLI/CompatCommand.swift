public import ArgumentParsing
import Compat
import Diagnostics
import Foundation
import OpenAPI
import Reports

/// `meshcheck compat OLD NEW`: the changes between two spec versions that matter to clients of the old one.
public struct CompatCommand: Command {
    /// The formats `--format` takes.
    static let formats = ["text", "markdown", "json", "junit", "html"]

    /// Help for `compat`.
    public static let help = CommandHelp(
        name: "compat",
        overview: "Report breaking changes between two versions of an OpenAPI spec.",
        positionals: [
            PositionalDefinition("old", help: "The spec clients were built against (OpenAPI 3.0, YAML or JSON)."),
            PositionalDefinition("new", help: "The spec they will meet."),
        ],
        options: [
            .value(
                "--fail-on",
                placeholder: "level",
                help: "Exit 1 when a change is at this level or above: error, warning or info.",
                defaultValue: "error"
            ),
            .value(
                "--format",
                placeholder: "format",
                help: "text or markdown (standard output); json, junit or html (a file in --out).",
                defaultValue: "text"
            ),
            .value(
                "--out",
                placeholder: "dir",
                help: "Where json, junit and html reports are written (compat.json, compat-junit.xml, compat.html).",
                defaultValue: "reports"
            ),
        ],
        discussion: """
            Each change has a rule id, a level (error: breaks existing clients; warning: may break some; info), the
            operations it affects, its place in both specs (file:line:column and JSON pointer) and one sentence.
            Requests and responses are judged apart: an enum value added to a request is info, to a response a
            warning. EXIT CODES: 0 nothing at or above --fail-on, 1 changes at or above it, 2 usage error or a spec
            that cannot be loaded.
            """
    )

    /// Creates the command.
    public init() {}

    /// Compares the two specs and prints or writes the report.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - context: The console.
    /// - Returns: 0 no change at or above `--fail-on`, 1 some, 2 usage or input errors.
    public func run(_ arguments: ParsedArguments, context: CommandContext) async -> ExitCode {
        let console = context.console
        let levelName = arguments.value(of: "--fail-on") ?? "error"
        guard let failOn = CompatLevel(name: levelName) else {
            return usageError("'--fail-on' must be error, warning or info, not '\(levelName)'", console)
        }
        let format = arguments.value(of: "--format") ?? "text"
        guard Self.formats.contains(format) else {
            return usageError(
                "'--format' must be one of \(Self.formats.joined(separator: ", ")), not '\(format)'",
                console
            )
        }
        let outputDirectory = arguments.value(of: "--out") ?? "reports"
        guard let old = Self.load(arguments.positionals[0], console: console),
            let new = Self.load(arguments.positionals[1], console: console)
        else { return .usageOrConfigurationError }
        let report = CompatChecker.compare(old: old, new: new)
        let failing = report.changes(atOrAbove: failOn).count
        switch format {
        case "text":
            console.write(report.text { level, text in console.colored(text, Self.color(of: level)) })
        case "markdown":
            console.write(report.markdown(failOn: failOn))
        default:
            let (name, contents) = Self.file(for: format, report: report, failOn: failOn)
            let path = (outputDirectory as NSString).appendingPathComponent(name)
            do {
                try ReportFile.writeAtomically(Array(contents.utf8), to: path)
            } catch {
                console.printError(console.colored("error:", .red) + " \(error.message)")
                return .usageOrConfigurationError
            }
            console.print(report.summaryLine)
            console.print("compat: wrote \(path)")
        }
        if failing > 0 {
            console.printError(
                console.colored("compat: \(failing) change\(failing == 1 ? "" : "s") at or above \(failOn)", .red)
            )
            return .testFailures
        }
        return .success
    }

    private static func file(for format: String, report: CompatReport, failOn: CompatLevel) -> (String, String) {
        switch format {
        case "json": ("compat.json", report.json(failOn: failOn))
        case "junit": ("compat-junit.xml", report.junitXML(failOn: failOn))
        default: ("compat.html", report.html(failOn: failOn))
        }
    }

    private static func color(of level: CompatLevel) -> ANSIColor {
        switch level {
        case .error: .red
        case .warning: .yellow
        case .info: .dim
        }
    }

    /// The document, or `nil` after printing why it cannot be compared: unreadable, not OpenAPI 3.0, or with
    /// broken references (whatever they point at cannot be compared).
    private static func load(_ path: String, console: Console) -> OpenAPIDocument? {
        guard let document = SpecFile.load(path, console: console) else { return nil }
        let errors = document.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            for error in errors {
                console.printError(error.rendered(withSnippetFrom: document.source.text))
            }
            console.printError(
                "compat: \(path) has \(errors.count) error\(errors.count == 1 ? "" : "s"); fix them to compare it"
            )
            return nil
        }
        return document
    }

    private func usageError(_ message: String, _ console: Console) -> ExitCode {
        MeshCheckTool.reportUsageError(UsageError(message), usage: Self.help, console: console)
        return .usageOrConfigurationError
    }
}
