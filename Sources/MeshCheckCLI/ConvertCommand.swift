public import ArgumentParsing
import Diagnostics
import Foundation
import JSON

/// `meshcheck convert <file>`: prints the JSON of a JSON file, to debug suites and expose the parsers.
public struct ConvertCommand: Command {
    /// Help for `convert`.
    public static let help = CommandHelp(
        name: "convert",
        overview: "Print a JSON file as JSON, compact or pretty, after strict parsing.",
        positionals: [PositionalDefinition("file", help: "The file to read, or '-' for standard input.")],
        options: [
            .flag("--pretty", "-p", help: "Indent by two spaces (default: one line per document)."),
            .flag("--allow-duplicate-keys", help: "Accept repeated object keys; the last value wins."),
        ],
        discussion: "A malformed file prints 'FILE:line:column: error: ...' with the line and a caret, and exits 2."
    )

    /// Creates the command.
    public init() {}

    /// Parses the file and prints it.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - context: The console.
    /// - Returns: 0, or 2 when the file cannot be read or parsed.
    public func run(_ arguments: ParsedArguments, context: CommandContext) async -> ExitCode {
        let console = context.console
        let path = arguments.positionals[0]
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(path)
        } catch {
            console.printError(console.colored("error:", .red) + " \(error.message)")
            return .usageOrConfigurationError
        }
        let shownPath = path == "-" ? "<stdin>" : path
        let options = JSONParser.Options(allowsDuplicateKeys: arguments.isSet("--allow-duplicate-keys"))
        do {
            let value = try JSONParser.parse(bytes, path: shownPath, options: options)
            console.print(value.serialized(pretty: arguments.isSet("--pretty")))
            return .success
        } catch {
            console.printError(error.diagnostic.rendered(withSnippetFrom: SourceText(path: shownPath, bytes: bytes)))
            return .usageOrConfigurationError
        }
    }
}
