import JSON

extension ComparisonRun {
    /// Compares the properties of an object pair: added, removed, required or not, then each common property.
    ///
    /// In requests, properties marked `readOnly` are not sent and are skipped; in responses, `writeOnly` ones.
    mutating func compareProperties(_ pair: SchemaPair) {
        let oldNames = Set(pair.old.properties.map(\.name))
        let newNames = Set(pair.new.properties.map(\.name))
        for (propertyName, pointer) in pair.new.properties where !oldNames.contains(propertyName) {
            guard !Self.isHidden(new.flatten(pointer), in: pair.direction) else { continue }
            let subject = SubjectName.of(pointer, in: new.root)
            switch pair.direction {
            case .request where pair.new.required[propertyName] != nil:
                record(
                    .requestRequiredPropertyAdded,
                    node: pair.node,
                    old: pair.old.propertiesPointer ?? pair.old.pointer,
                    new: pointer,
                    "\(subject) is a new required property: existing clients do not send it and are rejected."
                )
            case .request:
                record(
                    .requestPropertyAdded,
                    node: pair.node,
                    old: pair.old.propertiesPointer ?? pair.old.pointer,
                    new: pointer,
                    "\(subject) is a new optional property; existing clients do without it."
                )
            case .response:
                record(
                    .responsePropertyAdded,
                    node: pair.node,
                    old: pair.old.propertiesPointer ?? pair.old.pointer,
                    new: pointer,
                    "\(subject) is a new property; clients that ignore unknown properties are unaffected."
                )
            }
        }
        for (propertyName, pointer) in pair.old.properties where !newNames.contains(propertyName) {
            guard !Self.isHidden(old.flatten(pointer), in: pair.direction) else { continue }
            let subject = SubjectName.of(pointer, in: old.root)
            switch pair.direction {
            case .request:
                if case .forbidden(let forbidding) = pair.new.additionalProperties {
                    record(
                        .requestPropertyNowRejected,
                        node: pair.node,
                        old: pointer,
                        new: forbidding,
                        "\(subject) was removed and unknown properties are forbidden: clients that still send it are "
                            + "rejected."
                    )
                } else {
                    record(
                        .requestPropertyRemoved,
                        node: pair.node,
                        old: pointer,
                        new: pair.new.pointer,
                        "\(subject) was removed: clients that still send it have it ignored."
                    )
                }
            case .response where pair.old.required[propertyName] != nil:
                record(
                    .responseRequiredPropertyRemoved,
                    node: pair.node,
                    old: pointer,
                    new: pair.new.propertiesPointer ?? pair.new.pointer,
                    "\(subject) was removed though it was required: clients that read it fail."
                )
            case .response:
                record(
                    .responseOptionalPropertyRemoved,
                    node: pair.node,
                    old: pointer,
                    new: pair.new.propertiesPointer ?? pair.new.pointer,
                    "\(subject) was removed: clients already cope with its absence, but lose what it carried."
                )
            }
        }
        for (propertyName, newPointer) in pair.new.properties {
            guard let oldPointer = pair.old.property(named: propertyName) else { continue }
            let oldProperty = old.flatten(oldPointer)
            let newProperty = new.flatten(newPointer)
            if Self.isHidden(oldProperty, in: pair.direction) && Self.isHidden(newProperty, in: pair.direction) {
                continue
            }
            compareRequired(pair, propertyName, oldPointer, newPointer)
            link(pair.node, to: oldPointer, newPointer)
        }
    }

    /// Whether a property is left out in this direction: `readOnly` in requests, `writeOnly` in responses.
    private static func isHidden(_ property: FlatSchema?, in direction: Direction) -> Bool {
        guard let property else { return false }
        return direction == .request ? property.isReadOnly : property.isWriteOnly
    }

    private mutating func compareRequired(
        _ pair: SchemaPair,
        _ propertyName: String,
        _ oldPointer: JSONPointer,
        _ newPointer: JSONPointer
    ) {
        let oldEntry = pair.old.required[propertyName]
        let newEntry = pair.new.required[propertyName]
        guard (oldEntry == nil) != (newEntry == nil) else { return }
        let subject = SubjectName.of(newPointer, in: new.root)
        switch (pair.direction, newEntry) {
        case (.request, let entry?):
            record(
                .requestPropertyBecameRequired,
                node: pair.node,
                old: oldPointer,
                new: entry,
                "\(subject) became required: clients that omit it are rejected."
            )
        case (.request, nil):
            record(
                .requestPropertyBecameOptional,
                node: pair.node,
                old: oldEntry ?? oldPointer,
                new: newPointer,
                "\(subject) became optional; clients that send it are unaffected."
            )
        case (.response, nil):
            record(
                .responsePropertyBecameOptional,
                node: pair.node,
                old: oldEntry ?? oldPointer,
                new: newPointer,
                "\(subject) is no longer required: clients that rely on it fail when it is missing."
            )
        case (.response, let entry?):
            record(
                .responsePropertyBecameRequired,
                node: pair.node,
                old: oldPointer,
                new: entry,
                "\(subject) is now required; clients already handle it."
            )
        }
    }

