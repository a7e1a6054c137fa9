import HTTP
import JSON
import OpenAPI
import Synchronization

/// The request pipeline of the mock, shared by every connection.
///
/// 1. Route: method and path to an operation; otherwise 404, or 405 with `Allow`.
/// 2. Faults: the seed decides latency, an injected status, a dropped connection or a malformed body.
/// 3. Check: credentials, parameters, body (``RequestValidator``), then tokens; a failure becomes the operation's
///    declared error response (``ErrorResponder``).
/// 4. Answer: a behaviour (``MockBehaviours``) or the canned success response.
/// 5. Self-check: with `--self-check`, the response is validated against the spec (``ResponseChecker``).
final class MockEngine: Sendable {
    static let maxKeptViolations = 1_000

    let plans: [OperationPlan]
    private let router: MockRouter
    private let behaviours: MockBehaviours
    private let errors: ErrorResponder
    private let faults: FaultInjector
    private let resolver: SchemaResolver
    private let seed: UInt64
    private let selfCheck: Bool
    private let log: (@Sendable (String) -> Void)?
    private let replay: ReplayFixtures?
    private let violations = Mutex<(kept: [String], total: Int)>(([], 0))
    private let requestNumbers = Atomic<UInt64>(0)

    init(_ configuration: MockConfiguration) throws(MockError) {
        let document = configuration.document
        let sampler = SchemaSampler(document: document)
        let resolver = sampler.resolver
        let plans = document.operations.map {
            OperationPlan.make($0, document: document, resolver: resolver, sampler: sampler, seed: configuration.seed)
        }
        var scopedFaults: [(fault: MockFault, operations: Set<Int>?)] = []
        for fault in configuration.faults {
            guard let operation = fault.operation else {
                scopedFaults.append((fault, nil))
                continue
            }
            let indexes = Set(
                plans.indices.filter {
                    plans[$0].operation.name == operation || plans[$0].operation.operationID == operation
                }
            )
            guard !indexes.isEmpty else { throw MockError(.unknownOperation(operation)) }
            scopedFaults.append((fault, indexes))
        }
        self.plans = plans
        self.router = MockRouter(plans: plans)
        self.resolver = resolver
        self.behaviours = MockBehaviours(
            state: MockState(seed: configuration.seed, capacity: configuration.stateCapacity),
            sampler: sampler,
            plans: plans,
            seed: configuration.seed
        )
        self.errors = ErrorResponder(seed: configuration.seed)
        self.faults = FaultInjector(faults: scopedFaults, seed: configuration.seed)
        self.seed = configuration.seed
        self.selfCheck = configuration.selfCheck
        self.log = configuration.log
        self.replay = configuration.replay
    }

    /// Every self-check violation kept (the first thousand), in order.
    var selfCheckViolations: [String] { violations.withLock { $0.kept } }

    /// How many flows and connections the mock holds now.
    var stateCounts: (flows: Int, connections: Int) { behaviours.state.counts }

    /// Whether some fault delays responses, so requests must be handled in tasks that can sleep.
    var needsAsyncHandling: Bool { faults.hasLatency }

    /// Handles a request in a task: sleeps for a latency fault, then answers as ``handleInline(_:)`` does.
    func handle(_ request: HTTPRequest) async -> HTTPServerReply {
        let route = router.route(method: request.method, path: request.path)
        if case .operation(let index, _) = route {
            let decision = faults.decide(planIndex: index)
            if let latency = decision.latency {
                try? await Task.sleep(for: latency)
            }
            return answer(request, route: route, decision: decision)
        }
        return answer(request, route: route, decision: FaultDecision())
    }

    /// Handles a request on the event-loop thread; it never blocks (no latency fault is configured).
    func handleInline(_ request: HTTPRequest) -> HTTPServerReply {
        let route = router.route(method: request.method, path: request.path)
        guard case .operation(let index, _) = route else {
            return answer(request, route: route, decision: FaultDecision())
        }
        return answer(request, route: route, decision: faults.decide(planIndex: index))
    }

