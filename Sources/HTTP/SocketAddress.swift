import Glibc

/// An IPv4 or IPv6 socket address, ready for `bind` and `connect`.
enum SocketAddress: Sendable {
    /// An IPv4 address and port.
    case ipv4(sockaddr_in)
    /// An IPv6 address and port.
    case ipv6(sockaddr_in6)

    /// The numeric address for `host` (an IPv4 or IPv6 literal, brackets allowed), or `nil` for a name.
    init?(numericHost host: String, port: Int) {
        var name = host
        if name.hasPrefix("["), name.hasSuffix("]") {
            name = String(name.dropFirst().dropLast())
        }
        var address4 = sockaddr_in()
        if inet_pton(AF_INET, name, &address4.sin_addr) == 1 {
            address4.sin_family = sa_family_t(AF_INET)
            address4.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
            self = .ipv4(address4)
            return
        }
        var address6 = sockaddr_in6()
        if inet_pton(AF_INET6, name, &address6.sin6_addr) == 1 {
            address6.sin6_family = sa_family_t(AF_INET6)
            address6.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
            self = .ipv6(address6)
            return
        }
        return nil
    }

    /// The address family, `AF_INET` or `AF_INET6`.
    var family: Int32 {
        switch self {
        case .ipv4: AF_INET
        case .ipv6: AF_INET6
        }
    }

    /// Calls `body` with a `sockaddr` pointer and its length.
    func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        switch self {
        case .ipv4(var address):
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .ipv6(var address):
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }

    /// Resolves `host` to addresses, numeric literals without a lookup; `localhost` is 127.0.0.1 then ::1.
    ///
    /// Names go through `getaddrinfo`, which blocks: call this from a dedicated thread, never from the
    /// cooperative pool.
    ///
    /// - Throws: ``SocketError`` naming `getaddrinfo` when the name does not resolve.
    static func resolve(host: String, port: Int) throws(SocketError) -> [SocketAddress] {
        if let numeric = SocketAddress(numericHost: host, port: port) {
            return [numeric]
        }
        if host.lowercased() == "localhost" {
            return [SocketAddress(numericHost: "127.0.0.1", port: port), SocketAddress(numericHost: "::1", port: port)]
                .compactMap { $0 }
        }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let text = gai_strerror(status).map { String(cString: $0) } ?? "status \(status)"
            throw SocketError(operation: "getaddrinfo(\(host))", code: 0, message: text)
        }
        defer { freeaddrinfo(first) }
        var addresses: [SocketAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = entry.pointee.ai_addr {
                if entry.pointee.ai_family == AF_INET {
                    addresses.append(.ipv4(UnsafeRawPointer(address).loadUnaligned(as: sockaddr_in.self)))
                } else if entry.pointee.ai_family == AF_INET6 {
                    addresses.append(.ipv6(UnsafeRawPointer(address).loadUnaligned(as: sockaddr_in6.self)))
                }
            }
            cursor = entry.pointee.ai_next
        }
        guard !addresses.isEmpty else {
            throw SocketError(operation: "getaddrinfo(\(host))", code: 0, message: "no IPv4 or IPv6 address")
        }
        return addresses
    }
}
