import HTTP
import Synchronization

/// What every suite of a run shares: the failure count and whether the run must stop.
final class RunControl: Sendable {
    private struct State {
        var failures = 0
        var stopReason: RunResult.StopReason?
        var hasReceivedResponse = false
        var unreachableReason: String?
    }

    private let state = Mutex(State())
    private let failFast: Bool
    private let maxFailures: Int?

    init(failFast: Bool, maxFailures: Int?) {
        self.failFast = failFast
        self.maxFailures = maxFailures
    }

    /// Why the run stops, once it must.
    var stopReason: RunResult.StopReason? {
        state.withLock { $0.stopReason }
    }

    /// Why the server could not be reached, when that stopped the run.
    var unreachableReason: String? {
        state.withLock { $0.unreachableReason }
    }

    /// Counts a finished step; a failure may stop the run.
    func record(_ outcome: CaseResult.Outcome) {
        guard outcome == .failed || outcome == .error else { return }
        state.withLock { state in
            state.failures += 1
            guard state.stopReason == nil else { return }
            if failFast {
                state.stopReason = .failFast
            } else if let maxFailures, state.failures >= maxFailures {
                state.stopReason = .maxFailures
            }
        }
    }

    /// Notes that the server answered once, so later connection failures are failures, not unreachability.
    func recordResponse() {
        state.withLock { $0.hasReceivedResponse = true }
    }

    /// Notes a transport failure; when no connection was ever made, the server is unreachable and the run stops.
    func recordTransportFailure(_ error: HTTPClientError) {
        switch error {
        case .connectFailed, .resolutionFailed, .connectTimedOut, .certificateRejected, .tlsFailed, .caFileUnusable:
            state.withLock { state in
                guard !state.hasReceivedResponse, state.stopReason == nil else { return }
                state.stopReason = .serverUnreachable
                state.unreachableReason = error.description
            }
        default:
            break
        }
    }

    /// Stops the run because it was cancelled.
    func interrupt() {
        state.withLock { state in
            if state.stopReason == nil || state.stopReason == .failFast || state.stopReason == .maxFailures {
                state.stopReason = .interrupted
            }
        }
    }
}
