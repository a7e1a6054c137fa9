import JSON

/// Short names for schemas in messages, made from where they are in the spec.
///
/// `/components/schemas/BrokerBaseRequest/properties/type` is `BrokerBaseRequest.type`; inline schemas are named
/// after their place in the operation: `requestBody.userId`, `response200.content.items[]`, `query.Count`.
enum SubjectName {
    /// The name of the schema at `pointer` in `root`.
    ///
    /// - Parameters:
    ///   - pointer: A schema's pointer.
    ///   - root: The spec.
    /// - Returns: The name.
    static func of(_ pointer: JSONPointer, in root: JSONValue) -> String {
        let tokens = pointer.tokens
        guard let (base, consumed) = base(of: tokens, in: root) else { return pointer.description }
        return base + suffix(tokens.dropFirst(consumed))
    }

    private static func base(of tokens: [String], in root: JSONValue) -> (String, Int)? {
        if tokens.count >= 3, tokens[0] == "components" {
            switch tokens[1] {
            case "schemas":
                return (tokens[2], 3)
            case "parameters" where tokens.count >= 4:
                return (parameterName(JSONPointer(tokens: Array(tokens.prefix(3))), in: root), 4)
            case "requestBodies" where tokens.count >= 6:
                return ("requestBodies.\(tokens[2])", 6)
            case "responses" where tokens.count >= 6:
                return ("responses.\(tokens[2])", 6)
            default:
                return nil
            }
        }
        guard tokens.count >= 3, tokens[0] == "paths" else { return nil }
        // /paths/{p}/parameters/{i}/schema or /paths/{p}/{method}/parameters/{i}/schema
        for start in [2, 3] where tokens.count > start + 2 && tokens[start] == "parameters" {
            let parameter = JSONPointer(tokens: Array(tokens.prefix(start + 2)))
            return (parameterName(parameter, in: root), start + 3)
        }
        if tokens.count >= 7, tokens[3] == "requestBody", tokens[4] == "content" {
            return ("requestBody", 7)
        }
        if tokens.count >= 8, tokens[3] == "responses", tokens[5] == "content" {
            return ("response\(tokens[4])", 8)
        }
        return nil
    }

    /// `query.userId` for a parameter object (followed through one `$ref`).
    private static func parameterName(_ pointer: JSONPointer, in root: JSONValue) -> String {
        var object = root.value(at: pointer)
        if case .string(let reference)? = object?["$ref"], let target = SpecView.localTarget(of: reference) {
            object = root.value(at: target)
        }
        let location = object?["in"]?.stringValue ?? "parameter"
        let name = object?["name"]?.stringValue ?? pointer.tokens.last ?? ""
        return "\(location).\(name)"
    }

    private static func suffix(_ tokens: ArraySlice<String>) -> String {
        var text = ""
        var rest = tokens
        while let token = rest.first {
            rest = rest.dropFirst()
            switch token {
            case "properties":
                guard let name = rest.first else { return text }
                text += "." + name
                rest = rest.dropFirst()
            case "items":
                text += "[]"
            case "additionalProperties":
                text += ".*"
            case "allOf":
                rest = rest.dropFirst()
            case "oneOf", "anyOf":
                guard let index = rest.first else { return text }
                text += "<\(token) \(index)>"
                rest = rest.dropFirst()
            default:
                text += "/" + token
            }
        }
        return text
    }
}
