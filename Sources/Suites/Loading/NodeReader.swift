import Diagnostics
import JSON
import YAML

/// A node of a suite document with its JSON pointer, as the decoder walks it.
struct LocatedNode {
    var node: YAMLNode
    var pointer: JSONPointer

    var location: FileLocation { node.location }

}

/// Reads typed values out of a YAML document and collects a diagnostic for every problem, so that one pass
/// reports everything wrong with a suite.
struct NodeReader {
    let document: YAMLDocument
    var diagnostics: [Diagnostic] = []

    init(document: YAMLDocument) {
        self.document = document
    }

    /// The JSON value of a node, under the core schema.
    func value(of located: LocatedNode) -> JSONValue {
        document.value.value(at: located.pointer) ?? .null
    }

    /// What kind of value a node holds, for "found …" in messages.
    func describe(_ located: LocatedNode) -> String {
        switch value(of: located) {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "a mapping"
        }
    }

    mutating func error(_ message: String, at location: FileLocation, notes: [String] = []) {
        diagnostics.append(Diagnostic(.error, message, at: location, notes: notes))
    }

    mutating func warning(_ message: String, at location: FileLocation) {
        diagnostics.append(Diagnostic(.warning, message, at: location))
    }

    mutating func typeError(_ expected: String, for key: String, _ located: LocatedNode) {
        error("'\(key)' must be \(expected); found \(describe(located))", at: located.location)
    }

    /// The members of a mapping, by key, with unknown keys reported (with the nearest known key).
    ///
    /// - Parameters:
    ///   - located: The node.
    ///   - context: What the mapping is, for messages: `suite`, `step`, `request`.
    ///   - key: The key under which the mapping sits, for a type error.
    ///   - allowed: The keys the mapping may hold, in the order messages list them.
    ///   - reserved: Keys kept for later versions, with the message to show.
    ///   - pointerKeys: Whether keys starting with `/` (JSON pointers, in predicates) are members too.
    /// - Returns: The known members in order, or `nil` when the node is not a mapping.
    mutating func members(
        of located: LocatedNode,
        context: String,
        key: String,
        allowed: [String],
        reserved: [String: String] = [:],
        pointerKeys: Bool = false
    ) -> [(key: String, keyLocation: FileLocation, value: LocatedNode)]? {
        guard let pairs = located.node.mapping else {
            typeError("a mapping", for: key, located)
            return nil
        }
        var result: [(key: String, keyLocation: FileLocation, value: LocatedNode)] = []
        for pair in pairs {
            let name = pair.key.scalar?.value ?? ""
            let child = LocatedNode(node: pair.value, pointer: located.pointer.appending(name))
            if allowed.contains(name) || (pointerKeys && name.hasPrefix("/")) {
                result.append((name, pair.key.location, child))
            } else if let message = reserved[name] {
                error(message, at: pair.key.location)
            } else {
                let message = Self.unknownKeyMessage(name, context: context, allowed: allowed)
                let pointerHint =
                    pointerKeys && !message.contains("did you mean") ? ", or a JSON pointer (/member)" : ""
                error(message + pointerHint, at: pair.key.location)
            }
        }
        return result
    }

    static func unknownKeyMessage(_ name: String, context: String, allowed: [String]) -> String {
        if let near = Spelling.closestMatch(to: name, among: allowed) {
            return "unknown key '\(name)' in \(context); did you mean '\(near)'?"
        }
        return "unknown key '\(name)' in \(context); expected one of: \(allowed.joined(separator: ", "))"
    }

    /// The pairs of a mapping whose keys are free names (variables, headers, pointers).
    mutating func entries(
        of located: LocatedNode,
        key: String
    ) -> [(key: String, keyLocation: FileLocation, value: LocatedNode)]? {
        guard let pairs = located.node.mapping else {
            typeError("a mapping", for: key, located)
            return nil
        }
        return pairs.map { pair in
            let name = pair.key.scalar?.value ?? ""
            return (name, pair.key.location, LocatedNode(node: pair.value, pointer: located.pointer.appending(name)))
        }
    }

