import Foundation
import HTTP
import JSON
import Synchronization

extension FakeMeshServer {
    /// An answer before faults are applied.
    struct Reply {
        var status: Int
        var json: JSONValue?
        var text: String?
    }

    static func envelope(_ content: JSONValue) -> JSONValue {
        ["content": content, "status": "ok", "message": "", "errorHash": "9f8e7d6c5b4a3921", "errorType": ""]
    }

    static func problem(_ title: String) -> Reply {
        Reply(
            status: 400,
            json: [
                "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": .string(title), "status": 400,
            ]
        )
    }

    static func answer(_ request: HTTPRequest, state: State) -> Reply {
        let hasCredentials =
            !(request.headers["X-Client-Id"] ?? "").isEmpty && !(request.headers["X-Client-Secret"] ?? "").isEmpty
        switch (request.method, request.path) {
        case ("POST", "/api/v1/authenticate"):
            guard hasCredentials else { return Reply(status: 401, json: [:]) }
            return authenticate(request, state: state)
        case ("GET", "/api/v1/status"):
            guard hasCredentials else { return Reply(status: 401, json: [:]) }
            return Reply(
                status: 200,
                json: envelope([
                    [
                        "type": "robinhood", "name": "Robinhood", "isUp": true,
                        "supportedProducts": ["balance", "holdings"],
                    ],
                    ["type": "kraken", "name": "Kraken", "isUp": true, "supportedProducts": ["transfers"]],
                    ["type": "coinbase", "name": "Coinbase", "isUp": false, "description": "maintenance"],
                ])
            )
        case ("GET", "/api/v1/authenticationSchemes"):
            guard hasCredentials else { return Reply(status: 401, json: [:]) }
            return Reply(status: 200, json: envelope(authenticationSchemes))
        case ("DELETE", "/api/v1/account"):
            guard hasCredentials else { return Reply(status: 401, json: [:]) }
            return removeConnection(request, state: state)
        case ("POST", "/api/v1/balance/get"):
            guard hasCredentials else { return Reply(status: 401, json: [:]) }
            if case .object(let body)? = try? JSONParser.parse(request.body),
                case .string(let token)? = body["authToken"],
                state.tokens.withLock({ $0.contains(token) })
            {
                return Reply(status: 200, json: envelope(["balances": [], "totalCashUsdValue": 0]))
            }
            return Reply(
                status: 400,
                json: [
                    "status": "badRequest", "message": "Unauthorized token", "errorType": "badRequest",
                    "errorHash": "0f1e2d3c4b5a6978",
                ]
            )
        case ("POST", "/api/v1/holdings/get"):
            return Reply(
                status: 400,
                json: [
                    "status": "badRequest", "message": "the auth token is not valid", "errorType": "invalidField",
                    "errorHash": "fedcba9876543210",
                ]
            )
        default:
            return Reply(status: 404, text: "no route for \(request.method) \(request.path)")
        }
    }

