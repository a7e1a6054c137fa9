public import Diagnostics
public import Foundation

/// An error that stops a YAML stream from loading, with the line and column of the offending character.
public struct YAMLError: Error, Sendable, Equatable {
    /// What went wrong; its `description` is one lower-case line per case.
    public enum Reason: Sendable, Equatable {
        /// Bytes that are not UTF-8.
        case invalidUTF8
        /// A UTF-16 or UTF-32 stream (found from its first bytes) that does not decode.
        case invalidEncoding(String)
        /// A character YAML does not allow in a stream (a control character, say), as `U+0007`.
        case forbiddenCharacter(String)
        /// A tab character where YAML needs indentation spaces.
        case tabInIndentation
        /// A line indented less than the block or flow collection it belongs to.
        case invalidIndentation
        /// A reserved indicator (`@`, `` ` ``) or another character that cannot start a plain scalar.
        case cannotStartPlainScalar(String)
        /// An implicit key not followed by `:` on the same line.
        case missingColonAfterKey
        /// A `:` where no mapping value can start (after a multi-line key, or inside a plain scalar).
        case mappingValueNotAllowed
        /// A `- ` where no block sequence entry can start.
        case sequenceEntryNotAllowed
        /// A `? ` where no explicit mapping key can start.
        case mappingKeyNotAllowed
        /// A `#` that touches the token before it.
        case commentWithoutSpace
        /// Something after the document end marker `...` on its line.
        case contentAfterDocumentEnd
        /// A quoted scalar without its closing quote; the location is the opening quote.
        case unterminatedQuotedScalar
        /// A document marker (`---` or `...`) at the start of a line inside a quoted scalar.
        case documentMarkerInQuotedScalar
        /// An escape sequence double-quoted scalars do not define, such as `\q`.
        case invalidEscape(String)
        /// Something after a quoted scalar on its line that is neither `:`, a comment nor a flow indicator.
        case contentAfterQuotedScalar
        /// A block scalar header (`|`, `>`, chomping and indentation indicators) that is malformed.
        case invalidBlockScalarHeader
        /// A leading empty line of a block scalar indented more than its first content line.
        case blockScalarLeadingLineTooIndented
        /// A line of a block scalar indented less than the scalar but more than its parent.
        case blockScalarLineLessIndented
        /// `&` or `*` without a name.
        case missingAnchorName
        /// A malformed tag.
        case invalidTag(String)
        /// A malformed or misplaced directive.
        case invalidDirective(String)
        /// A comment between the lines of a multi-line plain scalar.
        case commentInsidePlainScalar
        /// A multi-line implicit key inside a flow sequence.
        case implicitKeyAcrossLines
        /// An implicit key longer than 1024 characters.
        case implicitKeyTooLong
        /// Nesting deeper than the limit.
        case tooDeep(limit: Int)
        /// A token the grammar does not allow where it stands.
        case unexpected(found: String, expected: String)
        /// A flow collection whose closing bracket never comes; the location is its opening bracket.
        case unclosedFlowCollection(String)
        /// A tag handle such as `!e!` without a `%TAG` directive for it.
        case undeclaredTagHandle(String)
        /// A `%YAML` version this loader does not read (major version other than 1).
        case unsupportedVersion(String)
        /// An alias to an anchor not defined before it in the document.
        case undefinedAlias(String)
        /// An alias inside the node its anchor names (a recursive structure JSON cannot hold).
        case recursiveAlias(String)
        /// Aliases expanding to more nodes than the limit (a "billion laughs" document).
        case aliasExpansionTooLarge(limit: Int)
        /// A key that appears twice in one mapping, with where it first appeared.
        case duplicateKey(String, firstAt: FileLocation)
        /// A sequence or mapping used as a mapping key, which JSON cannot hold.
        case complexKey(String)
        /// A value that does not match its core-schema tag, such as `!!int abc`.
        case invalidTaggedValue(tag: String, value: String)
        /// A core-schema tag on the wrong kind of node, such as `!!str` on a mapping.
        case tagMismatch(tag: String, kind: String)
    }

