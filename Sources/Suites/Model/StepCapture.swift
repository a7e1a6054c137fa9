public import Diagnostics
public import JSON

/// A value taken from a response into a variable for later steps.
public struct StepCapture: Sendable {
    /// Where the value comes from.
    public enum Source: Sendable, Equatable {
        /// The body at a JSON pointer.
        case json(JSONPointer)
        /// A header's value.
        case header(String)
        /// The status code.
        case status
    }

    /// The variable name.
    public var name: String
    /// The source.
    public var source: Source
    /// Where the capture is written.
    public var location: FileLocation

    /// Creates a capture.
    ///
    /// - Parameters:
    ///   - name: The variable.
    ///   - source: The source.
    ///   - location: Where it is written.
    public init(name: String, source: Source, at location: FileLocation) {
        self.name = name
        self.source = source
        self.location = location
    }
}
