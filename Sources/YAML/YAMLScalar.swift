/// The text of a scalar node and the style it was written in.
public struct YAMLScalar: Sendable, Hashable {
    /// How a scalar was written.
    public enum Style: Sendable, Hashable {
        /// Unquoted; the only style whose type the core schema resolves (`12`, `true`, `null`, …).
        case plain
        /// In single quotes.
        case singleQuoted
        /// In double quotes, with escapes.
        case doubleQuoted
        /// A literal block scalar (`|`).
        case literal
        /// A folded block scalar (`>`).
        case folded
    }

    /// The content after folding and escapes, as written (before type resolution).
    public var value: String
    /// The style.
    public var style: Style

    /// Creates a scalar.
    ///
    /// - Parameters:
    ///   - value: The content.
    ///   - style: How it was written.
    public init(_ value: String, style: Style = .plain) {
        self.value = value
        self.style = style
    }
}
