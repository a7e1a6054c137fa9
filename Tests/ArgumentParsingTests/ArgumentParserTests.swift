import ArgumentParsing
import Testing

struct ArgumentParserTests {
    static let command = CommandHelp(
        name: "run",
        overview: "Run suites.",
        positionals: [PositionalDefinition("paths", help: "Suite files.", isOptional: true, isRepeating: true)],
        options: [
            .value("--out", "-o", placeholder: "dir", help: "Where reports go.", defaultValue: "reports/"),
            .value("--tag", "-t", placeholder: "tag", help: "Only suites with this tag.", isRepeatable: true),
            .value("--seed", placeholder: "n", help: "The seed."),
            .flag("--fail-fast", help: "Stop at the first failure."),
        ]
    )

    private func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        try ArgumentParser.parse(arguments, for: Self.command)
    }

    private func failure(_ arguments: [String]) -> String? {
        do {
            _ = try parse(arguments)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func acceptsEveryOptionForm() throws {
        let parsed = try parse(["a.yaml", "--out", "x", "-t=auth", "--tag=seed", "-t", "mfa", "--fail-fast", "b.yaml"])
        #expect(parsed.value(of: "--out") == "x")
        #expect(parsed.allValues(of: "--tag") == ["auth", "seed", "mfa"])
        #expect(parsed.isSet("--fail-fast"))
        #expect(parsed.positionals == ["a.yaml", "b.yaml"])
        #expect(try parse(["-o", "y"]).value(of: "--out") == "y")
        #expect(try parse(["--out=a=b"]).value(of: "--out") == "a=b")
        #expect(try parse(["--out="]).value(of: "--out") == "")
    }

    @Test func everythingAfterDoubleDashIsPositional() throws {
        let parsed = try parse(["--fail-fast", "--", "--out", "-h", "-"])
        #expect(parsed.positionals == ["--out", "-h", "-"])
        #expect(parsed.value(of: "--out") == nil)
        #expect(!parsed.wantsHelp)
    }

    @Test func negativeNumbersAndDashAreValues() throws {
        #expect(try parse(["--seed", "-1"]).value(of: "--seed") == "-1")
        #expect(try parse(["--out", "-"]).value(of: "--out") == "-")
        #expect(try parse(["-"]).positionals == ["-"])
    }

    @Test func helpWinsOverOtherProblems() throws {
        #expect(try parse(["--nonsense", "--help"]).wantsHelp)
        #expect(try parse(["-h"]).wantsHelp)
    }

    @Test(arguments: [
        (["--outt", "x"], "unknown option '--outt'; did you mean '--out'?"),
        (["--zzzzzzzz"], "unknown option '--zzzzzzzz'"),
        (["--out"], "option '--out' needs a value <dir>"),
        (["--out", "--fail-fast"], "option '--out' needs a value <dir>"),
        (["--fail-fast=yes"], "flag '--fail-fast' takes no value"),
        (["--out", "a", "--out", "b"], "option '--out' given more than once"),
        (["-x"], "unknown option '-x'"),
    ])
    func rejectsWithOneClearLine(arguments: [String], message: String) {
        #expect(failure(arguments) == message)
    }

    @Test func checksPositionalCounts() {
        let one = CommandHelp(name: "convert", overview: "x", positionals: [PositionalDefinition("file", help: "f")])
        #expect(throws: UsageError("missing argument <file>")) { try ArgumentParser.parse([], for: one) }
        #expect(throws: UsageError("unexpected argument 'b'")) { try ArgumentParser.parse(["a", "b"], for: one) }
    }

    @Test func printsHelpInArgumentParserLayout() {
        #expect(
            Self.command.helpText(toolName: "meshcheck") == """
                OVERVIEW: Run suites.

                USAGE: meshcheck run [<options>] [<paths> ...]

                ARGUMENTS:
                  <paths>                 Suite files.

                OPTIONS:
                  -o, --out <dir>         Where reports go. (default: reports/)
                  -t, --tag <tag>         Only suites with this tag. (repeatable)
                  --seed <n>              The seed.
                  --fail-fast             Stop at the first failure.
                  -h, --help              Show help information.

                """
        )
    }

    @Test func suggestsTheClosestName() {
        #expect(ArgumentParser.closestMatch(to: "conver", among: ["convert", "compat", "run"]) == "convert")
        #expect(ArgumentParser.closestMatch(to: "xyz", among: ["convert", "compat"]) == nil)
    }
}
