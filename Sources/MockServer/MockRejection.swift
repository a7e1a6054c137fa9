import HTTP
import JSON
import OpenAPI

/// Why the mock refuses a request, before it is turned into the operation's declared error response.
struct MockRejection: Error, Sendable {
    /// What kind of problem it is; decides which declared status answers it.
    enum Kind: Sendable {
        /// `X-Client-Id` or `X-Client-Secret` is missing or empty.
        case credentials
        /// A parameter or the body breaks the spec.
        case validation
        /// The body's `Content-Type` is not one the operation declares.
        case unsupportedMediaType
        /// An `authToken` that no live connection holds.
        case unknownToken
    }

    var kind: Kind
    /// `missingField`, `invalidField` or `badRequest`.
    var errorType: String
    /// The field, parameter or header at fault (a ProblemDetails `errors` key); empty for the whole body.
    var field: String
    var message: String
    var displayMessage: String

    static func missing(_ field: String, _ message: String) -> MockRejection {
        MockRejection(
            kind: .validation,
            errorType: "missingField",
            field: field,
            message: message,
            displayMessage: "Some required information is missing."
        )
    }

    static func invalid(_ field: String, _ message: String) -> MockRejection {
        MockRejection(
            kind: .validation,
            errorType: "invalidField",
            field: field,
            message: message,
            displayMessage: "Some information in the request is not valid."
        )
    }
}

/// Turns a ``MockRejection`` into the response the operation declares for it.
///
/// 1. Credentials: the declared 401; else the declared 400; else a 200 `ApiResult` envelope with
///    `status: permissionDenied`.
/// 2. Unknown token: the declared 401 when its description says a wrong integration token gets it (the
///    `/transactions/*` operations); else the declared 400, as the spec's own `token/refresh` example words it
///    (`message: Unauthorized token`, `errorType: badRequest`).
/// 3. Media type: a declared 415; else like validation.
/// 4. Validation: the declared 400 in its shape (`ApiResult` or `ProblemDetails`); else a 200 envelope with
///    `status: badRequest`, the form the README notes Mesh uses for some errors.
///
/// `nil` means the operation declares no way to refuse, and the request is served.
struct ErrorResponder: Sendable {
    let seed: UInt64

    func response(for rejection: MockRejection, plan: OperationPlan, traceNumber: UInt64) -> HTTPResponse? {
        switch rejection.kind {
        case .credentials:
            if let shape = plan.unauthorized {
                return body(shape, status: 401, envelopeStatus: "permissionDenied", rejection, traceNumber)
            }
        case .unknownToken:
            if plan.unauthorizedCoversTokens, let shape = plan.unauthorized {
                return body(shape, status: 401, envelopeStatus: "permissionDenied", rejection, traceNumber)
            }
        case .unsupportedMediaType:
            if let shape = plan.unsupportedMediaType {
                return body(shape, status: 415, envelopeStatus: "badRequest", rejection, traceNumber)
            }
        case .validation:
            break
        }
        if let shape = plan.badRequest {
            return body(shape, status: 400, envelopeStatus: "badRequest", rejection, traceNumber)
        }
        if plan.successIsEnvelope {
            let status = rejection.kind == .credentials ? "permissionDenied" : "badRequest"
            return body(.apiResult, status: plan.success.status, envelopeStatus: status, rejection, traceNumber)
        }
        return nil
    }

    func body(
        _ shape: ErrorShape,
        status: Int,
        envelopeStatus: String,
        _ rejection: MockRejection,
        _ traceNumber: UInt64
    ) -> HTTPResponse {
        var random = SeededRandom(seed: seed ^ traceNumber, purpose: "error")
        let value: JSONValue
        switch shape {
        case .empty:
            return HTTPResponse(status: status)
        case .apiResult, .anyJSON:
            value = [
                "status": .string(envelopeStatus),
                "message": .string(rejection.message),
                "displayMessage": .string(rejection.displayMessage),
                "errorHash": .string(Self.errorHash(rejection.message)),
                "errorType": .string(rejection.errorType),
            ]
        case .problemDetails:
            let key = rejection.field.isEmpty ? "$" : rejection.field
            value = [
                "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                "title": "One or more validation errors occurred.",
                "status": .number(JSONNumber(status)),
                "errors": .object(JSONObject([(key, .array([.string(rejection.message)]))])),
                "traceId": .string("00-\(random.hex(32))-\(random.hex(16))-00"),
            ]
        }
        return MockResponses.json(value, status: status)
    }

    /// A 40-digit grouping hash of a message, stable across runs (Mesh's `errorHash` is a SHA-1 in hex).
    static func errorHash(_ message: String) -> String {
        var random = SeededRandom(seed: SeededRandom.stableHash(message))
        return random.hex(40)
    }
}

/// Response builders shared by the mock.
enum MockResponses {
    /// A JSON response with `Content-Type: application/json; charset=utf-8`, as ASP.NET Core writes it.
    static func json(_ value: JSONValue, status: Int) -> HTTPResponse {
        json(bytes: JSONWriter().bytes(of: value), status: status)
    }

    /// A JSON response from serialized bytes.
    static func json(bytes: [UInt8], status: Int) -> HTTPResponse {
        HTTPResponse(status: status, headers: jsonHeaders, body: bytes)
    }

    /// The headers of every JSON response, built once.
    static let jsonHeaders: HTTPHeaders = ["Content-Type": CannedResponses.jsonContentType]
}