    /// Compares `additionalProperties`: `false` is the strictest, an open schema the loosest.
    mutating func compareAdditionalProperties(_ pair: SchemaPair) {
        let subject = SubjectName.of(pair.new.pointer, in: new.root)
        let oldPointer: JSONPointer
        let newPointer: JSONPointer
        let description: String
        let isStricter: Bool
        switch (pair.old.additionalProperties, pair.new.additionalProperties) {
        case (.open, .open), (.forbidden, .forbidden):
            return
        case (.schema(let was), .schema(let now)):
            link(pair.node, to: was, now)
            return
        case (.open, .forbidden(let now)):
            (oldPointer, newPointer, isStricter) = (pair.old.pointer, now, true)
            description = "now forbids properties it does not list (additionalProperties: false)"
        case (.schema(let was), .forbidden(let now)):
            (oldPointer, newPointer, isStricter) = (was, now, true)
            description = "now forbids properties it does not list (additionalProperties: false)"
        case (.open, .schema(let now)):
            (oldPointer, newPointer, isStricter) = (pair.old.pointer, now, true)
            description = "now constrains properties it does not list (additionalProperties)"
        case (.forbidden(let was), .open):
            (oldPointer, newPointer, isStricter) = (was, pair.new.pointer, false)
            description = "now allows properties it does not list"
        case (.forbidden(let was), .schema(let now)):
            (oldPointer, newPointer, isStricter) = (was, now, false)
            description = "now allows properties it does not list (additionalProperties)"
        case (.schema(let was), .open):
            (oldPointer, newPointer, isStricter) = (was, pair.new.pointer, false)
            description = "no longer constrains properties it does not list"
        }
        switch (pair.direction, isStricter) {
        case (.request, true):
            record(
                .requestConstraintTightened,
                node: pair.node,
                old: oldPointer,
                new: newPointer,
                "\(subject) \(description): requests with extra properties can be rejected."
            )
        case (.request, false):
            record(
                .requestConstraintRelaxed,
                node: pair.node,
                old: oldPointer,
                new: newPointer,
                "\(subject) \(description); every request valid before is still valid."
            )
        case (.response, false):
            record(
                .responseConstraintRelaxed,
                node: pair.node,
                old: oldPointer,
                new: newPointer,
                "\(subject) \(description): clients that validate responses strictly meet properties they do not "
                    + "know."
            )
        case (.response, true):
            record(
                .responseConstraintTightened,
                node: pair.node,
                old: oldPointer,
                new: newPointer,
                "\(subject) \(description); responses stay within what clients already accept."
            )
        }
    }

    /// Compares the branches of `oneOf` or `anyOf`: branches pointing at the same component pair up, the rest in
    /// order; one left over is an alternative added or removed.
    mutating func compareAlternatives(
        _ pair: SchemaPair,
        _ oldBranches: [JSONPointer]?,
        _ newBranches: [JSONPointer]?,
        keyword: String
    ) {
        guard let oldBranches, let newBranches else { return }
        var unmatchedOld = Array(oldBranches.indices)
        var unmatchedNew = Array(newBranches.indices)
        for (newIndex, newBranch) in newBranches.enumerated() {
            let target = new.resolve(newBranch)
            guard target != newBranch, let name = target.tokens.last,
                let position = unmatchedOld.firstIndex(where: {
                    let oldTarget = old.resolve(oldBranches[$0])
                    return oldTarget != oldBranches[$0] && oldTarget.tokens.last == name
                })
            else { continue }
            link(pair.node, to: oldBranches[unmatchedOld[position]], newBranch)
            unmatchedOld.remove(at: position)
            unmatchedNew.removeAll { $0 == newIndex }
        }
        while !unmatchedOld.isEmpty, !unmatchedNew.isEmpty {
            link(pair.node, to: oldBranches[unmatchedOld.removeFirst()], newBranches[unmatchedNew.removeFirst()])
        }
        let subject = SubjectName.of(pair.new.pointer, in: new.root)
        for index in unmatchedOld {
            let branch = "\(keyword) alternative \(SubjectName.of(old.resolve(oldBranches[index]), in: old.root))"
            if pair.isRequest {
                record(
                    .requestConstraintTightened,
                    node: pair.node,
                    old: oldBranches[index],
                    new: pair.new.pointer,
                    "\(subject) lost its \(branch): requests that match only it are rejected."
                )
            } else {
                record(
                    .responseConstraintTightened,
                    node: pair.node,
                    old: oldBranches[index],
                    new: pair.new.pointer,
                    "\(subject) lost its \(branch); responses stay within what clients already accept."
                )
            }
        }
        for index in unmatchedNew {
            let branch = "\(keyword) alternative \(SubjectName.of(new.resolve(newBranches[index]), in: new.root))"
            if pair.isRequest {
                record(
                    .requestConstraintRelaxed,
                    node: pair.node,
                    old: pair.old.pointer,
                    new: newBranches[index],
                    "\(subject) has a new \(branch); every request valid before is still valid."
                )
            } else {
                record(
                    .responseConstraintRelaxed,
                    node: pair.node,
                    old: pair.old.pointer,
                    new: newBranches[index],
                    "\(subject) has a new \(branch): clients that know only the old alternatives meet a shape they "
                        + "cannot parse."
                )
            }
        }
    }
}
