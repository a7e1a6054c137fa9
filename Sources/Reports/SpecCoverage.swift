public import Diagnostics
public import OpenAPI
public import Runner

/// Which operations and declared responses of the spec a run exercised, and how often; which it never touched.
public struct SpecCoverage: Sendable {
    /// One operation of the spec and what the run did with it.
    public struct Operation: Sendable {
        /// `POST /api/v1/authenticate`.
        public var name: String
        /// The operationId, if any.
        public var operationID: String?
        /// The spec's tags.
        public var tags: [String]
        /// Whether the spec deprecates it.
        public var isDeprecated: Bool
        /// Where the spec declares it.
        public var location: FileLocation?
        /// Every declared response key (codes ascending, then ranges, then `default`), with how many responses fell
        /// under it.
        public var responses: [Response]
        /// Responses whose status the operation does not declare, by status, ascending.
        public var undeclared: [(status: Int, count: Int)]
        /// Steps that sent a request to it.
        public var requests: Int

        /// Whether any step reached it.
        public var isExercised: Bool { requests > 0 }
    }

    /// One declared response key.
    public struct Response: Sendable {
        /// `200`, `4XX` or `default`.
        public var key: String
        /// The response's description in the spec.
        public var description: String
        /// How many responses fell under it.
        public var count: Int
    }

    /// Every operation of the spec, in the spec's order.
    public var operations: [Operation]
    /// Operations the results name that the spec does not have (results of another spec version), with counts.
    public var unknownOperations: [(name: String, count: Int)]

    /// Counts a run's responses against a spec's operations.
    ///
    /// A step counts for the operation its request reached (`operation` in results); its response for the most
    /// specific declared key (`200`, else `2XX`, else `default`), or as undeclared.
    ///
    /// - Parameters:
    ///   - document: The spec.
    ///   - result: The run.
    public init(document: OpenAPIDocument, result: RunResult) {
        var operations = document.operations.map { operation in
            Operation(
                name: operation.name,
                operationID: operation.operationID,
                tags: operation.tags,
                isDeprecated: operation.isDeprecated,
                location: document.location(of: operation.pointer),
                responses: operation.responses.sorted { Self.order($0.status) < Self.order($1.status) }.map {
                    Response(key: $0.status.description, description: $0.description, count: 0)
                },
                undeclared: [],
                requests: 0
            )
        }
        var byName: [String: Int] = [:]
        for (index, operation) in operations.enumerated() {
            byName[operation.name] = index
        }
        var unknown: [String: Int] = [:]
        var undeclared: [Int: [Int: Int]] = [:]
        for step in result.suites.flatMap(\.steps) {
            guard let name = step.operation else { continue }
            guard let index = byName[name] else {
                unknown[name, default: 0] += 1
                continue
            }
            operations[index].requests += 1
            guard let status = step.exchange?.response?.status else { continue }
            let spec = document.operations[index]
            if let declared = spec.response(for: status),
                let position = operations[index].responses.firstIndex(where: { $0.key == declared.status.description })
            {
                operations[index].responses[position].count += 1
            } else {
                undeclared[index, default: [:]][status, default: 0] += 1
            }
        }
        for (index, statuses) in undeclared {
            operations[index].undeclared = statuses.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        self.operations = operations
        self.unknownOperations = unknown.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Sorts `200` before `404` before `4XX` before `default`.
    private static func order(_ status: OpenAPIResponseStatus) -> Int {
        switch status {
        case .code(let code): code
        case .range(let digit): 1000 + digit
        case .default: 2000
        }
    }

    /// Operations a step reached.
    public var exercisedOperations: Int { operations.filter(\.isExercised).count }
    /// Declared response keys of every operation.
    public var declaredResponses: Int { operations.reduce(0) { $0 + $1.responses.count } }
    /// Declared response keys at least one response fell under.
    public var seenResponses: Int {
        operations.reduce(0) { $0 + $1.responses.filter { $0.count > 0 }.count }
    }
    /// Responses with a status their operation does not declare.
    public var undeclaredResponses: Int {
        operations.reduce(0) { $0 + $1.undeclared.reduce(0) { $0 + $1.count } }
    }
}
