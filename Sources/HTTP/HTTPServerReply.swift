/// What a server handler decides to do with a request.
public enum HTTPServerReply: Sendable {
    /// Send this response; the server frames it (`Content-Length`, `Date`, `Connection`).
    case response(HTTPResponse)
    /// Hand the connection to `writer`, which writes whatever bytes it likes from a dedicated thread; the server
    /// closes the connection when it returns. For tests and deliberately misbehaving servers.
    case raw(@Sendable (HTTPRawConnection) -> Void)
    /// Close the connection without answering.
    case close
}
