/// A check the runner applies to every exchange without being asked, named so a suite can switch it off.
public enum AutomaticCheck: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The response status is declared for the operation (a code, a range such as `4XX`, or `default`).
    case statusDeclared = "status-declared"
    /// The response `Content-Type` is one the spec declares for that status; no body where none is declared.
    case contentTypeDeclared = "content-type-declared"
    /// The response body satisfies the declared schema (or the step's `expect.schema`).
    case responseSchema = "response-schema"
    /// A JSON response parses strictly: valid UTF-8, no syntax errors, no duplicate keys.
    case jsonWellFormed = "json-well-formed"
    /// A 400 whose JSON body has an `errorType` member carries a non-empty one (Mesh's `ApiResult`).
    case meshErrorType = "mesh-error-type"
    /// An error status (4xx, 5xx) never carries the envelope `status: ok`; a 200 may carry a non-ok envelope.
    case meshEnvelopeStatus = "mesh-envelope-status"
    /// The status is not 5xx, unless the step expects that status explicitly.
    case notServerError = "not-server-error"
    /// The request meets the spec: required parameters, parameter and body schemas, declared media type,
    /// credentials. Off for steps marked `negative: true`.
    case requestConforms = "request-conforms"

    /// Orders checks as declared.
    public static func < (lhs: AutomaticCheck, rhs: AutomaticCheck) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
