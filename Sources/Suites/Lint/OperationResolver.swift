public import OpenAPI

/// Finds the spec operation a step calls: by name, by method and templated path, or by concrete path.
public enum OperationResolver {
    /// The operation named `reference`: `POST /api/v1/x` (the template as written, or a concrete path) or an
    /// operationId.
    ///
    /// - Parameters:
    ///   - reference: The name.
    ///   - document: The spec.
    /// - Returns: The operation, or `nil`.
    public static func operation(named reference: String, in document: OpenAPIDocument) -> OpenAPIOperation? {
        let parts = reference.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true).map(String.init)
        if parts.count == 2 {
            let path = parts[1].trimmed(of: " ")
            return document.operation(method: parts[0], template: path)
                ?? document.operation(method: parts[0], path: path)?.operation
        }
        return document.operation(id: reference)
    }

    /// The operation a method and a templated path reach, whatever the templates hold.
    ///
    /// A segment holding a template matches any segment of the spec's template; literal segments must be equal. A
    /// literal segment of the spec beats a parameter where both fit.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - path: The step's path, templates unresolved; a query string is ignored.
    ///   - document: The spec.
    /// - Returns: The operation, or `nil`.
    public static func operation(
        method: String,
        templatedPath path: TemplateString,
        in document: OpenAPIDocument
    ) -> OpenAPIOperation? {
        guard path.hasExpressions else {
            let concrete = path.source.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path.source
            return document.operation(method: method, path: concrete)?.operation
        }
        let segments = templatedSegments(path)
        let upper = method.uppercased()
        var best: (operation: OpenAPIOperation, literalScore: Int)?
        for operation in document.operations where operation.method == upper {
            if let score = fitScore(segments, operation.path), score > best?.literalScore ?? -1 {
                best = (operation, score)
            }
        }
        return best?.operation
    }

    /// Whether a templated path can be a path of `template`, whatever its templates hold.
    ///
    /// - Parameters:
    ///   - path: The step's path.
    ///   - template: The spec's path template.
    /// - Returns: `true` when it fits.
    public static func path(_ path: TemplateString, fits template: PathTemplate) -> Bool {
        guard path.hasExpressions else {
            let concrete = path.source.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path.source
            return template.match(concrete) != nil
        }
        return fitScore(templatedSegments(path), template) != nil
    }

    /// The number of literal segments that match, or `nil` when the path does not fit.
    private static func fitScore(_ segments: [Segment], _ template: PathTemplate) -> Int? {
        let specSegments = template.text.split(separator: "/", omittingEmptySubsequences: false)
        guard specSegments.count == segments.count else { return nil }
        var score = 0
        for (spec, step) in zip(specSegments, segments) {
            let isParameter = spec.hasPrefix("{") && spec.hasSuffix("}")
            switch step {
            case .literal(let text):
                if isParameter {
                    if text.isEmpty { return nil }
                } else if text == spec {
                    score += 1
                } else {
                    return nil
                }
            case .templated:
                break
            }
        }
        return score
    }

    private enum Segment {
        case literal(String)
        case templated
    }

    private static func templatedSegments(_ path: TemplateString) -> [Segment] {
        var segments: [Segment] = [.literal("")]
        for part in path.parts {
            switch part {
            case .text(let text):
                let beforeQuery = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
                let pieces = beforeQuery[0].split(separator: "/", omittingEmptySubsequences: false)
                for (index, piece) in pieces.enumerated() {
                    if index > 0 { segments.append(.literal("")) }
                    if case .literal(let existing) = segments[segments.count - 1] {
                        segments[segments.count - 1] = .literal(existing + piece)
                    }
                }
                if beforeQuery.count > 1 { return segments }
            case .expression:
                segments[segments.count - 1] = .templated
            }
        }
        return segments
    }
}
