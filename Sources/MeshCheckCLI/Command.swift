public import ArgumentParsing

/// One `meshcheck` subcommand: its help, and what it does with parsed arguments.
///
/// A command parses, builds a configuration, calls one library entry point and maps the outcome to an
/// ``ExitCode``. Problems in the user's input are printed as diagnostics and end in
/// ``ExitCode/usageOrConfigurationError``; they are not thrown.
public protocol Command: Sendable {
    /// The name, overview, arguments and options, for parsing and for `--help`.
    static var help: CommandHelp { get }

    /// Creates the command.
    init()

    /// Runs the command.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line; never a help request (the tool answers those).
    ///   - context: The console and the process environment.
    /// - Returns: The exit code.
    func run(_ arguments: ParsedArguments, context: CommandContext) async -> ExitCode
}

/// A subcommand as the tool holds it: its help and a way to run it.
///
/// A value rather than an existential metatype: calling an async requirement through `any Command.Type` crashes
/// the Swift 6.3.1 compiler (SILGen, signal 11).
public struct CommandEntry: Sendable {
    /// The command's help.
    public let help: CommandHelp
    /// Creates the command and runs it.
    public let run: @Sendable (ParsedArguments, CommandContext) async -> ExitCode
    /// Commands reached by a further name (`meshcheck spec lint`); when not empty, the tool dispatches to them
    /// and this command's own `run` is not called.
    public let subcommands: [CommandEntry]

    /// Wraps a command type.
    ///
    /// - Parameters:
    ///   - type: The command.
    ///   - subcommands: Its subcommands, if it is a group such as `spec`.
    public init<C: Command>(_ type: C.Type, subcommands: [CommandEntry] = []) {
        self.help = C.help
        self.run = { arguments, context in await C().run(arguments, context: context) }
        self.subcommands = subcommands
    }
}

/// What a command may read from its surroundings, gathered once by the tool so libraries never read globals.
public struct CommandContext: Sendable {
    /// Where output goes.
    public var console: Console
    /// The process environment.
    public var environment: [String: String]

    /// Creates a context.
    ///
    /// - Parameters:
    ///   - console: Where output goes.
    ///   - environment: The process environment.
    public init(console: Console, environment: [String: String]) {
        self.console = console
        self.environment = environment
    }
}