    /// What went wrong.
    public var reason: Reason
    /// Where it went wrong.
    public var location: FileLocation

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - reason: What went wrong.
    ///   - location: Where.
    public init(reason: Reason, location: FileLocation) {
        self.reason = reason
        self.location = location
    }

    /// The error as a ``Diagnostic``, to render with a snippet.
    public var diagnostic: Diagnostic { Diagnostic(.error, reason.description, at: location) }
}

// MARK: - CustomStringConvertible, LocalizedError

extension YAMLError.Reason: CustomStringConvertible {
    /// One lower-case line.
    public var description: String {
        switch self {
        case .invalidUTF8: "invalid UTF-8"
        case .invalidEncoding(let encoding): "invalid \(encoding)"
        case .forbiddenCharacter(let name): "character \(name) is not allowed in YAML"
        case .tabInIndentation: "tab characters cannot be used for indentation"
        case .invalidIndentation: "invalid indentation"
        case .cannotStartPlainScalar(let character): "\(character) cannot start a plain scalar"
        case .missingColonAfterKey: "could not find expected ':' after this key"
        case .mappingValueNotAllowed: "mapping values are not allowed here"
        case .sequenceEntryNotAllowed: "block sequence entries are not allowed here"
        case .mappingKeyNotAllowed: "explicit mapping keys are not allowed here"
        case .commentWithoutSpace: "a comment must be separated from the text before it by a space"
        case .contentAfterDocumentEnd: "unexpected content after the document end marker '...'"
        case .unterminatedQuotedScalar: "unterminated quoted scalar"
        case .documentMarkerInQuotedScalar: "document marker inside a quoted scalar"
        case .invalidEscape(let escape): "invalid escape '\(escape)' in a double-quoted scalar"
        case .contentAfterQuotedScalar: "unexpected content after a quoted scalar"
        case .invalidBlockScalarHeader: "invalid block scalar header"
        case .blockScalarLeadingLineTooIndented:
            "a leading empty line of a block scalar is indented more than its first content line"
        case .blockScalarLineLessIndented: "a block scalar line is indented less than the scalar"
        case .missingAnchorName: "missing anchor or alias name"
        case .invalidTag(let detail): "invalid tag: \(detail)"
        case .invalidDirective(let detail): "invalid directive: \(detail)"
        case .commentInsidePlainScalar: "a comment cannot interrupt a multi-line plain scalar"
        case .implicitKeyAcrossLines: "an implicit key must be on a single line"
        case .implicitKeyTooLong: "an implicit key cannot be longer than 1024 characters"
        case .tooDeep(let limit): "nesting deeper than \(limit) levels"
        case .unexpected(let found, let expected): "expected \(expected), found \(found)"
        case .unclosedFlowCollection(let bracket): "unclosed '\(bracket)'"
        case .undeclaredTagHandle(let handle): "tag handle '\(handle)' is not declared by a %TAG directive"
        case .unsupportedVersion(let version): "unsupported YAML version \(version)"
        case .undefinedAlias(let name): "alias '*\(name)' refers to an undefined anchor"
        case .recursiveAlias(let name): "alias '*\(name)' refers to a node that contains it"
        case .aliasExpansionTooLarge(let limit):
            "aliases expand to more than \(limit) nodes (a \"billion laughs\" document?)"
        case .duplicateKey(let key, let first):
            "duplicate key \"\(key)\" (first at \(first.line):\(first.column))"
        case .complexKey(let kind): "a \(kind) cannot be a mapping key in JSON"
        case .invalidTaggedValue(let tag, let value): "'\(value)' is not a valid \(tag)"
        case .tagMismatch(let tag, let kind): "tag \(tag) cannot be used on a \(kind)"
        }
    }
}

extension YAMLError: CustomStringConvertible, LocalizedError {
    /// `path:line:column: error: reason`, the form compilers use.
    public var description: String { "\(location): error: \(reason)" }
    /// The same text, so `localizedDescription` is useful on Linux too.
    public var errorDescription: String? { description }
}

/// An error before its byte offset becomes a line and column.
struct YAMLFailure: Error {
    var reason: YAMLError.Reason
    var offset: Int

    init(_ reason: YAMLError.Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }
}