    private func answer(_ request: HTTPRequest, route: MockRouter.Outcome, decision: FaultDecision) -> HTTPServerReply {
        switch route {
        case .notFound:
            log?("\(request.method) \(request.path) 404")
            return .response(HTTPResponse(status: 404))
        case .methodNotAllowed(let allowed):
            log?("\(request.method) \(request.path) 405")
            return .response(HTTPResponse(status: 405, headers: ["Allow": allowed.joined(separator: ", ")]))
        case .operation(let index, let pathParameters):
            let plan = plans[index]
            var response: HTTPResponse
            var note = decision.isEmpty ? "" : " (fault)"
            if let status = decision.status {
                response = faultResponse(status: status, plan: plan)
            } else if let replayed = replay?.response(for: request) {
                response = replayed
                note += " (replay)"
            } else {
                response = serve(request, plan: plan, pathParameters: pathParameters)
                if selfCheck { record(ResponseChecker.violations(of: response, for: plan.operation)) }
            }
            log?("\(request.method) \(request.path) \(response.status)\(note)")
            if decision.malformed {
                response.body = Array(response.body.prefix(response.body.count / 2))
                if response.body.isEmpty { response.body = Array("{".utf8) }
            }
            if !decision.headerValue.isEmpty {
                response.headers.add(name: "X-Mock-Fault", value: decision.headerValue)
            }
            if decision.drop {
                let bytes = Self.headAndHalfBody(response)
                return .raw { connection in
                    try? connection.write(bytes)
                    connection.close()
                }
            }
            return .response(response)
        }
    }

    private func serve(_ request: HTTPRequest, plan: OperationPlan, pathParameters: [String: String]) -> HTTPResponse {
        let number = requestNumbers.add(1, ordering: .relaxed).newValue
        let rejection: MockRejection
        switch RequestValidator.check(request, plan: plan, pathParameters: pathParameters) {
        case .failure(let failure):
            rejection = failure
        case .success(let checked):
            if let failure = behaviours.checkTokens(plan, checked) {
                rejection = failure
                break
            }
            var random = SeededRandom(seed: seed ^ number, purpose: "response")
            switch behaviours.respond(plan, checked, random: &random) {
            case .success(let response): return response
            case .failure(let failure): rejection = failure
            }
        }
        return errors.response(for: rejection, plan: plan, traceNumber: number)
            ?? MockResponses.json(bytes: plan.success.body, status: plan.success.status)
    }

    /// The response of a `status=` fault: the declared body shape for that status when there is one, else none.
    private func faultResponse(status: Int, plan: OperationPlan) -> HTTPResponse {
        guard let shape = OperationPlan.errorShape(plan.operation, status: status, resolver: resolver), shape != .empty
        else {
            return HTTPResponse(status: status)
        }
        let envelopeStatus: String
        switch status {
        case 500...599: envelopeStatus = "serverFailure"
        case 429: envelopeStatus = "tooManyRequest"
        case 404: envelopeStatus = "notFound"
        case 401, 403: envelopeStatus = "permissionDenied"
        default: envelopeStatus = "badRequest"
        }
        let rejection = MockRejection(
            kind: .validation,
            errorType: "injectedFault",
            field: "",
            message: "Fault injected by the meshcheck mock: status \(status).",
            displayMessage: "The service is not available right now."
        )
        return errors.body(shape, status: status, envelopeStatus: envelopeStatus, rejection, 0)
    }

    private func record(_ found: [String]) {
        guard !found.isEmpty else { return }
        violations.withLock { violations in
            violations.total += found.count
            let room = Self.maxKeptViolations - violations.kept.count
            if room > 0 { violations.kept.append(contentsOf: found.prefix(room)) }
        }
        for line in found {
            log?("self-check: \(line)")
        }
    }

    /// The response's head and the first half of its body: what a `drop` fault sends before closing.
    static func headAndHalfBody(_ response: HTTPResponse) -> [UInt8] {
        var head = "HTTP/1.1 \(response.status) \(response.reason)\r\n"
        for (name, value) in response.headers {
            head += "\(name): \(value)\r\n"
        }
        // An empty body still promises a byte, so the client always sees the response cut short.
        head += "Content-Length: \(max(1, response.body.count))\r\nConnection: close\r\n\r\n"
        return Array(head.utf8) + response.body.prefix(response.body.count / 2)
    }
}
