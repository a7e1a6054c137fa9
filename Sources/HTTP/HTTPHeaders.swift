/// An ordered list of header fields with case-insensitive lookup; repeated fields are kept, in order.
///
/// Names and values live in one byte buffer, so a parsed header block costs one copy and one small array:
/// lookups compare bytes and make a `String` only for the value asked for. Nothing is validated on insertion;
/// the serializers reject a name that is not a token or a value with CR, LF or NUL, so a header cannot smuggle a
/// second line onto the wire.
public struct HTTPHeaders: Sendable {
    /// Where one field's name and value sit in ``storage``.
    package struct FieldRange: Sendable {
        package var nameStart: Int32
        package var nameEnd: Int32
        package var valueStart: Int32
        package var valueEnd: Int32

        package init(nameStart: Int, nameEnd: Int, valueStart: Int, valueEnd: Int) {
            self.nameStart = Int32(truncatingIfNeeded: nameStart)
            self.nameEnd = Int32(truncatingIfNeeded: nameEnd)
            self.valueStart = Int32(truncatingIfNeeded: valueStart)
            self.valueEnd = Int32(truncatingIfNeeded: valueEnd)
        }
    }

    /// The bytes the fields point into (for a parsed message, the raw header block).
    package private(set) var storage: [UInt8]
    /// The fields in order.
    package private(set) var ranges: [FieldRange]

    /// An empty list.
    public init() {
        storage = []
        ranges = []
    }

    /// A list with `fields` in order.
    ///
    /// - Parameter fields: Name and value pairs; repeated names are kept.
    public init(_ fields: [(name: String, value: String)]) {
        self.init()
        for field in fields {
            add(name: field.name, value: field.value)
        }
    }

    /// Fields parsed from `storage` (the parsers' entry point).
    package init(storage: [UInt8], ranges: [FieldRange]) {
        self.storage = storage
        self.ranges = ranges
    }

    /// The number of fields, repeats included.
    public var count: Int { ranges.count }

    /// Whether there are no fields.
    public var isEmpty: Bool { ranges.isEmpty }

    /// Appends a field, keeping any earlier field of the same name.
    ///
    /// - Parameters:
    ///   - name: The field name.
    ///   - value: The field value.
    public mutating func add(name: String, value: String) {
        let nameStart = storage.count
        storage.append(contentsOf: name.utf8)
        let valueStart = storage.count
        storage.append(contentsOf: value.utf8)
        ranges.append(
            FieldRange(nameStart: nameStart, nameEnd: valueStart, valueStart: valueStart, valueEnd: storage.count)
        )
    }

    /// Appends every field of `other`, in order.
    package mutating func append(contentsOf other: HTTPHeaders) {
        let offset = Int32(truncatingIfNeeded: storage.count)
        storage.append(contentsOf: other.storage)
        ranges.reserveCapacity(ranges.count + other.ranges.count)
        for range in other.ranges {
            var moved = range
            moved.nameStart += offset
            moved.nameEnd += offset
            moved.valueStart += offset
            moved.valueEnd += offset
            ranges.append(moved)
        }
    }

    /// The first value of `name`, or `nil`; setting replaces every field of that name (`nil` removes them).
    public subscript(name: String) -> String? {
        get {
            firstIndex(of: name).map { value(at: $0) }
        }
        set {
            remove(name)
            if let newValue {
                add(name: name, value: newValue)
            }
        }
    }

    /// Every value of `name`, in order.
    ///
    /// - Parameter name: The field name, compared without regard to ASCII case.
    /// - Returns: The values, empty when the field is absent.
    public func values(for name: String) -> [String] {
        var result: [String] = []
        withName(name) { query in
            for index in ranges.indices where nameEquals(at: index, query) {
                result.append(value(at: index))
            }
        }
        return result
    }

    /// Every value of `name` joined with `, `, the combined form RFC 9110 §5.3 allows for list-valued fields.
    ///
    /// - Parameter name: The field name.
    /// - Returns: The joined values, or `nil` when the field is absent.
    public func combinedValue(for name: String) -> String? {
        let all = values(for: name)
        return all.isEmpty ? nil : all.joined(separator: ", ")
    }

