/// A problem found in a user's file, collected as a value so that every problem is reported before anything runs.
///
/// Diagnostics are not thrown: loaders gather them all, and a command decides from their severities whether to
/// go on. The text is compiler-shaped (`path:line:column: severity: message`), which editors and CI annotate.
public struct Diagnostic: Sendable, Hashable {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// Something to know; never fails a command.
        case note
        /// Suspicious but allowed.
        case warning
        /// Stops the command from going on.
        case error

        /// Orders note < warning < error.
        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs.rank < rhs.rank
        }

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }
    }

    /// How serious it is.
    public var severity: Severity
    /// One line saying what is wrong, lower-case, without a final period.
    public var message: String
    /// Where, when the problem has a place in a file.
    public var location: FileLocation?
    /// Further lines, each shown as `note: …` under the message.
    public var notes: [String]

    /// Creates a diagnostic.
    ///
    /// - Parameters:
    ///   - severity: How serious it is.
    ///   - message: One line saying what is wrong.
    ///   - location: Where, if anywhere.
    ///   - notes: Further explanation, one line each.
    public init(_ severity: Severity, _ message: String, at location: FileLocation? = nil, notes: [String] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// The diagnostic as a person reads it, with the source line and a caret when `source` holds the file.
    ///
    /// - Parameter source: The file the location points into; `nil` prints no snippet.
    /// - Returns: `path:line:column: severity: message`, then the snippet and notes on their own lines.
    public func rendered(withSnippetFrom source: SourceText? = nil) -> String {
        var text = description
        if let source, let location, location.path == source.path, let snippet = source.snippet(at: location) {
            text += "\n" + snippet
        }
        for note in notes {
            text += "\nnote: " + note
        }
        return text
    }
}

// MARK: - CustomStringConvertible

extension Diagnostic: CustomStringConvertible {
    /// `path:line:column: severity: message`, or `severity: message` without a location.
    public var description: String {
        if let location {
            return "\(location): \(severity.rawValue): \(message)"
        }
        return "\(severity.rawValue): \(message)"
    }
}
