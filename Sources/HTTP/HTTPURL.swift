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
        var text = text
        let parsed = text.withUTF8 { bytes in Self.parse(bytes) }
        switch parsed {
        case .success(let url): self = url
        case .failure(let error): throw error
        }
    }

    private init(scheme: String, host: String, port: Int, target: String) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.target = target
    }

    /// Parses on UTF-8 bytes: URLs are ASCII, and `Character` processing is slow.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<HTTPURL, HTTPClientError> {
        func failure(_ reason: String) -> Result<HTTPURL, HTTPClientError> {
            .failure(.invalidURL(String(decoding: bytes, as: UTF8.self), reason: reason))
        }
        let colon = UInt8(ascii: ":")
        let slash = UInt8(ascii: "/")
        guard let schemeEnd = bytes.firstIndex(of: colon), schemeEnd + 2 < bytes.count,
            bytes[schemeEnd + 1] == slash, bytes[schemeEnd + 2] == slash
        else { return failure("not an absolute URL") }
        let schemeBytes = bytes[..<schemeEnd].lazy.map(HTTPSyntax.lowercased)
        let isSecure: Bool
        if schemeBytes.elementsEqual("http".utf8) {
            isSecure = false
        } else if schemeBytes.elementsEqual("https".utf8) {
            isSecure = true
        } else {
            return .failure(.unsupportedScheme(String(decoding: Array(schemeBytes), as: UTF8.self)))
        }
        let authorityStart = schemeEnd + 3
        var authorityEnd = authorityStart
        while authorityEnd < bytes.count {
            let byte = bytes[authorityEnd]
            if byte == slash || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            if byte == UInt8(ascii: "@") { return failure("credentials in the URL are not supported") }
            authorityEnd += 1
        }
        var hostStart = authorityStart
        var hostEnd = authorityEnd
        var portStart: Int?
        if hostStart < authorityEnd && bytes[hostStart] == UInt8(ascii: "[") {
            guard let close = bytes[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: "]")) else {
                return failure("unterminated IPv6 address")
            }
            hostStart += 1
            hostEnd = close
            if close + 1 < authorityEnd {
                guard bytes[close + 1] == colon else { return failure("invalid authority") }
                portStart = close + 2
            }
        } else if let portColon = bytes[authorityStart..<authorityEnd].lastIndex(of: colon) {
            hostEnd = portColon
            portStart = portColon + 1
        }
        guard hostEnd > hostStart else { return failure("missing host") }
        for byte in bytes[hostStart..<hostEnd]
        where !(HTTPSyntax.isTokenByte(byte) || byte == colon || byte == UInt8(ascii: "%")) {
            return failure("invalid character in host")
        }
        var port = isSecure ? 443 : 80
        if let portStart, portStart < authorityEnd {
            let digits = UnsafeBufferPointer(rebasing: bytes[portStart..<authorityEnd])
            guard digits.count <= 5, let parsed = HTTPSyntax.decimal(digits), (1...65_535).contains(parsed) else {
                return failure("invalid port")
            }
            port = parsed
        }
        var targetEnd = authorityEnd
        while targetEnd < bytes.count && bytes[targetEnd] != UInt8(ascii: "#") {
            guard HTTPSyntax.isTargetByte(bytes[targetEnd]) else {
                return failure("space, control or non-ASCII character in path or query")
            }
            targetEnd += 1
        }
        let targetBytes = UnsafeBufferPointer(rebasing: bytes[authorityEnd..<targetEnd])
        let target: String
        if targetBytes.isEmpty {
            target = "/"
        } else if targetBytes[0] == UInt8(ascii: "?") {
            target = "/" + String(decoding: targetBytes, as: UTF8.self)
        } else {
            target = String(decoding: targetBytes, as: UTF8.self)
        }
        let host = String(decoding: bytes[hostStart..<hostEnd].map(HTTPSyntax.lowercased), as: UTF8.self)
        return .success(HTTPURL(scheme: isSecure ? "https" : "http", host: host, port: port, target: target))
    }

    /// Whether the scheme is `https`.
    public var isSecure: Bool { scheme == "https" }

    /// `host` or `host:port` (port omitted when it is the scheme's default), IPv6 in brackets: the `Host` header.
    public var authority: String {
        let bracketed = host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]" : host
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
