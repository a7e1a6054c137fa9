import Diagnostics
import JSON
import OpenAPI
import YAML

extension SuiteDecoder {
    mutating func decodePredicate(_ located: LocatedNode, key: String) -> ValuePredicate? {
        guard located.node.mapping != nil else {
            return reader.templatedValue(located, key: key).map {
                ValuePredicate([.equals($0)], at: located.location)
            }
        }
        // A key starting with `/` is a pointer below the value, with its own predicate.
        guard
            let members = reader.members(
                of: located,
                context: "predicate",
                key: key,
                allowed: Self.predicateKeys,
                pointerKeys: true
            )
        else { return nil }
        if (located.node.mapping ?? []).isEmpty {
            reader.error(
                "an empty mapping is not a predicate; to expect an empty object write { equals: {} }",
                at: located.location
            )
            return nil
        }
        var conditions: [ValuePredicate.Condition] = []
        for (condition, _, value) in members {
            if let decoded = decodeCondition(condition, value) { conditions.append(decoded) }
        }
        return conditions.isEmpty ? nil : ValuePredicate(conditions, at: located.location)
    }

    private mutating func decodeCondition(_ key: String, _ value: LocatedNode) -> ValuePredicate.Condition? {
        switch key {
        case "equals": return reader.templatedValue(value, key: key).map { .equals($0) }
        case "notEquals": return reader.templatedValue(value, key: key).map { .notEquals($0) }
        case "contains": return reader.templatedValue(value, key: key).map { .contains($0) }
        case "oneOf":
            guard let elements = reader.elements(of: value, key: key) else { return nil }
            if elements.isEmpty {
                reader.error("'oneOf' needs at least one value", at: value.location)
                return nil
            }
            return .oneOf(elements.compactMap { reader.templatedValue($0, key: key) })
        case "matches":
            guard let pattern = reader.string(value, key: key) else { return nil }
            do {
                return .matches(try ECMARegex(pattern))
            } catch {
                reader.error("'matches': \(error)", at: value.location)
                return nil
            }
        case "exists": return reader.boolean(value, key: key).map { .exists($0) }
        case "nonEmpty": return reader.boolean(value, key: key).map { .nonEmpty($0) }
        case "type":
            guard let names = reader.stringList(value, key: key) else { return nil }
            var kinds: [ValuePredicate.JSONKind] = []
            for name in names {
                guard let kind = ValuePredicate.JSONKind(rawValue: name) else {
                    let all = ValuePredicate.JSONKind.allCases.map(\.rawValue)
                    let near = Spelling.closestMatch(to: name, among: all).map { "; did you mean '\($0)'?" }
                    reader.error(
                        "unknown type '\(name)'" + (near ?? "; types are: " + all.joined(separator: ", ")),
                        at: value.location
                    )
                    return nil
                }
                kinds.append(kind)
            }
            return .type(kinds)
        case "length": return reader.integer(value, key: key, range: 0...Int(Int32.max)).map { .length($0) }
        case "minLength": return reader.integer(value, key: key, range: 0...Int(Int32.max)).map { .minLength($0) }
        case "maxLength": return reader.integer(value, key: key, range: 0...Int(Int32.max)).map { .maxLength($0) }
        case "gt", "gte", "lt", "lte":
            guard let comparison = ValuePredicate.Comparison(rawValue: key) else { return nil }
            let bound = reader.value(of: value)
            if case .number = bound {
                return .compare(comparison, .constant(bound))
            }
            if case .string = bound, let templated = reader.templatedValue(value, key: key), case .string = templated {
                return .compare(comparison, templated)
            }
            reader.typeError("a number", for: key, value)
            return nil
        case "each": return decodePredicate(value, key: key).map { .each($0) }
        case "optional": return reader.boolean(value, key: key).map { .optional($0) }
        case "enum":
            guard let name = reader.string(value, key: key) else { return nil }
            return .schemaEnum(name: name, values: nil)
        default:
            guard key.hasPrefix("/") else { return nil }
            guard let pointer = try? JSONPointer(parsing: key) else {
                reader.error("'\(key)' is not a JSON pointer", at: value.location)
                return nil
            }
            return decodePredicate(value, key: key).map { .member(pointer, $0) }
        }
    }
}
