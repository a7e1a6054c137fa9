import JSON
import OpenAPI
import Synchronization

/// A connected account: what `succeeded` issued, found again by its access or refresh token.
struct MockConnection: Sendable {
    var userID: String
    var broker: String
    var accessToken: String
    var refreshToken: String
    var tokenID: String
    var account: JSONValue?
}

/// The mock's memory, shared by every connection.
///
/// Authentication flows are kept per client id and user id, live connections per client id and token. Each table
/// forgets its least recently used entries past its capacity.
final class MockState: Sendable {
    private struct FlowKey: Hashable, Sendable {
        var clientID: String
        var userID: String
    }

    private struct TokenKey: Hashable, Sendable {
        var clientID: String
        var token: String
    }

    private struct Tables: Sendable {
        var flows: BoundedTable<FlowKey, AuthenticationFlow.State>
        var connections: BoundedTable<TokenKey, MockConnection>
        /// Refresh token → access token.
        var refreshTokens: BoundedTable<TokenKey, String>
        var random: SeededRandom
    }

    private let tables: Mutex<Tables>

    init(seed: UInt64, capacity: Int) {
        tables = Mutex(
            Tables(
                flows: BoundedTable(capacity: capacity),
                connections: BoundedTable(capacity: capacity),
                refreshTokens: BoundedTable(capacity: capacity),
                random: SeededRandom(seed: seed, purpose: "tokens")
            )
        )
    }

    /// How many flows and connections are kept now.
    var counts: (flows: Int, connections: Int) {
        tables.withLock { ($0.flows.count, $0.connections.count) }
    }

    /// Advances the flow of `clientID` + `userID`; on success, creates the connection.
    func authenticate(
        clientID: String,
        userID: String,
        attempt: AuthenticationFlow.Attempt,
        account: @Sendable (inout SeededRandom) -> JSONValue?
    ) -> (outcome: AuthenticationFlow.Outcome, connection: MockConnection?) {
        tables.withLock { tables in
            let key = FlowKey(clientID: clientID, userID: userID)
            let (state, outcome) = AuthenticationFlow.advance(tables.flows.value(for: key), with: attempt) {
                tables.random.uuid()
            }
            if let state {
                tables.flows.set(state, for: key)
            } else {
                tables.flows.remove(key)
            }
            guard outcome == .succeeded else { return (outcome, nil) }
            let connection = MockConnection(
                userID: userID,
                broker: attempt.broker,
                accessToken: "mesh-mock-at-" + tables.random.hex(40),
                refreshToken: "mesh-mock-rt-" + tables.random.hex(40),
                tokenID: tables.random.uuid(),
                account: account(&tables.random)
            )
            tables.connections.set(connection, for: TokenKey(clientID: clientID, token: connection.accessToken))
            tables.refreshTokens.set(
                connection.accessToken,
                for: TokenKey(clientID: clientID, token: connection.refreshToken)
            )
            return (outcome, connection)
        }
    }

    /// The live connection holding `accessToken` for `clientID`.
    func connection(clientID: String, accessToken: String) -> MockConnection? {
        tables.withLock { $0.connections.value(for: TokenKey(clientID: clientID, token: accessToken)) }
    }

    /// Removes the connection holding `accessToken`; `false` when there is none.
    func removeConnection(clientID: String, accessToken: String) -> Bool {
        tables.withLock { tables in
            guard let removed = tables.connections.remove(TokenKey(clientID: clientID, token: accessToken)) else {
                return false
            }
            tables.refreshTokens.remove(TokenKey(clientID: clientID, token: removed.refreshToken))
            return true
        }
    }

    /// Issues a new access token (and refresh token when asked) for the connection holding `refreshToken`; the
    /// old access token stops working.
    func refresh(clientID: String, refreshToken: String, rotatingRefreshToken: Bool) -> MockConnection? {
        tables.withLock { tables in
            let refreshKey = TokenKey(clientID: clientID, token: refreshToken)
            guard let accessToken = tables.refreshTokens.value(for: refreshKey),
                var connection = tables.connections.remove(TokenKey(clientID: clientID, token: accessToken))
            else { return nil }
            connection.accessToken = "mesh-mock-at-" + tables.random.hex(40)
            if rotatingRefreshToken {
                tables.refreshTokens.remove(refreshKey)
                connection.refreshToken = "mesh-mock-rt-" + tables.random.hex(40)
            }
            tables.connections.set(connection, for: TokenKey(clientID: clientID, token: connection.accessToken))
            tables.refreshTokens.set(
                connection.accessToken,
                for: TokenKey(clientID: clientID, token: connection.refreshToken)
            )
            return connection
        }
    }
}
