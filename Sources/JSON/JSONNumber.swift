/// A JSON number kept as its exact source text, compared by mathematical value.
///
/// `1.0`, `1e2` and a 20-digit integer survive a round trip unchanged, while `1 == 1.0` and `100 == 1e2` hold,
/// because equality, ordering and hashing use an exact decimal form (sign, significant digits, exponent), never a
/// rounded `Double`.
public struct JSONNumber: Sendable {
    /// The number as written, always valid JSON number syntax.
    public let text: String

    /// Creates a number from JSON number text.
    ///
    /// - Parameter text: Text such as `-12.5e3`; anything that is not JSON number syntax gives `nil`.
    public init?(_ text: String) {
        guard Self.isValidSyntax(Array(text.utf8)) else { return nil }
        self.text = text
    }

    /// Creates a number from text the caller has already checked.
    package init(unchecked text: String) {
        self.text = text
    }

    /// Creates a number from an integer.
    ///
    /// - Parameter value: The integer.
    public init(_ value: Int) {
        self.text = String(value)
    }

    /// Creates a number from a finite double, written in the shortest form that reads back exactly.
    ///
    /// - Parameter value: The double; `nil` when it is infinite or NaN, which JSON cannot hold.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value == value.rounded(.towardZero) && abs(value) < 1e15 {
            self.text = String(Int64(value))
        } else {
            self.text = "\(value)"
        }
    }

    /// The nearest `Double`; very large exponents give infinity, as `Double` parsing does.
    public var doubleValue: Double { Double(text) ?? .nan }

    /// The value as an `Int` when it is a whole number that fits (`1.0` and `1e2` count); `nil` otherwise.
    public var intValue: Int? {
        let decimal = exactValue
        guard decimal.exponent >= 0 else { return nil }
        guard decimal.digits.count + decimal.exponent <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for digit in decimal.digits {
            magnitude = magnitude * 10 + UInt64(digit)
        }
        for _ in 0..<decimal.exponent {
            magnitude *= 10
        }
        if decimal.isNegative {
            return magnitude <= UInt64(Int64.max) + 1 ? Int(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int(magnitude) : nil
    }

    /// Whether the value is a whole number (`2`, `2.0`, `2e3`), however it is written.
    public var isInteger: Bool { exactValue.exponent >= 0 }

    /// The exact decimal value: `digits × 10^exponent`, with no leading or trailing zero digits.
    public var exactValue: ExactDecimal { ExactDecimal(jsonNumberText: text) }

    /// Checks JSON number syntax: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    package static func isValidSyntax(_ bytes: [UInt8]) -> Bool {
        var index = 0
        let count = bytes.count
        func digits() -> Int {
            let start = index
            while index < count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            return index - start
        }
        if index < count && bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < count else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if index < count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == count
    }
}

// MARK: - Equatable, Hashable, Comparable

extension JSONNumber: Hashable, Comparable {
    /// Whether both numbers have the same mathematical value (`1 == 1.0 == 1e0`).
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.text == rhs.text || lhs.exactValue == rhs.exactValue
    }

    /// Hashes the exact value, so equal numbers written differently hash alike.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(exactValue)
    }

    /// Orders by exact mathematical value.
    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.exactValue < rhs.exactValue
    }
}

// MARK: - CustomStringConvertible

extension JSONNumber: CustomStringConvertible {
    /// The exact source text.
    public var description: String { text }
}
