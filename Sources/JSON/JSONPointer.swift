public import Foundation

/// A JSON Pointer (RFC 6901): a path of reference tokens into a JSON document, such as `/content/3/brokerType`.
///
/// The empty pointer refers to the whole document. Tokens are stored unescaped; ``description`` writes them
/// escaped (`~` as `~0`, `/` as `~1`).
public struct JSONPointer: Sendable, Hashable {
    /// The reference tokens, unescaped.
    public var tokens: [String]

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    /// Creates a pointer from unescaped tokens.
    ///
    /// - Parameter tokens: The reference tokens.
    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Parses a pointer's string form.
    ///
    /// - Parameter text: `""` or text starting with `/`, with `~0` and `~1` escapes.
    /// - Throws: ``JSONPointerError`` when the text does not start with `/` or holds a bad `~` escape.
    public init(parsing text: String) throws(JSONPointerError) {
        if text.isEmpty {
            self.tokens = []
            return
        }
        guard text.hasPrefix("/") else { throw JSONPointerError(pointer: text, reason: "must start with '/'") }
        var tokens: [String] = []
        for raw in text.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst() {
            tokens.append(try Self.unescape(String(decoding: raw, as: UTF8.self), in: text))
        }
        self.tokens = tokens
    }

    /// Parses the fragment of a URI reference such as `#/components/schemas/ApiResult`, percent-decoding it.
    ///
    /// - Parameter fragment: Text starting with `#` (the `#` alone is the root).
    /// - Throws: ``JSONPointerError`` when it is not a pointer fragment.
    public init(uriFragment fragment: String) throws(JSONPointerError) {
        guard fragment.hasPrefix("#") else {
            throw JSONPointerError(pointer: fragment, reason: "a URI fragment must start with '#'")
        }
        let encoded = String(fragment.dropFirst())
        guard let decoded = encoded.removingPercentEncoding else {
            throw JSONPointerError(pointer: fragment, reason: "invalid percent-encoding")
        }
        try self.init(parsing: decoded)
    }

    /// Escapes one token: `~` becomes `~0`, `/` becomes `~1`.
    ///
    /// - Parameter token: An unescaped token.
    /// - Returns: The escaped token.
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        var escaped = ""
        for character in token.unicodeScalars {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// Unescapes one token: `~1` becomes `/`, `~0` becomes `~`; any other `~` is an error.
    ///
    /// - Parameters:
    ///   - token: An escaped token.
    ///   - pointer: The whole pointer, for the error message.
    /// - Returns: The unescaped token.
    /// - Throws: ``JSONPointerError`` for `~` not followed by `0` or `1`.
    public static func unescape(_ token: String, in pointer: String = "") throws(JSONPointerError) -> String {
        guard token.utf8.contains(UInt8(ascii: "~")) else { return token }
        var result = ""
        var scalars = token.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "~" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalars.next() {
            case "0": result += "~"
            case "1": result += "/"
            default:
                throw JSONPointerError(
                    pointer: pointer.isEmpty ? token : pointer,
                    reason: "'~' must be followed by '0' or '1'"
                )
            }
        }
        return result
    }

    /// This pointer with `token` added.
    ///
    /// - Parameter token: An unescaped token.
    /// - Returns: The longer pointer.
    public func appending(_ token: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [token])
    }

    /// This pointer with an array index added.
    ///
    /// - Parameter index: The array index.
    /// - Returns: The longer pointer.
    public func appending(index: Int) -> JSONPointer {
        JSONPointer(tokens: tokens + [String(index)])
    }

    /// The pointer to the parent, or `nil` for the root.
    public var parent: JSONPointer? {
        tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast()))
    }

    /// The pointer as a URI fragment (`#/a/b`), percent-encoding what a URI fragment cannot hold.
    public var uriFragment: String {
        var allowed = CharacterSet.urlFragmentAllowed
        allowed.remove(charactersIn: "%")
        return "#" + (description.addingPercentEncoding(withAllowedCharacters: allowed) ?? description)
    }
}

// MARK: - CustomStringConvertible

extension JSONPointer: CustomStringConvertible {
    /// The escaped string form, `""` for the root.
    public var description: String {
        tokens.map { "/" + Self.escape($0) }.joined()
    }
}

// MARK: - Lookup

extension JSONValue {
    /// The value `pointer` refers to, or `nil` when a token does not resolve.
    ///
    /// Array tokens must be decimal indexes without leading zeros; `-` (past the end) resolves to nothing.
    ///
    /// - Parameter pointer: The pointer.
    /// - Returns: The value, if present.
    public func value(at pointer: JSONPointer) -> JSONValue? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = JSONPointer.arrayIndex(token), index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Sets the value at `pointer`, creating nothing on the way: every parent must exist.
    ///
    /// An object member is added or replaced; an array element is replaced, or appended with token `-` or the
    /// index equal to the count.
    ///
    /// - Parameters:
    ///   - newValue: The value to store.
    ///   - pointer: Where to store it; the root replaces the whole value.
    /// - Returns: Whether the value was stored.
    @discardableResult
    public mutating func setValue(_ newValue: JSONValue, at pointer: JSONPointer) -> Bool {
        guard let first = pointer.tokens.first else {
            self = newValue
            return true
        }
        let rest = JSONPointer(tokens: Array(pointer.tokens.dropFirst()))
        switch self {
        case .object(var object):
            var child = object[first] ?? .null
            if rest.tokens.isEmpty {
                child = newValue
            } else {
                guard object[first] != nil, child.setValue(newValue, at: rest) else { return false }
            }
            object[first] = child
            self = .object(object)
            return true
        case .array(var elements):
            let index = first == "-" ? elements.count : JSONPointer.arrayIndex(first)
            guard let index, index <= elements.count else { return false }
            if index == elements.count {
                guard rest.tokens.isEmpty else { return false }
                elements.append(newValue)
            } else if rest.tokens.isEmpty {
                elements[index] = newValue
            } else {
                guard elements[index].setValue(newValue, at: rest) else { return false }
            }
            self = .array(elements)
            return true
        default:
            return false
        }
    }
}

extension JSONPointer {
    /// The array index a token names: decimal digits without a leading zero.
    static func arrayIndex(_ token: String) -> Int? {
        let utf8 = token.utf8
        guard let first = utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return nil }
        if first == UInt8(ascii: "0") && utf8.count > 1 { return nil }
        guard utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), utf8.count < 19 else {
            return nil
        }
        return Int(token)
    }
}

/// A JSON Pointer that cannot be parsed.
public struct JSONPointerError: Error, Sendable, Equatable {
    /// The pointer text.
    public var pointer: String
    /// Why it is invalid.
    public var reason: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - pointer: The pointer text.
    ///   - reason: Why it is invalid.
    public init(pointer: String, reason: String) {
        self.pointer = pointer
        self.reason = reason
    }
}

// MARK: - CustomStringConvertible, LocalizedError

extension JSONPointerError: CustomStringConvertible, LocalizedError {
    /// `invalid JSON pointer '…': reason`.
    public var description: String { "invalid JSON pointer '\(pointer)': \(reason)" }
    /// The same text, so `localizedDescription` is useful on Linux too.
    public var errorDescription: String? { description }
}
