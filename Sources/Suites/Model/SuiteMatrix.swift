public import Diagnostics

/// A `matrix:`: a suite or step runs once per combination of the named values.
public struct SuiteMatrix: Sendable {
    /// Where a dimension's values come from.
    public enum Values: Sendable {
        /// Values listed in the suite.
        case list([TemplatedValue])
        /// The `enum` of a schema in the spec (`{ enum: BrokerType }`), so a new value is tested the day it
        /// appears.
        case schemaEnum(String)
    }

    /// One named dimension.
    public struct Dimension: Sendable {
        /// The variable name.
        public var name: String
        /// Its values.
        public var values: Values
        /// Where it is written.
        public var location: FileLocation

        /// Creates a dimension.
        ///
        /// - Parameters:
        ///   - name: The variable name.
        ///   - values: Its values.
        ///   - location: Where it is written.
        public init(name: String, values: Values, at location: FileLocation) {
            self.name = name
            self.values = values
            self.location = location
        }
    }

    /// The dimensions, in order; the first varies slowest.
    public var dimensions: [Dimension]
    /// Where the matrix is written.
    public var location: FileLocation

    /// Creates a matrix.
    ///
    /// - Parameters:
    ///   - dimensions: The dimensions.
    ///   - location: Where it is written.
    public init(dimensions: [Dimension], at location: FileLocation) {
        self.dimensions = dimensions
        self.location = location
    }
}
