public import ArgumentParsing
import Dispatch
import Glibc
import MockServer
import OpenAPI
import Synchronization

/// `meshcheck mock`: runs the embedded reference mock until SIGINT or SIGTERM.
public struct MockCommand: Command {
    /// Help for `mock`.
    public static let help = CommandHelp(
        name: "mock",
        overview: "Run the embedded Mesh reference mock until interrupted.",
        options: [
            .value("--host", placeholder: "address", help: "The address to listen on.", defaultValue: "127.0.0.1"),
            .value(
                "--port",
                placeholder: "port",
                help: "The port to listen on; 0 picks a free one.",
                defaultValue: "8080"
            ),
            .value(
                "--spec",
                placeholder: "file",
                help: "The OpenAPI 3.0 spec to serve.",
                defaultValue: OpenAPIDocument.defaultSpecPath
            ),
            .value(
                "--seed",
                placeholder: "n",
                help: "Seed of generated bodies, tokens and faults (0 to 2^64-1).",
                defaultValue: "0"
            ),
            .value(
                "--fault",
                placeholder: "spec",
                help: "Inject a fault: latency=200ms, status=503,rate=0.1, drop=0.05, malformed=0.05; add ,op=OP.",
                isRepeatable: true
            ),
            .flag("--self-check", help: "Validate every response against the spec and report violations."),
            MockReplay.option,
        ],
        discussion: """
            Prints the URL it listens on, then one line per request (method, path, status; never headers, queries or
            bodies). SIGINT or SIGTERM stops it gracefully with exit code 0. Sandbox logins: username Mesh, password
            Pass123, MFA code 123456. See docs/mock.md.
            """
    )

    /// Creates the command.
    public init() {}

    /// Runs the mock until a signal arrives.
    ///
    /// - Parameters:
    ///   - arguments: The parsed command line.
    ///   - context: The console.
    /// - Returns: 0 after a signal, 2 for a usage or configuration error.
    public func run(_ arguments: ParsedArguments, context: CommandContext) async -> ExitCode {
        let console = context.console
        let portText = arguments.value(of: "--port") ?? "8080"
        guard let port = Int(portText), (0...65_535).contains(port) else {
            return usageError("'--port' must be a number from 0 to 65535, not '\(portText)'", console)
        }
        let seedText = arguments.value(of: "--seed") ?? "0"
        guard let seed = UInt64(seedText) else {
            return usageError("'--seed' must be a whole number from 0 to 2^64-1, not '\(seedText)'", console)
        }
        var faults: [MockFault] = []
        for text in arguments.allValues(of: "--fault") {
            do {
                faults.append(try MockFault(parsing: text))
            } catch {
                return usageError(error.description, console)
            }
        }
        let specPath = arguments.value(of: "--spec") ?? OpenAPIDocument.defaultSpecPath
        guard let document = SpecFile.load(specPath, console: console) else { return .usageOrConfigurationError }
        guard let replay = MockReplay.load(arguments, console: console) else { return .usageOrConfigurationError }
        var configuration = MockConfiguration(
            host: arguments.value(of: "--host") ?? "127.0.0.1",
            port: port,
            document: document,
            seed: seed,
            faults: faults,
            selfCheck: arguments.isSet("--self-check"),
            log: { line in
                if line.hasPrefix("self-check: ") {
                    console.printError(line)
                } else {
                    console.print(line)
                }
            }
        )
        configuration.replay = replay.fixtures
        let mock: ReferenceMock
        do {
            mock = try ReferenceMock.start(configuration)
        } catch {
            console.printError(console.colored("error:", .red) + " \(error.description)")
            return .usageOrConfigurationError
        }
        console.print(
            "meshcheck mock: listening on \(mock.baseURL) (\(mock.operationCount) operations, seed \(seed)"
                + (faults.isEmpty ? "" : ", faults: \(faults.map(\.description).joined(separator: "; "))")
                + replay.note + ")"
        )
        let signal = await Self.waitForTerminationSignal()
        console.print("meshcheck mock: \(signal), stopping")
        await mock.shutdown()
        console.print("meshcheck mock: stopped")
        return .success
    }

    /// Waits for SIGINT or SIGTERM and returns its name.
    ///
    /// Dispatch signal sources read the signals through `signalfd` on Linux, so they arrive even when the parent
    /// started us with them blocked; the default actions are turned off first so a signal never kills us outright.
    static func waitForTerminationSignal() async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let queue = DispatchQueue(label: "meshcheck.mock.signals")
            let latch = SignalLatch()
            var sources: [any DispatchSourceSignal] = []
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                sources.append(DispatchSource.makeSignalSource(signal: number, queue: queue))
            }
            let all = sources
            for (source, name) in zip(all, ["SIGINT", "SIGTERM"]) {
                // Each handler holds every source, so none is released while the process waits.
                source.setEventHandler {
                    if latch.fire() {
                        continuation.resume(returning: name)
                        _ = all
                    }
                }
                source.resume()
            }
        }
    }

    private func usageError(_ message: String, _ console: Console) -> ExitCode {
        console.printError(console.colored("error:", .red) + " \(message)")
        return .usageOrConfigurationError
    }
}

/// Lets only the first signal resume the waiting command.
private final class SignalLatch: Sendable {
    private let fired = Mutex(false)

    /// `true` the first time, `false` after.
    func fire() -> Bool {
        fired.withLock { fired in
            defer { fired = true }
            return !fired
        }
    }
}
