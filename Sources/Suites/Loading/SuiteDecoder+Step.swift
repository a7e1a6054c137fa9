import Diagnostics
import JSON
import OpenAPI
import YAML

extension SuiteDecoder {
    static let requestKeys = [
        "method", "path", "query", "headers", "json", "body", "contentType", "timeout", "retries", "credentials",
    ]
    static let expectKeys = ["status", "headers", "json", "body", "schema"]
    static let predicateKeys = [
        "equals", "notEquals", "oneOf", "matches", "exists", "type", "length", "minLength", "maxLength", "contains",
        "gt", "gte", "lt", "lte", "nonEmpty", "each", "enum", "optional",
    ]

    mutating func decodeStep(_ located: LocatedNode, phase: StepPhase, index: Int) -> SuiteStep? {
        guard
            let members = reader.members(
                of: located,
                context: "step",
                key: "\(phase.rawValue) \(index + 1)",
                allowed: Self.stepKeys
            )
        else { return nil }
        var step = SuiteStep(name: "", phase: phase, index: index, at: located.location)
        var hasRequest = false
        for (key, _, value) in members {
            switch key {
            case "name": step.name = reader.string(value, key: key) ?? ""
            case "operation":
                step.operationLocation = value.location
                if let text = reader.string(value, key: key) {
                    step.operation = text == "none" ? .outsideSpec : .named(text)
                }
            case "request":
                hasRequest = true
                step.request = decodeRequest(value)
            case "negative": step.isNegative = reader.boolean(value, key: key) ?? false
            case "expect": step.expectation = decodeExpectation(value)
            case "capture": step.captures = decodeCaptures(value)
            case "matrix": step.matrix = decodeMatrix(value)
            case "skip": step.skip = decodeSkip(value)
            case "only": step.only = reader.string(value, key: key)
            case "checks": step.checks = decodeChecks(value)
            default: break
            }
        }
        if !members.contains(where: { $0.key == "name" }) {
            reader.error(
                "step \(index + 1) of '\(phase.rawValue == "step" ? "steps" : phase.rawValue)' has no 'name'",
                at: located.location
            )
        }
        if !hasRequest && step.operation == .inferred {
            reader.error("step '\(step.name)' needs a 'request' (or an 'operation' to call)", at: located.location)
        }
        if !hasRequest { step.request = StepRequest(at: located.location) }
        return step
    }

    // MARK: - Request

    private mutating func decodeRequest(_ located: LocatedNode) -> StepRequest {
        var request = StepRequest(at: located.location)
        guard let members = reader.members(of: located, context: "request", key: "request", allowed: Self.requestKeys)
        else { return request }
        for (key, _, value) in members {
            switch key {
            case "method":
                if let method = reader.string(value, key: key) {
                    if method.unicodeScalars.allSatisfy({ ($0 >= "A" && $0 <= "Z") || ($0 >= "a" && $0 <= "z") }) {
                        request.method = method.uppercased()
                    } else {
                        reader.error(
                            "'method' must be a word such as GET or POST; found '\(method)'",
                            at: value.location
                        )
                    }
                }
            case "path":
                if let path = reader.template(value, key: key) {
                    if path.template.source.hasPrefix("/") || path.template.source.hasPrefix("{{") {
                        request.path = path
                    } else {
                        reader.error(
                            "'path' must start with '/' (it is appended to the server's URL); found '\(path.template.source)'",
                            at: value.location
                        )
                    }
                }
            case "query": request.query = decodeFields(value, key: key, allowsLists: true)
            case "headers": request.headers = decodeFields(value, key: key, allowsLists: false)
            case "json":
                request.bodyLocation = value.location
                request.bodyNode = value.node
                if let body = reader.templatedValue(value, key: key) { request.body = .json(body) }
            case "body":
                request.bodyLocation = value.location
                if let text = reader.template(value, key: key, allowEmpty: true) { request.body = .raw(text.template) }
            case "contentType": request.contentType = reader.string(value, key: key)
            case "timeout": request.timeout = reader.duration(value, key: key)
            case "retries": request.retries = decodeRetries(value)
            case "credentials": request.credentials = decodeCredentials(value)
            default: break
            }
        }
        let bodyKeys = members.filter { $0.key == "json" || $0.key == "body" }
        if bodyKeys.count > 1 {
            reader.error("give either 'json' or 'body', not both", at: bodyKeys[1].keyLocation)
        }
        return request
    }

