import OpenAPI

/// Finds the operation for a method and path, as ASP.NET Core routing does for the Mesh API.
///
/// Literal segments compare without regard to case and a trailing `/` is ignored; a literal segment beats a
/// parameter at the first segment where two matching templates differ (`/transactions/list` over
/// `/transactions/{side}`). A path that matches a template under another method is a 405 with `Allow`; a path that
/// matches none is a 404.
struct MockRouter: Sendable {
    /// What routing found.
    enum Outcome {
        /// The operation (an index into the plans) and its path parameters.
        case operation(Int, pathParameters: [String: String])
        /// The path exists, the method does not: the methods that do, for `Allow`.
        case methodNotAllowed(allowed: [String])
        /// No template matches.
        case notFound
    }

    let plans: [OperationPlan]
    /// Plans whose templates are all literal, by their lower-cased path: the fast path, as a literal template
    /// beats any template with a parameter.
    private let literalRoutes: [String: [Int]]

    init(plans: [OperationPlan]) {
        self.plans = plans
        var literalRoutes: [String: [Int]] = [:]
        for (index, plan) in plans.enumerated() {
            var key = ""
            var isLiteral = true
            for segment in plan.segments {
                guard case .literal(let literal) = segment else {
                    isLiteral = false
                    break
                }
                key += "/" + literal
            }
            if isLiteral { literalRoutes[key, default: []].append(index) }
        }
        self.literalRoutes = literalRoutes
    }

    func route(method: String, path: String) -> Outcome {
        let pieces = path.split(separator: "/", omittingEmptySubsequences: true)
        if let candidates = literalRoutes[Self.lowercasedKey(pieces)] {
            for index in candidates where plans[index].operation.method == method {
                return .operation(index, pathParameters: [:])
            }
        }
        var best: (index: Int, parameters: [String: String], specificity: [Bool])?
        var allowed: [String] = []
        for (index, plan) in plans.enumerated() {
            guard let (parameters, specificity) = match(plan, pieces: pieces, path: path) else { continue }
            guard plan.operation.method == method else {
                if !allowed.contains(plan.operation.method) { allowed.append(plan.operation.method) }
                continue
            }
            if let current = best, !Self.isMoreSpecific(specificity, than: current.specificity) { continue }
            best = (index, parameters, specificity)
        }
        if let best { return .operation(best.index, pathParameters: best.parameters) }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed.sorted())
    }

    /// The path parameters and, per segment, whether it was a literal; `nil` when the template does not match.
    private func match(
        _ plan: OperationPlan,
        pieces: [Substring],
        path: String
    ) -> ([String: String], [Bool])? {
        guard pieces.count == plan.segments.count else { return nil }
        var parameters: [String: String] = [:]
        var specificity: [Bool] = []
        specificity.reserveCapacity(pieces.count)
        for (segment, piece) in zip(plan.segments, pieces) {
            switch segment {
            case .literal(let literal):
                guard Self.equalsIgnoringCase(piece, literal) else { return nil }
                specificity.append(true)
            case .parameter(let name):
                guard let decoded = PercentDecoding.decode(piece, plusAsSpace: false), !decoded.isEmpty else {
                    return nil
                }
                parameters[name] = decoded
                specificity.append(false)
            case .mixed:
                return plan.operation.path.match(path).map { ($0, Array(repeating: false, count: pieces.count)) }
            }
        }
        return (parameters, specificity)
    }

    /// `/api/v1/status` for the pieces of `/API/v1/Status/`.
    private static func lowercasedKey(_ pieces: [Substring]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for piece in pieces {
            bytes.append(UInt8(ascii: "/"))
            for byte in piece.utf8 {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isMoreSpecific(_ candidate: [Bool], than current: [Bool]) -> Bool {
        for (mine, theirs) in zip(candidate, current) where mine != theirs {
            return mine
        }
        return false
    }

    /// ASCII case-insensitive equality of a path segment with a lower-case literal.
    private static func equalsIgnoringCase(_ piece: Substring, _ literal: String) -> Bool {
        var left = piece.utf8.makeIterator()
        var right = literal.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil):
                return true
            case (let byte?, let expected?):
                let lowered = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                guard lowered == expected else { return false }
            default:
                return false
            }
        }
    }
}
