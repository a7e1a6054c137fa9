import HTTP
import JSON
import OpenAPI

/// A response as the checks read it: status, headers, body, and the body parsed once.
struct ReceivedResponse {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]
    /// The `Content-Type` header.
    let contentType: String?
    /// Whether the `Content-Type` names a JSON media type.
    let isJSONMediaType: Bool
    /// The body as JSON: parsed strictly, or with duplicate keys allowed when that was the only problem.
    let json: JSONValue?
    /// Why the body is not strict JSON, when it was parsed and is not.
    let jsonError: JSONError?

    init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
        let contentType = headers["Content-Type"]
        self.contentType = contentType
        let mediaType = contentType.flatMap(MediaTypeName.init)
        let isJSONMediaType = mediaType?.isJSON ?? false
        self.isJSONMediaType = isJSONMediaType
        guard !body.isEmpty, isJSONMediaType || contentType == nil || Self.looksLikeJSON(body) else {
            self.json = nil
            self.jsonError = nil
            return
        }
        do {
            self.json = try JSONParser.parse(body, path: "<response body>")
            self.jsonError = nil
        } catch {
            self.jsonError = error
            if case .duplicateKey = error.reason {
                self.json = try? JSONParser.parse(
                    body,
                    path: "<response body>",
                    options: JSONParser.Options(allowsDuplicateKeys: true)
                )
            } else {
                self.json = nil
            }
        }
    }

    private static func looksLikeJSON(_ body: [UInt8]) -> Bool {
        for byte in body {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): return true
            default: return false
            }
        }
        return false
    }
}
