import ArgumentParsing
import Diagnostics
import OpenAPI
import Suites

/// `--generate`, `--kind`, `--operation` and `--seed`: which generated cases `run` and `generate` make.
struct GenerationOptions {
    /// The options `run` adds.
    static let runOptions: [OptionDefinition] = [
        .value(
            "--generate",
            placeholder: "kinds",
            help: "Run cases generated from the spec: negative, boundary or both, comma-separated (alone unless "
                + "paths are given)."
        ),
        operationOption,
        seedOption,
    ]

    static let operationOption = OptionDefinition.value(
        "--operation",
        placeholder: "operation",
        help: "Generate for this operation only: 'METHOD /path', an operationId or tag:NAME (default: all).",
        isRepeatable: true
    )

    static let seedOption = OptionDefinition.value(
        "--seed",
        placeholder: "n",
        help: "Decides the generator's choices (wrong types, values outside enums, sampled bodies); default: a "
            + "suite's 'seed', else 0."
    )

    /// The kinds asked for by `--generate` (or `--kind`), `nil` when none.
    var kinds: [GeneratedCaseKind]?
    /// `--operation`, as selections.
    var operations: [GenerationSettings.Selection]
    /// `--seed`, when given.
    var seed: UInt64?

    /// Reads the options.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - kindOption: `--generate` for `run`, `--kind` for `generate`.
    ///   - defaultKinds: The kinds when the option is absent.
    /// - Throws: ``UsageError`` for an unknown kind, a seed that is not a number, or `--operation` without kinds.
    init(
        _ arguments: ParsedArguments,
        kindOption: String,
        defaultKinds: [GeneratedCaseKind]? = nil
    ) throws(UsageError) {
        if let text = arguments.value(of: kindOption) {
            guard let kinds = GeneratedCaseKind.list(parsing: text) else {
                throw UsageError(
                    "'\(kindOption)' takes negative, boundary or both (negative,boundary); found '\(text)'"
                )
            }
            self.kinds = kinds
        } else {
            self.kinds = defaultKinds
        }
        let location = FileLocation(path: "<command line>", line: 1, column: 1)
        operations = arguments.allValues(of: "--operation").map { text in
            if text == "all" { return GenerationSettings.Selection(.all, at: location) }
            if text.hasPrefix("tag:") {
                return GenerationSettings.Selection(.tag(String(text.dropFirst(4))), at: location)
            }
            return GenerationSettings.Selection(.operation(text), at: location)
        }
        if let text = arguments.value(of: "--seed") {
            guard let seed = UInt64(text) else {
                throw UsageError("'--seed' must be a whole number from 0; found '\(text)'")
            }
            self.seed = seed
        }
        if kinds == nil && !operations.isEmpty {
            throw UsageError("'--operation' selects generated cases: give '\(kindOption)' too")
        }
    }

    /// The settings of the suite made without a file, or `nil` when no kind is asked for.
    var settings: GenerationSettings? {
        guard let kinds else { return nil }
        var settings = GenerationSettings(at: FileLocation(path: SuiteGenerator.standalonePath, line: 1, column: 1))
        settings.kinds = kinds
        settings.operations = operations
        settings.seed = seed ?? 0
        return settings
    }

    /// Each `--operation` that selects nothing, as an error line with the nearest name.
    func problems(in document: OpenAPIDocument) -> [String] {
        let generator = SuiteGenerator(document: document)
        let names = document.operations.map(\.name) + document.operations.compactMap(\.operationID)
        let tags = Set(document.operations.flatMap(\.tags)).sorted()
        return operations.compactMap { selection in
            guard generator.operations(for: selection.selector).isEmpty else { return nil }
            switch selection.selector {
            case .operation(let reference):
                let near = Spelling.closestMatch(to: reference, among: names).map { "; did you mean '\($0)'?" }
                return "unknown operation '\(reference)' (not in \(document.path))" + (near ?? "")
            case .tag(let tag):
                let near = Spelling.closestMatch(to: tag, among: tags).map { "; did you mean 'tag:\($0)'?" }
                return "no operation has the tag '\(tag)'" + (near ?? "")
            case .all:
                return nil
            }
        }
    }

    /// The suites with `--seed` applied to their `generate:`, and the suite `--generate` makes, at the end.
    func suites(_ suites: [Suite], document: OpenAPIDocument, addingStandalone: Bool = true) -> [Suite] {
        var result = suites.map { suite in
            var suite = suite
            if let seed, suite.generation != nil { suite.generation?.seed = seed }
            return suite
        }
        if addingStandalone, let settings {
            result.append(SuiteGenerator(document: document).standaloneSuite(settings))
        }
        return result
    }
}
