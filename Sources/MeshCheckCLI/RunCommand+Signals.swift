import Dispatch
import Glibc
import Runner
import Synchronization

/// SIGINT and SIGTERM during `meshcheck run`: stop cleanly, keep what ran.
///
/// 1. The first signal cancels the run: no new request starts, steps not yet run are skipped, and requests in flight
///    get ``SuiteRunner``'s grace period to finish before they are abandoned (the runner shuts its client down).
/// 2. The run returns its partial result, marked interrupted; `run` writes the reports as usual and exits with
///    130 (SIGINT) or 143 (SIGTERM), as a shell reports a process killed by that signal.
/// 3. A second signal exits at once with the same code, for a user who does not want to wait.
///
/// Dispatch signal sources receive the signals (through `signalfd` on Linux, so a parent that started us with the
/// signals blocked cannot lose them); the default actions are off until the command ends (the reports are written under the handlers).
///
/// One value per `run` command, used from that command's task only (it is not `Sendable`).
final class RunInterruption {
    /// The first signal, shared with the signal handlers.
    private final class Received: Sendable {
        let number = Mutex<Int32?>(nil)

        /// Notes `signal`; `true` when it is the first.
        func record(_ signal: Int32) -> Bool {
            number.withLock { number in
                defer { number = number ?? signal }
                return number == nil
            }
        }
    }

    private let received = Received()
    private var sources: [any DispatchSourceSignal] = []
    private let console: Console

    /// Creates the handler; nothing is installed until ``run(_:)``.
    ///
    /// - Parameter console: Where the notice that the run is stopping goes.
    init(console: Console) {
        self.console = console
    }

    /// Removes the handlers (they stay while the reports are written) and restores the default actions.
    deinit {
        for source in sources {
            source.cancel()
        }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// The first signal received, if any.
    var signalNumber: Int32? { received.number.withLock { $0 } }

    /// The exit code for the signal received: 130, 143, or `nil` when none came.
    var exitCode: ExitCode? {
        switch signalNumber {
        case SIGINT?: .interrupted
        case SIGTERM?: .terminated
        default: nil
        }
    }

    /// Runs `body` in a task that the first SIGINT or SIGTERM cancels.
    ///
    /// - Parameter body: The run.
    /// - Returns: What `body` returns (a partial result after a signal).
    /// - Throws: What `body` throws.
    func run<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let task = Task { try await body() }
        let queue = DispatchQueue(label: "meshcheck.run.signals")
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [received, console] in
                guard received.record(number) else {
                    console.printError("meshcheck run: \(Self.name(of: number)) again, exiting without reports")
                    exit(128 + number)
                }
                console.printError(
                    "meshcheck run: \(Self.name(of: number)) received; stopping (no new requests, requests in flight "
                        + "get \(SuiteRunner.interruptionGraceText)), then writing partial reports"
                )
                task.cancel()
            }
            source.resume()
            sources.append(source)
        }
        return try await task.value
    }

    private static func name(of number: Int32) -> String {
        number == SIGINT ? "SIGINT" : "SIGTERM"
    }
}
