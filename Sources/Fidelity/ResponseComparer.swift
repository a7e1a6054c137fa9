import Diagnostics
public import JSON
public import OpenAPI
public import Runner
public import Suites

/// Compares two responses to the same step and lists every drift, by JSON pointer.
///
/// 1. Exchange: both sides must have a response; otherwise one ``Drift/Kind/exchange`` drift and nothing else.
/// 2. Status: a different status is one drift and ends the comparison (bodies of different statuses are not
///    comparable).
/// 3. Media type, then the body: JSON on one side only is one ``Drift/Kind/body`` drift.
/// 4. JSON bodies, walked together: members present on one side only, types, array lengths where stable (one side
///    empty, a length the spec fixes or a suite asserts), and values only where
///    they are comparable: Mesh's envelope `status` and `errorType`, members the spec gives an `enum`, and pointers
///    a suite asserts with `equals`. Values of volatile members (``VolatileFields``) and anything an ``DriftIgnoreRule``
///    covers are never compared.
public struct ResponseComparer: Sendable {
    /// The spec, for `enum`s.
    let document: OpenAPIDocument
    let resolver: SchemaResolver

    /// Creates a comparer.
    ///
    /// - Parameter document: The spec whose `enum`s make values comparable.
    public init(document: OpenAPIDocument) {
        self.document = document
        self.resolver = SchemaResolver(root: document.source.value)
    }

    /// What one comparison needs besides the two exchanges.
    public struct Context: Sendable {
        /// The operation, as the runner named it (`POST /api/v1/authenticate`).
        public var operation: String?
        /// Its operationId.
        public var operationID: String?
        /// Rules that apply (suite and configuration), not yet filtered by operation.
        public var rules: [DriftIgnoreRule]
        /// Pointers whose values a suite asserts with `equals`.
        public var stablePointers: [JSONPointer]
        /// Arrays whose length a suite asserts (`length` or `equals`).
        public var stableLengths: [JSONPointer]
        /// The reference run's id and the candidate's, replaced by `{{run.id}}` before values are compared.
        public var runIDs: (reference: String, candidate: String)

        /// Creates a context.
        ///
        /// - Parameters:
        ///   - operation: The operation's name.
        ///   - operationID: Its operationId.
        ///   - rules: The rules.
        ///   - stablePointers: Asserted pointers.
        ///   - stableLengths: Arrays whose length is asserted.
        ///   - runIDs: Both runs' ids.
        public init(
            operation: String?,
            operationID: String?,
            rules: [DriftIgnoreRule],
            stablePointers: [JSONPointer],
            stableLengths: [JSONPointer] = [],
            runIDs: (reference: String, candidate: String)
        ) {
            self.operation = operation
            self.operationID = operationID
            self.rules = rules
            self.stablePointers = stablePointers
            self.stableLengths = stableLengths
            self.runIDs = runIDs
        }
    }

    /// Compares two exchanges.
    ///
    /// - Parameters:
    ///   - reference: The reference's exchange, if the step ran there.
    ///   - candidate: The candidate's.
    ///   - context: The operation, rules and stable pointers.
    /// - Returns: Every drift, in body order; empty when the responses agree in shape.
    public func compare(
        _ reference: ExchangeRecord?,
        _ candidate: ExchangeRecord?,
        context: Context
    ) -> [Drift] {
        let left = reference?.response
        let right = candidate?.response
        guard let left, let right else {
            if left == nil && right == nil { return [] }
            return [Drift(.exchange, reference: Self.describe(left), candidate: Self.describe(right))]
        }
        if left.status != right.status {
            return [Drift(.status, reference: String(left.status), candidate: String(right.status))]
        }
        var drifts: [Drift] = []
        let leftType = Self.mediaType(left.message)
        let rightType = Self.mediaType(right.message)
        if leftType != rightType {
            drifts.append(Drift(.mediaType, reference: leftType ?? "none", candidate: rightType ?? "none"))
        }
        let leftJSON = Self.json(left.message)
        let rightJSON = Self.json(right.message)
        switch (leftJSON, rightJSON) {
        case (let leftValue?, let rightValue?):
            drifts += compareBodies(leftValue, rightValue, context: context, status: left.status, contentType: leftType)
        case (nil, nil):
            let leftEmpty = left.message.bodyBytes == 0
            let rightEmpty = right.message.bodyBytes == 0
            if leftEmpty != rightEmpty {
                drifts.append(
                    Drift(
                        .body,
                        reference: leftEmpty ? "empty" : "not JSON",
                        candidate: rightEmpty ? "empty" : "not JSON"
                    )
                )
            }
        case (_?, nil):
            drifts.append(Drift(.body, reference: "JSON", candidate: Self.bodyKind(right.message)))
        case (nil, _?):
            drifts.append(Drift(.body, reference: Self.bodyKind(left.message), candidate: "JSON"))
        }
        return drifts
    }

    /// Compares two JSON bodies of responses with the same status.
    ///
    /// - Parameters:
    ///   - reference: The reference's body.
    ///   - candidate: The candidate's body.
    ///   - context: The operation, rules and stable pointers.
    ///   - status: The status both responses have, for the declared schema.
    ///   - contentType: The media type, for the declared schema.
    /// - Returns: Every drift, in body order.
    public func compareBodies(
        _ reference: JSONValue,
        _ candidate: JSONValue,
        context: Context,
        status: Int,
        contentType: String?
    ) -> [Drift] {
        let rules = context.rules.filter { rule in
            guard let operation = rule.operation else { return true }
            return operation == context.operationID || operation == context.operation
        }
        var walk = BodyWalk(
            rules: rules,
            stable: context.stablePointers,
            stableLengths: context.stableLengths,
            runIDs: context.runIDs,
            resolver: resolver
        )
        let schema = Self.responseSchema(
            document: document,
            resolver: resolver,
            operation: (context.operationID, context.operation),
            status: status,
            contentType: contentType
        )
        walk.compare(reference, candidate, at: .root, schema: schema)
        return walk.drifts
    }

    /// The raw schema the spec declares for a response, when it declares one.
    static func responseSchema(
        document: OpenAPIDocument,
        resolver: SchemaResolver,
        operation names: (id: String?, name: String?),
        status: Int,
        contentType: String?
    ) -> JSONValue? {
        let operation: OpenAPIOperation? =
            names.id.flatMap { document.operation(id: $0) }
            ?? names.name.flatMap { name in document.operations.first { $0.name == name } }
        guard let response = operation?.response(for: status),
            let mediaType = response.mediaType(for: contentType)?.mediaType ?? response.content.first
        else { return nil }
        return resolver.schema(at: mediaType.pointer.appending("schema"))
    }

    // MARK: - Messages

    static func mediaType(_ message: ExchangeRecord.Message) -> String? {
        guard let value = message.headers.first(where: { $0.name.lowercased() == "content-type" })?.value else {
            return nil
        }
        let essence = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? value
        return essence.trimmingSpaces().lowercased()
    }

    static func json(_ message: ExchangeRecord.Message) -> JSONValue? {
        guard message.bodyBytes > 0, !message.bodyTruncated else { return nil }
        return try? JSONParser.parse(Array(message.body.utf8), path: "<response body>")
    }

    private static func bodyKind(_ message: ExchangeRecord.Message) -> String {
        if message.bodyBytes == 0 { return "empty" }
        return message.bodyTruncated ? "too large to compare" : "not JSON"
    }

    private static func describe(_ response: ExchangeRecord.Response?) -> String {
        response.map { "status \($0.status)" } ?? "no response"
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
