import Diagnostics
import JSON
import YAML

extension SuiteDecoder {
    static let ignoreKeys = ["pointer", "aspect", "operation", "reason"]

    /// Decodes an `ignore:` list: each entry a pointer pattern, or a mapping with `pointer`, `aspect`, `operation`
    /// and `reason`.
    mutating func decodeIgnoreRules(_ located: LocatedNode) -> [DriftIgnoreRule] {
        guard let elements = reader.elements(of: located, key: "ignore") else { return [] }
        var rules: [DriftIgnoreRule] = []
        for element in elements {
            if element.node.mapping == nil {
                guard let text = reader.string(element, key: "ignore") else { continue }
                if let pointer = pointer(text, at: element.location) {
                    rules.append(DriftIgnoreRule(pointer: pointer, location: element.location))
                }
                continue
            }
            guard
                let members = reader.members(
                    of: element,
                    context: "ignore entry",
                    key: "ignore",
                    allowed: Self.ignoreKeys
                )
            else { continue }
            var rule = DriftIgnoreRule(pointer: .root, location: element.location)
            var hasPointer = false
            for (key, _, value) in members {
                switch key {
                case "pointer":
                    guard let text = reader.string(value, key: key) else { continue }
                    if let pointer = pointer(text, at: value.location) {
                        rule.tokens = pointer.tokens
                        hasPointer = true
                    } else {
                        hasPointer = true  // reported already
                    }
                case "aspect":
                    guard let text = reader.string(value, key: key) else { continue }
                    if let aspect = DriftIgnoreRule.Aspect(rawValue: text) {
                        rule.aspect = aspect
                    } else {
                        let names = DriftIgnoreRule.Aspect.allCases.map(\.rawValue).joined(separator: ", ")
                        reader.error("'aspect' must be one of \(names); found '\(text)'", at: value.location)
                    }
                case "operation": rule.operation = reader.string(value, key: key)
                case "reason": rule.reason = reader.string(value, key: key, allowEmpty: true)
                default: break
                }
            }
            if hasPointer {
                rules.append(rule)
            } else {
                reader.error("an ignore entry needs a 'pointer'", at: element.location)
            }
        }
        return rules
    }

    private mutating func pointer(_ text: String, at location: FileLocation) -> JSONPointer? {
        do {
            return try JSONPointer(parsing: text)
        } catch {
            reader.error("'\(text)' is not a JSON pointer: \(error.reason)", at: location)
            return nil
        }
    }
}
