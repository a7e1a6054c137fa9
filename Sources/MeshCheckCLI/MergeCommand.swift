public import ArgumentParsing
import Diagnostics
import Foundation
import Gating
import OpenAPI
import Reports
import Runner

/// `meshcheck merge RESULTS...`: combines the results of `meshcheck run --shard i/n` jobs into one run's
/// `results.json`, `junit.xml` and `index.html`, and decides the gate.
public struct MergeCommand: Command {
    /// Help for `merge`.
    public static let help = CommandHelp(
        name: "merge",
        overview:
            "Merge the results of 'meshcheck run --shard i/n' jobs into one results.json, junit.xml and index.html.",
        positionals: [
            PositionalDefinition(
                "results",
                help: "The shards' results.json files (one per shard, any order).",
                isRepeating: true
            )
        ],
        options: [
            .value(
                "--out",
                "-o",
                placeholder: "dir",
                help: "Where the merged reports are written.",
                defaultValue: "reports"
            ),
            .value(
                "--previous",
                placeholder: "path",
                help: "Earlier results.json (or a folder of them): the merged report shows the trend."
            ),
        ] + ReportOutputs.options(defaults: ReportFormat.allCases),
        discussion: """
            The shards must be every shard of one split (1/n to n/n, each once), of the same spec title and version, \
            the same suites and the same gate policy; otherwise nothing is written and merge says which files do \
            not fit. Suites come back in the order one unsharded run reports them; baseline marks of every shard \
            are kept. The run ends with the 'GATE: PASS|FAIL (…)' line (docs/gating.md). NO_COLOR turns colours off. \
            EXIT CODES: 0 the gate passes, 1 it fails, 2 a usage error, a file that cannot be read, shards that \
            cannot be merged, or a report that cannot be written.
            """
    )

    /// Creates the command.
    public init() {}

    /// Reads, checks, merges and reports.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - context: The console.
    /// - Returns: 0, 1 or 2 as the help says.
    public func run(_ arguments: ParsedArguments, context: CommandContext) async -> ExitCode {
        let console = context.console
        let formats: [ReportFormat]
        do {
            formats = try ReportOutputs.formats(arguments, defaults: ReportFormat.allCases)
        } catch {
            MeshCheckTool.reportUsageError(error, usage: Self.help, console: console)
            return .usageOrConfigurationError
        }
        var shards: [(path: String, result: RunResult)] = []
        for path in arguments.positionals {
            do {
                shards.append((path, try ResultsHistory.read(path)))
            } catch {
                console.printError(console.colored("error:", .red) + " \(error.message)")
                return .usageOrConfigurationError
            }
        }
        var merged: RunResult
        do {
            merged = try ResultsMerger.merge(shards)
        } catch {
            console.printError(console.colored("error:", .red) + " cannot merge: \(error)")
            return .usageOrConfigurationError
        }
        if let path = arguments.value(of: "--previous") {
            do {
                let history = try ResultsHistory.load(path)
                for message in history.skipped {
                    console.printError(console.colored("warning:", .yellow) + " --previous: skipped \(message)")
                }
                let trend = TrendAnalyzer.trend(of: merged, against: history.runs)
                merged.gate?.trend = trend
            } catch {
                console.printError(console.colored("error:", .red) + " --previous: \(error.message)")
                return .usageOrConfigurationError
            }
        }
        let totals = merged.totals
        console.print(
            "merged \(shards.count) shards: \(totals.steps) steps in \(Plural.count(totals.suites, "suite")), "
                + "\(totals.passed) passed, \(totals.failed + totals.errors) failed, \(totals.skipped) skipped"
        )
        let specPath = merged.specPath
        var document: OpenAPIDocument?
        var note: String?
        if FileManager.default.fileExists(atPath: specPath) {
            document = SpecFile.load(specPath, console: console)
            if document?.version != merged.specVersion || document?.title != merged.specTitle { document = nil }
        }
        if document == nil {
            note = "The spec (\(specPath), \(merged.specTitle) \(merged.specVersion)) was not found, so coverage is "
            note? += "not shown; re-render with 'meshcheck report RESULTS --spec PATH'."
        }
        // Reports render the merge as results.json records it, so `meshcheck report` gives the same bytes.
        let recorded = (try? ResultsDocument.read(ResultsDocument.bytes(of: merged), path: "results.json")) ?? merged
        let folder = arguments.value(of: "--out") ?? "reports"
        let written = ReportOutputs.write(
            recorded,
            arguments: arguments,
            formats: formats,
            folder: folder.isEmpty ? "." : folder,
            document: document,
            specNote: note,
            redactor: .standard,
            console: console
        )
        if !written { return .usageOrConfigurationError }
        return GateRun.finish(recorded, console: console) ?? .success
    }
}
