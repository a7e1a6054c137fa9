import JSON

/// The two flattened schemas of one node, with what messages call them.
struct SchemaPair {
    var node: Int
    var old: FlatSchema
    var new: FlatSchema
    var direction: Direction

    var isRequest: Bool { direction == .request }
}

extension ComparisonRun {
    /// Compares one pair of schemas: type, format, null, enum, limits, then properties, items and alternatives.
    ///
    /// A type change that makes the old values invalid (or unparsable) ends the comparison of the pair: properties of
    /// an object that became a string say nothing more.
    mutating func compareSchemas(node id: Int) {
        let key = nodes[id].key
        guard let oldSchema = old.flatten(key.old), let newSchema = new.flatten(key.new),
            oldSchema.unresolvedReference == nil, newSchema.unresolvedReference == nil
        else { return }
        let pair = SchemaPair(
            node: id,
            old: oldSchema,
            new: newSchema,
            direction: key.direction
        )
        guard compareTypes(pair) else { return }
        compareFormats(pair)
        compareNullability(pair)
        compareEnums(pair)
        compareConstraints(pair)
        compareProperties(pair)
        compareAdditionalProperties(pair)
        if let oldItems = oldSchema.items, let newItems = newSchema.items {
            link(id, to: oldItems, newItems)
        }
        compareAlternatives(pair, oldSchema.oneOf, newSchema.oneOf, keyword: "oneOf")
        compareAlternatives(pair, oldSchema.anyOf, newSchema.anyOf, keyword: "anyOf")
    }

    /// Records a type change; returns `false` when the pair's types no longer overlap in the direction that matters.
    private mutating func compareTypes(_ pair: SchemaPair) -> Bool {
        let oldTypes = pair.old.types?.value
        let newTypes = pair.new.types?.value
        let oldPointer = pair.old.types?.pointer ?? pair.old.pointer
        let newPointer = pair.new.types?.pointer ?? pair.new.pointer
        let was = Self.typeText(oldTypes)
        let now = Self.typeText(newTypes)
        let subject = name(of: pair, keyword: pair.new.types?.pointer)
        if pair.isRequest {
            if !Self.accepts(newTypes, everyValueOf: oldTypes) {
                record(
                    .requestTypeChanged,
                    node: pair.node,
                    old: oldPointer,
                    new: newPointer,
                    "\(subject) changed type from \(was) to \(now): requests that send \(was) are rejected."
                )
                return false
            }
            if !Self.accepts(oldTypes, everyValueOf: newTypes) {
                record(
                    .requestConstraintRelaxed,
                    node: pair.node,
                    old: oldPointer,
                    new: newPointer,
                    "\(subject) now accepts \(now) (was \(was)); every request valid before is still valid."
                )
            }
        } else {
            if !Self.accepts(oldTypes, everyValueOf: newTypes) {
                record(
                    .responseTypeChanged,
                    node: pair.node,
                    old: oldPointer,
                    new: newPointer,
                    "\(subject) changed type from \(was) to \(now): clients that parse it as \(was) fail."
                )
                return false
            }
            if !Self.accepts(newTypes, everyValueOf: oldTypes) {
                record(
                    .responseConstraintTightened,
                    node: pair.node,
                    old: oldPointer,
                    new: newPointer,
                    "\(subject) narrowed from \(was) to \(now); clients that accept \(was) still accept it."
                )
            }
        }
        return true
    }

    /// What messages call the schema a change is in: the one holding the new spec's keyword, else the pair's.
    ///
    /// A keyword merged from an `allOf` member is named after that member, so the change reads the same whichever
    /// wrapper led to it.
    func name(of pair: SchemaPair, keyword: JSONPointer?) -> String {
        SubjectName.of(keyword?.parent ?? pair.new.pointer, in: new.root)
    }

    /// Whether a schema typed `accepting` takes every value of type `values` (`nil` is any type; number takes
    /// integers).
    static func accepts(_ accepting: Set<String>?, everyValueOf values: Set<String>?) -> Bool {
        guard let accepting else { return true }
        guard let values else { return false }
        return values.allSatisfy { accepting.contains($0) || ($0 == "integer" && accepting.contains("number")) }
    }

