public import JSON
import OpenAPI

extension ValuePredicate {
    /// The text shown for an absent value.
    public static let absentText = "(absent)"

    /// Every way `actual` fails the predicate; empty when it holds.
    ///
    /// - Parameters:
    ///   - actual: The value found, or `nil` when the pointer leads nowhere.
    ///   - scope: Resolves templates in expected values.
    /// - Returns: The failures; an expected value whose template cannot be resolved is a failure too.
    public func evaluate(_ actual: JSONValue?, scope: TemplateScope) -> [PredicateFailure] {
        if isOptional && (actual == nil || actual == .null) { return [] }
        guard let actual else {
            if acceptsAbsence { return [] }
            return [
                PredicateFailure(
                    condition: conditions.contains { if case .exists = $0 { true } else { false } }
                        ? "exists" : conditionKeys.first ?? "exists",
                    relativePointer: .root,
                    expected: expectedText(scope: scope),
                    actual: Self.absentText,
                    message: "expected \(expectedText(scope: scope)), but the value is absent"
                )
            ]
        }
        var failures: [PredicateFailure] = []
        for condition in conditions {
            failures += Self.check(condition, actual, scope: scope)
        }
        return failures
    }

    /// The condition keys as written, in order.
    public var conditionKeys: [String] {
        conditions.map(\.key)
    }

    /// What the predicate expects, as shown to people: `"succeeded"`, `one of ["phone", "email"]`, `type string`.
    ///
    /// - Parameter scope: Resolves templates; an unresolvable one shows as written.
    /// - Returns: The text.
    public func expectedText(scope: TemplateScope) -> String {
        let others = conditions.filter { if case .optional = $0 { false } else { true } }
        let text = others.map { $0.expectedText(scope: scope) }.joined(separator: " and ")
        guard isOptional else { return text }
        return text.isEmpty ? "anything" : "absent, null or " + text
    }

