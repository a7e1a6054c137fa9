public import ArgumentParsing
import Diagnostics
import OpenAPI
import Suites

/// `meshcheck generate [<paths>...]`: prints the negative and boundary cases the spec gives, without sending them.
public struct GenerateCommand: Command {
    /// Help for `generate`.
    public static let help = CommandHelp(
        name: "generate",
        overview: "Print the negative and boundary cases generated from the spec, without sending them.",
        positionals: [
            PositionalDefinition(
                "paths",
                help: "Suites whose 'generate:' to print (default: the cases 'run --generate' makes); --operation "
                    + "and --kind narrow them.",
                isOptional: true,
                isRepeating: true
            )
        ],
        options: [
            .value(
                "--kind",
                placeholder: "kinds",
                help: "negative, boundary or both, comma-separated.",
                defaultValue: "negative,boundary"
            ),
            GenerationOptions.operationOption,
            GenerationOptions.seedOption,
            .value(
                "--spec",
                placeholder: "file",
                help: "The OpenAPI 3.0 spec.",
                defaultValue: OpenAPIDocument.defaultSpecPath
            ),
            .flag("--print", help: "Print the cases (what the command does; accepted for clarity)."),
            .flag("--verbose", "-v", help: "Also print each request, what must answer it and why."),
        ],
        discussion: """
            Each case is one line, its name: 'METHOD /path · negative|boundary · TARGET RULE', such as \
            'POST /api/v1/authenticate · negative · query userId maxLength+1'. Names are stable: the same spec \
            gives the same cases in the same order on every run; --seed changes only the values chosen where a \
            choice is made (never a name). With suite paths, the cases of each suite's 'generate:' are printed, \
            with the base requests its 'from' steps and 'values' give. A summary line counts the cases per kind. \
            The generator and the suite language are described in docs/suites.md.
            EXIT CODES: 0 printed, 2 usage error, unknown operation, or a suite or spec that does not load.
            """
    )

    /// Creates the command.
    public init() {}

    /// Prints the cases.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - context: The console and environment.
    /// - Returns: 0, or 2 as the help says.
    public func run(_ arguments: ParsedArguments, context: CommandContext) async -> ExitCode {
        let console = context.console
        let options: GenerationOptions
        do {
            options = try GenerationOptions(arguments, kindOption: "--kind", defaultKinds: GeneratedCaseKind.allCases)
        } catch {
            MeshCheckTool.reportUsageError(error, usage: Self.help, console: console)
            return .usageOrConfigurationError
        }
        let specPath = arguments.value(of: "--spec") ?? OpenAPIDocument.defaultSpecPath
        guard let document = SpecFile.load(specPath, console: console) else { return .usageOrConfigurationError }
        let problems = options.problems(in: document)
        for problem in problems {
            console.printError(console.colored("error:", .red) + " " + problem)
        }
        if !problems.isEmpty { return .usageOrConfigurationError }
        let generator = SuiteGenerator(document: document)
        var suites: [Suite]
        if arguments.positionals.isEmpty {
            suites = options.suites([], document: document)
        } else {
            let set = SuiteLoader.check(arguments.positionals, against: document, environment: context.environment)
            SuiteDiagnostics.print(set, console: console)
            if set.hasErrors { return .usageOrConfigurationError }
            suites = options.suites(set.suites, document: document, addingStandalone: false).filter {
                $0.generation != nil
            }
            if let kinds = options.kinds, arguments.value(of: "--kind") != nil {
                suites = suites.map { suite in
                    var suite = suite
                    suite.generation?.kinds = kinds
                    return suite
                }
            }
        }
        let selected = Set(options.operations.flatMap { generator.operations(for: $0.selector) }.map(\.name))
        var counts: [GeneratedCaseKind: Int] = [:]
        var operations = Set<String>()
        let verbose = arguments.isSet("--verbose")
        for suite in suites {
            if !arguments.positionals.isEmpty { console.print("\(suite.id): \(suite.name)") }
            for generated in generator.cases(of: suite)
            where selected.isEmpty || selected.contains(generated.operation.name) {
                counts[generated.kind, default: 0] += 1
                operations.insert(generated.operation.name)
                console.print(generated.name)
                if verbose {
                    for line in generated.describedRequest() {
                        console.print("    " + line)
                    }
                }
            }
        }
        let total = counts.values.reduce(0, +)
        let perKind = GeneratedCaseKind.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        console.print("\(Plural.count(total, "case")) (\(perKind)) for \(Plural.count(operations.count, "operation"))")
        return .success
    }
}
