import Diagnostics

/// Parses command-line arguments against a ``CommandHelp``.
///
/// Accepts `--name value`, `--name=value`, short aliases (`-o value`, `-o=value`), repeated options, flags, and
/// `--`, after which everything is positional. `--help` or `-h` anywhere before `--` wins over any other problem.
/// A value option takes the next argument unless that argument looks like an option; a lone `-` and negative
/// numbers count as values.
public enum ArgumentParser {
    /// Parses `arguments` (without the tool and command names).
    ///
    /// - Parameters:
    ///   - arguments: The arguments after the command name.
    ///   - command: What the command accepts.
    /// - Returns: The values, flags and positionals.
    /// - Throws: ``UsageError`` for an unknown option, a missing or unexpected value, a repeated non-repeatable
    ///   option, or the wrong number of positionals.
    public static func parse(_ arguments: [String], for command: CommandHelp) throws(UsageError) -> ParsedArguments {
        let terminator = arguments.firstIndex(of: "--") ?? arguments.endIndex
        if arguments[..<terminator].contains(where: { $0 == "--help" || $0 == "-h" }) {
            return ParsedArguments(wantsHelp: true)
        }
        let options = command.allOptions
        var byName: [String: OptionDefinition] = [:]
        for option in options {
            for name in option.names {
                byName[name] = option
            }
        }
        var result = ParsedArguments()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                result.positionals += arguments[index...]
                break
            }
            guard argument.hasPrefix("-"), argument != "-", !looksNumeric(argument) else {
                result.positionals.append(argument)
                continue
            }
            var name = argument
            var inlineValue: String? = nil
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = byName[name] else {
                throw UsageError(unknownOptionMessage(name, known: options.flatMap(\.names)))
            }
            switch option.kind {
            case .flag:
                if inlineValue != nil {
                    throw UsageError("flag '\(name)' takes no value")
                }
                result.flags.insert(option.name)
            case .value(let placeholder):
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if index < arguments.count, isValue(arguments[index]) {
                    value = arguments[index]
                    index += 1
                } else {
                    throw UsageError("option '\(name)' needs a value <\(placeholder)>")
                }
                if !option.isRepeatable && result.values[option.name] != nil {
                    throw UsageError("option '\(option.name)' given more than once")
                }
                result.values[option.name, default: []].append(value)
            }
        }
        try checkPositionals(result.positionals, against: command.positionals)
        return result
    }

    private static func looksNumeric(_ argument: String) -> Bool {
        argument.count > 1 && argument.dropFirst().allSatisfy { $0.isNumber || $0 == "." }
    }

    private static func isValue(_ argument: String) -> Bool {
        !argument.hasPrefix("-") || argument == "-" || looksNumeric(argument)
    }

    private static func checkPositionals(
        _ positionals: [String],
        against definitions: [PositionalDefinition]
    ) throws(UsageError) {
        let required = definitions.filter { !$0.isOptional }
        if positionals.count < required.count {
            let missing = required[positionals.count...].map { "<\($0.name)>" }.joined(separator: " ")
            throw UsageError("missing argument \(missing)")
        }
        let isUnbounded = definitions.last?.isRepeating ?? false
        if !isUnbounded && positionals.count > definitions.count {
            throw UsageError("unexpected argument '\(positionals[definitions.count])'")
        }
    }

    /// The message for an unknown option, with the closest known name when one is near.
    package static func unknownOptionMessage(_ name: String, known: [String]) -> String {
        if let suggestion = closestMatch(to: name, among: known) {
            return "unknown option '\(name)'; did you mean '\(suggestion)'?"
        }
        return "unknown option '\(name)'"
    }

    /// The candidate close enough to `word` to suggest; see ``Spelling/closestMatch(to:among:)``.
    ///
    /// - Parameters:
    ///   - word: What the user typed.
    ///   - candidates: The names that exist.
    /// - Returns: The best candidate, or `nil` when none is close.
    public static func closestMatch(to word: String, among candidates: [String]) -> String? {
        Spelling.closestMatch(to: word, among: candidates)
    }
}
