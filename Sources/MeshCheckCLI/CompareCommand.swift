public import ArgumentParsing
import Diagnostics
import Fidelity
import Foundation
import HTTP
import JSON
import OpenAPI
import Reports
import Runner
import Suites

/// `meshcheck compare`: runs the same suites against a reference and a candidate server and reports where their
/// responses drift apart.
public struct CompareCommand: Command {
    /// The report file names in the output folder.
    static let fileNames: [ReportFormat: String] = [
        .json: "fidelity.json", .junit: "fidelity-junit.xml", .html: "fidelity.html",
    ]

    /// Help for `compare`.
    public static let help = CommandHelp(
        name: "compare",
        overview: "Run the same suites against two servers and report drift between their responses.",
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
                "--reference",
                placeholder: "server",
                help: "The server taken as truth: a profile (sandbox, mock, …) or an http(s):// URL.",
                defaultValue: "sandbox"
            ),
            .value(
                "--candidate",
                placeholder: "server",
                help: "The server checked against it: a profile or a URL.",
                defaultValue: "mock"
            ),
            .value(
                "--config",
                placeholder: "file",
                help: "Compare configuration with 'ignore:' entries (default: suites/compare.yaml when present)."
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
            .value("--jobs", "-j", placeholder: "n", help: "Suites run at once on each server (default: cores)."),
            .value("--tag", placeholder: "tag", help: "Compare only suites with this tag.", isRepeatable: true),
            .value("--exclude-tag", placeholder: "tag", help: "Leave out suites with this tag.", isRepeatable: true),
            .value("--timeout", placeholder: "duration", help: "A step's timeout unless it sets one (default 30s)."),
            .value(
                "--out",
                "-o",
                placeholder: "dir",
                help: "Where fidelity.json, fidelity-junit.xml and fidelity.html are written.",
                defaultValue: "reports"
            ),
            .value(
                "--report",
                placeholder: "formats",
                help: "Which reports to write: a comma-separated list of json, junit and html.",
                defaultValue: "json,junit,html"
            ),
        ],
        discussion: """
            Both servers run the same steps in the same order, at the same time, each with its own run id. Each \
            pair of responses is compared: status, media type, Mesh's envelope status and errorType, the JSON \
            pointers present, the type at each, stable array lengths, values the spec gives an enum, and values a suite \
            asserts with 'equals'. Other values, and ids, tokens, hashes, timestamps and messages anywhere, are \
            never compared; 'ignore:' entries in a suite or the compare configuration leave out more \
            (docs/fidelity.md). A failing check is not drift. The fidelity score is the share of compared steps \
            identical in shape. Credentials come from MESH_CLIENT_ID and MESH_CLIENT_SECRET (or the variables a \
            profile names); the embedded mock accepts placeholders. NO_COLOR turns colours off.
            EXIT CODES: 0 no drift, 1 drift found, 2 usage, configuration or suite error (nothing ran), 3 a server \
            could not be reached.
            """
    )

    /// Creates the command.
    public init() {}

    /// Runs both servers, compares, reports.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - context: The console and environment.
    /// - Returns: 0, 1, 2 or 3 as the help says.
    public func run(_ arguments: ParsedArguments, context: CommandContext) async -> ExitCode {
        let console = context.console
        let options: CompareOptions
        do {
            options = try CompareOptions(arguments)
        } catch {
            MeshCheckTool.reportUsageError(error, usage: Self.help, console: console)
            return .usageOrConfigurationError
        }
        guard let profiles = ServerTargets.loadProfiles(options.serversPath, console: console),
            let configuration = loadConfiguration(options.configPath, console: console)
        else { return .usageOrConfigurationError }
        let selections: [(ServerProfile, ClientCredentials)]
        do {
            selections = [
                try ServerTargets.select(options.reference, profiles: profiles, environment: context.environment),
                try ServerTargets.select(options.candidate, profiles: profiles, environment: context.environment),
            ]
        } catch {
            console.printError(console.colored("error:", .red) + " " + error.message)
            return .usageOrConfigurationError
        }
        guard let document = SpecFile.load(options.specPath, console: console) else {
            return .usageOrConfigurationError
        }
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
        var servers: [ServerTargets.Resolved] = []
        defer { for server in servers { server.mock?.stop() } }
        for selection in selections {
            do {
                servers.append(try ServerTargets.start(selection, document: document))
            } catch {
                console.printError(console.colored("error:", .red) + " " + error.message)
                return .usageOrConfigurationError
            }
        }
        let plans = servers.map { server in
            RunPlan(
                suites: set.suites,
                document: document,
                configuration: runConfiguration(server, options: options, profiles: profiles, context: context)
            )
        }
        console.print(
            "comparing \(servers[1].profile.name) (\(servers[1].baseURL)) against \(servers[0].profile.name) "
                + "(\(servers[0].baseURL))"
        )
        let (reference, candidate) = await FidelityRun().run(reference: plans[0], candidate: plans[1])
        for (outcome, server) in [(reference, servers[0]), (candidate, servers[1])] {
            if let reason = outcome.unreachable {
                console.printError(console.colored("error:", .red) + " cannot reach \(server.baseURL): \(reason)")
            }
        }
        guard let referenceResult = reference.result, let candidateResult = candidate.result,
            reference.unreachable == nil, candidate.unreachable == nil
        else { return .serverUnreachable }
        let report = FidelityComparison(document: document, suites: set.suites, configuration: configuration)
            .compare(reference: referenceResult, candidate: candidateResult)
        printDrift(report, console: console)
        guard write(report, options: options, console: console) else { return .usageOrConfigurationError }
        return report.driftingCount > 0 ? .testFailures : .success
    }

    private func runConfiguration(
        _ server: ServerTargets.Resolved,
        options: CompareOptions,
        profiles: ServerProfiles,
        context: CommandContext
    ) -> RunConfiguration {
        var configuration = RunConfiguration(
            baseURL: server.baseURL,
            serverName: server.profile.name,
            credentials: server.credentials,
            toolVersion: MeshCheckTool.version
        )
        configuration.jobs = options.jobs ?? configuration.jobs
        configuration.includeTags = options.includeTags
        configuration.excludeTags = options.excludeTags
        configuration.defaultTimeout = options.timeout ?? server.profile.timeout ?? .seconds(30)
        configuration.environment = context.environment
        configuration.redactor = SecretRedactor(secretNames: SecretRedactor.defaultSecretNames + profiles.secretNames)
        configuration.client.caFile = HTTPClientConfiguration.caFile(fromEnvironment: context.environment)
        configuration.bodyExcerptLimit = FixtureRecorder.bodyLimit
        return configuration
    }

    private func loadConfiguration(_ path: String?, console: Console) -> CompareConfiguration? {
        let file = path ?? SuiteLoader.defaultPath + "/" + CompareConfiguration.defaultFileName
        guard let data = FileManager.default.contents(atPath: file) else {
            if path == nil { return CompareConfiguration() }
            console.printError(console.colored("error:", .red) + " cannot read compare configuration '\(file)'")
            return nil
        }
        let bytes = [UInt8](data)
        let (configuration, diagnostics) = CompareConfiguration.load(bytes, path: file)
        let source = SourceText(path: file, bytes: bytes)
        for diagnostic in diagnostics {
            console.printError(diagnostic.rendered(withSnippetFrom: source))
        }
        return diagnostics.contains { $0.severity == .error } ? nil : configuration
    }

    /// The most drift lines printed; the reports hold them all.
    static let printedDriftLimit = 100

    private func printDrift(_ report: FidelityReport, console: Console) {
        var printed = 0
        for step in report.steps where !step.drifts.isEmpty {
            for drift in step.drifts {
                guard printed < Self.printedDriftLimit else { break }
                console.print(
                    "\(step.location): " + console.colored("drift:", .red) + " \(step.name): \(drift.summary)"
                )
                printed += 1
            }
        }
        if report.driftCount > printed {
            console.print("… \(report.driftCount - printed) more drifts in the reports")
        }
        let identical = report.comparedCount - report.driftingCount
        let line =
            "fidelity \(report.scoreText): \(identical) of \(report.comparedCount) steps identical in shape, "
            + "\(Plural.count(report.driftCount, "drift"))"
        console.print(report.driftCount == 0 ? console.colored(line, .green) : console.colored(line, .red))
    }

    private func write(_ report: FidelityReport, options: CompareOptions, console: Console) -> Bool {
        var succeeded = true
        let base = options.outputFolder.hasSuffix("/") ? String(options.outputFolder.dropLast()) : options.outputFolder
        for format in options.formats {
            let path = base + "/" + (Self.fileNames[format] ?? "fidelity")
            let text: String
            switch format {
            case .json: text = report.json().serialized(pretty: true) + "\n"
            case .junit: text = report.junitXML()
            case .html: text = report.html()
            }
            do {
                try ReportFile.writeAtomically(text, to: path)
                console.print("\(format.rawValue): \(path)")
            } catch {
                console.printError(console.colored("error:", .red) + " \(error.message)")
                succeeded = false
            }
        }
        return succeeded
    }
}

/// The `compare` command line, checked.
struct CompareOptions {
    var paths: [String]
    var reference: String
    var candidate: String
    var configPath: String?
    var serversPath: String?
    var specPath: String
    var jobs: Int?
    var includeTags: [String]
    var excludeTags: [String]
    var timeout: Duration?
    var outputFolder: String
    var formats: [ReportFormat]

    init(_ arguments: ParsedArguments) throws(UsageError) {
        paths = arguments.positionals.isEmpty ? [SuiteLoader.defaultPath] : arguments.positionals
        reference = arguments.value(of: "--reference") ?? "sandbox"
        candidate = arguments.value(of: "--candidate") ?? "mock"
        configPath = arguments.value(of: "--config")
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
        if let text = arguments.value(of: "--timeout") {
            guard let timeout = StepSeconds.duration(text) else {
                throw UsageError("'--timeout' must be a duration such as 500ms, 10s or 2m; found '\(text)'")
            }
            self.timeout = timeout
        }
        outputFolder = arguments.value(of: "--out") ?? "reports"
        formats = try ReportOutputs.formats(arguments, defaults: ReportFormat.allCases)
    }
}
