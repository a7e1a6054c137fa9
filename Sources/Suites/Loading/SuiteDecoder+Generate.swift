import Diagnostics
import JSON
import YAML

extension SuiteDecoder {
    static let generateKeys = ["kinds", "operations", "exclude", "from", "values", "isolate", "seed"]

    /// Reads `generate:`; what needs the spec (operations, tags, `from` steps) is checked by the linter.
    mutating func decodeGeneration(_ located: LocatedNode) -> GenerationSettings? {
        var settings = GenerationSettings(at: located.location)
        if located.node.mapping == nil {
            // `generate: negative` or `generate: [negative, boundary]`: those kinds for every operation.
            if let kinds = decodeKinds(located, key: "generate") { settings.kinds = kinds }
            return settings
        }
        guard
            let members = reader.members(
                of: located,
                context: "generate",
                key: "generate",
                allowed: Self.generateKeys
            )
        else { return nil }
        for (key, _, value) in members {
            switch key {
            case "kinds":
                if let kinds = decodeKinds(value, key: key) { settings.kinds = kinds }
            case "operations": settings.operations = decodeSelections(value, key: key)
            case "exclude": settings.excluded = decodeSelections(value, key: key)
            case "from":
                let elements = value.node.sequence == nil ? [value] : reader.elements(of: value, key: key) ?? []
                for element in elements {
                    if let name = reader.string(element, key: key) {
                        settings.baseSteps.append((name, element.location))
                    }
                }
            case "values":
                for (name, keyLocation, item) in reader.entries(of: value, key: key) ?? [] {
                    if let templated = reader.templatedValue(item, key: name) {
                        settings.values.append(StepRequest.Field(name: name, value: templated, at: keyLocation))
                    }
                }
            case "isolate":
                guard let text = reader.string(value, key: key) else { continue }
                if let isolation = GenerationSettings.Isolation(rawValue: text) {
                    settings.isolation = isolation
                } else {
                    let names = GenerationSettings.Isolation.allCases.map(\.rawValue)
                    let near = Spelling.closestMatch(to: text, among: names).map { "; did you mean '\($0)'?" }
                    reader.error(
                        "'isolate' must be one of \(names.joined(separator: ", ")); found '\(text)'" + (near ?? ""),
                        at: value.location
                    )
                }
            case "seed":
                settings.seed = UInt64(reader.integer(value, key: key, range: 0...Int.max) ?? 0)
            default:
                break
            }
        }
        return settings
    }

    private mutating func decodeKinds(_ located: LocatedNode, key: String) -> [GeneratedCaseKind]? {
        guard let names = reader.stringList(located, key: key) else { return nil }
        guard let kinds = GeneratedCaseKind.list(parsing: names.joined(separator: ",")) else {
            reader.error(
                "'\(key)' must name the kinds negative and/or boundary (or all); found \(names.joined(separator: ", "))",
                at: located.location
            )
            return nil
        }
        return kinds
    }

    /// `all`, or a list of `METHOD /path`, operationIds and `{ tag: T }`.
    private mutating func decodeSelections(_ located: LocatedNode, key: String) -> [GenerationSettings.Selection] {
        if case .string("all") = reader.value(of: located) {
            return [GenerationSettings.Selection(.all, at: located.location)]
        }
        let elements = located.node.sequence == nil ? [located] : reader.elements(of: located, key: key) ?? []
        var selections: [GenerationSettings.Selection] = []
        for element in elements {
            switch reader.value(of: element) {
            case .string("all"):
                selections.append(GenerationSettings.Selection(.all, at: element.location))
            case .string:
                if let text = reader.string(element, key: key) {
                    selections.append(GenerationSettings.Selection(.operation(text), at: element.location))
                }
            case .object:
                guard let members = reader.members(of: element, context: key, key: key, allowed: ["tag"]) else {
                    continue
                }
                for (_, _, tag) in members {
                    if let name = reader.string(tag, key: "tag") {
                        selections.append(GenerationSettings.Selection(.tag(name), at: tag.location))
                    }
                }
                if members.isEmpty { reader.error("'\(key)' entry needs { tag: Name }", at: element.location) }
            default:
                reader.typeError("all, 'METHOD /path', an operationId or { tag: Name }", for: key, element)
            }
        }
        return selections
    }
}
