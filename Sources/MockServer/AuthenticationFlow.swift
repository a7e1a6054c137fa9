/// The `POST /api/v1/authenticate` state machine, as pure values: a state and an attempt give the next state and
/// what to answer.
///
/// Mesh's sandbox logins (username `Mesh`, password `Pass123`, code `123456`) drive three paths:
///
/// | broker | after the password | next request | then |
/// |---|---|---|---|
/// | `vanguard` | `challengeIssued` (`challengeId`, `challengeText`) | `challengeId` + `challengeCode` | `succeeded` or `challengeFailed` |
/// | `interactiveBrokers` | `deviceConfirmationRequired` | any request for the same user | `succeeded` |
/// | every other broker | `mfaRequired` (`mfaType: phone`) | `mfaCode` | `succeeded` or `failed` |
///
/// Vanguard answers logins from a new device with a one-time security code (the refresh operation's own
/// description says Vanguard may trigger MFA); Interactive Brokers approves logins in its mobile app (IB Key), so
/// the mock waits for one confirmation. A wrong password or code ends the flow with `failed` and an
/// `errorMessage`, still HTTP 200. An `mfaCode` sent with the password skips the `mfaRequired` round trip.
enum AuthenticationFlow {
    /// Mesh's documented sandbox username.
    static let sandboxUsername = "Mesh"
    /// Mesh's documented sandbox password.
    static let sandboxPassword = "Pass123"
    /// Mesh's documented sandbox MFA code, also the mock's challenge code.
    static let sandboxCode = "123456"

    /// The path a broker's login takes.
    enum Path: Sendable, Equatable {
        case mfaCode
        case challenge
        case deviceConfirmation

        init(broker: String) {
            switch broker {
            case "vanguard": self = .challenge
            case "interactiveBrokers": self = .deviceConfirmation
            default: self = .mfaCode
            }
        }
    }

    /// Where a flow waits between requests.
    enum State: Sendable, Equatable {
        case awaitingMFACode(broker: String)
        case awaitingChallenge(broker: String, challengeID: String)
        case awaitingDeviceConfirmation(broker: String)

        var broker: String {
            switch self {
            case .awaitingMFACode(let broker), .awaitingChallenge(let broker, _),
                .awaitingDeviceConfirmation(let broker):
                broker
            }
        }
    }

    /// The fields of one request that matter to the flow (after Base64 decoding, when encrypted).
    struct Attempt: Sendable, Equatable {
        var broker: String
        var username: String?
        var password: String?
        var mfaCode: String?
        var challengeID: String?
        var challengeCode: String?
    }

    /// What the request is answered with (`content.status`).
    enum Outcome: Sendable, Equatable {
        case mfaRequired
        case challengeIssued(challengeID: String)
        case deviceConfirmationRequired
        case succeeded
        case failed(String)
        case challengeFailed(String)
    }

    /// The next state and the answer.
    ///
    /// - Parameters:
    ///   - state: The flow's state, `nil` when none is in progress.
    ///   - attempt: The request.
    ///   - newChallengeID: Makes a challenge id when one is issued.
    /// - Returns: The new state (`nil` when the flow ended) and the outcome.
    static func advance(
        _ state: State?,
        with attempt: Attempt,
        newChallengeID: () -> String
    ) -> (state: State?, outcome: Outcome) {
        if attempt.username != nil || attempt.password != nil {
            guard attempt.username == sandboxUsername, attempt.password == sandboxPassword else {
                return (nil, .failed("Invalid username or password."))
            }
            switch Path(broker: attempt.broker) {
            case .mfaCode:
                guard let code = attempt.mfaCode else {
                    return (.awaitingMFACode(broker: attempt.broker), .mfaRequired)
                }
                return (nil, code == sandboxCode ? .succeeded : .failed("Invalid MFA code."))
            case .challenge:
                let id = newChallengeID()
                return (.awaitingChallenge(broker: attempt.broker, challengeID: id), .challengeIssued(challengeID: id))
            case .deviceConfirmation:
                return (.awaitingDeviceConfirmation(broker: attempt.broker), .deviceConfirmationRequired)
            }
        }
        guard let state, state.broker == attempt.broker else {
            return (
                nil, .failed("No login is in progress for this user and institution; send the username and password.")
            )
        }
        switch state {
        case .awaitingMFACode:
            guard let code = attempt.mfaCode else { return (state, .mfaRequired) }
            return (nil, code == sandboxCode ? .succeeded : .failed("Invalid MFA code."))
        case .awaitingChallenge(_, let challengeID):
            guard attempt.challengeID == challengeID else {
                return (nil, .challengeFailed("The challenge id does not match the challenge issued."))
            }
            return (
                nil, attempt.challengeCode == sandboxCode ? .succeeded : .challengeFailed("Invalid challenge code.")
            )
        case .awaitingDeviceConfirmation:
            return (nil, .succeeded)
        }
    }
}
