import OpenAPI
import Synchronization

/// What the faults decided for one request.
struct FaultDecision: Sendable, Equatable {
    var latency: Duration?
    var status: Int?
    var drop = false
    var malformed = false

    var isEmpty: Bool { latency == nil && status == nil && !drop && !malformed }

    /// The `X-Mock-Fault` header value naming what was injected.
    var headerValue: String {
        var parts: [String] = []
        if let latency {
            let milliseconds =
                latency.components.seconds * 1000 + latency.components.attoseconds / 1_000_000_000_000_000
            parts.append("latency=\(milliseconds)ms")
        }
        if let status { parts.append("status=\(status)") }
        if malformed { parts.append("malformed") }
        return parts.joined(separator: ", ")
    }
}

/// Decides, deterministically from the seed, which requests each fault hits.
///
/// Each fault counts the requests in its scope; the n-th one is hit when a SplitMix64 value derived from the seed,
/// the fault's position and n falls under the rate. The same seed and the same order of requests give the same
/// faults, whatever the timing.
final class FaultInjector: Sendable {
    private let faults: [(fault: MockFault, operations: Set<Int>?)]
    private let seed: UInt64
    private let counters: Mutex<[UInt64]>

    /// Creates an injector.
    ///
    /// - Parameters:
    ///   - faults: The faults, each with the plan indexes it is limited to (`nil` for all).
    ///   - seed: The seed.
    init(faults: [(fault: MockFault, operations: Set<Int>?)], seed: UInt64) {
        self.faults = faults
        self.seed = seed
        self.counters = Mutex(Array(repeating: 0, count: faults.count))
    }

    var isEmpty: Bool { faults.isEmpty }

    /// Whether any fault delays responses.
    var hasLatency: Bool {
        faults.contains { entry in
            if case .latency = entry.fault.kind { return true }
            return false
        }
    }

    /// The faults for a request to the operation at `planIndex`.
    func decide(planIndex: Int) -> FaultDecision {
        var decision = FaultDecision()
        guard !faults.isEmpty else { return decision }
        for (position, entry) in faults.enumerated() {
            if let operations = entry.operations, !operations.contains(planIndex) { continue }
            let sequence = counters.withLock { counters in
                defer { counters[position] += 1 }
                return counters[position]
            }
            guard hits(rate: entry.fault.rate, position: position, sequence: sequence) else { continue }
            switch entry.fault.kind {
            case .latency(let duration): decision.latency = (decision.latency ?? .zero) + duration
            case .status(let code): decision.status = code
            case .drop: decision.drop = true
            case .malformed: decision.malformed = true
            }
        }
        return decision
    }

    private func hits(rate: Double, position: Int, sequence: UInt64) -> Bool {
        if rate >= 1 { return true }
        if rate <= 0 { return false }
        var random = SeededRandom(seed: SeededRandom.mix(seed ^ UInt64(position) << 48 ^ sequence))
        return random.nextUnit() < rate
    }
}
