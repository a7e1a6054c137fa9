import JSON

/// Reads a file holding several JSON values one after another (the yaml-test-suite's `in.json`).
enum JSONValueSequence {
    /// Splits `bytes` into top-level JSON texts and parses each.
    static func parse(_ bytes: [UInt8]) throws -> [JSONValue] {
        var values: [JSONValue] = []
        var index = 0
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        while true {
            while index < bytes.count && isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return values }
            let start = index
            let first = bytes[index]
            if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") || first == UInt8(ascii: "\"") {
                var depth = 0
                var inString = false
                repeat {
                    let byte = bytes[index]
                    if inString {
                        if byte == UInt8(ascii: "\\") {
                            index += 1
                        } else if byte == UInt8(ascii: "\"") {
                            inString = false
                        }
                    } else if byte == UInt8(ascii: "\"") {
                        inString = true
                    } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                        depth += 1
                    } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                        depth -= 1
                    }
                    index += 1
                } while index < bytes.count && (depth > 0 || inString)
            } else {
                while index < bytes.count && !isSpace(bytes[index]) { index += 1 }
            }
            values.append(try JSONParser.parse(Array(bytes[start..<index])))
        }
    }
}