    private static func check(_ condition: Condition, _ actual: JSONValue, scope: TemplateScope) -> [PredicateFailure] {
        func failure(_ message: String, expected: String? = nil) -> [PredicateFailure] {
            [
                PredicateFailure(
                    condition: condition.key,
                    relativePointer: .root,
                    expected: expected ?? condition.expectedText(scope: scope),
                    actual: show(actual),
                    message: message
                )
            ]
        }
        func resolved(_ value: TemplatedValue) -> Result<JSONValue, TemplateRenderError> {
            do throws(TemplateRenderError) {
                return .success(try scope.render(value))
            } catch {
                return .failure(error)
            }
        }
        switch condition {
        case .equals(let expected):
            switch resolved(expected) {
            case .failure(let error): return failure("cannot resolve the expected value: \(error.reason)")
            case .success(let value):
                return value == actual
                    ? [] : failure("expected \(show(value)), got \(show(actual))", expected: show(value))
            }
        case .notEquals(let expected):
            switch resolved(expected) {
            case .failure(let error): return failure("cannot resolve the expected value: \(error.reason)")
            case .success(let value):
                return value != actual
                    ? [] : failure("expected anything but \(show(value))", expected: "not \(show(value))")
            }
        case .oneOf(let candidates):
            var values: [JSONValue] = []
            for candidate in candidates {
                switch resolved(candidate) {
                case .failure(let error): return failure("cannot resolve an expected value: \(error.reason)")
                case .success(let value): values.append(value)
                }
            }
            let expected = "one of [" + values.map(show).joined(separator: ", ") + "]"
            return values.contains(actual)
                ? [] : failure("expected \(expected), got \(show(actual))", expected: expected)
        case .matches(let regex):
            guard case .string(let text) = actual else {
                return failure("expected a string matching /\(regex.pattern)/, got \(article(actual))")
            }
            do {
                return try regex.matches(in: text) ? [] : failure("\(show(actual)) does not match /\(regex.pattern)/")
            } catch {
                return failure("matching /\(regex.pattern)/ gave up: \(error)")
            }
        case .exists(let shouldExist):
            return shouldExist ? [] : failure("expected the value to be absent, got \(show(actual))")
        case .type(let kinds):
            return kinds.contains { $0.accepts(actual) }
                ? [] : failure("expected \(condition.expectedText(scope: scope)), got \(article(actual))")
        case .length(let expected), .minLength(let expected), .maxLength(let expected):
            guard let length = length(of: actual) else {
                return failure("expected a string, array or object for '\(condition.key)', got \(article(actual))")
            }
            let holds: Bool
            switch condition {
            case .length: holds = length == expected
            case .minLength: holds = length >= expected
            default: holds = length <= expected
            }
            return holds ? [] : failure("expected \(condition.expectedText(scope: scope)), got length \(length)")
        case .contains(let expected):
            switch resolved(expected) {
            case .failure(let error): return failure("cannot resolve the expected value: \(error.reason)")
            case .success(let value): return contains(actual, value) ? [] : failure(containsMessage(actual, value))
            }
        case .compare(let comparison, let bound):
            switch resolved(bound) {
            case .failure(let error): return failure("cannot resolve the bound: \(error.reason)")
            case .success(let value):
                guard case .number(let limit) = value else {
                    return failure("the bound of '\(comparison.rawValue)' is \(article(value)), not a number")
                }
                guard case .number(let number) = actual else {
                    return failure("expected a number \(comparison.symbol) \(limit), got \(article(actual))")
                }
                let holds: Bool
                switch comparison {
                case .gt: holds = limit < number
                case .gte: holds = !(number < limit)
                case .lt: holds = number < limit
                case .lte: holds = !(limit < number)
                }
                return holds ? [] : failure("expected \(comparison.symbol) \(limit), got \(number)")
            }
        case .nonEmpty(let shouldBeNonEmpty):
            let isEmpty = actual.isNull || length(of: actual) == 0
            if shouldBeNonEmpty == !isEmpty { return [] }
            return failure(
                shouldBeNonEmpty
                    ? "expected a non-empty value, got \(show(actual))" : "expected an empty value, got \(show(actual))"
            )
        case .each(let inner):
            guard case .array(let elements) = actual else {
                return failure("expected an array for 'each', got \(article(actual))")
            }
            var failures: [PredicateFailure] = []
            for (index, element) in elements.enumerated() {
                for var elementFailure in inner.evaluate(element, scope: scope) {
                    elementFailure.relativePointer = JSONPointer(
                        tokens: [String(index)] + elementFailure.relativePointer.tokens
                    )
                    elementFailure.message = "element \(index): " + elementFailure.message
                    failures.append(elementFailure)
                }
            }
            return failures
        case .schemaEnum(let name, let values):
            guard let values else {
                return failure("the enum of schema '\(name)' was not looked up in the spec", expected: "one of \(name)")
            }
            if values.contains(actual) { return [] }
            let examples = values.prefix(2).map(show).joined(separator: ", ")
            return failure(
                "\(show(actual)) is not one of the \(values.count) values of \(name) (e.g. \(examples))",
                expected: "one of the \(values.count) values of \(name)"
            )
        case .member(let pointer, let inner):
            // The failure's pointer grows by the member's; the message is the member's own (reports prefix the
            // whole pointer).
            return inner.evaluate(actual.value(at: pointer), scope: scope).map { memberFailure in
                var shifted = memberFailure
                shifted.relativePointer = JSONPointer(tokens: pointer.tokens + memberFailure.relativePointer.tokens)
                return shifted
            }
        case .optional:
            return []
        }
    }

    private static func length(of value: JSONValue) -> Int? {
        switch value {
        case .string(let text): text.unicodeScalars.count
        case .array(let elements): elements.count
        case .object(let object): object.count
        default: nil
        }
    }

    private static func contains(_ actual: JSONValue, _ expected: JSONValue) -> Bool {
        switch (actual, expected) {
        case (.string(let text), .string(let part)): part.isEmpty || text.contains(part)
        case (.array(let elements), _): elements.contains(expected)
        case (.object(let object), .string(let key)): object[key] != nil
        default: false
        }
    }

