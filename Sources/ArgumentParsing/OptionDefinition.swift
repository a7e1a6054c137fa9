/// One option a command accepts: its names, whether it takes a value, and its help line.
public struct OptionDefinition: Sendable, Hashable {
    /// Whether the option takes a value.
    public enum Kind: Sendable, Hashable {
        /// A flag: present or absent, never `--flag=value`.
        case flag
        /// An option with a value, `--name value` or `--name=value`; it may be repeated.
        case value(placeholder: String)
    }

    /// The names, the canonical long one first: `["--out", "-o"]`.
    public var names: [String]
    /// Flag or value.
    public var kind: Kind
    /// One line of help.
    public var help: String
    /// The default, shown in help as `(default: …)`.
    public var defaultValue: String?
    /// Whether the option may be given more than once (values accumulate).
    public var isRepeatable: Bool

    /// The canonical name, under which ``ParsedArguments`` stores values.
    public var name: String { names[0] }

    /// Creates an option.
    ///
    /// - Parameters:
    ///   - names: The long name first, then aliases such as `-o`.
    ///   - kind: Flag or value.
    ///   - help: One line of help.
    ///   - defaultValue: The default shown in help.
    ///   - isRepeatable: Whether it may be given more than once.
    public init(
        _ names: [String],
        kind: Kind,
        help: String,
        defaultValue: String? = nil,
        isRepeatable: Bool = false
    ) {
        precondition(!names.isEmpty, "an option needs a name")
        self.names = names
        self.kind = kind
        self.help = help
        self.defaultValue = defaultValue
        self.isRepeatable = isRepeatable
    }

    /// A flag.
    ///
    /// - Parameters:
    ///   - names: The long name first, then aliases.
    ///   - help: One line of help.
    /// - Returns: The definition.
    public static func flag(_ names: String..., help: String) -> OptionDefinition {
        OptionDefinition(names, kind: .flag, help: help)
    }

    /// An option with a value.
    ///
    /// - Parameters:
    ///   - names: The long name first, then aliases.
    ///   - placeholder: The value's name in help, such as `dir`.
    ///   - help: One line of help.
    ///   - defaultValue: The default shown in help.
    ///   - isRepeatable: Whether it may be given more than once.
    /// - Returns: The definition.
    public static func value(
        _ names: String...,
        placeholder: String,
        help: String,
        defaultValue: String? = nil,
        isRepeatable: Bool = false
    ) -> OptionDefinition {
        OptionDefinition(
            names,
            kind: .value(placeholder: placeholder),
            help: help,
            defaultValue: defaultValue,
            isRepeatable: isRepeatable
        )
    }

    /// The help label: `-o, --out <dir>`.
    var label: String {
        let short = names.filter { !$0.hasPrefix("--") }
        let long = names.filter { $0.hasPrefix("--") }
        var text = (short + long).joined(separator: ", ")
        if case .value(let placeholder) = kind {
            text += " <\(placeholder)>"
        }
        return text
    }
}

/// A positional argument in a command's usage.
public struct PositionalDefinition: Sendable, Hashable {
    /// The name shown in usage, such as `file`.
    public var name: String
    /// One line of help.
    public var help: String
    /// Whether it may be left out.
    public var isOptional: Bool
    /// Whether it takes any number of values (it must be the last).
    public var isRepeating: Bool

    /// Creates a positional argument.
    ///
    /// - Parameters:
    ///   - name: The name shown in usage.
    ///   - help: One line of help.
    ///   - isOptional: Whether it may be left out.
    ///   - isRepeating: Whether it takes any number of values.
    public init(_ name: String, help: String, isOptional: Bool = false, isRepeating: Bool = false) {
        self.name = name
        self.help = help
        self.isOptional = isOptional
        self.isRepeating = isRepeating
    }

    /// The usage form: `<file>`, `[<file>]`, `<paths> ...` or `[<paths> ...]`.
    var usage: String {
        let core = isRepeating ? "<\(name)> ..." : "<\(name)>"
        return isOptional ? "[\(core)]" : core
    }
}
