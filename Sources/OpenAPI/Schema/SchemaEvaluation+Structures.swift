import JSON

extension SchemaEvaluation {
    // MARK: - Arrays

    mutating func checkArray(
        _ elements: [JSONValue],
        _ value: JSONValue,
        _ constraints: ArrayConstraints,
        _ node: Int
    ) -> Bool {
        var isValid = true
        if let minimum = constraints.minItems, elements.count < minimum {
            guard isCollecting else { return false }
            report(
                node,
                "minItems",
                expected: "at least \(minimum) items",
                value,
                "has \(elements.count) item\(elements.count == 1 ? "" : "s"), fewer than the minimum \(minimum)"
            )
            isValid = false
        }
        if let maximum = constraints.maxItems, elements.count > maximum {
            guard isCollecting else { return false }
            report(
                node,
                "maxItems",
                expected: "at most \(maximum) items",
                value,
                "has \(elements.count) items, more than the maximum \(maximum)"
            )
            isValid = false
        }
        switch constraints.items {
        case .any:
            break
        case .all(let itemNode):
            let allValid = elements.withUnsafeBufferPointer { items in
                var allValid = true
                for position in items.indices where !checkChild(items[position], itemNode, token: String(position)) {
                    guard isCollecting else { return false }
                    allValid = false
                }
                return allValid
            }
            if !allValid {
                guard isCollecting else { return false }
                isValid = false
            }
        case .tuple(let itemNodes, let additional):
            for (position, element) in elements.enumerated() {
                if position < itemNodes.count {
                    if !checkChild(element, itemNodes[position], token: String(position)) {
                        guard isCollecting else { return false }
                        isValid = false
                    }
                    continue
                }
                switch additional {
                case .allowed:
                    break
                case .forbidden:
                    guard isCollecting else { return false }
                    report(
                        node,
                        "additionalItems",
                        expected: "at most \(itemNodes.count) items",
                        value,
                        "has \(elements.count) items; the schema allows \(itemNodes.count) (additionalItems is false)"
                    )
                    return false
                case .schema(let extra):
                    if !checkChild(element, extra, token: String(position)) {
                        guard isCollecting else { return false }
                        isValid = false
                    }
                }
            }
        }
        if constraints.uniqueItems && elements.count > 1 {
            var seen = Set<ExactJSON.Key>(minimumCapacity: elements.count)
            for (position, element) in elements.enumerated() where !seen.insert(ExactJSON.Key(value: element)).inserted
            {
                guard isCollecting else { return false }
                let first = elements.firstIndex { ExactJSON.equal($0, element) } ?? 0
                report(
                    node,
                    "uniqueItems",
                    expected: "unique items",
                    value,
                    "items \(first) and \(position) are equal (\(ValueDisplay.short(element, at: path, limit: 60))); "
                        + "items must be unique"
                )
                isValid = false
                break
            }
        }
        return isValid
    }

    // MARK: - Objects

    mutating func checkObject(
        _ object: JSONObject,
        _ value: JSONValue,
        _ constraints: ObjectConstraints,
        _ node: Int
    ) -> Bool {
        var isValid = true
        if let minimum = constraints.minProperties, object.count < minimum {
            guard isCollecting else { return false }
            report(
                node,
                "minProperties",
                expected: "at least \(minimum) properties",
                value,
                "has \(object.count) properties, fewer than the minimum \(minimum)"
            )
            isValid = false
        }
        if let maximum = constraints.maxProperties, object.count > maximum {
            guard isCollecting else { return false }
            report(
                node,
                "maxProperties",
                expected: "at most \(maximum) properties",
                value,
                "has \(object.count) properties, more than the maximum \(maximum)"
            )
            isValid = false
        }
        if constraints.checksMembers && !checkMembers(object, constraints, node) {
            guard isCollecting else { return false }
            isValid = false
        }
        for name in constraints.required where object[name] == nil {
            if let propertyNode = constraints.properties[name] {
                let property = nodes[propertyNode]
                if context == .request && property.isReadOnly { continue }
                if context == .response && property.isWriteOnly { continue }
            }
            guard isCollecting else { return false }
            report(
                node,
                "required",
                expected: "property '\(name)'",
                value,
                "required property '\(name)' is missing" + Messages.presentKeys(object)
            )
            isValid = false
        }
        for (property, requirement) in constraints.dependencies where object[property] != nil {
            switch requirement {
            case .properties(let names):
                for name in names where object[name] == nil {
                    guard isCollecting else { return false }
                    report(
                        node,
                        "dependencies",
                        [property],
                        expected: "property '\(name)'",
                        value,
                        "property '\(name)' is required when '\(property)' is present"
                    )
                    isValid = false
                }
            case .schema(let dependency):
                if !check(value, dependency) {
                    guard isCollecting else { return false }
                    isValid = false
                }
            }
        }
        return isValid
    }

    /// `properties`, `patternProperties` and `additionalProperties` over the members, read in place.
    private mutating func checkMembers(
        _ object: JSONObject,
        _ constraints: ObjectConstraints,
        _ node: Int
    ) -> Bool {
        let order = constraints.propertyOrder
        let hasPatterns = !constraints.patternProperties.isEmpty
        var cursor = 0
        var isValid = true
        return object.members.withUnsafeBufferPointer { members in
            for position in members.indices {
                var isDeclared = false
                // Bodies usually list members in the schema's order: try the next declared name before hashing.
                var propertyNode: Int?
                if cursor < order.count && order[cursor] == members[position].key {
                    propertyNode = constraints.propertyNodes[cursor]
                    cursor += 1
                } else if let found = constraints.positions[members[position].key] {
                    propertyNode = constraints.propertyNodes[found]
                    cursor = found + 1
                }
                if let propertyNode {
                    isDeclared = true
                    if !checkChild(members[position].value, propertyNode, token: members[position].key) {
                        guard isCollecting else { return false }
                        isValid = false
                    }
                }
                if hasPatterns {
                    let key = members[position].key
                    for (regex, patternNode) in constraints.patternProperties
                    where (try? regex.matches(in: key)) ?? true {
                        isDeclared = true
                        if !checkChild(members[position].value, patternNode, token: key) {
                            guard isCollecting else { return false }
                            isValid = false
                        }
                    }
                }
                if isDeclared { continue }
                switch constraints.additional {
                case .allowed:
                    break
                case .forbidden:
                    guard isCollecting else { return false }
                    let key = members[position].key
                    path.append(key)
                    report(
                        node,
                        "additionalProperties",
                        expected: "no property '\(key)'",
                        members[position].value,
                        Messages.unexpectedProperty(key, constraints)
                    )
                    path.removeLast()
                    isValid = false
                case .schema(let extra):
                    if !checkChild(members[position].value, extra, token: members[position].key) {
                        guard isCollecting else { return false }
                        isValid = false
                    }
                }
            }
            return isValid
        }
    }
}