    private static func authenticate(_ request: HTTPRequest, state: State) -> Reply {
        guard let userId = query(request.query ?? "")["userId"], !userId.isEmpty else {
            return problem("The userId field is required.")
        }
        guard userId.count <= 50 else { return problem("The field userId must be at most 50 characters.") }
        guard case .object(var body)? = try? JSONParser.parse(request.body), body["type"] != nil else {
            return problem("The type field is required.")
        }
        if body["isSensitiveFieldsEncrypted"] == true {
            for field in ["username", "password", "mfaCode"] {
                guard case .string(let encoded)? = body[field] else { continue }
                guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8) else {
                    return problem("The \(field) field is not Base64.")
                }
                body[field] = .string(text)
            }
        }
        if case .string(let code)? = body["mfaCode"] {
            let flow = state.flows.withLock { $0[userId] }
            guard flow == "mfaRequired", code == "123456" else {
                return Reply(status: 200, json: envelope(["status": "failed", "errorMessage": "wrong MFA code"]))
            }
            state.flows.withLock { $0[userId] = "succeeded" }
            state.tokens.withLock { _ = $0.insert("access-\(userId)-s3cr3t") }
            let account: JSONValue = [
                "meshAccountId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "accountId": "acc-1",
                "accountName": "Main account",
            ]
            return Reply(
                status: 200,
                json: envelope([
                    "status": "succeeded", "expiresInSeconds": 7200,
                    "accountTokens": [
                        [
                            "account": account, "accessToken": .string("access-\(userId)-s3cr3t"),
                            "refreshToken": .string("refresh-\(userId)-s3cr3t"),
                        ]
                    ],
                ])
            )
        }
        guard body["password"] == "Pass123", body["username"] == "Mesh" else {
            return Reply(
                status: 200,
                json: envelope(["status": "failed", "errorMessage": "wrong username or password"])
            )
        }
        state.flows.withLock { $0[userId] = "mfaRequired" }
        return Reply(status: 200, json: envelope(["status": "mfaRequired", "mfaType": "phone"]))
    }

    static func query(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for field in text.split(separator: "&") {
            let pieces = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            result[String(pieces[0])] = pieces.count > 1 ? String(pieces[1]).removingPercentEscapes() : ""
        }
        return result
    }

    static func apply(
        _ faults: Set<Fault>,
        echoSecrets: Bool,
        hostileText: String,
        to reply: Reply,
        request: HTTPRequest
    ) -> HTTPResponse {
        var reply = reply
        if faults.contains(.serverError) {
            return HTTPResponse.text("internal error", status: 500)
        }
        if faults.contains(.wrongStatus) && reply.status == 200 { reply.status = 202 }
        if faults.contains(.hostileText), reply.text != nil { reply.text = hostileText }
        if case .object(var object)? = reply.json {
            if faults.contains(.schemaViolation), case .object(var content)? = object["content"] {
                content["status"] = "mfaPending"
                object["content"] = .object(content)
            }
            if faults.contains(.hostileText) {
                if case .object(var content)? = object["content"] {
                    content["status"] = .string(hostileText)
                    object["content"] = .object(content)
                }
                object["message"] = .string(hostileText)
            }
            if faults.contains(.unknownBrokerType), case .array(var items)? = object["content"] {
                for index in items.indices where items[index]["brokerType"] != nil {
                    if case .object(var item) = items[index] {
                        item["brokerType"] = "myBroker"
                        items[index] = .object(item)
                    }
                }
                object["content"] = .array(items)
            }
            if faults.contains(.missingRequiredField), case .array(var items)? = object["content"], items.count > 1,
                case .object(var item) = items[1], case .object(var trueAuth)? = item["trueAuthAuthenticaion"]
            {
                trueAuth["loginUrl"] = nil
                item["trueAuthAuthenticaion"] = .object(trueAuth)
                items[1] = .object(item)
                object["content"] = .array(items)
            }
            if faults.contains(.extraProperty) { object["unexpected"] = true }
            if reply.status == 400 && object["errorType"] != nil {
                if faults.contains(.emptyErrorType) { object["errorType"] = "" }
                if faults.contains(.envelopeOkOnError) { object["status"] = "ok" }
            }
            if echoSecrets {
                let secret = request.headers["X-Client-Secret"] ?? ""
                let pair = Array("\(request.headers["X-Client-Id"] ?? ""):\(secret)".utf8)
                object["message"] = .string(
                    "echo \(secret) \(percentEncoded(secret)) Basic \(base64(pair)) body=\(String(decoding: request.body, as: UTF8.self))"
                )
            }
            reply.json = .object(object)
        }
        var headers = HTTPHeaders()
        var body: [UInt8]
        if let json = reply.json {
            body = JSONWriter().bytes(of: json)
            if faults.contains(.duplicateKeys), body.first == UInt8(ascii: "{") {
                body = Array("{\"status\":\"ok\",".utf8) + body.dropFirst()
            }
            if faults.contains(.invalidJSON) { body = Array(body.prefix(body.count / 2)) }
            if faults.contains(.invalidUTF8), body.first == UInt8(ascii: "{") {
                body =
                    Array("{\"bad\":\"".utf8) + [0xFF, 0xFE, 0x20, 0xC3, 0x28, 0x20, 0x01]
                    + Array(" ]]> <script>\",".utf8) + body.dropFirst()
            }
            if faults.contains(.undeclaredContentType) {
                headers.add(name: "Content-Type", value: "text/html")
            } else if !faults.contains(.missingContentType) {
                headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            }
        } else {
            body = Array((reply.text ?? "").utf8)
            headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        }
        var reason: String?
        if faults.contains(.hostileText) {
            headers.add(name: "X-Hostile", value: "<script>alert(1)</script> ]]> <!--")
            reason = "<script>alert('reason')</script>"
        }
        if echoSecrets {
            let secret = request.headers["X-Client-Secret"] ?? ""
            headers.add(name: "X-Echo", value: secret)
            headers.add(name: "X-Echo-Base64", value: base64(Array(secret.utf8)))
            headers.add(name: "Authorization", value: "Bearer \(secret)")
        }
        return HTTPResponse(status: reply.status, reason: reason, headers: headers, body: body)
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let available = min(3, bytes.count - index)
            var triple: UInt32 = 0
            for offset in 0..<3 {
                triple <<= 8
                if offset < available { triple |= UInt32(bytes[index + offset]) }
            }
            for position in 0..<4 {
                output.append(
                    position <= available ? alphabet[Int((triple >> UInt32(18 - 6 * position)) & 0x3F)] : 0x3D
                )
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func percentEncoded(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) {
                output.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }
}

extension String {
    fileprivate func removingPercentEscapes() -> String {
        var bytes: [UInt8] = []
        var iterator = Array(utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