    private static func containsMessage(_ actual: JSONValue, _ expected: JSONValue) -> String {
        switch actual {
        case .string: "expected text containing \(show(expected)), got \(show(actual))"
        case .array: "expected an array with an element equal to \(show(expected)), got \(show(actual))"
        case .object: "expected an object with the key \(show(expected)), got \(show(actual))"
        default: "expected a string, array or object containing \(show(expected)), got \(article(actual))"
        }
    }

    /// Compact JSON, shortened to 200 characters, as values are shown in messages.
    ///
    /// - Parameter value: The value.
    /// - Returns: The text.
    public static func show(_ value: JSONValue) -> String {
        let text = value.serialized()
        guard text.unicodeScalars.count > 200 else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(199))) + "…"
    }

    /// The value with its kind in words, such as `a string ("x")`, `a number (3)` or `an object`.
    static func article(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "a boolean (\(flag))"
        case .number(let number): "a number (\(number))"
        case .string: "a string (\(show(value)))"
        case .array(let elements): "an array of \(elements.count)"
        case .object: "an object"
        }
    }
}

extension ValuePredicate.Condition {
    /// The key that writes the condition in a suite.
    public var key: String {
        switch self {
        case .equals: "equals"
        case .notEquals: "notEquals"
        case .oneOf: "oneOf"
        case .matches: "matches"
        case .exists: "exists"
        case .type: "type"
        case .length: "length"
        case .minLength: "minLength"
        case .maxLength: "maxLength"
        case .contains: "contains"
        case .compare(let comparison, _): comparison.rawValue
        case .nonEmpty: "nonEmpty"
        case .each: "each"
        case .schemaEnum: "enum"
        case .member(let pointer, _): pointer.description
        case .optional: "optional"
        }
    }

    /// What the condition expects, as shown to people.
    ///
    /// - Parameter scope: Resolves templates; an unresolvable one shows as written.
    /// - Returns: The text.
    public func expectedText(scope: TemplateScope) -> String {
        func shown(_ value: TemplatedValue) -> String {
            (try? scope.render(value)).map(ValuePredicate.show) ?? ValuePredicate.show(value.valueWithTemplatesAsText)
        }
        switch self {
        case .equals(let value): return shown(value)
        case .notEquals(let value): return "not \(shown(value))"
        case .oneOf(let values): return "one of [" + values.map(shown).joined(separator: ", ") + "]"
        case .matches(let regex): return "matches /\(regex.pattern)/"
        case .exists(let flag): return flag ? "present" : "absent"
        case .type(let kinds):
            return kinds.count == 1 ? "type \(kinds[0].rawValue)" : "type one of \(kinds.map(\.rawValue))"
        case .length(let count): return "length \(count)"
        case .minLength(let count): return "length >= \(count)"
        case .maxLength(let count): return "length <= \(count)"
        case .contains(let value): return "contains \(shown(value))"
        case .compare(let comparison, let value): return "\(comparison.symbol) \(shown(value))"
        case .nonEmpty(let flag): return flag ? "non-empty" : "empty"
        case .each(let inner): return "each element: \(inner.expectedText(scope: scope))"
        case .schemaEnum(let name, let values):
            return values.map { "one of the \($0.count) values of \(name)" } ?? "one of \(name)"
        case .member(let pointer, let inner): return "\(pointer.description) \(inner.expectedText(scope: scope))"
        case .optional(let flag): return flag ? "absent or null" : "anything"
        }
    }
}

extension ValuePredicate.JSONKind {
    /// Whether `value` is of this kind (an integer is also a number).
    ///
    /// - Parameter value: The value.
    /// - Returns: `true` when it is.
    public func accepts(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.string, .string), (.boolean, .bool), (.array, .array), (.object, .object), (.null, .null),
            (.number, .number):
            true
        case (.integer, .number(let number)): number.isInteger
        default: false
        }
    }
}
