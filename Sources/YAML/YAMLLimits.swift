/// Bounds that keep a hostile YAML stream from exhausting memory or the stack.
public struct YAMLLimits: Sendable, Hashable {
    /// The deepest nesting of collections accepted.
    public var maximumDepth: Int
    /// The most nodes that aliases may stand for in one stream, counting each node of an aliased subtree each time.
    ///
    /// A "billion laughs" document nests aliases so that a few hundred bytes stand for billions of nodes; loading
    /// stops with ``YAMLError/Reason/aliasExpansionTooLarge(limit:)`` as soon as the count passes this limit.
    public var maximumAliasExpansion: Int

    /// Creates limits; the defaults suit any real document: depth 512 and one million aliased nodes.
    ///
    /// - Parameters:
    ///   - maximumDepth: The deepest nesting accepted.
    ///   - maximumAliasExpansion: The most nodes aliases may stand for.
    public init(maximumDepth: Int = 512, maximumAliasExpansion: Int = 1_000_000) {
        self.maximumDepth = maximumDepth
        self.maximumAliasExpansion = maximumAliasExpansion
    }
}
