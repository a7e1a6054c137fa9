import Foundation
import HTTP
import JSON
import Synchronization

extension FakeMeshServer {
    /// Two schemes as Mesh's "Get authentication schemes" page describes them; the second signs in through a
    /// browser (`trueAuthAuthenticaion`, whose `loginUrl`, `successfulLoginUri` and `cookieDomains` are required).
    static let authenticationSchemes: JSONValue = [
        [
            "brokerType": "robinhood", "authenticationSchemeType": "usernamePassword",
            "initialAuthenticationModel": [
                "fields": [["name": "Username", "description": "Email"], ["name": "Password", "description": ""]]
            ],
            "mfaSchemes": ["mfaCode", "challenge"],
        ],
        [
            "brokerType": "coinbase", "authenticationSchemeType": "trueAuth", "mfaSchemes": [],
            "trueAuthAuthenticaion": [
                "loginUrl": "https://login.coinbase.example/signin",
                "successfulLoginUri": "https://www.coinbase.example/home", "cookieDomains": ["coinbase.example"],
            ],
        ],
    ]

    /// The media types `DELETE /api/v1/account` declares for its body, `application/*+json` as a pattern.
    static func isRemoveConnectionMediaType(_ contentType: String?) -> Bool {
        let essence =
            (contentType ?? "").split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
            .lowercased() ?? ""
        return essence == "application/json" || essence == "text/json"
            || (essence.hasPrefix("application/") && essence.hasSuffix("+json"))
    }

    static func apiError(_ errorType: String, _ message: String) -> Reply {
        Reply(
            status: 400,
            json: [
                "status": "badRequest", "message": .string(message), "errorType": .string(errorType),
                "errorHash": "0a1b2c3d4e5f6789",
            ]
        )
    }

    static func removeConnection(_ request: HTTPRequest, state: State) -> Reply {
        guard isRemoveConnectionMediaType(request.headers["Content-Type"]) else {
            return apiError("invalidField", "unsupported media type")
        }
        guard case .object(let body)? = try? JSONParser.parse(request.body) else {
            return apiError("invalidField", "the body is not a JSON object")
        }
        guard case .string(let token)? = body["authToken"] else {
            return apiError("missingField", "The AuthToken field is required.")
        }
        guard case .string(let broker)? = body["type"] else {
            return apiError("missingField", "The Type field is required.")
        }
        if token.isEmpty || !["robinhood", "coinbase", "kraken"].contains(broker)
            || body.keys.contains(where: { $0 != "authToken" && $0 != "type" })
        {
            return apiError("invalidField", "The request is not valid.")
        }
        guard state.tokens.withLock({ $0.remove(token) != nil }) else {
            return apiError("badRequest", "Unauthorized token")
        }
        return Reply(status: 200, json: ["status": "ok", "message": "", "errorHash": "f6fc87aa", "errorType": ""])
    }
}
