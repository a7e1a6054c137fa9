import JSON
import OpenAPI

/// The success responses the mock answers with: the spec's example where it validates, otherwise a value
/// generated from the schema.
///
/// Some Mesh examples break their own schema (extra properties, `"0"` for a number, URLs with `{placeholders}`;
/// `meshcheck spec lint` lists them), so an example is used only when the validator accepts it as a response.
enum CannedResponses {
    static let jsonContentType = "application/json; charset=utf-8"

    static func success(
        for operation: OpenAPIOperation,
        resolver: SchemaResolver,
        sampler: SchemaSampler,
        seed: UInt64
    ) -> CannedResponse {
        guard let response = OperationPlan.successResponse(operation), case .code(let status) = response.status else {
            return CannedResponse(status: 204, mediaType: nil, value: nil, body: [], isFromExample: false)
        }
        guard let entry = OperationPlan.jsonEntry(of: response) else {
            return CannedResponse(status: status, mediaType: nil, value: nil, body: [], isFromExample: false)
        }
        let (value, isExample) = body(
            for: entry,
            resolver: resolver,
            sampler: sampler,
            seed: seed,
            purpose: operation.name
        )
        return CannedResponse(
            status: status,
            mediaType: entry.name,
            value: value,
            body: JSONWriter().bytes(of: value),
            isFromExample: isExample
        )
    }

    /// A valid example of `entry`, or a generated value; generated envelopes say `status: ok` with no error.
    static func body(
        for entry: OpenAPIMediaType,
        resolver: SchemaResolver,
        sampler: SchemaSampler,
        seed: UInt64,
        purpose: String
    ) -> (value: JSONValue, isExample: Bool) {
        let candidates = [entry.example].compactMap(\.self) + entry.examples.compactMap(\.value)
        if let schema = entry.schema {
            // A success answers with a success example: some operations also document failures (`status:
            // badRequest`) among their 200 examples.
            let valid = candidates.filter { schema.isValid($0, in: .response) }
            if let success = valid.first(where: { ($0["status"]?.stringValue ?? "ok") == "ok" }) {
                return (success, true)
            }
        } else if let first = candidates.first {
            return (first, true)
        }
        let raw = resolver.schema(at: entry.pointer.appending("schema")) ?? .object([:])
        var random = SeededRandom(seed: seed, purpose: purpose)
        let generated = sampler.generate(raw, name: nil, depth: 0, random: &random, context: .response)
        return (successEnvelope(generated, random: &random), false)
    }

    /// `value` with the envelope members of a success, when it is an `ApiResult` envelope.
    static func successEnvelope(_ value: JSONValue, random: inout SeededRandom) -> JSONValue {
        guard case .object(var object) = value, object["errorType"] != nil, object["status"] != nil else {
            return value
        }
        object["status"] = "ok"
        object["message"] = ""
        object["errorHash"] = .string(random.hex(40))
        object["errorType"] = ""
        for optional in ["displayMessage", "teamCode", "errorData"] {
            object[optional] = nil
        }
        return .object(object)
    }

    /// An `ApiResult` envelope around `content`, as a success.
    static func envelope(content: JSONValue, random: inout SeededRandom) -> JSONValue {
        let object: JSONObject = [
            "status": "ok", "message": "", "errorHash": .string(random.hex(40)), "errorType": "", "content": content,
        ]
        return .object(object)
    }
}
