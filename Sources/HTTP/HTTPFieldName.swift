/// The header names the parsers and serializers act on, recognised from bytes without making a `String`.
package enum HTTPFieldName {
    case host, contentLength, transferEncoding, expect, connection, date, other

    /// Classifies a field name, ignoring ASCII case.
    package init(_ name: UnsafeBufferPointer<UInt8>) {
        switch name.count {
        case 4:
            self =
                Self.matches(name, "host") ? .host : Self.matches(name, "date") ? .date : .other
        case 6: self = Self.matches(name, "expect") ? .expect : .other
        case 10: self = Self.matches(name, "connection") ? .connection : .other
        case 14: self = Self.matches(name, "content-length") ? .contentLength : .other
        case 17: self = Self.matches(name, "transfer-encoding") ? .transferEncoding : .other
        default: self = .other
        }
    }

    private static func matches(_ name: UnsafeBufferPointer<UInt8>, _ lowercase: StaticString) -> Bool {
        HTTPSyntax.equalsIgnoringASCIICase(name, UnsafeBufferPointer(staticBytes: lowercase))
    }
}
