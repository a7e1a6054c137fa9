public import ArgumentParsing
import Diagnostics
import OpenAPI

/// `meshcheck spec <subcommand>`: works on an OpenAPI spec without sending anything.
public struct SpecCommand: Command {
    /// Help for `spec`.
    public static let help = CommandHelp(
        name: "spec",
        overview: "Check an OpenAPI 3.0 spec without sending a request.",
        subcommands: [CommandHelp.Subcommand(name: SpecLintCommand.help.name, overview: SpecLintCommand.help.overview)],
        discussion: "Run 'meshcheck spec lint --help' for the options of 'lint'."
    )

    /// Creates the command.
    public init() {}

    /// Prints the help: the tool dispatches to a subcommand and never calls this with one.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - context: The console.
    /// - Returns: 2, as a subcommand is required.
    public func run(_ arguments: ParsedArguments, context: CommandContext) async -> ExitCode {
        context.console.writeError(Self.help.helpText(toolName: MeshCheckTool.name))
        return .usageOrConfigurationError
    }
}

/// `meshcheck spec lint [<spec>]`: broken refs, examples that break their schema, undefined required properties.
public struct SpecLintCommand: Command {
    /// Help for `spec lint`.
    public static let help = CommandHelp(
        name: "lint",
        overview: "Report broken $refs, examples that violate their schema, and undefined required properties.",
        positionals: [
            PositionalDefinition(
                "spec",
                help: "The OpenAPI 3.0 file (default: \(OpenAPIDocument.defaultSpecPath)).",
                isOptional: true
            )
        ],
        options: [.flag("--errors-only", help: "Print errors only, not warnings.")],
        discussion: """
            Each finding is printed as 'FILE:line:column: severity: message' with the line and a caret.
            EXIT CODES: 0 no errors (warnings allowed), 1 errors found, 2 the spec cannot be read.
            """
    )

    /// Creates the command.
    public init() {}

    /// Lints the spec.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - context: The console.
    /// - Returns: 0 clean, 1 errors, 2 unreadable.
    public func run(_ arguments: ParsedArguments, context: CommandContext) async -> ExitCode {
        let console = context.console
        let path = arguments.positionals.first ?? OpenAPIDocument.defaultSpecPath
        guard let document = SpecFile.load(path, console: console) else { return .usageOrConfigurationError }
        let findings = SpecLinter.lint(document)
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        for finding in findings where finding.severity == .error || !arguments.isSet("--errors-only") {
            console.printError(finding.rendered(withSnippetFrom: document.source.text))
        }
        let summary =
            "\(path): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") "
            + "(\(document.operations.count) operations, \(document.schemaNames.count) schemas)"
        console.print(errors > 0 ? console.colored(summary, .red) : summary)
        return errors > 0 ? .testFailures : .success
    }
}

/// Loading a spec for a command, with failures printed as diagnostics.
enum SpecFile {
    /// The loaded document, or `nil` after printing why it cannot be loaded.
    static func load(_ path: String, console: Console) -> OpenAPIDocument? {
        do {
            let source = try SpecSource.load(path: path)
            return try OpenAPILoader.load(source)
        } catch {
            console.printError(error.diagnostic.rendered(withSnippetFrom: error.source))
            return nil
        }
    }
}
