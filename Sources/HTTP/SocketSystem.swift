import Glibc

/// Thin wrappers over the POSIX socket calls the module uses; every descriptor is non-blocking and close-on-exec.
package enum SocketSystem {
    /// A TCP socket listening on `host`:`port` (0 picks an ephemeral port), and the port it is bound to.
    ///
    /// - Throws: ``SocketError`` naming the failing call (`socket`, `bind`, `listen`, `getaddrinfo`).
    package static func listen(
        host: String,
        port: Int,
        backlog: Int32
    ) throws(SocketError) -> (
        descriptor: Int32, port: Int
    ) {
        guard (0...65_535).contains(port) else {
            throw SocketError(operation: "bind", code: 0, message: "port \(port) is out of range")
        }
        let address = try SocketAddress.resolve(host: host, port: port)[0]
        let descriptor = try makeSocket(family: address.family)
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = address.withSockaddr { bind(descriptor, $0, $1) }
        guard bound == 0 else {
            let error = SocketError.lastError("bind(\(host):\(port))")
            close(descriptor)
            throw error
        }
        guard Glibc.listen(descriptor, backlog) == 0 else {
            let error = SocketError.lastError("listen")
            close(descriptor)
            throw error
        }
        return (descriptor, localPort(of: descriptor))
    }

    /// A non-blocking, close-on-exec TCP socket.
    package static func makeSocket(family: Int32) throws(SocketError) -> Int32 {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = socket(family, type, 0)
        guard descriptor >= 0 else { throw SocketError.lastError("socket") }
        return descriptor
    }

    /// The local port `descriptor` is bound to, 0 when unknown.
    package static func localPort(of descriptor: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard status == 0 else { return 0 }
        let family = storage.ss_family
        return withUnsafeBytes(of: &storage) { raw in
            if family == sa_family_t(AF_INET) {
                return Int(UInt16(bigEndian: raw.loadUnaligned(as: sockaddr_in.self).sin_port))
            }
            return Int(UInt16(bigEndian: raw.loadUnaligned(as: sockaddr_in6.self).sin6_port))
        }
    }

    /// Accepts one pending connection as a non-blocking, close-on-exec descriptor.
    ///
    /// - Returns: The descriptor, or `nil` when none is pending (`EAGAIN`) or the call was interrupted.
    /// - Throws: ``SocketError`` for other failures (`EMFILE` when out of descriptors, for example).
    package static func accept(_ listener: Int32) throws(SocketError) -> Int32? {
        let descriptor = Glibc.accept(listener, nil, nil)
        if descriptor < 0 {
            let code = errno
            if code == EAGAIN || code == EWOULDBLOCK || code == EINTR || code == ECONNABORTED {
                return nil
            }
            throw SocketError(operation: "accept", code: code, message: systemErrorText(code))
        }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        setNoDelay(descriptor)
        return descriptor
    }

    /// Turns off Nagle's algorithm: requests and responses go out in one write and must not wait for an ACK.
    package static func setNoDelay(_ descriptor: Int32) {
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Sends as much of `bytes` as the socket takes now, never raising `SIGPIPE`.
    ///
    /// - Returns: The count sent (0 when the socket buffer is full), or the negated `errno` on failure.
    package static func send(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        while true {
            let sent = Glibc.send(descriptor, base, bytes.count, Int32(MSG_NOSIGNAL))
            if sent >= 0 { return sent }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return 0 }
            return -Int(code)
        }
    }

    /// Receives into `buffer`.
    ///
    /// - Returns: The count received, 0 at end of stream, `nil` when nothing is available yet, or the negated
    ///   `errno` on failure.
    package static func receive(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return nil }
        while true {
            let received = recv(descriptor, base, buffer.count, 0)
            if received >= 0 { return received }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return nil }
            return -Int(code)
        }
    }

    /// Waits up to `timeoutMilliseconds` for `events` on one descriptor.
    ///
    /// - Returns: The returned events, or 0 when the wait timed out.
    package static func poll(_ descriptor: Int32, events: Int16, timeoutMilliseconds: Int32) -> Int16 {
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        while true {
            let status = Glibc.poll(&entry, 1, timeoutMilliseconds)
            if status > 0 { return entry.revents }
            if status == 0 { return 0 }
            if errno != EINTR { return Int16(POLLERR) }
        }
    }
}
