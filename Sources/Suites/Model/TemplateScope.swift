import Diagnostics
public import JSON

/// The values templates can read while a suite runs: variables, matrix values and captures by name, plus the
/// reserved roots `env`, `run` and `server`.
public struct TemplateScope: Sendable {
    /// The roots that name no variable; a suite may not define variables or captures with these names.
    public static let reservedRoots: Set<String> = ["env", "run", "server"]

    /// Suite variables, matrix values and captures, by name; a later definition replaces an earlier one.
    public var variables: [String: JSONValue]
    /// The process environment, read as `{{ env.NAME }}`.
    public var environment: [String: String]
    /// Run-level values (`{{ run.id }}`, `{{ run.instance }}`, `{{ run.startedAt }}`).
    public var run: [String: JSONValue]
    /// The server (`{{ server.name }}`, `{{ server.url }}`).
    public var server: [String: JSONValue]

    /// Creates a scope.
    ///
    /// - Parameters:
    ///   - variables: Named values.
    ///   - environment: Environment variables.
    ///   - run: Run-level values.
    ///   - server: Server values.
    public init(
        variables: [String: JSONValue] = [:],
        environment: [String: String] = [:],
        run: [String: JSONValue] = [:],
        server: [String: JSONValue] = [:]
    ) {
        self.variables = variables
        self.environment = environment
        self.run = run
        self.server = server
    }

    /// The value an expression names, after its filters.
    ///
    /// - Parameter expression: The expression.
    /// - Returns: Its value.
    /// - Throws: ``TemplateRenderError`` when the name is not set or leads nowhere.
    public func value(of expression: TemplateExpression) throws(TemplateRenderError) -> JSONValue {
        let path = expression.path
        var value: JSONValue
        var consumed = 1
        switch path[0] {
        case "env":
            guard path.count >= 2 else {
                throw TemplateRenderError(name: expression.name, reason: "'env' needs a variable name: env.NAME")
            }
            guard let text = environment[path[1]] else {
                throw TemplateRenderError(name: expression.name, reason: "environment variable '\(path[1])' is not set")
            }
            value = .string(text)
            consumed = 2
        case "run", "server":
            let values = path[0] == "run" ? run : server
            guard path.count >= 2, let found = values[path[1]] else {
                let known = values.keys.sorted().map { "\(path[0]).\($0)" }.joined(separator: ", ")
                throw TemplateRenderError(
                    name: expression.name,
                    reason: "'\(expression.name)' is unknown (known: \(known))"
                )
            }
            value = found
            consumed = 2
        default:
            guard let found = variables[path[0]] else {
                throw TemplateRenderError(name: expression.name, reason: "variable '\(path[0])' is not set")
            }
            value = found
        }
        for token in path.dropFirst(consumed) {
            let next: JSONValue?
            switch value {
            case .object(let object): next = object[token]
            case .array: next = Int(token).flatMap { value[$0] }
            default: next = nil
            }
            guard let next else {
                throw TemplateRenderError(
                    name: expression.name,
                    reason: "'\(expression.name)': \(value.typeName) has no member '\(token)'"
                )
            }
            value = next
        }
        for filter in expression.filters {
            switch filter {
            case .base64: value = .string(Base64.text(Array(Self.text(of: value).utf8)))
            }
        }
        return value
    }

    /// The value of a template string: the variable's own JSON value when the string is one template, otherwise
    /// the text with every template replaced.
    ///
    /// - Parameter template: The template.
    /// - Returns: The value.
    /// - Throws: ``TemplateRenderError`` for a name that is not set.
    public func render(_ template: TemplateString) throws(TemplateRenderError) -> JSONValue {
        if let sole = template.soleExpression {
            return try value(of: sole)
        }
        return .string(try renderText(template))
    }

    /// The text of a template string with every template replaced by its value's text.
    ///
    /// - Parameter template: The template.
    /// - Returns: The text.
    /// - Throws: ``TemplateRenderError`` for a name that is not set.
    public func renderText(_ template: TemplateString) throws(TemplateRenderError) -> String {
        var text = ""
        for part in template.parts {
            switch part {
            case .text(let literal): text += literal
            case .expression(let expression): text += Self.text(of: try value(of: expression))
            }
        }
        return text
    }

    /// A templated value with every template replaced.
    ///
    /// - Parameter value: The value.
    /// - Returns: The JSON value.
    /// - Throws: ``TemplateRenderError`` for a name that is not set.
    public func render(_ value: TemplatedValue) throws(TemplateRenderError) -> JSONValue {
        switch value {
        case .constant(let constant):
            return constant
        case .string(let template):
            return try render(template)
        case .array(let elements):
            var rendered: [JSONValue] = []
            rendered.reserveCapacity(elements.count)
            for element in elements {
                rendered.append(try render(element))
            }
            return .array(rendered)
        case .object(let members):
            var object = JSONObject()
            for member in members {
                object[member.key] = try render(member.value)
            }
            return .object(object)
        }
    }

    /// How a value reads inside text: a string as is, `null` as `null`, anything else as compact JSON.
    ///
    /// - Parameter value: The value.
    /// - Returns: Its text.
    public static func text(of value: JSONValue) -> String {
        if case .string(let string) = value { return string }
        return value.serialized()
    }
}

/// A template whose variable is not set when the step runs.
public struct TemplateRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The expression's name as written.
    public var name: String
    /// What is wrong, one lower-case line.
    public var reason: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - name: The name.
    ///   - reason: What is wrong.
    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }
}
