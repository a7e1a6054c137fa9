public import Foundation
import Glibc
import Synchronization

/// A child process started with `posix_spawn`, waited for without blocking a thread, with its peak memory.
///
/// Every test launches children through this type (``runProcess`` and ``runMeshcheck`` included), never through
/// Foundation's `Process`: on Linux, `Process.run()` reads `/proc/self/fd` and copies each entry's whole 256-byte
/// `d_name`, reading past its directory buffer when the last entry ends near a page boundary. With the many
/// sockets a parallel test run holds open that is a segmentation fault of the whole test process, seen in CI and in
/// a clean clone. `posix_spawn` reads no such directory.
///
/// Unlike `Process`, `posix_spawn` does not close the parent's other descriptors in the child: every descriptor a
/// test opens must be close-on-exec (meshcheck's sockets are; test sockets pass `SOCK_CLOEXEC`), or a child keeps a
/// connection open after the test closed it.
///
/// The child also starts with an empty signal mask and default signal actions even when spawned from a Dispatch
/// thread (whose mask blocks SIGTERM), so signal tests see what a shell would; its peak resident set is sampled
/// from `/proc`. Output goes to files, never pipes, so a child filling one pipe while the other is drained cannot
/// hang.
public final class ChildProcess: Sendable {
    /// How a child ended and what it wrote.
    public struct Outcome: Sendable {
        /// The exit status, or 128 + the signal that killed it.
        public var exitCode: Int32
        /// Everything written to standard output.
        public var stdout: String
        /// Everything written to standard error (empty when it was joined to standard output).
        public var stderr: String
        /// The child's peak resident set size, in KiB (`VmHWM`, sampled every 20 ms while it runs).
        public var peakRSSKiB: Int
        /// Whether the child outlived its timeout and was killed with SIGKILL.
        public var timedOut: Bool
    }

    /// The child's process id.
    public let pid: pid_t
    private let folder: TemporaryDirectory
    /// Whether `wait4` has collected the child (after which its pid may belong to another process).
    private let reaped = Mutex(false)

    /// Starts `executable`.
    ///
    /// - Parameters:
    ///   - executable: The program's path.
    ///   - arguments: Its arguments.
    ///   - environment: Variables added to (or replacing) the test's own environment; the child's whole
    ///     environment when `inheritingEnvironment` is false.
    ///   - inheritingEnvironment: Whether the child starts from the test's environment.
    ///   - standardInput: Bytes fed to standard input; `/dev/null` when `nil`.
    ///   - workingDirectory: Where the child runs; the test's own directory when `nil`.
    ///   - joiningOutputs: Whether standard error goes to the same file as standard output.
    /// - Throws: ``TestSupportError`` when the child cannot be started.
    public init(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        inheritingEnvironment: Bool = true,
        standardInput: [UInt8]? = nil,
        workingDirectory: String? = nil,
        joiningOutputs: Bool = false
    ) throws {
        folder = try TemporaryDirectory()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let standardInput {
            posix_spawn_file_actions_addopen(&actions, 0, try folder.write("stdin", standardInput), O_RDONLY, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        let output = O_WRONLY | O_CREAT | O_TRUNC
        posix_spawn_file_actions_addopen(&actions, 1, folder.path + "/stdout", output, 0o644)
        if joiningOutputs {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, folder.path + "/stderr", output, 0o644)
        }
        if let workingDirectory {
            guard let addChdir = Self.addChdir, addChdir(&actions, workingDirectory) == 0 else {
                throw TestSupportError("cannot run \(executable) in \(workingDirectory): no posix_spawn chdir")
            }
        }
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
        let base = inheritingEnvironment ? ProcessInfo.processInfo.environment : [:]
        let variables = base.merging(environment) { _, new in new }.map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer {
            for pointer in argv + envp {
                free(pointer)
            }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw TestSupportError("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29 and later), which the Glibc module does not import.
    private typealias AddChdir =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
        ) -> Int32
    private static let addChdir: AddChdir? = dlsym(nil, "posix_spawn_file_actions_addchdir_np").map {
        unsafeBitCast($0, to: AddChdir.self)
    }

    /// Sends `signal` to the child, unless it has been collected already.
    public func send(_ signal: Int32) {
        reaped.withLock { if !$0 { _ = kill(pid, signal) } }
    }

    /// Kills a child still running (SIGKILL) and collects it; for `defer` blocks on a test's failure path.
    public func stop() {
        reaped.withLock { reaped in
            guard !reaped else { return }
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            reaped = true
        }
    }

    /// What the child has written to standard output so far.
    public func standardOutputSoFar() -> String {
        (try? folder.contents(of: "stdout")) ?? ""
    }

    /// Waits for the child (polling `wait4`, sleeping between polls, so no thread is blocked); after `timeout` the
    /// child is killed with SIGKILL and the outcome says so.
    ///
    /// - Parameter timeout: How long the child may run.
    /// - Returns: The exit status, both outputs and the peak resident set.
    /// - Throws: When the task is cancelled (the child is killed first), or the child was collected elsewhere.
    public func wait(timeout: Duration = .seconds(300)) async throws -> Outcome {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var status: Int32 = 0
        var usage = rusage()
        var peakKiB = 0
        var timedOut = false
        while true {
            let collected = reaped.withLock { reaped -> pid_t in
                guard !reaped else { return -1 }
                let result = wait4(pid, &status, WNOHANG, &usage)
                if result == pid { reaped = true }
                return result
            }
            if collected == pid { break }
            guard collected == 0 else { throw TestSupportError("child \(pid) was collected elsewhere") }
            peakKiB = max(peakKiB, Self.highWaterMarkKiB(of: pid))
            if clock.now > deadline {
                timedOut = true
                stop()
                break
            }
            do {
                try await Task.sleep(for: .milliseconds(20))
            } catch {
                stop()
                throw error
            }
        }
        let signalled = status & 0x7F
        let exitCode = timedOut ? 128 + SIGKILL : signalled == 0 ? (status >> 8) & 0xFF : 128 + signalled
        return Outcome(
            exitCode: exitCode,
            stdout: standardOutputSoFar(),
            stderr: (try? folder.contents(of: "stderr")) ?? "",
            peakRSSKiB: peakKiB,
            timedOut: timedOut
        )
    }

    /// `VmHWM` of a running process: the peak resident set of its current image. (`wait4`'s `ru_maxrss` is no good
    /// here: `posix_spawn` runs the child in the parent's memory until `exec`, so it reports the test process.)
    ///
    /// - Parameter pid: A running process.
    /// - Returns: KiB, or 0 when `/proc` does not say.
    public static func highWaterMarkKiB(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst(6).filter(\.isNumber)) ?? 0
        }
        return 0
    }

    /// Starts a child and waits for it (see ``init(_:_:environment:inheritingEnvironment:standardInput:workingDirectory:joiningOutputs:)``
    /// and ``wait(timeout:)``).
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        timeout: Duration = .seconds(300)
    ) async throws -> Outcome {
        try await ChildProcess(executable, arguments, environment: environment).wait(timeout: timeout)
    }
}
