import Dispatch

/// Keeps `Process.run()` apart from tests that hold very many descriptors open.
///
/// swift-corelibs-foundation's `Process.run()` on Linux reads `/proc/self/fd` and copies each entry's whole
/// 256-byte `d_name`. With some 2,000 descriptors open, the last entry sits at the end of the directory buffer and
/// the copy reads past it: a segmentation fault, seen while `HTTPServerLoadTests` held 1,000 connections (both
/// ends) and another test launched a process. Launch processes inside ``launching(_:)``; a test that opens more
/// than about 1,000 descriptors calls ``enterDescriptorHeavySection()`` first and ``leaveDescriptorHeavySection()``
/// after closing them.
public enum ProcessLaunchGate {
    // One permit, shared by every test in the process; a semaphore because a holder may resume on another thread.
    private static let permit = DispatchSemaphore(value: 1)

    /// Runs `body` (which launches a process) while no descriptor-heavy test runs.
    ///
    /// - Parameter body: Usually `{ try process.run() }`.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or ``TestSupportError`` when the gate stays closed for two minutes.
    public static func launching<Result>(_ body: () throws -> Result) throws -> Result {
        guard permit.wait(timeout: .now() + .seconds(120)) == .success else {
            throw TestSupportError("a descriptor-heavy test held the process launch gate for two minutes")
        }
        defer { permit.signal() }
        return try body()
    }

    /// Takes the gate for a launch without blocking a thread: polls every 10 ms, for at most two minutes.
    /// Call ``launched()`` right after `Process.run()` returns or throws.
    ///
    /// - Throws: ``TestSupportError`` when the gate stays closed for two minutes.
    public static func waitForLaunch() async throws {
        for _ in 0..<12_000 {
            if permit.wait(timeout: .now()) == .success { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TestSupportError("a descriptor-heavy test held the process launch gate for two minutes")
    }

    /// Gives back the gate taken by ``waitForLaunch()``.
    public static func launched() {
        permit.signal()
    }

    /// Waits (at most two minutes) until no process is being launched, then keeps launches out.
    ///
    /// - Throws: ``TestSupportError`` when the gate stays closed for two minutes.
    public static func enterDescriptorHeavySection() throws {
        guard permit.wait(timeout: .now() + .seconds(120)) == .success else {
            throw TestSupportError("the process launch gate stayed closed for two minutes")
        }
    }

    /// Lets launches go again; call once per ``enterDescriptorHeavySection()``.
    public static func leaveDescriptorHeavySection() {
        permit.signal()
    }
}
