/// A position in the input: a byte offset, its line (from 1) and the offset where that line starts.
///
/// The column in bytes is `index - lineStart`; indentation is spaces, so it is also the column in characters for
/// everything indentation compares. Diagnostics turn a mark into a column in Unicode scalars.
struct Mark {
    var index: Int
    var line: Int
    var lineStart: Int

    /// The column in bytes, from 0.
    var column: Int { index - lineStart }
}

/// The text of a scalar: a slice of the input when it needed no folding or escapes, else the decoded bytes.
enum ScalarText {
    /// The bytes `start..<end` of the input, verbatim.
    case slice(start: Int, end: Int)
    /// Decoded text.
    case decoded(String)
}

/// A token of the YAML grammar, produced by ``Scanner``.
struct Token {
    enum Kind: UInt8 {
        case streamStart
        case streamEnd
        case versionDirective
        case tagDirective
        case reservedDirective
        case documentStart
        case documentEnd
        case blockSequenceStart
        case blockMappingStart
        case blockEnd
        case flowSequenceStart
        case flowSequenceEnd
        case flowMappingStart
        case flowMappingEnd
        case blockEntry
        case flowEntry
        case key
        case value
        case alias
        case anchor
        case tag
        case scalar
    }

    enum Payload {
        case none
        /// An anchor or alias name.
        case name(String)
        /// A tag: `handle` is `!`, `!!`, `!name!`, or empty for a verbatim tag or the non-specific `!`.
        case tag(handle: String, suffix: String)
        /// `%YAML major.minor`.
        case version(major: Int, minor: Int)
        /// `%TAG handle prefix`.
        case tagDirective(handle: String, prefix: String)
        /// A scalar's text and style.
        case scalar(ScalarText, YAMLScalar.Style)
    }

    var kind: Kind
    var start: Mark
    var end: Mark
    var payload: Payload = .none

    /// How the token reads in an error message.
    var shownName: String {
        switch kind {
        case .streamStart: "the start of the stream"
        case .streamEnd: "the end of the input"
        case .versionDirective: "a %YAML directive"
        case .tagDirective: "a %TAG directive"
        case .reservedDirective: "a directive"
        case .documentStart: "'---'"
        case .documentEnd: "'...'"
        case .blockSequenceStart: "a block sequence"
        case .blockMappingStart: "a block mapping"
        case .blockEnd: "the end of a block collection"
        case .flowSequenceStart: "'['"
        case .flowSequenceEnd: "']'"
        case .flowMappingStart: "'{'"
        case .flowMappingEnd: "'}'"
        case .blockEntry: "'-'"
        case .flowEntry: "','"
        case .key: "a mapping key"
        case .value: "':'"
        case .alias: "an alias"
        case .anchor: "an anchor"
        case .tag: "a tag"
        case .scalar: "a scalar"
        }
    }
}
