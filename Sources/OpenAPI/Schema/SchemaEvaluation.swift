import JSON

/// One validation run of an instance against compiled nodes.
///
/// The same code answers "is it valid?" (``isCollecting`` false: it returns at the first failure and allocates
/// nothing for paths) and "what is wrong?" (every violation collected, with instance paths). A validator tries
/// the fast way first and collects only when the instance is invalid, so valid bodies cost the least.
struct SchemaEvaluation {
    let program: SchemaProgram
    let nodes: [SchemaNode]
    let context: ValidationContext
    var isCollecting: Bool
    var path: [String] = []
    var violations: [SchemaViolation] = []
    private var depth = 0
    private var instanceDepth = 0
    /// Discriminators being followed, by node and instance depth, so a branch that extends its base with
    /// `allOf` does not dispatch again from the base.
    private var activeDispatch: [(node: Int, depth: Int)] = []

    /// The deepest chain of schemas applied to one value before the evaluator gives up (a schema that refers
    /// to itself without consuming the value, such as `allOf: [{$ref: '#'}]`).
    static let depthLimit = 200

    init(program: SchemaProgram, context: ValidationContext, isCollecting: Bool) {
        self.program = program
        self.nodes = program.nodes
        self.context = context
        self.isCollecting = isCollecting
    }

    /// Whether `value` is valid against node `index`; when collecting, every violation is appended.
    mutating func check(_ value: JSONValue, _ index: Int) -> Bool {
        // Nodes are plain structs read in place (`nodes[node].field`): copying one would retain its references.
        let node = index
        if nodes[node].acceptsEverything { return true }
        if nodes[node].isNullable, case .null = value { return true }
        if nodes[node].hasBrokenReference, let broken = nodes[node].brokenReference {
            report(node, "$ref", expected: "a resolvable $ref", value, broken)
            return false
        }
        guard depth < Self.depthLimit else {
            report(node, "$ref", expected: "a finite chain of schemas", value, Messages.tooDeep(Self.depthLimit))
            return false
        }
        depth += 1
        defer { depth -= 1 }
        if !nodes[node].types.isEmpty && !nodes[node].types.allows(value) {
            report(
                node,
                "type",
                expected: nodes[node].types.description,
                value,
                Messages.type(nodes[node], value, shown: shown(value))
            )
            return false
        }
        if nodes[node].dispatchesToExtensions, let discriminator = nodes[node].discriminator,
            let outcome = dispatch(value, node: node, index: index, discriminator)
        {
            return outcome
        }
        var isValid = true
        if let enumeration = nodes[node].enumeration, !enumeration.contains(value) {
            guard isCollecting else { return false }
            report(
                node,
                "enum",
                expected: Messages.enumExpectation(enumeration),
                value,
                Messages.notInEnum(nodes[node], value, shown: shown(value))
            )
            isValid = false
        }
        if let constraints = nodes[node].object {
            if case .object(let object) = value, !checkObject(object, value, constraints, node) {
                guard isCollecting else { return false }
                isValid = false
            }
        }
        if let constraints = nodes[node].array {
            if case .array(let elements) = value, !checkArray(elements, value, constraints, node) {
                guard isCollecting else { return false }
                isValid = false
            }
        }
        if let numeric = nodes[node].numeric, case .number(let number) = value, !checkNumber(number, numeric, node) {
            guard isCollecting else { return false }
            isValid = false
        }
        if let constraints = nodes[node].string, case .string(let string) = value,
            !checkString(string, constraints, node)
        {
            guard isCollecting else { return false }
            isValid = false
        }
        if let format = nodes[node].format, !format.accepts(value) {
            guard isCollecting else { return false }
            report(node, "format", expected: format.expectation, value, Messages.format(format, shown: shown(value)))
            isValid = false
        }
        if nodes[node].hasCombinators {
            if !checkCombinators(value, node: node, index: index) {
                guard isCollecting else { return false }
                isValid = false
            }
        }
        return isValid
    }

    func activeDispatchContains(_ node: Int) -> Bool {
        activeDispatch.contains { $0.node == node && $0.depth == instanceDepth }
    }

    mutating func pushDispatch(_ node: Int) {
        activeDispatch.append((node, instanceDepth))
    }

    mutating func popDispatch() {
        activeDispatch.removeLast()
    }

    /// Whether `value` is valid against node `index`, without collecting.
    mutating func quickCheck(_ value: JSONValue, _ index: Int) -> Bool {
        let saved = isCollecting
        isCollecting = false
        let result = check(value, index)
        isCollecting = saved
        return result
    }

    // MARK: - Reporting

