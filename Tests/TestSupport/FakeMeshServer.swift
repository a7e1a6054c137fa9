public import HTTP
import JSON
import Synchronization

/// A small HTTP server on 127.0.0.1 that answers a few Mesh operations the way the spec says, or breaks them on
/// purpose, so runner tests see both passing and failing responses over real sockets.
///
/// It is a second, independent reading of Mesh's docs for the three seed operations, so the shipped seed suites can
/// be shown to pass against something other than the embedded mock:
///
/// - `POST /api/v1/authenticate?userId=…`: username `Mesh` and password `Pass123` give `mfaRequired` (phone);
///   then `mfaCode: "123456"` gives `succeeded` with an account token. Without `userId` or `type`, with a `userId`
///   over 50 characters, or with a sensitive field that is not Base64 under `isSensitiveFieldsEncrypted`: a 400
///   ProblemDetails. Without credentials: 401.
/// - `GET /api/v1/authenticationSchemes`: two schemes. Without credentials: 401.
/// - `DELETE /api/v1/account`: removes a connection (`application/json`, `text/json`, `application/*+json`); a
///   missing `authToken` is a 400 `missingField`, any other bad body a 400 `invalidField`, an unknown token a 400
///   `badRequest`. Without credentials: 401.
/// - `GET /api/v1/status`: three institutions.
/// - `POST /api/v1/balance/get`: the balance for a live token; otherwise a 400 ApiResult `badRequest`.
/// - `POST /api/v1/holdings/get`: always a 400 ApiResult with `errorType: invalidField`.
/// - Anything else: 404 `text/plain`.
///
/// With ``Fault/acceptEverything`` every request gets 200 with an ok envelope instead.
public final class FakeMeshServer: Sendable {
    /// A way to break every response.
    public enum Fault: String, Sendable, CaseIterable {
        /// 200 answers become 202, which no operation declares.
        case wrongStatus
        /// JSON answers say `Content-Type: text/html`.
        case undeclaredContentType
        /// JSON answers say no `Content-Type` at all.
        case missingContentType
        /// `content.status` becomes `mfaPending`, outside the enum.
        case schemaViolation
        /// 400 ApiResult answers carry `errorType: ""`.
        case emptyErrorType
        /// Every answer is a 500 with a text body.
        case serverError
        /// Every `brokerType` member in a `content` array becomes `myBroker`, outside the enum.
        case unknownBrokerType
        /// The second authentication scheme's `trueAuthAuthenticaion` loses its required `loginUrl`.
        case missingRequiredField
        /// JSON object answers gain a member `unexpected`, which no schema declares.
        case extraProperty
        /// JSON answers repeat the `status` key.
        case duplicateKeys
        /// 400 ApiResult answers carry envelope `status: ok`.
        case envelopeOkOnError
        /// JSON answers are cut in the middle.
        case invalidJSON
        /// Every request, whatever it holds (no credentials, a bad body, any path), gets 200 with an ok envelope: a
        /// server that validates nothing, for generated negative cases.
        case acceptEverything
        /// Markup and XML breakers everywhere a server controls text: the server's hostile text as `content.status` (outside
        /// the enum, so a schema finding repeats it), as `message` and as plain-text bodies, a `<script>` header
        /// value and reason phrase.
        case hostileText
        /// JSON answers with raw bytes that are not UTF-8 (`FF FE`, a lone `C3`) and a raw U+0001 in a string.
        case invalidUTF8
    }

    /// What ``Fault/hostileText`` sends unless told otherwise: a tag that would run script, one that would load an
    /// image, `]]>`, U+0001, a comment opener, an entity, U+2028 and quotes.
    public static let defaultHostileText =
        "</pre></code><script>document.body.setAttribute('data-pwned','1')</script>"
        + "<img src=\"http://127.0.0.1:9/leak.png\" onerror=\"document.title='pwned'\"> ]]> \u{1} <!-- &amp; \u{2028} 'q' \"dq\""

    /// The authentication flows by user id, and the requests received.
    final class State: Sendable {
        let flows = Mutex<[String: String]>([:])
        /// Access tokens of live connections.
        let tokens = Mutex<Set<String>>([])
        let log = Mutex<[HTTPRequest]>([])
    }

    private let server: HTTPServer
    private let state: State

    /// Starts a server.
    ///
    /// - Parameters:
    ///   - faults: How to break responses.
    ///   - faultedPaths: The paths whose responses the faults break (every path when `nil`), like the mock's `op=`.
    ///   - echoSecrets: Whether responses echo the client secret back (raw, Base64, percent-encoded).
    ///   - hostileText: What ``Fault/hostileText`` puts in responses.
    /// - Throws: When the server cannot start.
    public init(
        faults: Set<Fault> = [],
        faultedPaths: Set<String>? = nil,
        echoSecrets: Bool = false,
        hostileText: String = defaultHostileText
    ) throws {
        let state = State()
        self.state = state
        server = HTTPServer(configuration: HTTPServerConfiguration(eventLoopCount: 2)) { request in
            state.log.withLock { $0.append(request) }
            let reply =
                faults.contains(.acceptEverything)
                ? Reply(status: 200, json: Self.envelope([:])) : Self.answer(request, state: state)
            let applied = faultedPaths.map { $0.contains(request.path) } ?? true ? faults : []
            return Self.apply(applied, echoSecrets: echoSecrets, hostileText: hostileText, to: reply, request: request)
        }
        try server.start()
    }

    deinit {
        server.stop()
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { server.baseURL }

    /// Stops the server.
    public func stop() {
        server.stop()
    }

    /// Every request received, in order.
    public var requests: [HTTPRequest] { state.log.withLock { $0 } }
}
