import ArgumentParsing
import Diagnostics
import Foundation
import OpenAPI
import Reports
import Runner

/// The report options `run` and `report` share (`--report`, `--junit`, `--html`), and writing the reports.
enum ReportOutputs {
    /// The options, for a command's help.
    ///
    /// - Parameter defaults: The formats written when `--report` is absent.
    /// - Returns: `--report`, `--junit` and `--html`.
    static func options(defaults: [ReportFormat]) -> [OptionDefinition] {
        [
            .value(
                "--report",
                placeholder: "formats",
                help: "Which reports to write: a comma-separated list of json, junit and html.",
                defaultValue: defaults.map(\.rawValue).joined(separator: ",")
            ),
            .value("--junit", placeholder: "path", help: "Write the JUnit XML here (default: DIR/junit.xml)."),
            .value("--html", placeholder: "path", help: "Write the HTML report here (default: DIR/index.html)."),
        ]
    }

    /// The formats chosen on the command line.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - defaults: The formats when `--report` is absent.
    /// - Returns: The formats.
    /// - Throws: ``UsageError`` for an unknown or repeated format.
    static func formats(_ arguments: ParsedArguments, defaults: [ReportFormat]) throws(UsageError) -> [ReportFormat] {
        guard let text = arguments.value(of: "--report") else { return defaults }
        do {
            return try ReportFormat.list(parsing: text)
        } catch {
            throw UsageError(error.message)
        }
    }

    /// Writes the chosen reports for a run and prints where each went.
    ///
    /// - Parameters:
    ///   - result: The run.
    ///   - arguments: The parsed command line (`--junit`, `--html`).
    ///   - formats: The formats chosen.
    ///   - folder: The output folder.
    ///   - document: The spec, for the HTML report's coverage; `nil` with `specNote` saying why.
    ///   - specNote: Why there is no coverage, or a caveat about it.
    ///   - redactor: Decides which header names the `curl` lines mask.
    ///   - console: Where to print.
    /// - Returns: Whether every report was written.
    static func write(
        _ result: RunResult,
        arguments: ParsedArguments,
        formats: [ReportFormat],
        folder: String,
        document: OpenAPIDocument?,
        specNote: String?,
        redactor: SecretRedactor,
        console: Console
    ) -> Bool {
        let html = HTMLReportWriter(
            coverage: document.map { SpecCoverage(document: $0, result: result) },
            coverageNote: specNote,
            redactor: redactor
        )
        // The machine that ran the suites when results.json says; else this one (older or merged results).
        let junit = JUnitXMLWriter(hostname: result.hostname ?? ProcessInfo.processInfo.hostName, redactor: redactor)
        let set = ReportSet(
            formats: formats,
            folder: folder,
            junitPath: arguments.value(of: "--junit"),
            htmlPath: arguments.value(of: "--html"),
            junit: junit,
            html: html
        )
        var succeeded = true
        for (format, path) in set.destinations {
            do {
                try ReportFile.writeAtomically(set.contents(of: format, for: result), to: path)
                console.print("\(label(of: format)): \(path)")
            } catch {
                console.printError(console.colored("error:", .red) + " \(error.message)")
                succeeded = false
            }
        }
        return succeeded
    }

    private static func label(of format: ReportFormat) -> String {
        switch format {
        case .json: "results"
        case .junit: "junit"
        case .html: "html"
        }
    }
}
