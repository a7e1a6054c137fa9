/// A position in a file that a person can jump to: path, 1-based line and 1-based column.
///
/// Columns count Unicode scalars, not bytes, so a caret lines up under the character an editor shows.
public struct FileLocation: Sendable, Hashable {
    /// The file's path as the user gave it, or a placeholder such as `<input>` for data without a file.
    public var path: String
    /// The line, counting from 1.
    public var line: Int
    /// The column in Unicode scalars, counting from 1.
    public var column: Int

    /// Creates a location.
    ///
    /// - Parameters:
    ///   - path: The file's path.
    ///   - line: The line, from 1.
    ///   - column: The column in Unicode scalars, from 1.
    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }
}

// MARK: - CustomStringConvertible

extension FileLocation: CustomStringConvertible {
    /// `path:line:column`, the form compilers and editors use.
    public var description: String { "\(path):\(line):\(column)" }
}
