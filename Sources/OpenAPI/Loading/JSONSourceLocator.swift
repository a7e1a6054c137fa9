public import Diagnostics
public import JSON

/// Finds the file position of a JSON pointer in JSON text by scanning the bytes along the pointer's path.
///
/// Nothing is built in advance: a lookup skips sibling values byte by byte and decodes only the keys on the way,
/// so it costs one pass over at most the file, and only when a diagnostic needs a position.
public final class JSONSourceLocator: Sendable {
    /// The file's text.
    public let source: SourceText

    /// Creates a locator over a JSON file's bytes.
    ///
    /// - Parameter source: The file.
    public init(source: SourceText) {
        self.source = source
    }

    /// The line and column where the value at `pointer` starts.
    ///
    /// - Parameter pointer: A pointer into the document.
    /// - Returns: The position, or `nil` when the pointer does not resolve in the text.
    public func location(of pointer: JSONPointer) -> FileLocation? {
        guard let offset = offset(of: pointer) else { return nil }
        return source.location(ofOffset: offset)
    }

    /// The byte offset where the value at `pointer` starts.
    public func offset(of pointer: JSONPointer) -> Int? {
        source.bytes.withUnsafeBufferPointer { bytes -> Int? in
            var scanner = Scanner(bytes: bytes)
            scanner.skipWhitespace()
            if scanner.position + 2 < bytes.count && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
                scanner.position = 3
                scanner.skipWhitespace()
            }
            for token in pointer.tokens {
                guard scanner.position < bytes.count else { return nil }
                switch bytes[scanner.position] {
                case UInt8(ascii: "{"):
                    guard scanner.enterMember(named: token) else { return nil }
                case UInt8(ascii: "["):
                    guard let index = Int(token), index >= 0, scanner.enterElement(index) else { return nil }
                default:
                    return nil
                }
            }
            return scanner.position
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        /// Skips a string starting at its opening quote and returns its raw content range.
        mutating func skipString() -> Range<Int>? {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
            position += 1
            let start = position
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\\"): position += 2
                case UInt8(ascii: "\""):
                    position += 1
                    return start..<(position - 1)
                default: position += 1
                }
            }
            return nil
        }

        mutating func skipValue() -> Bool {
            guard position < bytes.count else { return false }
            switch bytes[position] {
            case UInt8(ascii: "\""):
                return skipString() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while position < bytes.count {
                    switch bytes[position] {
                    case UInt8(ascii: "\""):
                        guard skipString() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            position += 1
                            return true
                        }
                    default:
                        break
                    }
                    position += 1
                }
                return false
            default:
                while position < bytes.count {
                    switch bytes[position] {
                    case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: return true
                    default: position += 1
                    }
                }
                return true
            }
        }

        /// Moves to the value of member `name` of the object at the current position.
        mutating func enterMember(named name: String) -> Bool {
            position += 1
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return false }
                let keyStart = position
                guard let raw = skipString() else { return false }
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return false }
                position += 1
                skipWhitespace()
                if keyMatches(raw, keyStart: keyStart, name) { return true }
                guard skipValue() else { return false }
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ",") else { return false }
                position += 1
            }
        }

        private func keyMatches(_ raw: Range<Int>, keyStart: Int, _ name: String) -> Bool {
            let slice = UnsafeBufferPointer(rebasing: bytes[raw])
            if !slice.contains(UInt8(ascii: "\\")) {
                return slice.elementsEqual(name.utf8)
            }
            let quoted = Array(bytes[keyStart..<(raw.upperBound + 1)])
            guard case .string(let decoded)? = try? JSONParser.parse(quoted) else { return false }
            return decoded.utf8.elementsEqual(name.utf8)
        }

        /// Moves to element `index` of the array at the current position.
        mutating func enterElement(_ index: Int) -> Bool {
            position += 1
            var current = 0
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] != UInt8(ascii: "]") else { return false }
                if current == index { return true }
                guard skipValue() else { return false }
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ",") else { return false }
                position += 1
                current += 1
            }
        }
    }
}
