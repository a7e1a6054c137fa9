/// Writes ``JSONValue``s as UTF-8 JSON text, compact or pretty, with stable output.
///
/// Numbers are written with their exact text; strings escape `"`, `\` and every control character (the short
/// forms `\b \f \n \r \t`, otherwise `\u00XX`); everything else is written as UTF-8. Pretty output indents by two
/// spaces and writes `"key": value`, as `JSON.stringify(value, null, 2)` does.
public struct JSONWriter: Sendable {
    /// Whether to break lines and indent.
    public var isPretty: Bool
    /// Whether to write object members sorted by key (for golden files) instead of in their order.
    public var sortsKeys: Bool

    /// Creates a writer.
    ///
    /// - Parameters:
    ///   - isPretty: Whether to break lines and indent by two spaces.
    ///   - sortsKeys: Whether to sort object members by key.
    public init(isPretty: Bool = false, sortsKeys: Bool = false) {
        self.isPretty = isPretty
        self.sortsKeys = sortsKeys
    }

    /// The UTF-8 bytes of `value`.
    ///
    /// - Parameter value: The value to write.
    /// - Returns: JSON text without a final line break.
    public func bytes(of value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, into: &output, indent: 0)
        return output
    }

    /// The text of `value`.
    ///
    /// - Parameter value: The value to write.
    /// - Returns: JSON text without a final line break.
    public func string(of value: JSONValue) -> String {
        String(decoding: bytes(of: value), as: UTF8.self)
    }

    private func newline(_ output: inout [UInt8], indent: Int) {
        output.append(UInt8(ascii: "\n"))
        for _ in 0..<indent {
            output.append(UInt8(ascii: " "))
            output.append(UInt8(ascii: " "))
        }
    }

    private func write(_ value: JSONValue, into output: inout [UInt8], indent: Int) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let bool):
            output.append(contentsOf: (bool ? "true" : "false").utf8)
        case .number(let number):
            output.append(contentsOf: number.text.utf8)
        case .string(let string):
            Self.writeString(string, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                if isPretty { newline(&output, indent: indent + 1) }
                write(element, into: &output, indent: indent + 1)
            }
            if isPretty && !elements.isEmpty { newline(&output, indent: indent) }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            let members = sortsKeys ? object.members.sorted { $0.key < $1.key } : object.members
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                if isPretty { newline(&output, indent: indent + 1) }
                Self.writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                if isPretty { output.append(UInt8(ascii: " ")) }
                write(member.value, into: &output, indent: indent + 1)
            }
            if isPretty && !members.isEmpty { newline(&output, indent: indent) }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `string` as a quoted, escaped JSON string.
    ///
    /// - Parameters:
    ///   - string: The string.
    ///   - output: The buffer to append to.
    public static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""):
                output.append(UInt8(ascii: "\\"))
                output.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"):
                output.append(UInt8(ascii: "\\"))
                output.append(UInt8(ascii: "\\"))
            case 0x08: output.append(contentsOf: "\\b".utf8)
            case 0x0C: output.append(contentsOf: "\\f".utf8)
            case 0x0A: output.append(contentsOf: "\\n".utf8)
            case 0x0D: output.append(contentsOf: "\\r".utf8)
            case 0x09: output.append(contentsOf: "\\t".utf8)
            case 0x00..<0x20:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hexDigit(byte >> 4))
                output.append(hexDigit(byte & 0x0F))
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

extension JSONValue {
    /// The value as JSON text.
    ///
    /// - Parameters:
    ///   - pretty: Whether to break lines and indent by two spaces.
    ///   - sortingKeys: Whether to sort object members by key.
    /// - Returns: JSON text without a final line break.
    public func serialized(pretty: Bool = false, sortingKeys: Bool = false) -> String {
        JSONWriter(isPretty: pretty, sortsKeys: sortingKeys).string(of: self)
    }
}
