import Diagnostics
import JSON
import YAML

/// Turns one YAML document into a ``Suite``, reporting every problem with its place in the file.
///
/// The decoder checks the suite language only (keys, types, templates, predicates); what needs the spec is
/// ``SuiteLinter``'s work.
struct SuiteDecoder {
    static let suiteKeys = [
        "name", "description", "tags", "variables", "matrix", "skip", "only", "checks", "setup", "steps", "teardown",
        "generate", "ignore",
    ]
    static let stepKeys = [
        "name", "operation", "request", "negative", "expect", "capture", "matrix", "skip", "only", "checks",
    ]
    static let reservedSuiteKeys: [String: String] = [:]

    var reader: NodeReader
    let path: String
    let documentIndex: Int

    init(document: YAMLDocument, path: String, documentIndex: Int) {
        self.reader = NodeReader(document: document)
        self.path = path
        self.documentIndex = documentIndex
    }

    /// The suite, or `nil` when the document is not a mapping; problems are in ``diagnostics``.
    mutating func decode() -> Suite? {
        let root = LocatedNode(node: reader.document.root, pointer: .root)
        guard root.node.mapping != nil else {
            reader.error(
                "a suite must be a mapping with 'name' and 'steps'; found \(reader.describe(root))",
                at: root.location
            )
            return nil
        }
        guard
            let members = reader.members(
                of: root,
                context: "suite",
                key: "suite",
                allowed: Self.suiteKeys,
                reserved: Self.reservedSuiteKeys
            )
        else { return nil }
        var suite = Suite(path: path, documentIndex: documentIndex, name: Self.defaultName(path), at: root.location)
        var hasSteps = false
        for (key, _, value) in members {
            switch key {
            case "name": suite.name = reader.string(value, key: key) ?? suite.name
            case "description": suite.description = reader.string(value, key: key, allowEmpty: true)
            case "tags": suite.tags = reader.stringList(value, key: key) ?? []
            case "variables": suite.variables = decodeVariables(value)
            case "matrix": suite.matrix = decodeMatrix(value)
            case "skip": suite.skip = decodeSkip(value)
            case "only": suite.only = reader.string(value, key: key)
            case "checks": suite.checks = decodeChecks(value)
            case "setup": suite.setup = decodeSteps(value, key: key, phase: .setup)
            case "steps":
                hasSteps = true
                suite.steps = decodeSteps(value, key: key, phase: .main)
            case "teardown": suite.teardown = decodeSteps(value, key: key, phase: .teardown)
            case "generate": suite.generation = decodeGeneration(value)
            case "ignore": suite.ignore = decodeIgnoreRules(value)
            default: break
            }
        }
        if !hasSteps && !members.contains(where: { $0.key == "generate" }) {
            reader.error("suite '\(suite.name)' has no 'steps'", at: root.location)
        }
        return suite
    }

    var diagnostics: [Diagnostic] { reader.diagnostics }

