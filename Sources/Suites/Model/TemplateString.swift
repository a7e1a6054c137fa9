public import Diagnostics
import JSON

/// One `{{ … }}` expression: a dotted name such as `userId`, `env.MESH_CLIENT_ID`, `run.id` or `account.id`, and
/// optional filters (`{{ password | base64 }}`).
public struct TemplateExpression: Sendable, Hashable {
    /// The filters a template may apply, in the order written.
    public enum Filter: String, Sendable, Hashable, CaseIterable {
        /// Base64 (RFC 4648, padded) of the value's text, for Mesh's `isSensitiveFieldsEncrypted` fields.
        case base64
    }

    /// The name's parts: `["env", "NAME"]`, `["token"]`, `["account", "id"]`, `["items", "0"]`.
    public var path: [String]
    /// Filters applied left to right.
    public var filters: [Filter]

    /// Creates an expression.
    ///
    /// - Parameters:
    ///   - path: The name's parts.
    ///   - filters: The filters.
    public init(path: [String], filters: [Filter] = []) {
        self.path = path
        self.filters = filters
    }

    /// The variable the expression starts from: `token` for `token.value`; `env.NAME` for environment reads.
    public var rootName: String { path.first ?? "" }

    /// The dotted name as written, without filters.
    public var name: String { path.joined(separator: ".") }
}

/// A string that may hold `{{ name }}` templates, parsed once when the suite loads.
///
/// A string that is exactly one template (`"{{ count }}"`) yields the variable's JSON value with its type; a
/// template inside other text is replaced by the value's text (a string as is, anything else as compact JSON).
public struct TemplateString: Sendable, Hashable {
    /// A piece of a template string.
    public enum Part: Sendable, Hashable {
        /// Literal text.
        case text(String)
        /// A `{{ … }}` expression.
        case expression(TemplateExpression)
    }

    /// The parts in order.
    public var parts: [Part]
    /// The text as written in the suite.
    public var source: String

    /// A string without templates.
    ///
    /// - Parameter literal: The text.
    public init(literal: String) {
        self.parts = literal.isEmpty ? [] : [.text(literal)]
        self.source = literal
    }

    /// Parses `{{ … }}` templates out of `text`.
    ///
    /// `{{` starts a template; a literal `{{` is written `{{ "{{" }}`. Inside, spaces around the name and around
    /// `|` are ignored.
    ///
    /// - Parameter text: The string as written.
    /// - Throws: ``TemplateSyntaxError`` for an unclosed template, an empty or malformed name, or an unknown filter.
    public init(parsing text: String) throws(TemplateSyntaxError) {
        source = text
        parts = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            literal += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstRange(of: "}}") else {
                throw TemplateSyntaxError(text: text, reason: "'{{' is not closed by '}}'")
            }
            let inner = afterOpen[..<close.lowerBound].trimmed(of: " \t")
            if inner == "\"{{\"" || inner == "'{{'" {
                literal += "{{"
            } else {
                if !literal.isEmpty {
                    parts.append(.text(literal))
                    literal = ""
                }
                parts.append(.expression(try Self.parseExpression(inner, in: text)))
            }
            rest = afterOpen[close.upperBound...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.text(literal)) }
    }

    /// Whether the string holds at least one expression.
    public var hasExpressions: Bool {
        parts.contains { if case .expression = $0 { true } else { false } }
    }

    /// The expressions, in order.
    public var expressions: [TemplateExpression] {
        parts.compactMap { if case .expression(let expression) = $0 { expression } else { nil } }
    }

    /// The expression when the string is exactly one template and nothing else.
    public var soleExpression: TemplateExpression? {
        guard parts.count == 1, case .expression(let expression) = parts[0] else { return nil }
        return expression
    }

    /// The text when the string holds no expression.
    public var literalText: String? {
        hasExpressions ? nil : source
    }

    private static func parseExpression(
        _ inner: String,
        in text: String
    ) throws(TemplateSyntaxError) -> TemplateExpression {
        let pieces = inner.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmed(of: " \t")
        }
        let name = pieces[0]
        guard !name.isEmpty else {
            throw TemplateSyntaxError(text: text, reason: "'{{ }}' names no variable")
        }
        let path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for part in path where !isNamePart(part) {
            throw TemplateSyntaxError(
                text: text,
                reason: "'\(name)' is not a variable name (letters, digits, '_' and '-', parts joined by '.')"
            )
        }
        var filters: [TemplateExpression.Filter] = []
        for filterName in pieces.dropFirst() {
            guard let filter = TemplateExpression.Filter(rawValue: filterName) else {
                let known = TemplateExpression.Filter.allCases.map(\.rawValue).joined(separator: ", ")
                throw TemplateSyntaxError(text: text, reason: "unknown filter '\(filterName)' (known: \(known))")
            }
            filters.append(filter)
        }
        return TemplateExpression(path: path, filters: filters)
    }

    private static func isNamePart(_ part: String) -> Bool {
        guard !part.isEmpty else { return false }
        return part.unicodeScalars.allSatisfy { scalar in
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                || scalar == "_" || scalar == "-"
        }
    }
}

/// A template that cannot be parsed.
public struct TemplateSyntaxError: Error, Sendable, Equatable {
    /// The whole string.
    public var text: String
    /// What is wrong, one lower-case line.
    public var reason: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - text: The whole string.
    ///   - reason: What is wrong.
    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }
}

/// A template string as it appears in a file, with where it was written.
public struct LocatedTemplate: Sendable, Hashable {
    /// The template.
    public var template: TemplateString
    /// Where it was written.
    public var location: FileLocation

    /// Creates a located template.
    ///
    /// - Parameters:
    ///   - template: The template.
    ///   - location: Where it was written.
    public init(_ template: TemplateString, at location: FileLocation) {
        self.template = template
        self.location = location
    }
}

extension Substring {
    func trimmed(of set: String) -> String {
        var slice = self
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

extension String {
    func trimmed(of set: String) -> String {
        Substring(self).trimmed(of: set)
    }
}
