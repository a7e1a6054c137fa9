public import JSON

/// One difference between the reference's and the candidate's response to the same step.
///
/// Body differences carry the JSON pointer where they are; status and media type differences carry none.
public struct Drift: Sendable, Equatable {
    /// What differs.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// One side answered and the other did not (a transport error, or the step did not run there).
        case exchange
        /// The HTTP status.
        case status
        /// The media type of `Content-Type` (parameters such as `charset` aside).
        case mediaType = "media-type"
        /// One body is JSON and the other is not, or one is empty.
        case body
        /// Mesh's envelope `status` (`ok`, `badRequest`, …) at `/status`.
        case envelopeStatus = "envelope-status"
        /// Mesh's `errorType` at `/errorType`.
        case errorType = "error-type"
        /// A member the reference sends and the candidate does not.
        case missing
        /// A member the candidate sends and the reference does not.
        case extra
        /// The JSON type at a pointer.
        case type
        /// A value the spec declares an `enum` for.
        case enumValue = "enum"
        /// A value a suite asserts with `equals`, so it is stable.
        case value
        /// An array's length.
        case arrayLength = "array-length"
    }

    /// What differs.
    public var kind: Kind
    /// Where in the body; `nil` for the status, the media type and the exchange.
    public var pointer: JSONPointer?
    /// The reference's side, shown briefly (`200`, `"ok"`, `string`, `absent`).
    public var reference: String
    /// The candidate's side, shown the same way.
    public var candidate: String

    /// Creates a drift.
    ///
    /// - Parameters:
    ///   - kind: What differs.
    ///   - pointer: Where in the body.
    ///   - reference: The reference's side.
    ///   - candidate: The candidate's side.
    public init(_ kind: Kind, at pointer: JSONPointer? = nil, reference: String, candidate: String) {
        self.kind = kind
        self.pointer = pointer
        self.reference = reference
        self.candidate = candidate
    }

    /// Where, for people: the pointer (`/content/status`, `""` shown as `/` for the whole body) or what the kind
    /// names.
    public var place: String {
        guard let pointer else { return kind.rawValue }
        return pointer.tokens.isEmpty ? "/" : pointer.description
    }

    /// One line: `enum at /content/status: reference "succeeded", candidate "failed"`.
    public var summary: String {
        let kindText = kind == .enumValue ? "enum value" : kind.rawValue
        if pointer == nil {
            return "\(kindText): reference \(reference), candidate \(candidate)"
        }
        return "\(kindText) at \(place): reference \(reference), candidate \(candidate)"
    }
}