    /// The elements of a list.
    mutating func elements(of located: LocatedNode, key: String) -> [LocatedNode]? {
        guard let elements = located.node.sequence else {
            typeError("a list", for: key, located)
            return nil
        }
        return elements.enumerated().map { index, node in
            LocatedNode(node: node, pointer: located.pointer.appending(index: index))
        }
    }

    mutating func string(_ located: LocatedNode, key: String, allowEmpty: Bool = false) -> String? {
        guard case .string(let text) = value(of: located), located.node.scalar != nil else {
            typeError("a string", for: key, located)
            return nil
        }
        if !allowEmpty && text.trimmed(of: " \t").isEmpty {
            error("'\(key)' must not be empty", at: located.location)
            return nil
        }
        return text
    }

    /// A scalar's text whatever its type (`200` or `true` as written), for header values and query values.
    mutating func scalarText(_ located: LocatedNode, key: String) -> String? {
        guard let scalar = located.node.scalar else {
            typeError("a scalar", for: key, located)
            return nil
        }
        return scalar.value
    }

    mutating func integer(_ located: LocatedNode, key: String, range: ClosedRange<Int>) -> Int? {
        guard case .number(let number) = value(of: located), let integer = number.intValue else {
            typeError("a whole number", for: key, located)
            return nil
        }
        guard range.contains(integer) else {
            error(
                "'\(key)' must be from \(range.lowerBound) to \(range.upperBound); found \(integer)",
                at: located.location
            )
            return nil
        }
        return integer
    }

    mutating func boolean(_ located: LocatedNode, key: String) -> Bool? {
        guard case .bool(let flag) = value(of: located) else {
            typeError("true or false", for: key, located)
            return nil
        }
        return flag
    }

    /// One string or a list of strings.
    mutating func stringList(_ located: LocatedNode, key: String) -> [String]? {
        if located.node.sequence == nil {
            return string(located, key: key).map { [$0] }
        }
        guard let elements = elements(of: located, key: key) else { return nil }
        var strings: [String] = []
        for element in elements {
            guard let text = string(element, key: key) else { return nil }
            strings.append(text)
        }
        return strings
    }

    /// A string parsed as a template.
    mutating func template(_ located: LocatedNode, key: String, allowEmpty: Bool = false) -> LocatedTemplate? {
        guard let text = string(located, key: key, allowEmpty: allowEmpty) else { return nil }
        do {
            return LocatedTemplate(try TemplateString(parsing: text), at: located.location)
        } catch {
            self.error("bad template in '\(key)': \(error.reason)", at: located.location)
            return nil
        }
    }

    /// Any value, with templates parsed in its strings.
    mutating func templatedValue(_ located: LocatedNode, key: String) -> TemplatedValue? {
        do {
            return try TemplatedValue(parsing: value(of: located))
        } catch {
            self.error("bad template in '\(key)': \(error.reason)", at: located.location)
            return nil
        }
    }

    /// A scalar value, its text templated when it is a string; numbers and Booleans are kept as they are.
    mutating func templatedScalar(_ located: LocatedNode, key: String) -> TemplatedValue? {
        guard located.node.scalar != nil else {
            typeError("a scalar", for: key, located)
            return nil
        }
        return templatedValue(located, key: key)
    }

    /// A duration: a number of seconds, or text such as `500ms`, `10s`, `1.5s`, `2m`.
    mutating func duration(_ located: LocatedNode, key: String) -> Duration? {
        let parsed: Duration?
        switch value(of: located) {
        case .number(let number): parsed = Self.duration(seconds: number.doubleValue)
        case .string(let text): parsed = Self.duration(parsing: text)
        default: parsed = nil
        }
        guard let parsed else {
            error(
                "'\(key)' must be a duration such as 500ms, 10s or 2m; found \(describe(located))",
                at: located.location
            )
            return nil
        }
        return parsed
    }

    static func duration(parsing text: String) -> Duration? {
        let trimmed = text.trimmed(of: " ")
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
        for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count).trimmed(of: " ")
            guard let value = Double(number) else { continue }
            return duration(seconds: value * scale)
        }
        return nil
    }

    private static func duration(seconds: Double) -> Duration? {
        guard seconds.isFinite, seconds > 0, seconds <= 3600 else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