    static func typeText(_ types: Set<String>?) -> String {
        guard let types, !types.isEmpty else { return "any type" }
        return types.sorted().joined(separator: " or ")
    }

    /// Formats that only widen the values allowed: int32 to int64, float to double.
    static func widens(from old: String, to new: String) -> Bool {
        (old == "int32" && new == "int64") || (old == "float" && new == "double")
    }

    private mutating func compareFormats(_ pair: SchemaPair) {
        let oldFormat = pair.old.format?.value
        let newFormat = pair.new.format?.value
        guard oldFormat != newFormat else { return }
        let oldPointer = pair.old.format?.pointer ?? pair.old.pointer
        let newPointer = pair.new.format?.pointer ?? pair.new.pointer
        let subject = name(of: pair, keyword: pair.new.format?.pointer)
        let change: String
        switch (oldFormat, newFormat) {
        case (let was?, let now?): change = "changed format from \(was) to \(now)"
        case (nil, let now?): change = "now has format \(now)"
        case (let was?, nil): change = "no longer has format \(was)"
        case (nil, nil): return
        }
        let widened = newFormat == nil || (oldFormat.map { Self.widens(from: $0, to: newFormat ?? "") } ?? false)
        if pair.isRequest {
            if widened {
                record(
                    .requestConstraintRelaxed,
                    node: pair.node,
                    old: oldPointer,
                    new: newPointer,
                    "\(subject) \(change); every request valid before is still valid."
                )
            } else {
                record(
                    .requestFormatChanged,
                    node: pair.node,
                    old: oldPointer,
                    new: newPointer,
                    "\(subject) \(change): requests whose values do not match it are rejected."
                )
            }
            return
        }
        let narrowed = oldFormat == nil || (newFormat.map { Self.widens(from: $0, to: oldFormat ?? "") } ?? false)
        if widened {
            record(
                .responseConstraintRelaxed,
                node: pair.node,
                old: oldPointer,
                new: newPointer,
                "\(subject) \(change): clients that store or parse it as \(oldFormat ?? "") can fail on new values."
            )
        } else if narrowed {
            record(
                .responseConstraintTightened,
                node: pair.node,
                old: oldPointer,
                new: newPointer,
                "\(subject) \(change); clients that accept the old values still accept it."
            )
        } else {
            record(
                .responseFormatChanged,
                node: pair.node,
                old: oldPointer,
                new: newPointer,
                "\(subject) \(change): clients that parse it as \(oldFormat ?? "") fail."
            )
        }
    }

    private mutating func compareNullability(_ pair: SchemaPair) {
        let was = pair.old.isNullableValue
        let now = pair.new.isNullableValue
        guard was != now else { return }
        let oldPointer = pair.old.isNullable?.pointer ?? pair.old.pointer
        let newPointer = pair.new.isNullable?.pointer ?? pair.new.pointer
        let subject = name(of: pair, keyword: pair.new.isNullable?.pointer)
        switch (pair.direction, now) {
        case (.request, false):
            record(
                .requestPropertyNoLongerNullable,
                node: pair.node,
                old: oldPointer,
                new: newPointer,
                "\(subject) no longer accepts null: clients that send null are rejected."
            )
        case (.request, true):
            record(
                .requestConstraintRelaxed,
                node: pair.node,
                old: oldPointer,
                new: newPointer,
                "\(subject) now accepts null; every request valid before is still valid."
            )
        case (.response, true):
            record(
                .responsePropertyBecameNullable,
                node: pair.node,
                old: oldPointer,
                new: newPointer,
                "\(subject) can now be null: clients that use it without a null check fail."
            )
        case (.response, false):
            record(
                .responseConstraintTightened,
                node: pair.node,
                old: oldPointer,
                new: newPointer,
                "\(subject) is no longer null; clients that handle null are unaffected."
            )
        }
    }
}
