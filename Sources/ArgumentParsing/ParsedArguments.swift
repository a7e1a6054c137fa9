/// The result of parsing a command line against a ``CommandHelp``.
public struct ParsedArguments: Sendable, Equatable {
    /// Values of value options, keyed by canonical name, in the order given.
    public var values: [String: [String]]
    /// The canonical names of the flags given.
    public var flags: Set<String>
    /// Positional arguments in order, including any after `--`.
    public var positionals: [String]
    /// Whether `--help` or `-h` was given; nothing else was checked then.
    public var wantsHelp: Bool

    /// Creates a parse result.
    ///
    /// - Parameters:
    ///   - values: Option values by canonical name.
    ///   - flags: Flags given.
    ///   - positionals: Positional arguments.
    ///   - wantsHelp: Whether help was asked for.
    public init(
        values: [String: [String]] = [:],
        flags: Set<String> = [],
        positionals: [String] = [],
        wantsHelp: Bool = false
    ) {
        self.values = values
        self.flags = flags
        self.positionals = positionals
        self.wantsHelp = wantsHelp
    }

    /// The last value given for an option, or `nil`.
    ///
    /// - Parameter name: The option's canonical name, such as `--out`.
    /// - Returns: The value given last.
    public func value(of name: String) -> String? {
        values[name]?.last
    }

    /// Every value given for a repeatable option, in order.
    ///
    /// - Parameter name: The option's canonical name.
    /// - Returns: The values, empty when none.
    public func allValues(of name: String) -> [String] {
        values[name] ?? []
    }

    /// Whether a flag was given.
    ///
    /// - Parameter name: The flag's canonical name, such as `--pretty`.
    /// - Returns: `true` when present.
    public func isSet(_ name: String) -> Bool {
        flags.contains(name)
    }
}