    /// `value` for a message: compact JSON, shortened, masked when the path names a secret.
    func shown(_ value: JSONValue, limit: Int = 60) -> String {
        ValueDisplay.short(value, at: path, limit: limit)
    }

    mutating func report(
        _ node: Int,
        _ keyword: String,
        _ extraTokens: [String] = [],
        expected: String,
        _ value: JSONValue,
        _ message: String
    ) {
        guard isCollecting else { return }
        var schemaPath = nodes[node].pointer.appending(keyword)
        for token in extraTokens { schemaPath = schemaPath.appending(token) }
        violations.append(
            SchemaViolation(
                keyword: keyword,
                instancePath: JSONPointer(tokens: path),
                schemaPath: schemaPath,
                schemaLocation: program.location(document: nodes[node].document, pointer: schemaPath),
                expected: expected,
                actual: ValueDisplay.short(value, at: path),
                message: message
            )
        )
    }

    /// Checks a member or element, with the path extended while collecting.
    mutating func checkChild(_ value: JSONValue, _ index: Int, token: @autoclosure () -> String) -> Bool {
        if nodes[index].acceptsEverything { return true }
        instanceDepth += 1
        defer { instanceDepth -= 1 }
        guard isCollecting else { return check(value, index) }
        path.append(token())
        defer { path.removeLast() }
        return check(value, index)
    }

    // MARK: - Numbers and strings

    private mutating func checkNumber(_ number: JSONNumber, _ numeric: NumericConstraints, _ node: Int) -> Bool {
        var isValid = true
        let value = JSONValue.number(number)
        if let minimum = numeric.minimum {
            let fails = numeric.isMinimumExclusive ? !(minimum < number) : number < minimum
            if fails {
                guard isCollecting else { return false }
                let expectation = (numeric.isMinimumExclusive ? "greater than " : "at least ") + minimum.text
                report(node, "minimum", expected: expectation, value, "\(number.text) is not \(expectation)")
                isValid = false
            }
        }
        if let maximum = numeric.maximum {
            let fails = numeric.isMaximumExclusive ? !(number < maximum) : maximum < number
            if fails {
                guard isCollecting else { return false }
                let expectation = (numeric.isMaximumExclusive ? "less than " : "at most ") + maximum.text
                report(node, "maximum", expected: expectation, value, "\(number.text) is not \(expectation)")
                isValid = false
            }
        }
        if let divisor = numeric.multipleOfExact, let text = numeric.multipleOf?.text,
            !number.exactValue.isMultiple(of: divisor)
        {
            guard isCollecting else { return false }
            report(
                node,
                "multipleOf",
                expected: "a multiple of \(text)",
                value,
                "\(number.text) is not a multiple of \(text)"
            )
            isValid = false
        }
        return isValid
    }

    private mutating func checkString(_ string: String, _ constraints: StringConstraints, _ node: Int) -> Bool {
        var isValid = true
        let value = JSONValue.string(string)
        if constraints.minLength != nil || constraints.maxLength != nil {
            let utf8Count = string.utf8.count
            // A code point takes 1 to 4 UTF-8 bytes: count them only when the byte count cannot decide.
            var length: Int?
            func codePoints() -> Int {
                if let length { return length }
                let counted = string.unicodeScalars.count
                length = counted
                return counted
            }
            if let minimum = constraints.minLength,
                utf8Count < minimum || (utf8Count < 4 * minimum && codePoints() < minimum)
            {
                guard isCollecting else { return false }
                report(
                    node,
                    "minLength",
                    expected: "at least \(minimum) characters",
                    value,
                    Messages.length(shown: shown(value), codePoints(), "at least", minimum)
                )
                isValid = false
            }
            if let maximum = constraints.maxLength, utf8Count > maximum && codePoints() > maximum {
                guard isCollecting else { return false }
                report(
                    node,
                    "maxLength",
                    expected: "at most \(maximum) characters",
                    value,
                    Messages.length(shown: shown(value), codePoints(), "at most", maximum)
                )
                isValid = false
            }
        }
        if let pattern = constraints.pattern {
            do {
                if try !pattern.matches(in: string) {
                    guard isCollecting else { return false }
                    report(
                        node,
                        "pattern",
                        expected: "text matching /\(pattern.pattern)/",
                        value,
                        "\(ValueDisplay.short(value, at: path)) does not match the pattern /\(pattern.pattern)/"
                    )
                    isValid = false
                }
            } catch {
                guard isCollecting else { return false }
                report(
                    node,
                    "pattern",
                    expected: "text matching /\(pattern.pattern)/",
                    value,
                    "cannot check /\(pattern.pattern)/: \(error)"
                )
                isValid = false
            }
        }
        return isValid
    }
}