    private mutating func decodeFields(_ located: LocatedNode, key: String, allowsLists: Bool) -> [StepRequest.Field] {
        guard let entries = reader.entries(of: located, key: key) else { return [] }
        var fields: [StepRequest.Field] = []
        for (name, keyLocation, value) in entries {
            if name.isEmpty {
                reader.error("a name in '\(key)' must not be empty", at: keyLocation)
                continue
            }
            if value.node.sequence != nil && allowsLists {
                guard let elements = reader.elements(of: value, key: name) else { continue }
                var items: [TemplatedValue] = []
                for element in elements {
                    if let item = reader.templatedScalar(element, key: name) { items.append(item) }
                }
                fields.append(StepRequest.Field(name: name, value: .array(items), at: keyLocation))
            } else if let item = reader.templatedScalar(value, key: name) {
                fields.append(StepRequest.Field(name: name, value: item, at: keyLocation))
            }
        }
        return fields
    }

    private mutating func decodeRetries(_ located: LocatedNode) -> StepRequest.RetryPolicy {
        if case .number = reader.value(of: located) {
            return StepRequest.RetryPolicy(count: reader.integer(located, key: "retries", range: 0...10) ?? 0)
        }
        var policy = StepRequest.RetryPolicy()
        guard
            let members = reader.members(
                of: located,
                context: "retries",
                key: "retries",
                allowed: ["count", "statuses", "delay"]
            )
        else { return policy }
        for (key, _, value) in members {
            switch key {
            case "count": policy.count = reader.integer(value, key: key, range: 0...10) ?? 0
            case "statuses":
                let elements = value.node.sequence == nil ? [value] : reader.elements(of: value, key: key) ?? []
                policy.statuses = elements.compactMap { reader.integer($0, key: key, range: 100...599) }
            case "delay": policy.delay = reader.duration(value, key: key) ?? policy.delay
            default: break
            }
        }
        return policy
    }

    private mutating func decodeCredentials(_ located: LocatedNode) -> StepRequest.Credentials {
        switch reader.value(of: located) {
        case .string("none"): return .none
        case .string("profile"): return .profile
        case .object:
            guard
                let members = reader.members(
                    of: located,
                    context: "credentials",
                    key: "credentials",
                    allowed: ["clientId", "clientSecret"]
                )
            else { return .profile }
            var clientID: TemplateString?
            var clientSecret: TemplateString?
            for (key, _, value) in members {
                let template = reader.template(value, key: key, allowEmpty: true)?.template
                if key == "clientId" { clientID = template } else { clientSecret = template }
            }
            return .override(clientID: clientID, clientSecret: clientSecret)
        default:
            reader.error(
                "'credentials' must be 'none', 'profile' or { clientId, clientSecret }; found \(reader.describe(located))",
                at: located.location
            )
            return .profile
        }
    }

    // MARK: - Expectations