    /// Whether a field called `name` is present.
    ///
    /// - Parameter name: The field name, compared without regard to ASCII case.
    /// - Returns: `true` when at least one field has that name.
    public func contains(_ name: String) -> Bool {
        firstIndex(of: name) != nil
    }

    /// Removes every field called `name`.
    ///
    /// - Parameter name: The field name, compared without regard to ASCII case.
    public mutating func remove(_ name: String) {
        guard contains(name) else { return }
        let kept = withName(name) { query in ranges.indices.filter { !nameEquals(at: $0, query) } }
        ranges = kept.map { ranges[$0] }
    }

    /// Whether the comma-separated list in `name` holds `token` (ASCII case ignored), as for `Connection: close`.
    ///
    /// - Parameters:
    ///   - token: The list element to look for.
    ///   - name: The field name.
    /// - Returns: `true` when some field of that name lists the token.
    public func hasToken(_ token: String, in name: String) -> Bool {
        var found = false
        withName(name) { query in
            withName(token) { tokenBytes in
                for index in ranges.indices where !found && nameEquals(at: index, query) {
                    found = storage.withUnsafeBufferPointer { buffer in
                        let range = ranges[index]
                        return HTTPSyntax.listContainsToken(
                            UnsafeBufferPointer(rebasing: buffer[Int(range.valueStart)..<Int(range.valueEnd)]),
                            tokenBytes
                        )
                    }
                }
            }
        }
        return found
    }

    /// The name of the field at `index` as it was written.
    package func name(at index: Int) -> String {
        let range = ranges[index]
        return String(decoding: storage[Int(range.nameStart)..<Int(range.nameEnd)], as: UTF8.self)
    }

    /// The value of the field at `index`.
    package func value(at index: Int) -> String {
        let range = ranges[index]
        return String(decoding: storage[Int(range.valueStart)..<Int(range.valueEnd)], as: UTF8.self)
    }

    /// The index of the first field called `name`.
    package func firstIndex(of name: String) -> Int? {
        withName(name) { query in ranges.indices.first { nameEquals(at: $0, query) } }
    }

    private func nameEquals(at index: Int, _ query: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = ranges[index]
        let length = Int(range.nameEnd - range.nameStart)
        guard length == query.count else { return false }
        return storage.withUnsafeBufferPointer { buffer in
            HTTPSyntax.equalsIgnoringASCIICase(
                UnsafeBufferPointer(rebasing: buffer[Int(range.nameStart)..<Int(range.nameEnd)]),
                query
            )
        }
    }

    private func withName<Result>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = name.utf8.withContiguousStorageIfAvailable(body) {
            return result
        }
        return Array(name.utf8).withUnsafeBufferPointer(body)
    }
}

// MARK: - Sequence

extension HTTPHeaders: Sequence {
    /// Iterates the fields in order as name and value pairs.
    public struct Iterator: IteratorProtocol {
        private let headers: HTTPHeaders
        private var index = 0

        fileprivate init(_ headers: HTTPHeaders) {
            self.headers = headers
        }

        /// The next field, or `nil` at the end.
        public mutating func next() -> (name: String, value: String)? {
            guard index < headers.ranges.count else { return nil }
            defer { index += 1 }
            return (headers.name(at: index), headers.value(at: index))
        }
    }

    /// An iterator over the fields in order.
    public func makeIterator() -> Iterator {
        Iterator(self)
    }
}

// MARK: - ExpressibleByDictionaryLiteral

extension HTTPHeaders: ExpressibleByDictionaryLiteral {
    /// A list written as a literal, in the literal's order: `["Accept": "application/json"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements.map { (name: $0.0, value: $0.1) })
    }
}

// MARK: - Equatable

extension HTTPHeaders: Equatable {
    /// The same fields in the same order: names compared without regard to ASCII case, values exactly.
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for index in 0..<lhs.count {
            guard lhs.name(at: index).lowercased() == rhs.name(at: index).lowercased(),
                lhs.value(at: index) == rhs.value(at: index)
            else { return false }
        }
        return true
    }
}

// MARK: - CustomStringConvertible

extension HTTPHeaders: CustomStringConvertible {
    /// The fields as they would be written, one `name: value` per line.
    public var description: String {
        map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }
}
