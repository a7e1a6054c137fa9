import Diagnostics
import JSON
import OpenAPI
import Suites
import Testing

/// Each predicate condition: a value that satisfies it, and one that fails it for the right reason.
struct PredicateTests {
    static let here = FileLocation(path: "s.yaml", line: 1, column: 1)
    let scope = TemplateScope(variables: ["expected": "mfaRequired", "limit": 10])

    func failures(_ conditions: [ValuePredicate.Condition], _ actual: JSONValue?) -> [String] {
        ValuePredicate(conditions, at: Self.here).evaluate(actual, scope: scope).map(\.message)
    }

    @Test func equalsComparesAsJSON() throws {
        #expect(failures([.equals(.constant("ok"))], "ok").isEmpty)
        #expect(failures([.equals(.constant(1))], .number(try #require(JSONNumber("1.0")))).isEmpty)
        #expect(failures([.equals(.constant(["a": 1, "b": 2]))], ["b": 2, "a": 1]).isEmpty)
        #expect(failures([.equals(try TemplatedValue(parsing: "{{ expected }}"))], "mfaRequired").isEmpty)
        #expect(failures([.equals(.constant("succeeded"))], "failed") == [#"expected "succeeded", got "failed""#])
        #expect(failures([.equals(.constant("1"))], 1) == [#"expected "1", got 1"#])
    }

    @Test func notEqualsAndOneOf() {
        #expect(failures([.notEquals(.constant("ok"))], "badRequest").isEmpty)
        #expect(failures([.notEquals(.constant("ok"))], "ok") == [#"expected anything but "ok""#])
        #expect(failures([.oneOf([.constant("phone"), .constant("email")])], "email").isEmpty)
        #expect(
            failures([.oneOf([.constant("phone"), .constant("email")])], "sms")
                == [#"expected one of ["phone", "email"], got "sms""#]
        )
    }

