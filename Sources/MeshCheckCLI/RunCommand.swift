public import ArgumentParsing
import Diagnostics
import Foundation
import HTTP
import OpenAPI
import Reports
import Runner
import Suites

/// `meshcheck run [<paths>...]`: lints the suites, then runs them against a server and writes `results.json`,
/// `junit.xml` and `index.html`.
public struct RunCommand: Command {
    /// Help for `run`.
    public static let help = CommandHelp(
        name: "run",
        overview: "Run suites against a server, check every response against the spec, and write results.json.",
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
                "--server",
                placeholder: "server",
                help: "A profile of the servers file (mock, sandbox, …) or an http(s):// URL.",
                defaultValue: "mock"
            ),
            .value(
                "--servers",
                placeholder: "file",
                help: "The server profiles.",
                defaultValue: ServerProfiles.defaultPath
            ),
            .value(
                "--spec",
                placeholder: "file",
                help: "The OpenAPI 3.0 spec.",
                defaultValue: OpenAPIDocument.defaultSpecPath
            ),
            .value("--jobs", "-j", placeholder: "n", help: "Suites run at once (default: the number of cores)."),
            .value(
                "--tag",
                placeholder: "tag",
                help: "Run only suites with this tag.",
                isRepeatable: true
            ),
            .value(
                "--exclude-tag",
                placeholder: "tag",
                help: "Do not run suites with this tag.",
                isRepeatable: true
            ),
            .flag("--fail-fast", help: "Stop after the first failing step (teardown steps still run)."),
            .value("--max-failures", placeholder: "n", help: "Stop after this many failing steps."),
            .value(
                "--timeout",
                placeholder: "duration",
                help: "A step's timeout unless it sets one (default: the profile's, else 30s)."
            ),
            .value(
                "--out",
                "-o",
                placeholder: "dir",
                help: "Where results.json, junit.xml and index.html are written.",
                defaultValue: "reports"
            ),
            RunRecording.option,
        ] + ReportOutputs.options(defaults: ReportFormat.allCases) + GenerationOptions.runOptions + GateOptions.options,
        discussion: """
            Every suite is linted first; a suite with an error never runs (exit 2). Suites run in parallel, steps in \
            order within a suite. Credentials come from MESH_CLIENT_ID and MESH_CLIENT_SECRET (or the variables a \
            profile names); the embedded mock accepts placeholders when they are unset, any other server needs them. \
            Results go to DIR/results.json (format in docs/results.md), DIR/junit.xml and DIR/index.html (docs/reports.md), \
            with secrets masked; `meshcheck report` renders them again from results.json. NO_COLOR turns colours off. \
            A suite's 'generate:' adds cases generated from the spec; --generate runs them without a suite \
            file (only those, unless PATHS are given; see 'meshcheck generate --help' and docs/suites.md).
            Gating (docs/gating.md): --baseline accepts known failures until their expiry date, --fail-on and \
            --allow-failures set the policy, --shard i/n runs one part (merge the parts with 'meshcheck merge'), \
            --previous adds the trend; with any of them the run ends with a 'GATE: PASS|FAIL (…)' line and the \
            exit code follows the gate.
            EXIT CODES: 0 all passed, 1 some step failed, 2 usage, configuration or suite error (nothing ran), \
            3 the server could not be reached, 130/143 stopped by SIGINT/SIGTERM (partial reports, marked \
            interrupted; docs/hardening.md).
            """
    )

    /// Creates the command.
    public init() {}

    /// Lints, runs and reports.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - context: The console and environment.
    /// - Returns: 0, 1, 2 or 3 as the help says.
    public func run(_ arguments: ParsedArguments, context: CommandContext) async -> ExitCode {
        let console = context.console
        let options: Options
        do {
            options = try Options(arguments)
        } catch {
            MeshCheckTool.reportUsageError(error, usage: Self.help, console: console)
            return .usageOrConfigurationError
        }
        guard let profiles = ServerTargets.loadProfiles(options.serversPath, console: console) else {
            return .usageOrConfigurationError
        }
        let selection: (ServerProfile, ClientCredentials)
        do {
            selection = try ServerTargets.select(options.server, profiles: profiles, environment: context.environment)
        } catch {
            console.printError(console.colored("error:", .red) + " " + error.message)
            return .usageOrConfigurationError
        }
        guard let document = SpecFile.load(options.specPath, console: console) else {
            return .usageOrConfigurationError
        }
        let generationProblems = options.generation.problems(in: document)
        for problem in generationProblems {
            console.printError(console.colored("error:", .red) + " " + problem)
        }
        if !generationProblems.isEmpty { return .usageOrConfigurationError }
        var set = SuiteLoader.load(options.paths)
        SuiteLoader.lint(&set, against: document, environment: context.environment, missingEnvironmentSeverity: .error)
        SuiteDiagnostics.print(set, console: console)
        if set.hasErrors {
            let errors = set.diagnostics.filter { $0.severity == .error }.count
            console.printError(
                console.colored("error:", .red) + " \(Plural.count(errors, "problem")) in the suites; nothing was run"
            )
            return .usageOrConfigurationError
        }

        let server: ServerTargets.Resolved
        do {
            server = try ServerTargets.start(selection, document: document)
        } catch {
            console.printError(console.colored("error:", .red) + " " + error.message)
            return .usageOrConfigurationError
        }
        defer { server.mock?.stop() }
        let (profile, credentials, baseURL) = (server.profile, server.credentials, server.baseURL)

        var configuration = RunConfiguration(
            baseURL: baseURL,
            serverName: profile.name,
            credentials: credentials,
            toolVersion: MeshCheckTool.version
        )
        configuration.jobs = options.jobs ?? configuration.jobs
        configuration.includeTags = options.includeTags
        configuration.excludeTags = options.excludeTags
        configuration.failFast = options.failFast
        configuration.maxFailures = options.maxFailures
        configuration.defaultTimeout = options.timeout ?? profile.timeout ?? .seconds(30)
        configuration.environment = context.environment
        configuration.hostname = ProcessInfo.processInfo.hostName
        configuration.redactor = SecretRedactor(secretNames: SecretRedactor.defaultSecretNames + profiles.secretNames)
        configuration.client.caFile = HTTPClientConfiguration.caFile(fromEnvironment: context.environment)
        RunRecording.prepare(&configuration, arguments: arguments)
        guard var gating = GateRun.prepare(options.gate, console: console) else { return .usageOrConfigurationError }
        let (shardSuites, shard) = gating.shard(options.generation.suites(set.suites, document: document))
        let plan = RunPlan(
            suites: shardSuites,
            document: document,
            configuration: configuration
        )

        let progress = RunProgress(console: console)
        let runner = SuiteRunner(events: { progress.handle($0) })
        var result: RunResult
        var unreachable: String?
        let interruption = RunInterruption(console: console)
        do {
            result = try await interruption.run { try await runner.run(plan) }
        } catch let error as RunError {
            switch error {
            case .serverUnreachable(let reason, let partial):
                result = partial
                unreachable = configuration.redactor.redact(reason)
            }
        } catch {
            progress.finish()
            console.printError(console.colored("error:", .red) + " the run failed: \(error)")
            return .usageOrConfigurationError
        }
        progress.finish()
        result = gating.annotate(result, shard: shard, console: console)
        printSummary(result, console: console)
        // Reports render the run as results.json records it (durations at microsecond precision), so that
        // `meshcheck report` on the saved file gives the same bytes.
        let recorded = (try? ResultsDocument.read(ResultsDocument.bytes(of: result), path: "results.json")) ?? result
        let written = ReportOutputs.write(
            recorded,
            arguments: arguments,
            formats: options.formats,
            folder: options.outputFolder,
            document: document,
            specNote: nil,
            redactor: configuration.redactor,
            console: console
        )
        if !RunRecording.record(result, document: document, arguments: arguments, console: console) {
            return .usageOrConfigurationError
        }
        if let interrupted = interruption.exitCode { return interrupted }
        if let unreachable {
            console.printError(console.colored("error:", .red) + " cannot reach \(baseURL): \(unreachable)")
            return .serverUnreachable
        }
        if !written { return .usageOrConfigurationError }
        if let gateExit = GateRun.finish(result, console: console) { return gateExit }
        let totals = result.totals
        return totals.failed + totals.errors > 0 ? .testFailures : .success
    }

    private func printSummary(_ result: RunResult, console: Console) {
        let totals = result.totals
        let failed = totals.failed + totals.errors
        var line = "\(totals.passed) passed, \(failed) failed"
        if totals.errors > 0 { line += " (\(Plural.count(totals.errors, "error")))" }
        line += ", \(totals.skipped) skipped"
        line += " in \(Plural.count(totals.suites, "suite")), \(Self.seconds(result.duration))"
        if let reason = result.stopReason {
            line += "; stopped early: \(reason.rawValue)"
        }
        console.print(failed > 0 ? console.colored(line, .red) : console.colored(line, .green))
    }

    private static func seconds(_ duration: Duration) -> String {
        let milliseconds = Int(StepSeconds.milliseconds(duration))
        guard milliseconds >= 1000 else { return "\(milliseconds) ms" }
        return "\(milliseconds / 1000).\(String(format: "%02d", (milliseconds % 1000) / 10)) s"
    }

    /// The command line, checked.
    private struct Options {
        var paths: [String]
        var server: String?
        var serversPath: String?
        var specPath: String
        var jobs: Int?
        var includeTags: [String]
        var excludeTags: [String]
        var failFast: Bool
        var maxFailures: Int?
        var timeout: Duration?
        var outputFolder: String
        var generation: GenerationOptions
        var formats: [ReportFormat]
        var gate: GateOptions

        init(_ arguments: ParsedArguments) throws(UsageError) {
            generation = try GenerationOptions(arguments, kindOption: "--generate")
            let defaultPaths = generation.kinds == nil ? [SuiteLoader.defaultPath] : []
            paths = arguments.positionals.isEmpty ? defaultPaths : arguments.positionals
            server = arguments.value(of: "--server")
            serversPath = arguments.value(of: "--servers")
            specPath = arguments.value(of: "--spec") ?? OpenAPIDocument.defaultSpecPath
            if let text = arguments.value(of: "--jobs") {
                guard let jobs = Int(text), jobs >= 1, jobs <= 256 else {
                    throw UsageError("'--jobs' must be a number from 1 to 256; found '\(text)'")
                }
                self.jobs = jobs
            }
            includeTags = arguments.values["--tag"] ?? []
            excludeTags = arguments.values["--exclude-tag"] ?? []
            failFast = arguments.isSet("--fail-fast")
            if let text = arguments.value(of: "--max-failures") {
                guard let count = Int(text), count >= 1 else {
                    throw UsageError("'--max-failures' must be a positive number; found '\(text)'")
                }
                maxFailures = count
            }
            if let text = arguments.value(of: "--timeout") {
                guard let timeout = StepSeconds.duration(text) else {
                    throw UsageError("'--timeout' must be a duration such as 500ms, 10s or 2m; found '\(text)'")
                }
                self.timeout = timeout
            }
            outputFolder = arguments.value(of: "--out") ?? "reports"
            formats = try ReportOutputs.formats(arguments, defaults: ReportFormat.allCases)
            gate = try GateOptions(arguments)
        }
    }
}

/// Durations on the command line.
enum StepSeconds {
    static func duration(_ text: String) -> Duration? {
        for (suffix, scale) in [("ms", 0.001), ("s", 1.0), ("m", 60.0)] where text.hasSuffix(suffix) {
            guard let value = Double(text.dropLast(suffix.count)), value > 0, value <= 3600 else { continue }
            return .milliseconds(Int64((value * scale * 1000).rounded()))
        }
        guard let value = Double(text), value > 0, value <= 3600 else { return nil }
        return .milliseconds(Int64((value * 1000).rounded()))
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
