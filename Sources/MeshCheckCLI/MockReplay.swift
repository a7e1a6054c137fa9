import ArgumentParsing
import MockServer

/// `meshcheck mock --replay DIR`: recorded fixtures served before generated responses.
enum MockReplay {
    /// The option, for `mock`'s help.
    static let option = OptionDefinition.value(
        "--replay",
        placeholder: "dir",
        help: "Serve the fixtures 'meshcheck run --record DIR' saved; unmatched requests get generated responses."
    )

    /// The loaded fixtures and a note for the start line.
    struct Loaded {
        /// The fixtures, when `--replay` is given.
        var fixtures: ReplayFixtures?
        /// `, replaying 497 fixtures from DIR`, or empty.
        var note: String
    }

    /// Loads the fixtures `--replay` names.
    ///
    /// - Parameters:
    ///   - arguments: The command line.
    ///   - console: Where errors go.
    /// - Returns: The fixtures (none without `--replay`), or `nil` after printing why the folder cannot be used.
    static func load(_ arguments: ParsedArguments, console: Console) -> Loaded? {
        guard let folder = arguments.value(of: "--replay") else { return Loaded(fixtures: nil, note: "") }
        do {
            let fixtures = try ReplayFixtures.load(folder: folder)
            return Loaded(
                fixtures: fixtures,
                note: ", replaying \(Plural.count(fixtures.count, "fixture")) from \(folder)"
            )
        } catch {
            console.printError(error.description)
            return nil
        }
    }
}
