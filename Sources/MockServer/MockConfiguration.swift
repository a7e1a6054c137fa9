public import OpenAPI

/// How a ``ReferenceMock`` runs: where it listens, which spec it serves, its seed and faults.
public struct MockConfiguration: Sendable {
    /// The address to bind.
    public var host: String
    /// The port; 0 picks an ephemeral one (read it from ``ReferenceMock/port``).
    public var port: Int
    /// The spec the mock serves.
    public var document: OpenAPIDocument
    /// The seed of everything generated: bodies, tokens, which requests faults hit.
    public var seed: UInt64
    /// Faults to inject.
    public var faults: [MockFault]
    /// Whether every response is validated against the spec before it is sent; violations go to ``log`` and
    /// ``ReferenceMock/selfCheckViolations``.
    public var selfCheck: Bool
    /// The most authentication flows, and the most connections, kept in memory; the least recently used go first.
    public var stateCapacity: Int
    /// Event-loop threads; `nil` for one per core.
    public var eventLoopCount: Int?
    /// Receives one line per request and one per self-check violation.
    ///
    /// Request lines read `POST /api/v1/holdings/get 200`, violations `self-check: …`. No line holds a header, a
    /// query or a body, so no secret reaches it.
    public var log: (@Sendable (String) -> Void)?
    /// Recorded responses served before generated ones (`--replay DIR`); `nil` to generate every response.
    public var replay: ReplayFixtures?

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - host: The address to bind.
    ///   - port: The port; 0 for an ephemeral one.
    ///   - document: The spec.
    ///   - seed: The seed.
    ///   - faults: Faults to inject.
    ///   - selfCheck: Whether to validate every response.
    ///   - stateCapacity: The most flows and connections kept.
    ///   - eventLoopCount: Event-loop threads; `nil` for one per core.
    ///   - log: Receives request and self-check lines; `nil` (the default) discards them.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        document: OpenAPIDocument,
        seed: UInt64 = 0,
        faults: [MockFault] = [],
        selfCheck: Bool = false,
        stateCapacity: Int = 10_000,
        eventLoopCount: Int? = nil,
        log: (@Sendable (String) -> Void)? = nil
    ) {
        self.host = host
        self.port = port
        self.document = document
        self.seed = seed
        self.faults = faults
        self.selfCheck = selfCheck
        self.stateCapacity = stateCapacity
        self.eventLoopCount = eventLoopCount
        self.log = log
    }

    /// Creates a configuration serving the spec at `specPath`.
    ///
    /// - Parameters:
    ///   - specPath: The spec file; Mesh's by default.
    ///   - host: The address to bind.
    ///   - port: The port; 0 for an ephemeral one.
    ///   - seed: The seed.
    ///   - faults: Faults to inject.
    ///   - selfCheck: Whether to validate every response.
    /// - Throws: ``MockError`` with the loader's `path:line:column` message when the spec does not load.
    public init(
        specPath: String = OpenAPIDocument.defaultSpecPath,
        host: String = "127.0.0.1",
        port: Int = 0,
        seed: UInt64 = 0,
        faults: [MockFault] = [],
        selfCheck: Bool = false
    ) throws(MockError) {
        let document: OpenAPIDocument
        do {
            document = try OpenAPILoader.load(try SpecSource.load(path: specPath))
        } catch {
            throw MockError(.specNotLoaded(error.description))
        }
        self.init(host: host, port: port, document: document, seed: seed, faults: faults, selfCheck: selfCheck)
    }
}
