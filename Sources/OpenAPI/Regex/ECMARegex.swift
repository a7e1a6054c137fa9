/// A regular expression with ECMA-262 semantics, as JSON Schema's `pattern` and `patternProperties` require.
///
/// Patterns are read with the `u` flag's rules (code points, not UTF-16 units; `\p{…}` property escapes) and
/// Annex B's leniency for identity escapes and stray braces, the way JavaScript engines accept the patterns
/// real specs contain. ECMA-262 differs from ICU and PCRE where it matters to a validator: `$` matches only at
/// the very end (never before a final line break), `\d` `\w` `\b` are ASCII-only, `\s` is Unicode white space
/// plus U+FEFF, `.` excludes the four line terminators.
///
/// Compiled once into a program for a backtracking machine; a match runs with a step budget, so a hostile input
/// cannot make a pattern run for ever (``RegexMatchError``). Matching is a search (not anchored), as
/// `RegExp.prototype.test` is.
public struct ECMARegex: Sendable {
    /// The pattern as written.
    public let pattern: String
    let program: RegexProgram

    /// The default number of machine steps one match may take before it gives up.
    public static let defaultStepLimit = 1_000_000

    /// Compiles a pattern.
    ///
    /// - Parameter pattern: ECMA-262 pattern text, without slashes or flags.
    /// - Throws: ``RegexSyntaxError`` when the pattern is not a valid ECMA-262 pattern or uses something this
    ///   engine does not support (Unicode script properties).
    public init(_ pattern: String) throws(RegexSyntaxError) {
        self.pattern = pattern
        var parser = RegexParser(pattern: pattern)
        let tree = try parser.parse()
        do {
            self.program = try RegexCompiler.compile(tree, groupCount: parser.groupCount)
        } catch {
            throw RegexSyntaxError(pattern: pattern, reason: error.reason, offset: error.offset)
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    ///
    /// - Parameters:
    ///   - text: The string searched.
    ///   - stepLimit: The most machine steps allowed.
    /// - Returns: `true` when some substring matches.
    /// - Throws: ``RegexMatchError`` when the budget runs out (catastrophic backtracking).
    public func matches(in text: String, stepLimit: Int = defaultStepLimit) throws(RegexMatchError) -> Bool {
        if let literal = program.literal {
            return Self.contains(text, literal: literal, anchoredStart: program.anchoredStart)
        }
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            scalars.append(scalar.value)
        }
        var machine = RegexMachine(program: program, input: scalars, stepLimit: stepLimit)
        return try machine.search()
    }

    /// A pattern that is one plain literal (`abc`, `^abc`) needs no machine.
    private static func contains(_ text: String, literal: [UInt32], anchoredStart: Bool) -> Bool {
        if literal.isEmpty { return true }
        let scalars = Array(text.unicodeScalars.lazy.map(\.value))
        guard scalars.count >= literal.count else { return false }
        let lastStart = anchoredStart ? 0 : scalars.count - literal.count
        var start = 0
        while start <= lastStart {
            var offset = 0
            while offset < literal.count && scalars[start + offset] == literal[offset] {
                offset += 1
            }
            if offset == literal.count { return true }
            start += 1
        }
        return false
    }
}

/// A pattern that is not valid ECMA-262, or uses a feature this engine lacks.
public struct RegexSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pattern.
    public var pattern: String
    /// What is wrong, one lower-case line.
    public var reason: String
    /// The offset in Unicode scalars where the problem was found.
    public var offset: Int

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - pattern: The pattern.
    ///   - reason: What is wrong.
    ///   - offset: Where, in Unicode scalars.
    public init(pattern: String, reason: String, offset: Int) {
        self.pattern = pattern
        self.reason = reason
        self.offset = offset
    }

    /// `invalid pattern '…' at offset N: reason`.
    public var description: String { "invalid pattern '\(pattern)' at offset \(offset): \(reason)" }
}

/// A match that ran out of its step budget, which happens only with catastrophic backtracking.
public struct RegexMatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The step budget that ran out.
    public var stepLimit: Int

    /// Creates an error.
    ///
    /// - Parameter stepLimit: The budget.
    public init(stepLimit: Int) {
        self.stepLimit = stepLimit
    }

    /// `pattern matching gave up after N steps (catastrophic backtracking)`.
    public var description: String {
        "pattern matching gave up after \(stepLimit) steps (catastrophic backtracking)"
    }
}
