/// An exact decimal number: `±digits × 10^exponent`, normalised so equal values have equal representations.
///
/// Zero has no digits and is never negative. Used to compare JSON numbers without rounding and to decide
/// `multipleOf` exactly.
public struct ExactDecimal: Sendable, Hashable {
    /// Whether the value is below zero.
    public var isNegative: Bool
    /// Significant decimal digits (0…9), most significant first, without leading or trailing zeros.
    public var digits: [UInt8]
    /// The power of ten the digits are multiplied by.
    public var exponent: Int

    /// Zero.
    public static let zero = ExactDecimal(isNegative: false, digits: [], exponent: 0)

    /// Creates a decimal from its parts, normalising them.
    ///
    /// - Parameters:
    ///   - isNegative: Whether the value is below zero.
    ///   - digits: Decimal digits, most significant first; leading and trailing zeros are removed.
    ///   - exponent: The power of ten.
    public init(isNegative: Bool, digits: [UInt8], exponent: Int) {
        var digits = digits
        var exponent = exponent
        var leading = 0
        while leading < digits.count && digits[leading] == 0 { leading += 1 }
        if leading > 0 { digits.removeFirst(leading) }
        while let last = digits.last, last == 0 {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty {
            self.isNegative = false
            self.digits = []
            self.exponent = 0
        } else {
            self.isNegative = isNegative
            self.digits = digits
            self.exponent = exponent
        }
    }

    /// Reads valid JSON number text; exponents beyond ±10^15 are clamped, which keeps comparisons correct.
    init(jsonNumberText text: String) {
        var isNegative = false
        var digits: [UInt8] = []
        var fractionDigits = 0
        var exponent = 0
        var exponentIsNegative = false
        var inFraction = false
        var inExponent = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"):
                if inExponent { exponentIsNegative = true } else { isNegative = true }
            case UInt8(ascii: "+"):
                break
            case UInt8(ascii: "."):
                inFraction = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                inExponent = true
            default:
                let digit = Int(byte &- UInt8(ascii: "0"))
                if inExponent {
                    if exponent < 1_000_000_000_000_000 { exponent = exponent * 10 + digit }
                } else {
                    digits.append(UInt8(digit))
                    if inFraction { fractionDigits += 1 }
                }
            }
        }
        self.init(
            isNegative: isNegative,
            digits: digits,
            exponent: (exponentIsNegative ? -exponent : exponent) - fractionDigits
        )
    }

    /// Whether the value is zero.
    public var isZero: Bool { digits.isEmpty }

    /// The position of the most significant digit: `digits.count + exponent` (1 for 1…9, 0 for 0.1…0.9).
    private var magnitude: Int { digits.count + exponent }

    /// Compares absolute values: -1, 0 or 1.
    private static func compareMagnitudes(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        if lhs.isZero || rhs.isZero {
            return lhs.isZero ? (rhs.isZero ? 0 : -1) : 1
        }
        if lhs.magnitude != rhs.magnitude {
            return lhs.magnitude < rhs.magnitude ? -1 : 1
        }
        let count = max(lhs.digits.count, rhs.digits.count)
        for index in 0..<count {
            let left = index < lhs.digits.count ? lhs.digits[index] : 0
            let right = index < rhs.digits.count ? rhs.digits[index] : 0
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }

    /// Whether `self` is an integer multiple of `divisor` (which must not be zero).
    ///
    /// Exact for any decimal: both are scaled to integers and divided with schoolbook long division.
    ///
    /// - Parameter divisor: A non-zero decimal.
    /// - Returns: `true` when `self / divisor` is a whole number.
    public func isMultiple(of divisor: ExactDecimal) -> Bool {
        if isZero { return true }
        if divisor.isZero { return false }
        // self = a × 10^e1, divisor = b × 10^e2. Scale to the smaller exponent so both are integers.
        let common = min(exponent, divisor.exponent)
        let shiftSelf = exponent - common
        let shiftDivisor = divisor.exponent - common
        // Guard against absurd exponents: a number with a huge zero tail is a multiple of a short divisor
        // only if the divisor's digits divide; cap the work at a few thousand digits.
        guard digits.count + shiftSelf <= 4096, divisor.digits.count + shiftDivisor <= 4096 else {
            return false
        }
        let dividend = digits + [UInt8](repeating: 0, count: shiftSelf)
        let divisorDigits = divisor.digits + [UInt8](repeating: 0, count: shiftDivisor)
        // Long division keeping only the remainder, held as decimal digits.
        var remainder: [UInt8] = []
        for digit in dividend {
            remainder.append(digit)
            while let first = remainder.first, first == 0, remainder.count > 1 { remainder.removeFirst() }
            while Self.compareDigitStrings(remainder, divisorDigits) >= 0 {
                remainder = Self.subtractDigitStrings(remainder, divisorDigits)
            }
        }
        return remainder.allSatisfy { $0 == 0 }
    }

    private static func compareDigitStrings(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        let left = lhs.drop { $0 == 0 }
        let right = rhs.drop { $0 == 0 }
        if left.count != right.count { return left.count < right.count ? -1 : 1 }
        for (a, b) in zip(left, right) where a != b {
            return a < b ? -1 : 1
        }
        return 0
    }

    private static func subtractDigitStrings(_ lhs: [UInt8], _ rhs: [UInt8]) -> [UInt8] {
        var result = lhs
        var borrow: Int = 0
        var leftIndex = lhs.count - 1
        var rightIndex = rhs.count - 1
        while leftIndex >= 0 {
            var value = Int(result[leftIndex]) - borrow - (rightIndex >= 0 ? Int(rhs[rightIndex]) : 0)
            if value < 0 {
                value += 10
                borrow = 1
            } else {
                borrow = 0
            }
            result[leftIndex] = UInt8(value)
            leftIndex -= 1
            rightIndex -= 1
        }
        return Array(result.drop { $0 == 0 })
    }
}

// MARK: - Comparable

extension ExactDecimal: Comparable {
    /// Orders by value, exactly.
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let order = compareMagnitudes(lhs, rhs)
        return lhs.isNegative ? order > 0 : order < 0
    }
}
