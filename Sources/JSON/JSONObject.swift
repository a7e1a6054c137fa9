/// A JSON object that keeps its members in source order.
///
/// Keys are unique. Lookup is a scan for small objects and a hash index for large ones (the index is built when
/// the object grows past ``indexThreshold`` members), so `components/schemas` with hundreds of entries stays fast.
/// Equality ignores member order, as JSON's data model does.
public struct JSONObject: Sendable {
    /// One member: a key and its value.
    public typealias Member = (key: String, value: JSONValue)

    /// Objects with more members than this keep a hash index.
    static let indexThreshold = 12

    /// The members in order.
    public private(set) var members: [Member]
    private var index: [String: Int]?

    /// Creates an empty object.
    public init() {
        self.members = []
        self.index = nil
    }

    /// Creates an object from members; a repeated key keeps its first position and its last value.
    ///
    /// - Parameter members: Keys and values in order.
    public init(_ members: some Sequence<(String, JSONValue)>) {
        self.init()
        for (key, value) in members {
            self[key] = value
        }
    }

    /// Creates an object from members the caller knows to have unique keys (the parser checks).
    package init(uniqueMembers: [Member], index: [String: Int]?) {
        self.members = uniqueMembers
        if index == nil && uniqueMembers.count > Self.indexThreshold {
            var built = [String: Int](minimumCapacity: uniqueMembers.count)
            for (position, member) in uniqueMembers.enumerated() {
                built[member.key] = position
            }
            self.index = built
        } else {
            self.index = index
        }
    }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// The position of `key` among the members, or `nil`.
    ///
    /// - Parameter key: The member's key.
    /// - Returns: Its position in ``members``.
    public func position(of key: String) -> Int? {
        if let index {
            return index[key]
        }
        return members.firstIndex { $0.key == key }
    }

    /// The value for `key`; assigning `nil` removes the member, assigning a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return members[position].value
        }
        set {
            if let position = position(of: key) {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                    rebuildIndex()
                }
            } else if let newValue {
                members.append((key, newValue))
                if index != nil {
                    index?[key] = members.count - 1
                } else if members.count > Self.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    private mutating func rebuildIndex() {
        guard members.count > Self.indexThreshold else {
            index = nil
            return
        }
        var built = [String: Int](minimumCapacity: members.count)
        for (position, member) in members.enumerated() {
            built[member.key] = position
        }
        index = built
    }
}

// MARK: - Equatable, Hashable

extension JSONObject: Hashable {
    /// Whether both objects have the same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs.members {
            guard let other = rhs[key], other == value else { return false }
        }
        return true
    }

    /// Hashes members independently of their order.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for (key, value) in members {
            var memberHasher = Hasher()
            memberHasher.combine(key)
            memberHasher.combine(value)
            combined ^= memberHasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

// MARK: - Sequence

extension JSONObject: Sequence {
    /// Iterates the members in order.
    public func makeIterator() -> IndexingIterator<[Member]> {
        members.makeIterator()
    }
}

// MARK: - ExpressibleByDictionaryLiteral

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Creates an object from a literal, keeping the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
