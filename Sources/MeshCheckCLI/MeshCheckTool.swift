public import ArgumentParsing
import Foundation

/// The `meshcheck` command line: finds the subcommand, parses its arguments and runs it.
///
/// 1. Top-level flags: `--help`, `--version`.
/// 2. The subcommand by name; an unknown one is a usage error with a suggestion.
/// 3. Its arguments against its ``CommandHelp``; `--help` prints help and exits 0, a usage error prints one line
///    and the usage on standard error and exits 2.
public enum MeshCheckTool {
    /// The executable's name.
    public static let name = "meshcheck"

    /// meshcheck's version.
    public static let version = "0.1.0"

    /// Every subcommand, in the order help lists them.
    public static let commands: [CommandEntry] = [
        CommandEntry(CompatCommand.self),
        CommandEntry(ConvertCommand.self),
        CommandEntry(SpecCommand.self, subcommands: [CommandEntry(SpecLintCommand.self)]),
        CommandEntry(ValidateCommand.self),
        CommandEntry(LintCommand.self),
        CommandEntry(RunCommand.self),
        CommandEntry(CompareCommand.self),
        CommandEntry(GenerateCommand.self),
        CommandEntry(ReportCommand.self),
        CommandEntry(MergeCommand.self),
        CommandEntry(MockCommand.self),
        CommandEntry(HelpCommand.self),
    ]

    /// The top-level help.
    public static let help = CommandHelp(
        name: name,
        overview: "Conformance and compatibility test harness for the Mesh Connect Integration API.",
        options: [.flag("--version", help: "Show the version.")],
        subcommands: commands.map { CommandHelp.Subcommand(name: $0.help.name, overview: $0.help.overview) },
        discussion: """
            EXIT CODES:
              0  everything passed
              1  tests ran and some failed
              2  usage, configuration or input error (nothing was run)
              3  the server could not be reached

            ENVIRONMENT:
              MESH_CLIENT_ID, MESH_CLIENT_SECRET  credentials sent to every server
              NO_COLOR                            turns colours off
            """
    )

    /// Runs the tool with the process's environment and standard streams.
    ///
    /// - Parameter arguments: The arguments after the executable's name.
    /// - Returns: The exit code.
    public static func run(arguments: [String]) async -> ExitCode {
        let environment = ProcessInfo.processInfo.environment
        let context = CommandContext(console: .standard(environment: environment), environment: environment)
        return await run(arguments: arguments, context: context)
    }

    /// Runs the tool.
    ///
    /// - Parameters:
    ///   - arguments: The arguments after the executable's name.
    ///   - context: The console and environment.
    /// - Returns: The exit code.
    public static func run(arguments: [String], context: CommandContext) async -> ExitCode {
        let console = context.console
        guard let first = arguments.first else {
            console.writeError(help.helpText(toolName: name))
            return .usageOrConfigurationError
        }
        switch first {
        case "--help", "-h":
            console.write(help.helpText(toolName: name))
            return .success
        case "--version":
            console.print("\(name) \(version)")
            return .success
        default:
            break
        }
        guard var command = command(named: first) else {
            let message: String
            if first.hasPrefix("-") {
                message = ArgumentParser.unknownOptionMessage(first, known: ["--help", "--version"])
            } else if let suggestion = ArgumentParser.closestMatch(to: first, among: commands.map(\.help.name)) {
                message = "unknown command '\(first)'; did you mean '\(suggestion)'?"
            } else {
                message = "unknown command '\(first)'"
            }
            reportUsageError(UsageError(message), usage: help, console: console)
            return .usageOrConfigurationError
        }
        var rest = Array(arguments.dropFirst())
        var prefix = name
        while !command.subcommands.isEmpty {
            guard let next = rest.first, !next.hasPrefix("-") else {
                if rest.first == "--help" || rest.first == "-h" {
                    console.write(command.help.helpText(toolName: prefix))
                    return .success
                }
                let message = rest.first.map { "unknown option '\($0)'" } ?? "missing subcommand"
                reportUsageError(UsageError(message), usage: command.help, console: console)
                return .usageOrConfigurationError
            }
            guard let subcommand = command.subcommands.first(where: { $0.help.name == next }) else {
                let names = command.subcommands.map(\.help.name)
                let suggestion = ArgumentParser.closestMatch(to: next, among: names).map { "; did you mean '\($0)'?" }
                reportUsageError(
                    UsageError("unknown subcommand '\(next)' of '\(command.help.name)'" + (suggestion ?? "")),
                    usage: command.help,
                    console: console
                )
                return .usageOrConfigurationError
            }
            prefix += " " + command.help.name
            command = subcommand
            rest.removeFirst()
        }
        let parsed: ParsedArguments
        do {
            parsed = try ArgumentParser.parse(rest, for: command.help)
        } catch {
            reportUsageError(error, usage: command.help, console: console, toolName: prefix)
            return .usageOrConfigurationError
        }
        if parsed.wantsHelp {
            console.write(command.help.helpText(toolName: prefix))
            return .success
        }
        return await command.run(parsed, context)
    }

    /// The subcommand called `name`, if any.
    ///
    /// - Parameter name: The name typed.
    /// - Returns: The command.
    public static func command(named name: String) -> CommandEntry? {
        commands.first { $0.help.name == name }
    }

    /// Prints `error: …`, the usage line and where to find help, on standard error.
    static func reportUsageError(
        _ error: UsageError,
        usage help: CommandHelp,
        console: Console,
        toolName: String = name
    ) {
        console.printError(console.colored("error:", .red) + " " + error.message)
        console.printError("Usage: \(help.usage(toolName: toolName))")
        let helpCommand =
            help.name == name
            ? "\(name) --help" : toolName == name ? "\(name) help \(help.name)" : "\(toolName) \(help.name) --help"
        console.printError("  See '\(helpCommand)'.")
    }
}
