/// An `http` or `https` URL split into what a request needs: scheme, host, port and request target.
///
/// Userinfo (`user:password@`) is refused, since credentials never travel in URLs here; the fragment is dropped.
public struct HTTPURL: Sendable, Hashable {
    /// `http` or `https`, lower case.
    public var scheme: String
    /// The host, lower case, without IPv6 brackets.
    public var host: String
    /// The port, defaulted from the scheme.
    public var port: Int
    /// The path and query, `/` when the URL has no path.
    public var target: String

    /// Parses an absolute `http` or `https` URL.
    ///
    /// - Parameter text: The URL, such as `http://127.0.0.1:8080/accounts?page=2`.
    /// - Throws: ``HTTPClientError/invalidURL(_:reason:)`` or ``HTTPClientError/unsupportedScheme(_:)``.
    public init(parsing text: String) throws(HTTPClientError) {
        guard let separator = text.firstRange(of: "://") else {
            throw .invalidURL(text, reason: "not an absolute URL")
        }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw .unsupportedScheme(scheme) }
        let rest = text[separator.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@") else {
            throw .invalidURL(text, reason: "credentials in the URL are not supported")
        }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw .invalidURL(text, reason: "unterminated IPv6 address")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidURL(text, reason: "invalid authority") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { throw .invalidURL(text, reason: "missing host") }
        let hostIsValid = host.utf8.allSatisfy { byte in
            HTTPSyntax.isTokenByte(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "%")
        }
        guard hostIsValid else { throw .invalidURL(text, reason: "invalid character in host") }
        var port = scheme == "https" ? 443 : 80
        if let portText, !portText.isEmpty {
            guard portText.count <= 5, let parsed = Int(portText), (1...65_535).contains(parsed) else {
                throw .invalidURL(text, reason: "invalid port")
            }
            port = parsed
        }
        var target = rest[authorityEnd...]
        if let hash = target.firstIndex(of: "#") {
            target = target[..<hash]
        }
        guard target.utf8.allSatisfy(HTTPSyntax.isTargetByte) else {
            throw .invalidURL(text, reason: "space, control or non-ASCII character in path or query")
        }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        self.target = target.isEmpty ? "/" : target.hasPrefix("?") ? "/" + target : String(target)
    }

    /// Whether the scheme is `https`.
    public var isSecure: Bool { scheme == "https" }

    /// `host` or `host:port` (port omitted when it is the scheme's default), IPv6 in brackets: the `Host` header.
    public var authority: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return port == (isSecure ? 443 : 80) ? bracketed : "\(bracketed):\(port)"
    }

    /// Scheme, host and port: two URLs with the same origin may share credentials and connections.
    public var origin: String { "\(scheme)://\(authority)" }

    /// Resolves a reference (a `Location` header) against this URL, as RFC 3986 §5.2 does.
    ///
    /// - Parameter reference: An absolute URL, `//host/path`, `/path`, `?query` or a relative path.
    /// - Returns: The absolute URL.
    /// - Throws: ``HTTPClientError/invalidURL(_:reason:)`` when the result is not a valid URL.
    public func resolving(_ reference: String) throws(HTTPClientError) -> HTTPURL {
        let trimmed = String(
            reference.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
        )
        if trimmed.firstRange(of: "://").map({ trimmed[..<$0.lowerBound].allSatisfy(\.isLetter) }) == true {
            return try HTTPURL(parsing: trimmed)
        }
        if trimmed.hasPrefix("//") {
            return try HTTPURL(parsing: scheme + ":" + trimmed)
        }
        var resolved = self
        let withoutFragment = trimmed.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if withoutFragment.isEmpty {
            return resolved
        }
        let basePath = String(target.prefix { $0 != "?" })
        let newTarget: String
        if withoutFragment.hasPrefix("/") {
            newTarget = String(withoutFragment)
        } else if withoutFragment.hasPrefix("?") {
            newTarget = basePath + withoutFragment
        } else {
            let directory = basePath.lastIndex(of: "/").map { String(basePath[...$0]) } ?? "/"
            newTarget = directory + withoutFragment
        }
        let parts = newTarget.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = Self.removingDotSegments(String(parts[0]))
        resolved.target = parts.count > 1 ? path + "?" + parts[1] : path
        guard resolved.target.utf8.allSatisfy(HTTPSyntax.isTargetByte) else {
            throw .invalidURL(reference, reason: "space, control or non-ASCII character in path or query")
        }
        return resolved
    }

    /// RFC 3986 §5.2.4 on an absolute path.
    private static func removingDotSegments(_ path: String) -> String {
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }
}

// MARK: - CustomStringConvertible

extension HTTPURL: CustomStringConvertible {
    /// `scheme://authority/target`.
    public var description: String { origin + target }
}
