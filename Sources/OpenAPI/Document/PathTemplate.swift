import Foundation

/// An OpenAPI path template such as `/api/v1/authenticate/{brokerType}`, matched against concrete paths.
///
/// A segment is a literal, a parameter (`{id}`), or a mix (`{name}.json`). A parameter matches one or more
/// characters of one segment, never a `/`. When several templates match a path, the one with a literal segment
/// at the first place where they differ wins (`/accounts/me` over `/accounts/{id}`).
public struct PathTemplate: Sendable, Hashable {
    /// The template as written.
    public let text: String
    private let segments: [Segment]

    private enum Part: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    private enum Segment: Sendable, Hashable {
        case literal(String)
        case parts([Part])

        /// 2 for a literal, 1 for a mix of literal text and parameters, 0 for a lone parameter.
        var specificity: Int {
            switch self {
            case .literal: 2
            case .parts(let parts): parts.count == 1 ? 0 : 1
            }
        }
    }

    /// Parses a template.
    ///
    /// - Parameter text: The template, starting with `/`.
    public init(_ text: String) {
        self.text = text
        self.segments = Self.split(text).map(Self.parseSegment)
    }

    /// The parameter names, in order.
    public var parameterNames: [String] {
        segments.flatMap { segment -> [String] in
            guard case .parts(let parts) = segment else { return [] }
            return parts.compactMap { part in
                if case .parameter(let name) = part { return name }
                return nil
            }
        }
    }

    /// The path parameters when `path` matches, percent-decoded; `nil` otherwise.
    ///
    /// - Parameter path: A concrete path; a query string or fragment is ignored.
    /// - Returns: The parameters by name.
    public func match(_ path: String) -> [String: String]? {
        var concrete = Substring(path)
        if let end = concrete.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            concrete = concrete[..<end]
        }
        let pieces = Self.split(String(concrete))
        guard pieces.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, piece) in zip(segments, pieces) {
            switch segment {
            case .literal(let literal):
                guard piece == literal || piece.removingPercentEncoding == literal else { return nil }
            case .parts(let parts):
                guard let values = Self.match(parts, piece) else { return nil }
                parameters.merge(values) { first, _ in first }
            }
        }
        return parameters
    }

    /// Whether this template is to be preferred over `other` for a path both match.
    public func isMoreSpecific(than other: PathTemplate) -> Bool {
        for (mine, theirs) in zip(segments, other.segments) where mine.specificity != theirs.specificity {
            return mine.specificity > theirs.specificity
        }
        return parameterNames.count < other.parameterNames.count
    }

    private static func split(_ path: String) -> [String] {
        var pieces = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if pieces.first == "" { pieces.removeFirst() }
        return pieces
    }

    private static func parseSegment(_ text: String) -> Segment {
        guard text.contains("{") else { return .literal(text) }
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            if !literal.isEmpty {
                parts.append(.literal(literal))
                literal = ""
            }
            parts.append(.parameter(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return .parts(parts)
    }

    /// Matches one segment against literal text and parameters; a parameter takes the shortest non-empty text
    /// that lets the next literal follow (the rest of the segment when it is last).
    private static func match(_ parts: [Part], _ piece: String) -> [String: String]? {
        var values: [String: String] = [:]
        var rest = Substring(piece)
        var index = 0
        while index < parts.count {
            switch parts[index] {
            case .literal(let literal):
                guard rest.hasPrefix(literal) else { return nil }
                rest = rest.dropFirst(literal.count)
            case .parameter(let name):
                let value: Substring
                if index + 1 < parts.count, case .literal(let next) = parts[index + 1] {
                    guard rest.count > 1, let range = rest.dropFirst().range(of: next) else { return nil }
                    value = rest[..<range.lowerBound]
                } else {
                    value = rest
                }
                guard !value.isEmpty else { return nil }
                values[name] = value.removingPercentEncoding ?? String(value)
                rest = rest[value.endIndex...]
            }
            index += 1
        }
        return rest.isEmpty ? values : nil
    }
}
