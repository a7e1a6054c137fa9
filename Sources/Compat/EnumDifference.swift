import JSON

/// What changed between two `enum` lists: values removed, added, and renamed by letter case only.
struct EnumDifference {
    /// Old values (with their index in the old list) that are gone and are no case-only rename.
    var removed: [(value: JSONValue, index: Int)] = []
    /// New values (with their index in the new list) that are new and are no case-only rename.
    var added: [(value: JSONValue, index: Int)] = []
    /// Strings that differ only in case, one old value to one new value, with their indexes.
    var renamedByCase: [(old: String, oldIndex: Int, new: String, newIndex: Int)] = []

    /// Compares two lists.
    ///
    /// A removed string and an added string are a case-only rename when they are equal ignoring case and neither has
    /// another counterpart ignoring case: `Robinhood` → `robinhood` is one rename, while `Ok` → `ok` and `OK` would
    /// stay a removal and two additions.
    init(old: [JSONValue], new: [JSONValue]) {
        let oldSet = Set(old)
        let newSet = Set(new)
        let removed = old.enumerated().filter { !newSet.contains($0.element) }
        let added = new.enumerated().filter { !oldSet.contains($0.element) }
        var removedByFolded: [String: [Int]] = [:]
        var addedByFolded: [String: [Int]] = [:]
        for (position, entry) in removed.enumerated() {
            if case .string(let text) = entry.element {
                removedByFolded[text.lowercased(), default: []].append(position)
            }
        }
        for (position, entry) in added.enumerated() {
            if case .string(let text) = entry.element { addedByFolded[text.lowercased(), default: []].append(position) }
        }
        var renamedRemoved: Set<Int> = []
        var renamedAdded: Set<Int> = []
        for (position, entry) in removed.enumerated() {
            guard case .string(let text) = entry.element,
                let removedMatches = removedByFolded[text.lowercased()], removedMatches.count == 1,
                let addedMatches = addedByFolded[text.lowercased()], addedMatches.count == 1,
                let addedPosition = addedMatches.first,
                case .string(let newText) = added[addedPosition].element
            else { continue }
            renamedByCase.append((text, entry.offset, newText, added[addedPosition].offset))
            renamedRemoved.insert(position)
            renamedAdded.insert(addedPosition)
        }
        for (position, entry) in removed.enumerated() where !renamedRemoved.contains(position) {
            self.removed.append((entry.element, entry.offset))
        }
        for (position, entry) in added.enumerated() where !renamedAdded.contains(position) {
            self.added.append((entry.element, entry.offset))
        }
    }

    /// `a, b, c and 4 more`, strings without quotes.
    static func list(_ values: [JSONValue], limit: Int = 8) -> String {
        let shown = values.prefix(limit).map(display)
        let rest = values.count - shown.count
        return shown.joined(separator: ", ") + (rest > 0 ? " and \(rest) more" : "")
    }

    /// A value as messages show it: strings bare, anything else as JSON.
    static func display(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.serialized()
    }
}

extension ComparisonRun {
    mutating func compareEnums(_ pair: SchemaPair) {
        let subject = name(of: pair, keyword: pair.new.enumValues?.pointer)
        switch (pair.old.enumValues, pair.new.enumValues) {
        case (nil, nil):
            return
        case (nil, let now?):
            let count = now.value.count
            let values = EnumDifference.list(now.value)
            if pair.isRequest {
                record(
                    .requestConstraintTightened,
                    node: pair.node,
                    old: pair.old.pointer,
                    new: now.pointer,
                    "\(subject) is now limited to \(count) value\(count == 1 ? "" : "s") (\(values)): requests with "
                        + "other values are rejected."
                )
            } else {
                record(
                    .responseConstraintTightened,
                    node: pair.node,
                    old: pair.old.pointer,
                    new: now.pointer,
                    "\(subject) is now limited to \(count) value\(count == 1 ? "" : "s") (\(values)); clients "
                        + "already accept them."
                )
            }
        case (let was?, nil):
            let count = was.value.count
            if pair.isRequest {
                record(
                    .requestConstraintRelaxed,
                    node: pair.node,
                    old: was.pointer,
                    new: pair.new.pointer,
                    "\(subject) is no longer limited to its \(count) enum values; every request valid before is "
                        + "still valid."
                )
            } else {
                record(
                    .responseConstraintRelaxed,
                    node: pair.node,
                    old: was.pointer,
                    new: pair.new.pointer,
                    "\(subject) is no longer limited to its \(count) enum values: clients meet values they do not "
                        + "know."
                )
            }
        case (let was?, let now?):
            compareEnumValues(pair, was, now)
        }
    }

    private mutating func compareEnumValues(
        _ pair: SchemaPair,
        _ was: Located<[JSONValue]>,
        _ now: Located<[JSONValue]>
    ) {
        let difference = EnumDifference(old: was.value, new: now.value)
        let subject = name(of: pair, keyword: now.pointer)
        if let first = difference.renamedByCase.first {
            let count = difference.renamedByCase.count
            let examples = difference.renamedByCase.prefix(3).map { "\($0.old) → \($0.new)" }.joined(separator: ", ")
            let more = count > 3 ? ", …" : ""
            record(
                .enumValuesRenamedByCase,
                node: pair.node,
                old: was.pointer.appending(index: first.oldIndex),
                new: now.pointer.appending(index: first.newIndex),
                "\(count) value\(count == 1 ? " of \(subject) was" : "s of \(subject) were") renamed by case only "
                    + "(\(examples)\(more)): enum values are case-sensitive, so requests with the old spelling are "
                    + "rejected and clients matching responses on it miss them."
            )
        }
        if let first = difference.removed.first {
            let count = difference.removed.count
            let values = EnumDifference.list(difference.removed.map(\.value))
            let plural = count == 1 ? "value" : "values"
            if pair.isRequest {
                record(
                    .requestEnumValueRemoved,
                    node: pair.node,
                    old: was.pointer.appending(index: first.index),
                    new: now.pointer,
                    "\(subject) no longer accepts \(count) \(plural) (\(values)): requests that send "
                        + "\(count == 1 ? "it" : "them") are rejected."
                )
            } else {
                record(
                    .responseEnumValueRemoved,
                    node: pair.node,
                    old: was.pointer.appending(index: first.index),
                    new: now.pointer,
                    "\(subject) no longer returns \(count) \(plural) (\(values)): clients that wait for or branch on "
                        + "\(count == 1 ? "it" : "them") never see \(count == 1 ? "it" : "them") again."
                )
            }
        }
        if let first = difference.added.first {
            let count = difference.added.count
            let values = EnumDifference.list(difference.added.map(\.value))
            let plural = count == 1 ? "value" : "values"
            if pair.isRequest {
                record(
                    .requestEnumValueAdded,
                    node: pair.node,
                    old: was.pointer,
                    new: now.pointer.appending(index: first.index),
                    "\(subject) accepts \(count) new \(plural) (\(values)); existing requests are unaffected."
                )
            } else {
                record(
                    .responseEnumValueAdded,
                    node: pair.node,
                    old: was.pointer,
                    new: now.pointer.appending(index: first.index),
                    "\(subject) has \(count) new \(plural) (\(values)): clients that decode it into a closed enum "
                        + "or switch over it exhaustively meet \(count == 1 ? "a value" : "values") they do not know."
                )
            }
        }
    }
}
