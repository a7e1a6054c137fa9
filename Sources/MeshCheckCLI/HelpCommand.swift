public import ArgumentParsing

/// `meshcheck help [<subcommand>]`: prints the tool's help or a subcommand's.
public struct HelpCommand: Command {
    /// Help for `help`.
    public static let help = CommandHelp(
        name: "help",
        overview: "Show help for meshcheck or one of its subcommands.",
        positionals: [PositionalDefinition("subcommand", help: "The subcommand to explain.", isOptional: true)]
    )

    /// Creates the command.
    public init() {}

    /// Prints the help asked for; an unknown subcommand is a usage error.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - context: The console.
    /// - Returns: 0, or 2 for an unknown subcommand.
    public func run(_ arguments: ParsedArguments, context: CommandContext) async -> ExitCode {
        guard let name = arguments.positionals.first else {
            context.console.write(MeshCheckTool.help.helpText(toolName: MeshCheckTool.name))
            return .success
        }
        guard let command = MeshCheckTool.command(named: name) else {
            MeshCheckTool.reportUsageError(
                UsageError("unknown command '\(name)'"),
                usage: MeshCheckTool.help,
                console: context.console
            )
            return .usageOrConfigurationError
        }
        context.console.write(command.help.helpText(toolName: MeshCheckTool.name))
        return .success
    }
}
