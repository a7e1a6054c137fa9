import JSON

/// JSON equality for `enum` and `uniqueItems`, with strings compared code point by code point.
///
/// Swift's `String` equality is canonical equivalence (`"é" == "e\u{301}"`), which JSON Schema does not want:
/// two strings are equal only when their code points are.
enum ExactJSON {
    /// Whether two values are equal as JSON: numbers by value (`1 == 1.0`), strings by code points, objects
    /// regardless of member order.
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let left), .bool(let right)): return left == right
        case (.number(let left), .number(let right)): return left == right
        case (.string(let left), .string(let right)): return sameScalars(left, right)
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { equal($0, $1) }
        case (.object(let left), .object(let right)):
            guard left.count == right.count else { return false }
            for (key, value) in left {
                guard let other = right.members.first(where: { $0.key.utf8.elementsEqual(key.utf8) }),
                    equal(value, other.value)
                else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// Whether two strings have the same code points (the same UTF-8 bytes).
    static func sameScalars(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        let fast = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in left.elementsEqual(right) }
        }
        if let fast, let result = fast { return result }
        return lhs.utf8.elementsEqual(rhs.utf8)
    }

    /// A value as a set element under ``equal(_:_:)``.
    struct Key: Hashable {
        let value: JSONValue

        static func == (lhs: Key, rhs: Key) -> Bool { ExactJSON.equal(lhs.value, rhs.value) }

        func hash(into hasher: inout Hasher) {
            ExactJSON.hash(value, into: &hasher)
        }
    }

    /// A string as a set element, compared by code points.
    struct StringKey: Hashable {
        let string: String

        static func == (lhs: StringKey, rhs: StringKey) -> Bool { lhs.string.utf8.elementsEqual(rhs.string.utf8) }

        func hash(into hasher: inout Hasher) {
            for byte in string.utf8 { hasher.combine(byte) }
        }
    }

    private static func hash(_ value: JSONValue, into hasher: inout Hasher) {
        switch value {
        case .null:
            hasher.combine(0)
        case .bool(let flag):
            hasher.combine(flag)
        case .number(let number):
            hasher.combine(number)
        case .string(let string):
            hasher.combine(StringKey(string: string))
        case .array(let elements):
            hasher.combine(elements.count)
            for element in elements { hash(element, into: &hasher) }
        case .object(let object):
            var combined = 0
            for (key, member) in object {
                var memberHasher = Hasher()
                memberHasher.combine(StringKey(string: key))
                hash(member, into: &memberHasher)
                combined ^= memberHasher.finalize()
            }
            hasher.combine(object.count)
            hasher.combine(combined)
        }
    }
}
