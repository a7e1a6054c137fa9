public import ArgumentParsing
import Diagnostics
import OpenAPI
import Suites

/// `meshcheck lint [<paths>...]`: checks suite files against the suite language and the spec; sends nothing.
public struct LintCommand: Command {
    /// Help for `lint`.
    public static let help = CommandHelp(
        name: "lint",
        overview: "Check suite files against the suite language and the spec, without sending a request.",
        positionals: [
            PositionalDefinition(
                "paths",
                help: "Suite files or folders (default: \(SuiteLoader.defaultPath)).",
                isOptional: true,
                isRepeating: true
            )
        ],
        options: [
            .value(
                "--spec",
                placeholder: "file",
                help: "The OpenAPI 3.0 spec.",
                defaultValue: OpenAPIDocument.defaultSpecPath
            )
        ],
        discussion: """
            Reports unknown keys, wrong types, bad templates and predicates, undefined variables, unknown \
            operations, duplicate step names, request bodies that break the request schema (unless the step is \
            'negative: true'), and JSON pointers the response schema cannot have. Each problem is printed as \
            'FILE:line:column: error: message' with the line and a caret. The suite language is described in \
            docs/suites.md.
            EXIT CODES: 0 no errors (warnings allowed), 2 errors found or a file cannot be read.
            """
    )

    /// Creates the command.
    public init() {}

    /// Lints the suites.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - context: The console and environment.
    /// - Returns: 0 when clean, 2 when any error was found.
    public func run(_ arguments: ParsedArguments, context: CommandContext) async -> ExitCode {
        let console = context.console
        let specPath = arguments.value(of: "--spec") ?? OpenAPIDocument.defaultSpecPath
        guard let document = SpecFile.load(specPath, console: console) else { return .usageOrConfigurationError }
        let paths = arguments.positionals.isEmpty ? [SuiteLoader.defaultPath] : arguments.positionals
        let set = SuiteLoader.check(paths, against: document, environment: context.environment)
        SuiteDiagnostics.print(set, console: console)
        let errors = set.diagnostics.filter { $0.severity == .error }.count
        let warnings = set.diagnostics.filter { $0.severity == .warning }.count
        let steps = set.suites.reduce(0) { $0 + $1.allSteps.count }
        let summary =
            "\(Plural.count(set.suites.count, "suite")), \(Plural.count(steps, "step")): "
            + "\(Plural.count(errors, "error")), \(Plural.count(warnings, "warning"))"
        console.print(errors > 0 ? console.colored(summary, .red) : summary)
        return errors > 0 ? .usageOrConfigurationError : .success
    }
}

/// Printing suite diagnostics with their snippets.
enum SuiteDiagnostics {
    static func print(_ set: SuiteSet, console: Console) {
        for diagnostic in set.diagnostics {
            var text = set.rendered(diagnostic)
            if console.isColorEnabled {
                let label = "\(diagnostic.severity.rawValue):"
                let color: ANSIColor = diagnostic.severity == .error ? .red : .yellow
                if let range = text.firstRange(of: " " + label) {
                    text.replaceSubrange(range, with: " " + console.colored(label, color))
                } else if text.hasPrefix(label) {
                    text = console.colored(label, color) + text.dropFirst(label.count)
                }
            }
            console.printError(text)
        }
    }
}

/// `1 suite`, `2 suites`.
enum Plural {
    static func count(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