    private mutating func decodeExpectation(_ located: LocatedNode) -> ResponseExpectation {
        var expectation = ResponseExpectation()
        guard let members = reader.members(of: located, context: "expect", key: "expect", allowed: Self.expectKeys)
        else { return expectation }
        for (key, _, value) in members {
            switch key {
            case "status":
                expectation.statusLocation = value.location
                expectation.statuses = decodeStatuses(value)
            case "headers":
                for (name, keyLocation, predicateNode) in reader.entries(of: value, key: key) ?? [] {
                    if let predicate = decodePredicate(predicateNode, key: name) {
                        expectation.headers.append(
                            ResponseExpectation.Assertion(
                                target: name,
                                pointer: .root,
                                predicate: predicate,
                                at: keyLocation
                            )
                        )
                    }
                }
            case "json":
                for (text, keyLocation, predicateNode) in reader.entries(of: value, key: key) ?? [] {
                    guard let pointer = try? JSONPointer(parsing: text) else {
                        reader.error(
                            "'\(text)' is not a JSON pointer: write '/content/status' ('' for the whole body)",
                            at: keyLocation
                        )
                        continue
                    }
                    if let predicate = decodePredicate(predicateNode, key: text) {
                        expectation.json.append(
                            ResponseExpectation.Assertion(
                                target: text,
                                pointer: pointer,
                                predicate: predicate,
                                at: keyLocation
                            )
                        )
                    }
                }
            case "body": expectation.body = decodePredicate(value, key: key)
            case "schema":
                switch reader.value(of: value) {
                case .string(let name): expectation.schema = (.reference(name), value.location)
                case .object(let schema): expectation.schema = (.inline(.object(schema)), value.location)
                default: reader.typeError("a schema name or an inline schema", for: key, value)
                }
            default: break
            }
        }
        return expectation
    }

    private mutating func decodeStatuses(_ located: LocatedNode) -> [ResponseExpectation.StatusPattern] {
        let elements = located.node.sequence == nil ? [located] : reader.elements(of: located, key: "status") ?? []
        var patterns: [ResponseExpectation.StatusPattern] = []
        for element in elements {
            switch reader.value(of: element) {
            case .number(let number):
                if let code = number.intValue, (100...599).contains(code) {
                    patterns.append(.code(code))
                    continue
                }
            case .string(let text):
                let lower = text.lowercased()
                if lower.count == 3, lower.hasSuffix("xx"), let digit = lower.first?.wholeNumberValue,
                    (1...5).contains(digit)
                {
                    patterns.append(.range(digit))
                    continue
                }
                if let code = Int(text), (100...599).contains(code) {
                    patterns.append(.code(code))
                    continue
                }
            default:
                break
            }
            reader.error(
                "'status' must be a status code (200), a class (4xx) or a list of them; found \(reader.describe(element))",
                at: element.location
            )
        }
        return patterns
    }

    private mutating func decodeCaptures(_ located: LocatedNode) -> [StepCapture] {
        guard let entries = reader.entries(of: located, key: "capture") else { return [] }
        var captures: [StepCapture] = []
        for (name, keyLocation, value) in entries {
            guard checkVariableName(name, at: keyLocation, what: "capture") else { continue }
            switch reader.value(of: value) {
            case .string(let text):
                if let pointer = capturePointer(text, at: value.location) {
                    captures.append(StepCapture(name: name, source: .json(pointer), at: keyLocation))
                }
            case .object:
                guard
                    let members = reader.members(
                        of: value,
                        context: "capture",
                        key: name,
                        allowed: ["json", "header", "status"]
                    ), members.count == 1
                else {
                    if (value.node.mapping ?? []).count > 1 {
                        reader.error(
                            "capture '\(name)' must name one source: json, header or status",
                            at: value.location
                        )
                    }
                    continue
                }
                let (key, _, source) = members[0]
                switch key {
                case "json":
                    if let text = reader.string(source, key: key, allowEmpty: true),
                        let pointer = capturePointer(text, at: source.location)
                    {
                        captures.append(StepCapture(name: name, source: .json(pointer), at: keyLocation))
                    }
                case "header":
                    if let header = reader.string(source, key: key) {
                        captures.append(StepCapture(name: name, source: .header(header), at: keyLocation))
                    }
                default:
                    if reader.boolean(source, key: key) == true {
                        captures.append(StepCapture(name: name, source: .status, at: keyLocation))
                    }
                }
            default:
                reader.typeError("a JSON pointer or { header: Name }", for: name, value)
            }
        }
        return captures
    }

    private mutating func capturePointer(_ text: String, at location: FileLocation) -> JSONPointer? {
        guard let pointer = try? JSONPointer(parsing: text) else {
            reader.error("'\(text)' is not a JSON pointer: write '/content/accountTokens/0/accessToken'", at: location)
            return nil
        }
        return pointer
    }
}