    static func defaultName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".yaml", ".yml", ".json"] where file.hasSuffix(suffix) {
            return String(file.dropLast(suffix.count))
        }
        return file
    }

    // MARK: - Suite parts

    private mutating func decodeVariables(_ located: LocatedNode) -> [SuiteVariable] {
        guard let entries = reader.entries(of: located, key: "variables") else { return [] }
        var variables: [SuiteVariable] = []
        for (name, keyLocation, value) in entries {
            guard checkVariableName(name, at: keyLocation, what: "variable") else { continue }
            if let templated = reader.templatedValue(value, key: name) {
                variables.append(SuiteVariable(name: name, value: templated, at: keyLocation))
            }
        }
        return variables
    }

    /// Whether `name` may name a variable; reports why not.
    mutating func checkVariableName(_ name: String, at location: FileLocation, what: String) -> Bool {
        guard let expression = try? TemplateString(parsing: "{{\(name)}}").soleExpression, expression.path.count == 1
        else {
            reader.error(
                "'\(name)' cannot name a \(what): use letters, digits, '_' and '-' (no '.')",
                at: location
            )
            return false
        }
        if TemplateScope.reservedRoots.contains(name) {
            reader.error(
                "'\(name)' is reserved (env, run and server are built in) and cannot name a \(what)",
                at: location
            )
            return false
        }
        return true
    }

    mutating func decodeMatrix(_ located: LocatedNode) -> SuiteMatrix? {
        guard let entries = reader.entries(of: located, key: "matrix") else { return nil }
        var dimensions: [SuiteMatrix.Dimension] = []
        for (name, keyLocation, value) in entries {
            guard checkVariableName(name, at: keyLocation, what: "matrix variable") else { continue }
            if value.node.sequence != nil {
                guard let elements = reader.elements(of: value, key: name) else { continue }
                if elements.isEmpty {
                    reader.error("matrix variable '\(name)' has no values", at: value.location)
                    continue
                }
                var values: [TemplatedValue] = []
                for element in elements {
                    if let item = reader.templatedValue(element, key: name) { values.append(item) }
                }
                dimensions.append(SuiteMatrix.Dimension(name: name, values: .list(values), at: keyLocation))
            } else if value.node.mapping != nil {
                guard let members = reader.members(of: value, context: "matrix variable", key: name, allowed: ["enum"])
                else { continue }
                for (_, _, schema) in members {
                    if let schemaName = reader.string(schema, key: "enum") {
                        dimensions.append(
                            SuiteMatrix.Dimension(name: name, values: .schemaEnum(schemaName), at: keyLocation)
                        )
                    }
                }
                if members.isEmpty {
                    reader.error("matrix variable '\(name)' needs 'enum: SchemaName'", at: value.location)
                }
            } else {
                reader.typeError("a list of values or { enum: SchemaName }", for: name, value)
            }
        }
        return dimensions.isEmpty ? nil : SuiteMatrix(dimensions: dimensions, at: located.location)
    }

    mutating func decodeSkip(_ located: LocatedNode) -> SkipRule? {
        switch reader.value(of: located) {
        case .string:
            return reader.string(located, key: "skip").map { SkipRule(reason: $0, at: located.location) }
        case .object:
            guard let members = reader.members(of: located, context: "skip", key: "skip", allowed: ["reason", "on"])
            else { return nil }
            var reason: String?
            var servers: [String] = []
            for (key, _, value) in members {
                if key == "reason" { reason = reader.string(value, key: key) }
                if key == "on" { servers = reader.stringList(value, key: key) ?? [] }
            }
            guard let reason else {
                reader.error("'skip' needs a 'reason'", at: located.location)
                return nil
            }
            return SkipRule(reason: reason, servers: servers, at: located.location)
        default:
            reader.error(
                "'skip' must give its reason: skip: \"why\" (or { reason: \"why\", on: [sandbox] }); "
                    + "found \(reader.describe(located))",
                at: located.location
            )
            return nil
        }
    }

    mutating func decodeChecks(_ located: LocatedNode) -> CheckSettings {
        var settings = CheckSettings()
        guard let entries = reader.entries(of: located, key: "checks") else { return settings }
        let names = AutomaticCheck.allCases.map(\.rawValue)
        for (name, keyLocation, value) in entries {
            guard let check = AutomaticCheck(rawValue: name) else {
                let near = Spelling.closestMatch(to: name, among: names).map { "; did you mean '\($0)'?" }
                reader.error(
                    "unknown check '\(name)'" + (near ?? "; checks are: " + names.joined(separator: ", ")),
                    at: keyLocation
                )
                continue
            }
            if case .string("on") = reader.value(of: value) {
                settings.enabled.insert(check)
                continue
            }
            guard value.node.mapping != nil,
                let members = reader.members(of: value, context: "check '\(name)'", key: name, allowed: ["off"]),
                let off = members.first
            else {
                if value.node.mapping == nil {
                    reader.error(
                        "check '\(name)' must be switched off with a reason, { off: \"why\" }, or back on with 'on'; "
                            + "found \(reader.describe(value))",
                        at: value.location
                    )
                } else if (value.node.mapping ?? []).isEmpty {
                    reader.error("check '\(name)' needs { off: \"why\" }", at: value.location)
                }
                continue
            }
            if let reason = reader.string(off.value, key: "off") {
                settings.disabled[check] = reason
            }
        }
        return settings
    }

    private mutating func decodeSteps(_ located: LocatedNode, key: String, phase: StepPhase) -> [SuiteStep] {
        guard let elements = reader.elements(of: located, key: key) else { return [] }
        var steps: [SuiteStep] = []
        for (index, element) in elements.enumerated() {
            if let step = decodeStep(element, phase: phase, index: index) {
                steps.append(step)
            }
        }
        return steps
    }
}
