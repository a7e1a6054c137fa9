public import JSON

/// A JSON value whose strings may hold templates: request bodies, query values, expected values.
public indirect enum TemplatedValue: Sendable, Hashable {
    /// A value without any template.
    case constant(JSONValue)
    /// A string with templates.
    case string(TemplateString)
    /// An array with templates somewhere inside.
    case array([TemplatedValue])
    /// An object (members in order) with templates somewhere inside.
    case object([Member])

    /// An object member.
    public struct Member: Sendable, Hashable {
        /// The key (never templated).
        public var key: String
        /// The value.
        public var value: TemplatedValue
    }

    /// Parses the templates in every string of `value`.
    ///
    /// - Parameter value: A JSON value from the suite.
    /// - Throws: ``TemplateSyntaxError`` for the first malformed template.
    public init(parsing value: JSONValue) throws(TemplateSyntaxError) {
        switch value {
        case .string(let text):
            let template = try TemplateString(parsing: text)
            self = template.hasExpressions ? .string(template) : .constant(value)
        case .array(let elements):
            var parsed: [TemplatedValue] = []
            var isConstant = true
            for element in elements {
                let item = try TemplatedValue(parsing: element)
                if case .constant = item {} else { isConstant = false }
                parsed.append(item)
            }
            self = isConstant ? .constant(value) : .array(parsed)
        case .object(let object):
            var members: [Member] = []
            var isConstant = true
            for (key, member) in object {
                let item = try TemplatedValue(parsing: member)
                if case .constant = item {} else { isConstant = false }
                members.append(Member(key: key, value: item))
            }
            self = isConstant ? .constant(value) : .object(members)
        default:
            self = .constant(value)
        }
    }

    /// Every expression inside, in document order.
    public var expressions: [TemplateExpression] {
        switch self {
        case .constant: []
        case .string(let template): template.expressions
        case .array(let elements): elements.flatMap(\.expressions)
        case .object(let members): members.flatMap(\.value.expressions)
        }
    }

    /// The value with every template replaced by a string of its source text, for checks made before a run.
    public var valueWithTemplatesAsText: JSONValue {
        switch self {
        case .constant(let value): value
        case .string(let template): .string(template.source)
        case .array(let elements): .array(elements.map(\.valueWithTemplatesAsText))
        case .object(let members): .object(JSONObject(members.map { ($0.key, $0.value.valueWithTemplatesAsText) }))
        }
    }

    /// The JSON pointers (relative to this value) of the strings that hold templates.
    public var templatedPointers: [JSONPointer] {
        var pointers: [JSONPointer] = []
        collectTemplatedPointers(at: .root, into: &pointers)
        return pointers
    }

    private func collectTemplatedPointers(at pointer: JSONPointer, into pointers: inout [JSONPointer]) {
        switch self {
        case .constant: break
        case .string: pointers.append(pointer)
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                element.collectTemplatedPointers(at: pointer.appending(index: index), into: &pointers)
            }
        case .object(let members):
            for member in members {
                member.value.collectTemplatedPointers(at: pointer.appending(member.key), into: &pointers)
            }
        }
    }
}
