import HTTP
import JSON
import Synchronization

/// A server that sends back everything it received, in every form a report might carry it: the whole request raw,
/// Base64 (both alphabets), percent-encoded and JSON-escaped in the body; every request header raw and Base64 in
/// response headers; the client secret in the reason phrase and in a `Location`. Its `status` member is the raw
/// request too, so a schema finding (printed on the console) repeats it.
final class EchoServer: Sendable {
    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    private let server: HTTPServer
    private let count = Counter()

    init() throws {
        let count = count
        server = HTTPServer { request in
            count.value.add(1, ordering: .relaxed)
            return Self.echo(request)
        }
        try server.start()
    }

    var baseURL: String { server.baseURL }
    var requestCount: Int { count.value.load(ordering: .relaxed) }

    func stop() {
        server.stop()
    }

    deinit {
        server.stop()
    }

    static func echo(_ request: HTTPRequest) -> HTTPResponse {
        var whole = "\(request.method) \(request.target)\n"
        for (name, value) in request.headers {
            whole += "\(name): \(value)\n"
        }
        whole += "\n" + String(decoding: request.body, as: UTF8.self)
        let bytes = Array(whole.utf8)
        let body: JSONValue = [
            "status": .string(whole),
            "message": .string(SecretEncodings.percentEncoded(bytes)),
            "content": [
                "raw": .string(whole),
                "base64": .string(SecretEncodings.base64(bytes)),
                "base64url": .string(SecretEncodings.base64(bytes, urlSafe: true)),
                "shifted": .string(SecretEncodings.base64(Array("x".utf8) + bytes)),
                "shifted2": .string(SecretEncodings.base64(Array("xy".utf8) + bytes, urlSafe: true)),
                "json": .string(JSONValue.string(whole).serialized()),
            ],
        ]
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        for (index, field) in request.headers.enumerated() {
            headers.add(name: "X-Echo-\(index)", value: field.value)
            headers.add(name: "X-Echo-\(index)-Base64", value: SecretEncodings.base64(Array(field.value.utf8)))
        }
        let secret = request.headers["X-Client-Secret"] ?? ""
        headers.add(name: "Location", value: "/next?secret=\(SecretEncodings.percentEncoded(Array(secret.utf8)))")
        return HTTPResponse(
            status: 200,
            reason: "Echo \(secret)",
            headers: headers,
            body: Array(body.serialized().utf8)
        )
    }
}

/// The encodings a secret may travel in, and every form a grep must look for.
enum SecretEncodings {
    static func base64(_ bytes: [UInt8], urlSafe: Bool = false) -> String {
        let alphabet = Array(
            (urlSafe
                ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").utf8
        )
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let available = min(3, bytes.count - index)
            var triple: UInt32 = 0
            for offset in 0..<3 {
                triple = triple << 8 | UInt32(offset < available ? bytes[index + offset] : 0)
            }
            for position in 0..<4 {
                if position <= available {
                    output.append(alphabet[Int((triple >> UInt32(18 - 6 * position)) & 0x3F)])
                } else if !urlSafe {
                    output.append(UInt8(ascii: "="))
                }
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Every byte outside RFC 3986's unreserved set as `%XX`.
    static func percentEncoded(_ bytes: [UInt8]) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.append(byte)
            default:
                output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// What a grep for `secret` looks for: the value, percent-encoded, form-encoded, and the Base64 text that only
    /// the secret's bytes determine at each of the three alignments, in both alphabets.
    static func forms(of secret: String) -> [String] {
        let bytes = Array(secret.utf8)
        var forms = [secret, percentEncoded(bytes)]
        for shift in 0..<3 {
            for urlSafe in [false, true] {
                let encoded = Array(base64(Array(repeating: UInt8(ascii: "x"), count: shift) + bytes, urlSafe: urlSafe))
                let first = (shift + 2) / 3 * 4
                let last = (shift + bytes.count) / 3 * 4
                if last - first >= 8 {
                    forms.append(String(encoded[first..<last]))
                }
            }
        }
        return Array(Set(forms)).sorted()
    }
}
