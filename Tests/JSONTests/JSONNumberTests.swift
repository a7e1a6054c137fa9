import JSON
import Testing

struct JSONNumberTests {
    private func number(_ text: String) throws -> JSONNumber {
        try #require(JSONNumber(text))
    }

    @Test(arguments: [
        ("1", "1.0"), ("1", "1e0"), ("100", "1e2"), ("0.5", "5e-1"), ("-0", "0"), ("0", "0.000e10"),
        ("12345678901234567890", "1.234567890123456789e19"), ("1E+2", "100.00"),
    ])
    func equalValuesWrittenDifferentlyAreEqual(lhs: String, rhs: String) throws {
        #expect(try number(lhs) == number(rhs))
        #expect(try number(lhs).hashValue == number(rhs).hashValue)
    }

    @Test(arguments: [
        ("1", "1.0000000000000000000001"), ("12345678901234567890", "12345678901234567891"),
        ("-1", "1"), ("1e400", "1e401"),
    ])
    func differentValuesAreDifferent(lhs: String, rhs: String) throws {
        #expect(try number(lhs) != number(rhs))
        #expect(try number(lhs) < number(rhs))
    }

    @Test func rejectsInvalidSyntax() {
        for text in ["01", "1.", ".1", "+1", "1e", "--1", "0x10", "", "-", "1 "] {
            #expect(JSONNumber(text) == nil, "\(text)")
        }
    }

    @Test func intValueIsExact() throws {
        #expect(try number("2.0").intValue == 2)
        #expect(try number("1e3").intValue == 1000)
        #expect(try number("2.5").intValue == nil)
        #expect(try number("9223372036854775807").intValue == Int.max)
        #expect(try number("-9223372036854775808").intValue == Int.min)
        #expect(try number("9223372036854775808").intValue == nil)
        #expect(try number("1e400").isInteger)
        #expect(try !number("1.5").isInteger)
    }

    @Test func multipleOfIsExactForDecimals() throws {
        #expect(try number("0.3").exactValue.isMultiple(of: number("0.1").exactValue))
        #expect(try number("19.99").exactValue.isMultiple(of: number("0.01").exactValue))
        #expect(try !number("0.35").exactValue.isMultiple(of: number("0.1").exactValue))
        #expect(try number("1e308").exactValue.isMultiple(of: number("1e-2").exactValue))
        #expect(try !number("7").exactValue.isMultiple(of: number("2").exactValue))
        #expect(try number("-12").exactValue.isMultiple(of: number("4").exactValue))
    }

    @Test func doublesBecomeShortestText() {
        #expect(JSONNumber(3.0)?.text == "3")
        #expect(JSONNumber(0.1)?.text == "0.1")
        #expect(JSONNumber(Double.infinity) == nil)
        #expect(JSONNumber(Double.nan) == nil)
    }
}
