import Foundation
import Glibc
import TestSupport

/// A child process started with `posix_spawn`, waited for without blocking a thread, with its peak memory.
///
/// Unlike Foundation's `Process`, the child starts with an empty signal mask and default signal actions even when
/// spawned from a Dispatch thread (whose mask blocks SIGTERM), so signal tests see what a shell would; its peak
/// resident set is sampled from `/proc`. Output goes to files, never pipes.
final class ChildProcess: Sendable {
    struct Outcome: Sendable {
        /// The exit status, or 128 + the signal that killed it.
        var exitCode: Int32
        var stdout: String
        var stderr: String
        /// The child's peak resident set size, in KiB (`VmHWM`, sampled every 20 ms while it runs).
        var peakRSSKiB: Int
    }

    let pid: pid_t
    private let folder: TemporaryDirectory

    /// Starts `executable` with `arguments`, the test's environment plus `environment`, in the current directory.
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        folder = try TemporaryDirectory()
        let stdoutPath = folder.path + "/stdout"
        let stderrPath = folder.path + "/stderr"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGPIPE] {
            sigaddset(&defaults, number)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let variables = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            .map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer {
            for pointer in argv + envp {
                free(pointer)
            }
        }
        var child: pid_t = 0
        // No ProcessLaunchGate: posix_spawn does not read /proc/self/fd (Foundation's Process does), and waiting at
        // the gate would block a thread of the cooperative pool while a descriptor-heavy test holds it.
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw TestSupportError("posix_spawn \(executable): errno \(status)") }
        pid = child
    }

    /// Sends `signal` to the child.
    func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits for the child (polling `wait4`, sleeping between polls); SIGKILL after `timeout`.
    func wait(timeout: Duration = .seconds(120)) async throws -> Outcome {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var status: Int32 = 0
        var usage = rusage()
        var peakKiB = 0
        while wait4(pid, &status, WNOHANG, &usage) == 0 {
            peakKiB = max(peakKiB, Self.highWaterMarkKiB(of: pid))
            if clock.now > deadline {
                kill(pid, SIGKILL)
                _ = wait4(pid, &status, 0, &usage)
                throw TestSupportError("the child did not exit within \(timeout); killed")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let signalled = status & 0x7F
        let exitCode = signalled == 0 ? (status >> 8) & 0xFF : 128 + signalled
        return Outcome(
            exitCode: exitCode,
            stdout: (try? folder.contents(of: "stdout")) ?? "",
            stderr: (try? folder.contents(of: "stderr")) ?? "",
            peakRSSKiB: peakKiB
        )
    }

    /// `VmHWM` of a running process: the peak resident set of its current image. (`wait4`'s `ru_maxrss` is no good
    /// here: `posix_spawn` runs the child in the parent's memory until `exec`, so it reports the test process.)
    static func highWaterMarkKiB(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst(6).filter(\.isNumber)) ?? 0
        }
        return 0
    }

    /// Starts a child and waits for it.
    static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:]
    ) async throws
        -> Outcome
    {
        try await ChildProcess(executable, arguments, environment: environment).wait()
    }
}