    @Test func matchesSearchesWithECMAScriptRules() throws {
        #expect(failures([.matches(try ECMARegex("^[0-9a-f]{8}$"))], "0a1b2c3d").isEmpty)
        #expect(
            failures([.matches(try ECMARegex("^[0-9a-f]{8}$"))], "0a1b2c3d\n") == [
                #""0a1b2c3d\n" does not match /^[0-9a-f]{8}$/"#
            ]
        )
        #expect(failures([.matches(try ECMARegex("x"))], 12) == ["expected a string matching /x/, got a number (12)"])
    }

    @Test func existsAndAbsence() {
        #expect(failures([.exists(true)], "x").isEmpty)
        #expect(failures([.exists(true)], nil) == ["expected present, but the value is absent"])
        #expect(failures([.exists(false)], nil).isEmpty)
        #expect(failures([.exists(false)], "x") == [#"expected the value to be absent, got "x""#])
        #expect(failures([.equals(.constant("x"))], nil) == [#"expected "x", but the value is absent"#])
    }

    @Test func typeNamesJSONTypesWithIntegerInsideNumber() {
        #expect(failures([.type([.integer])], 3).isEmpty)
        #expect(failures([.type([.number])], 3).isEmpty)
        #expect(failures([.type([.string, .null])], nil as JSONValue? ?? .null).isEmpty)
        #expect(failures([.type([.integer])], 3.5) == ["expected type integer, got a number (3.5)"])
        #expect(failures([.type([.object])], ["x"]) == ["expected type object, got an array of 1"])
        #expect(failures([.type([.boolean])], "true") == [#"expected type boolean, got a string ("true")"#])
    }

    @Test func lengthsCountCharactersElementsAndMembers() {
        #expect(failures([.length(3)], "héé").isEmpty)
        #expect(failures([.minLength(1), .maxLength(2)], [1, 2]).isEmpty)
        #expect(failures([.length(2)], ["a": 1, "b": 2]).isEmpty)
        #expect(failures([.length(3)], "ab") == ["expected length 3, got length 2"])
        #expect(failures([.minLength(1)], []) == ["expected length >= 1, got length 0"])
        #expect(failures([.maxLength(1)], "ab") == ["expected length <= 1, got length 2"])
        #expect(failures([.length(1)], 7) == ["expected a string, array or object for 'length', got a number (7)"])
    }

    @Test func containsLooksInStringsArraysAndObjectKeys() {
        #expect(failures([.contains(.constant("Req"))], "mfaRequired").isEmpty)
        #expect(failures([.contains(.constant(2))], [1, 2, 3]).isEmpty)
        #expect(failures([.contains(.constant("id"))], ["id": 1]).isEmpty)
        #expect(failures([.contains(.constant("z"))], "abc") == [#"expected text containing "z", got "abc""#])
        #expect(failures([.contains(.constant(9))], [1]) == ["expected an array with an element equal to 9, got [1]"])
        #expect(
            failures([.contains(.constant("k"))], ["id": 1]) == [#"expected an object with the key "k", got {"id":1}"#]
        )
    }

    @Test func comparisonsAreExactOnNumbers() throws {
        #expect(failures([.compare(.gt, .constant(0)), .compare(.lte, .constant(7200))], 7200).isEmpty)
        #expect(failures([.compare(.lt, try TemplatedValue(parsing: "{{ limit }}"))], 9.99).isEmpty)
        #expect(failures([.compare(.gte, .constant(1))], 0) == ["expected >= 1, got 0"])
        #expect(
            failures([.compare(.gt, .constant(0.1))], .number(try #require(JSONNumber("0.1")))) == [
                "expected > 0.1, got 0.1"
            ]
        )
        #expect(failures([.compare(.lt, .constant(5))], "4") == [#"expected a number < 5, got a string ("4")"#])
    }

    @Test func nonEmptyRejectsNullAndEmptyValues() {
        #expect(failures([.nonEmpty(true)], "x").isEmpty)
        #expect(failures([.nonEmpty(true)], 0).isEmpty)
        #expect(failures([.nonEmpty(true)], "") == [#"expected a non-empty value, got """#])
        #expect(failures([.nonEmpty(true)], .null) == ["expected a non-empty value, got null"])
        #expect(failures([.nonEmpty(false)], []).isEmpty)
    }

    @Test func eachAppliesToEveryElementAndNamesTheFailingOne() {
        let inner = ValuePredicate([.type([.string]), .minLength(2)], at: Self.here)
        #expect(failures([.each(inner)], ["ab", "cd"]).isEmpty)
        let result = ValuePredicate([.each(inner)], at: Self.here).evaluate(["ab", "c", 3], scope: scope)
        #expect(result.map(\.relativePointer.description) == ["/1", "/2", "/2"])
        #expect(
            result.map(\.message) == [
                "element 1: expected length >= 2, got length 1",
                "element 2: expected type string, got a number (3)",
                "element 2: expected a string, array or object for 'minLength', got a number (3)",
            ]
        )
        #expect(failures([.each(inner)], "ab") == [#"expected an array for 'each', got a string ("ab")"#])
    }

    @Test func unresolvableExpectedValuesFail() throws {
        #expect(
            failures([.equals(try TemplatedValue(parsing: "{{ nope }}"))], "x")
                == ["cannot resolve the expected value: variable 'nope' is not set"]
        )
    }

    @Test func enumHoldsTheValuesOfASpecSchemaOnceBound() {
        let unbound = ValuePredicate([.schemaEnum(name: "MfaScheme", values: nil)], at: Self.here)
        #expect(
            unbound.evaluate("mfaCode", scope: scope).map(\.message)
                == ["the enum of schema 'MfaScheme' was not looked up in the spec"]
        )
        let bound = unbound.bindingSchemaEnums { $0 == "MfaScheme" ? ["mfaCode", "challenge"] : nil }
        #expect(bound.evaluate("challenge", scope: scope).isEmpty)
        #expect(
            bound.evaluate("sms", scope: scope).map(\.message)
                == [#""sms" is not one of the 2 values of MfaScheme (e.g. "mfaCode", "challenge")"#]
        )
        #expect(bound.expectedText(scope: scope) == "one of the 2 values of MfaScheme")
        #expect(bound.evaluate(nil, scope: scope).map(\.actual) == ["(absent)"])
    }

    @Test func optionalLetsAbsentAndNullPassAndJudgesTheRest() {
        let predicate = ValuePredicate([.optional(true), .type([.string]), .minLength(1)], at: Self.here)
        #expect(predicate.evaluate(nil, scope: scope).isEmpty)
        #expect(predicate.evaluate(.null, scope: scope).isEmpty)
        #expect(predicate.evaluate("x", scope: scope).isEmpty)
        #expect(predicate.evaluate("", scope: scope).map(\.message) == ["expected length >= 1, got length 0"])
        #expect(predicate.expectedText(scope: scope) == "absent, null or type string and length >= 1")
        let notOptional = ValuePredicate([.optional(false), .type([.string])], at: Self.here)
        #expect(notOptional.evaluate(nil, scope: scope).map(\.actual) == ["(absent)"])
    }

    @Test func pointerKeysJudgeMembersBelowTheValueAndExtendThePointer() throws {
        let member = ValuePredicate([.optional(true), .oneOf([.constant("robinhood")])], at: Self.here)
        let pointer = try JSONPointer(parsing: "/brokerType")
        let each = ValuePredicate([.member(pointer, member)], at: Self.here)
        let predicate = ValuePredicate([.each(each)], at: Self.here)
        let value: JSONValue = [["brokerType": "robinhood"], [:], ["brokerType": "kraken"]]
        let result = predicate.evaluate(value, scope: scope)
        #expect(result.map(\.relativePointer.description) == ["/2/brokerType"])
        #expect(result.map(\.message) == [#"element 2: expected one of ["robinhood"], got "kraken""#])
        #expect(each.expectedText(scope: scope) == #"/brokerType absent, null or one of ["robinhood"]"#)
        #expect(ValuePredicate([.member(pointer, member)], at: Self.here).evaluate("text", scope: scope).isEmpty)
    }
}
