import JSON

extension ComparisonRun {
    /// Keywords that cap values from above: a smaller value is stricter.
    private static let upperBounds: Set<String> = ["maxLength", "maximum", "maxItems", "maxProperties"]
    /// Keywords that cap values from below: a larger value is stricter; absent means 0 for the counts.
    private static let lowerBounds: Set<String> = ["minLength", "minimum", "minItems", "minProperties"]

    private static let zero = JSONNumber(0).exactValue

    /// Compares maxLength, minimum, pattern and the other limits, each as stricter or looser for clients.
    mutating func compareConstraints(_ pair: SchemaPair) {
        for keyword in FlatSchema.constraintKeywords {
            let was = pair.old.constraints[keyword]
            let now = pair.new.constraints[keyword]
            guard was?.value != now?.value, let isStricter = Self.isStricter(keyword, was?.value, now?.value, pair)
            else { continue }
            let change: String
            switch (was, now) {
            case (let was?, let now?): change = "went from \(Self.display(was.value)) to \(Self.display(now.value))"
            case (nil, let now?): change = "was added (\(Self.display(now.value)))"
            case (let was?, nil): change = "was removed (it was \(Self.display(was.value)))"
            case (nil, nil): continue
            }
            let subject = "\(keyword) of \(name(of: pair, keyword: now?.pointer))"
            let oldPointer = was?.pointer ?? pair.old.pointer
            let newPointer = now?.pointer ?? pair.new.pointer
            switch (pair.direction, isStricter) {
            case (.request, true):
                record(
                    .requestConstraintTightened,
                    node: pair.node,
                    old: oldPointer,
                    new: newPointer,
                    "\(subject) \(change): requests that were valid before can be rejected."
                )
            case (.request, false):
                record(
                    .requestConstraintRelaxed,
                    node: pair.node,
                    old: oldPointer,
                    new: newPointer,
                    "\(subject) \(change); every request valid before is still valid."
                )
            case (.response, false):
                record(
                    .responseConstraintRelaxed,
                    node: pair.node,
                    old: oldPointer,
                    new: newPointer,
                    "\(subject) \(change): responses can carry values that clients built on the old limit do not "
                        + "expect."
                )
            case (.response, true):
                record(
                    .responseConstraintTightened,
                    node: pair.node,
                    old: oldPointer,
                    new: newPointer,
                    "\(subject) \(change); responses stay within what clients already accept."
                )
            }
        }
    }

    /// Whether the new value of `keyword` allows fewer values than the old one (`false`: more); `nil` when it makes
    /// no difference (`minLength: 0` added) or the values are not comparable.
    ///
    /// A changed `pattern` may allow more and fewer at once: it counts as stricter for requests and looser for
    /// responses, the side on which it can break clients.
    private static func isStricter(
        _ keyword: String,
        _ was: JSONValue?,
        _ now: JSONValue?,
        _ pair: SchemaPair
    )
        -> Bool?
    {
        if upperBounds.contains(keyword) || lowerBounds.contains(keyword) {
            let isUpper = upperBounds.contains(keyword)
            let countsFromZero = keyword != "minimum"
            switch (was?.numberValue, now?.numberValue) {
            case (let was?, let now?):
                return isUpper ? now < was : was < now
            case (nil, let now?):
                if !isUpper, countsFromZero, now.exactValue == Self.zero { return nil }
                return true
            case (let was?, nil):
                if !isUpper, countsFromZero, was.exactValue == Self.zero { return nil }
                return false
            case (nil, nil):
                return nil
            }
        }
        switch keyword {
        case "pattern":
            guard was != nil, now != nil else { return now != nil }
            return pair.isRequest
        case "multipleOf":
            switch (was?.numberValue, now?.numberValue) {
            case (let was?, let now?): return !was.exactValue.isMultiple(of: now.exactValue)
            case (nil, _?): return true
            case (_?, nil): return false
            case (nil, nil): return nil
            }
        default:  // exclusiveMaximum, exclusiveMinimum, uniqueItems: true when present
            return now != nil
        }
    }

    private static func display(_ value: JSONValue) -> String {
        if case .number(let number) = value { return number.text }
        return value.serialized()
    }
}
