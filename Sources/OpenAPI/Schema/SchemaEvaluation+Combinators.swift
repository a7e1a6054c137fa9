import JSON

extension SchemaEvaluation {
    /// `allOf`, `anyOf`, `oneOf`, `not`, and a `discriminator` that picks the `oneOf`/`anyOf` branch.
    mutating func checkCombinators(_ value: JSONValue, node: Int, index: Int) -> Bool {
        var isValid = true
        for member in nodes[node].allOf where !check(value, member) {
            guard isCollecting else { return false }
            isValid = false
        }
        var branchesDecided = false
        if let discriminator = nodes[node].discriminator, discriminator.selectsBranch {
            if isDispatching(index) {
                branchesDecided = true  // reached again from the branch this discriminator chose
            } else if let outcome = dispatch(value, node: node, index: index, discriminator) {
                branchesDecided = true
                if !outcome {
                    guard isCollecting else { return false }
                    isValid = false
                }
            }
        }
        if !branchesDecided && !nodes[node].anyOf.isEmpty {
            if !nodes[node].anyOf.contains(where: { quickCheck(value, $0) }) {
                guard isCollecting else { return false }
                explainNoMatch(value, node: node, keyword: "anyOf", branches: nodes[node].anyOf)
                isValid = false
            }
        }
        if !branchesDecided && !nodes[node].oneOf.isEmpty {
            var matching: [Int] = []
            for (position, branch) in nodes[node].oneOf.enumerated() where quickCheck(value, branch) {
                matching.append(position)
                if matching.count > 1 && !isCollecting { return false }
            }
            if matching.count != 1 {
                guard isCollecting else { return false }
                if matching.isEmpty {
                    explainNoMatch(value, node: node, keyword: "oneOf", branches: nodes[node].oneOf)
                } else {
                    let names = matching.map { Messages.branchName(nodes[nodes[node].oneOf[$0]], position: $0) }
                    report(
                        node,
                        "oneOf",
                        expected: "exactly one of \(nodes[node].oneOf.count) schemas",
                        value,
                        "matches \(matching.count) of the \(nodes[node].oneOf.count) schemas in oneOf "
                            + "(\(names.joined(separator: ", "))); it must match exactly one"
                    )
                }
                isValid = false
            }
        }
        if let negated = nodes[node].not, quickCheck(value, negated) {
            guard isCollecting else { return false }
            report(
                node,
                "not",
                expected: "a value the 'not' schema rejects",
                value,
                "\(ValueDisplay.short(value, at: path, limit: 60)) must not match the schema in 'not'"
            )
            isValid = false
        }
        return isValid
    }

    private func isDispatching(_ index: Int) -> Bool {
        activeDispatchContains(index)
    }

    /// Explains a failed `anyOf`/`oneOf` by the branch that came closest, not by every branch.
    private mutating func explainNoMatch(_ value: JSONValue, node: Int, keyword: String, branches: [Int]) {
        var best: (position: Int, score: Int, violations: [SchemaViolation])?
        let here = JSONPointer(tokens: path)
        for (position, branch) in branches.enumerated() {
            let start = violations.count
            _ = check(value, branch)
            let produced = Array(violations[start...])
            violations.removeSubrange(start...)
            let wrongType = produced.contains { $0.keyword == "type" && $0.instancePath == here }
            let score = (wrongType ? 10_000 : 0) + produced.count
            if best == nil || score < best?.score ?? Int.max {
                best = (position, score, produced)
            }
        }
        guard let best else { return }
        let name = Messages.branchName(nodes[branches[best.position]], position: best.position)
        var message = "matches none of the \(branches.count) schemas in \(keyword)"
        if let first = best.violations.first {
            let place = first.instancePath == here ? "" : " at \(first.instancePathText)"
            message += "; the closest is \(name), which fails\(place): \(first.message)"
        }
        report(node, keyword, expected: "one of \(branches.count) schemas", value, message)
        violations += best.violations
    }

    /// Follows a discriminator: the instance's property names the schema it must satisfy.
    ///
    /// - Returns: The outcome, or `nil` when no dispatch applies (the base schema's own name, or a missing
    ///   property for a base schema extended with `allOf`), so the schema is checked as written.
    mutating func dispatch(
        _ value: JSONValue,
        node: Int,
        index: Int,
        _ discriminator: DiscriminatorConstraint
    ) -> Bool? {
        guard case .object(let object) = value, !activeDispatchContains(index) else { return nil }
        let property = discriminator.propertyName
        guard let tag = object[property] else {
            guard discriminator.selectsBranch else { return nil }
            report(
                node,
                "discriminator",
                ["propertyName"],
                expected: "property '\(property)'",
                value,
                "discriminator property '\(property)' is missing; it selects one of "
                    + Messages.list(discriminator.valueOrder)
            )
            return false
        }
        guard case .string(let name) = tag else {
            path.append(property)
            report(
                node,
                "discriminator",
                ["propertyName"],
                expected: "a string",
                tag,
                "discriminator property '\(property)' must be a string naming a schema, not \(tag.typeName)"
            )
            path.removeLast()
            return false
        }
        guard let target = discriminator.targets[name] else {
            if name == nodes[node].name { return nil }
            path.append(property)
            report(
                node,
                "discriminator",
                expected: "one of \(Messages.list(discriminator.valueOrder))",
                tag,
                "\(ValueDisplay.quoted(name)) is not a discriminator value of \(nodes[node].name ?? "this schema"); "
                    + "expected one of \(Messages.list(discriminator.valueOrder))"
            )
            path.removeLast()
            return false
        }
        if target == index { return nil }
        pushDispatch(index)
        defer { popDispatch() }
        return check(value, target)
    }
}
