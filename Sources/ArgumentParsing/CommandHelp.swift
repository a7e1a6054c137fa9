/// What a command accepts and how its help reads.
///
/// ``ArgumentParser`` parses against it and ``helpText(toolName:)`` prints it in the layout of
/// swift-argument-parser: OVERVIEW, USAGE, ARGUMENTS, OPTIONS, SUBCOMMANDS.
public struct CommandHelp: Sendable {
    /// A subcommand's name and one-line overview, for the SUBCOMMANDS list.
    public struct Subcommand: Sendable, Hashable {
        /// The name typed on the command line.
        public var name: String
        /// One line saying what it does.
        public var overview: String

        /// Creates a subcommand entry.
        ///
        /// - Parameters:
        ///   - name: The name.
        ///   - overview: One line saying what it does.
        public init(name: String, overview: String) {
            self.name = name
            self.overview = overview
        }
    }

    /// The command's name (`convert`), or the tool's for the top level.
    public var name: String
    /// One sentence saying what it does.
    public var overview: String
    /// Positional arguments, in order.
    public var positionals: [PositionalDefinition]
    /// Options; `--help` is added by the parser and need not be listed.
    public var options: [OptionDefinition]
    /// Subcommands, for a command that has them.
    public var subcommands: [Subcommand]
    /// Paragraphs after the options: examples, exit codes, environment.
    public var discussion: String?

    /// Creates a command description.
    ///
    /// - Parameters:
    ///   - name: The command's name.
    ///   - overview: One sentence saying what it does.
    ///   - positionals: Positional arguments, in order.
    ///   - options: The options.
    ///   - subcommands: Subcommands, if any.
    ///   - discussion: Text shown after the options.
    public init(
        name: String,
        overview: String,
        positionals: [PositionalDefinition] = [],
        options: [OptionDefinition] = [],
        subcommands: [Subcommand] = [],
        discussion: String? = nil
    ) {
        self.name = name
        self.overview = overview
        self.positionals = positionals
        self.options = options
        self.subcommands = subcommands
        self.discussion = discussion
    }

    /// The implicit help flag every command has.
    public static let helpOption = OptionDefinition.flag("--help", "-h", help: "Show help information.")

    /// The options including `--help`.
    public var allOptions: [OptionDefinition] { options + [Self.helpOption] }

    /// The one-line usage: `meshcheck convert [--pretty] <file>`.
    ///
    /// - Parameter toolName: The executable's name, prefixed unless it is the command's own name.
    /// - Returns: The usage line without the `USAGE: ` prefix.
    public func usage(toolName: String) -> String {
        var parts = [name == toolName ? toolName : "\(toolName) \(name)"]
        if !subcommands.isEmpty {
            parts.append("<subcommand>")
        }
        if !options.isEmpty {
            parts.append("[<options>]")
        }
        parts += positionals.map(\.usage)
        return parts.joined(separator: " ")
    }

    /// The full help text.
    ///
    /// - Parameter toolName: The executable's name.
    /// - Returns: OVERVIEW, USAGE, ARGUMENTS, OPTIONS, SUBCOMMANDS and the discussion, ending in a line break.
    public func helpText(toolName: String) -> String {
        var lines = ["OVERVIEW: \(overview)", "", "USAGE: \(usage(toolName: toolName))"]
        let labelWidth = 26
        func row(_ label: String, _ help: String) -> String {
            let indented = "  " + label
            if indented.count + 2 <= labelWidth {
                return indented + String(repeating: " ", count: labelWidth - indented.count) + help
            }
            return indented + "\n" + String(repeating: " ", count: labelWidth) + help
        }
        if !positionals.isEmpty {
            lines += ["", "ARGUMENTS:"]
            lines += positionals.map { row("<\($0.name)>", $0.help) }
        }
        lines += ["", "OPTIONS:"]
        for option in allOptions {
            var help = option.help
            if let defaultValue = option.defaultValue {
                help += " (default: \(defaultValue))"
            }
            if option.isRepeatable {
                help += " (repeatable)"
            }
            lines.append(row(option.label, help))
        }
        if !subcommands.isEmpty {
            lines += ["", "SUBCOMMANDS:"]
            lines += subcommands.map { row($0.name, $0.overview) }
            lines += ["", "  See '\(toolName) help <subcommand>' for detailed help."]
        }
        if let discussion {
            lines += ["", discussion]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
