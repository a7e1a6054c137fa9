import HTTP
import OpenAPI

/// meshcheck's embedded reference mock of the Mesh Connect Integration API.
///
/// Every operation of the spec answers. Success bodies are the spec's examples where they validate, otherwise
/// generated from the schema, deterministically from the seed (see ``SchemaSampler``). Requests are checked against
/// the operation's parameters, media types and request schema, and refused with the operation's *declared* error
/// response, whose shape (Mesh's `ApiResult` or ASP.NET's `ProblemDetails`) is read from the spec. Credentials
/// (`X-Client-Id`, `X-Client-Secret`) must be present and non-empty.
///
/// Behaviour is written by hand only where the API has some, in memory per client id and user id, bounded by
/// ``MockConfiguration/stateCapacity``:
/// - `POST /api/v1/authenticate` runs ``AuthenticationFlow``: `Mesh`/`Pass123` then MFA code `123456` for most
///   brokers; `vanguard` issues a challenge (`challengeIssued`, answered with `challengeId` + `challengeCode`
///   `123456`); `interactiveBrokers` asks for device confirmation (`deviceConfirmationRequired`, confirmed by the
///   next request). `succeeded` issues `accountTokens` whose `accessToken` is the `authToken` of later calls.
/// - An unknown `authToken` gets the declared 401 where the 401's description mentions the integration token
///   (`/transactions/*`), otherwise the declared 400 `ApiResult` (`message: Unauthorized token`,
///   `errorType: badRequest`, as the spec's `token/refresh` example words it).
/// - `DELETE /api/v1/account` removes the connection; `POST /api/v1/token/refresh` rotates the tokens.
///
/// Faults (``MockFault``) are injected deterministically from the seed; `selfCheck` validates every response the
/// mock sends. `docs/mock.md` says the same for people.
public final class ReferenceMock: Sendable {
    private let server: HTTPServer
    private let engine: MockEngine

    private init(server: HTTPServer, engine: MockEngine) {
        self.server = server
        self.engine = engine
    }

    /// Builds the mock from the spec and starts listening; returns once the port is bound.
    ///
    /// - Parameter configuration: Address, spec, seed, faults, self-check.
    /// - Returns: The running mock.
    /// - Throws: ``MockError`` for a fault naming an unknown operation or an address that cannot be bound.
    public static func start(_ configuration: MockConfiguration) throws(MockError) -> ReferenceMock {
        let engine = try MockEngine(configuration)
        let serverConfiguration = HTTPServerConfiguration(
            host: configuration.host,
            port: configuration.port,
            eventLoopCount: configuration.eventLoopCount,
            shutdownGracePeriod: .seconds(2)
        )
        // Inline on the event loops unless a latency fault needs requests that can sleep.
        let server =
            engine.needsAsyncHandling
            ? HTTPServer(configuration: serverConfiguration, replyHandler: { request in await engine.handle(request) })
            : HTTPServer(configuration: serverConfiguration, inlineReplyHandler: { engine.handleInline($0) })
        do {
            try server.start()
        } catch {
            throw MockError(.serverNotStarted(error.description))
        }
        return ReferenceMock(server: server, engine: engine)
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { server.baseURL }

    /// The bound port.
    public var port: Int { server.port }

    /// How many operations the mock answers.
    public var operationCount: Int { engine.plans.count }

    /// The self-check violations found so far (the first thousand), each `METHOD /path STATUS: problem`; always
    /// empty without ``MockConfiguration/selfCheck``.
    public var selfCheckViolations: [String] { engine.selfCheckViolations }

    /// How many authentication flows and connections the mock holds now (each bounded by the state capacity).
    public var stateCounts: (flows: Int, connections: Int) { engine.stateCounts }

    /// Stops gracefully, blocking the calling thread.
    ///
    /// Requests in flight are answered, for at most two seconds.
    public func stop() {
        server.stop()
    }

    /// Stops gracefully like ``stop()``, without blocking a cooperative thread.
    public func shutdown() async {
        await server.shutdown()
    }
}
