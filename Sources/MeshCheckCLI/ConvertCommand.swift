public import ArgumentParsing
import Diagnostics
import Foundation
import JSON
import YAML

/// `meshcheck convert <file>`: prints a JSON or YAML file as JSON, to debug suites and expose the parsers.
public struct ConvertCommand: Command {
    /// Help for `convert`.
    public static let help = CommandHelp(
        name: "convert",
        overview: "Print a JSON or YAML file as JSON, compact or pretty, after strict parsing.",
        positionals: [
            PositionalDefinition("file", help: "The file to read, or '-' for standard input (read as YAML).")
        ],
        options: [
            .flag("--pretty", "-p", help: "Indent by two spaces (default: one line per document)."),
            .flag("--allow-duplicate-keys", help: "Accept repeated object keys in a .json file; the last value wins."),
        ],
        discussion: """
            A file ending in .json is parsed as strict JSON; anything else is loaded as YAML 1.2 (which includes \
            JSON), and each of its documents is printed as one JSON value. A malformed file prints \
            'FILE:line:column: error: ...' with the line and a caret, and exits 2; warnings (unknown tags, say) go \
            to standard error.
            """
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
        let source = SourceText(path: shownPath, bytes: bytes)
        let isPretty = arguments.isSet("--pretty")
        if path.lowercased().hasSuffix(".json") {
            let options = JSONParser.Options(allowsDuplicateKeys: arguments.isSet("--allow-duplicate-keys"))
            do {
                let value = try JSONParser.parse(bytes, path: shownPath, options: options)
                console.print(value.serialized(pretty: isPretty))
                return .success
            } catch {
                console.printError(error.diagnostic.rendered(withSnippetFrom: source))
                return .usageOrConfigurationError
            }
        }
        do {
            let documents = try YAMLLoader.load(bytes, path: shownPath)
            for document in documents {
                for warning in document.warnings {
                    console.printError(warning.rendered(withSnippetFrom: source))
                }
                console.print(document.value.serialized(pretty: isPretty))
            }
            return .success
        } catch {
            console.printError(error.diagnostic.rendered(withSnippetFrom: source))
            return .usageOrConfigurationError
        }
    }
}
