import Fidelity
import Foundation
import JSON
import OpenAPI
import Suites
import TestSupport
import Testing

/// Body comparison against Mesh's spec: what drifts, where, and what is never compared.
struct ResponseComparerTests {
    static let document: OpenAPIDocument? = {
        let path = SharedFixtures.repository(OpenAPIDocument.defaultSpecPath).path
        return (try? SpecSource.load(path: path)).flatMap { try? OpenAPILoader.load($0) }
    }()

    /// A 200 of `POST /api/v1/authenticate` as the mock sends it (tokens masked).
    static let authenticated: JSONValue = [
        "status": "ok", "message": "", "errorHash": "48a16d07", "errorType": "",
        "content": [
            "status": "succeeded", "expiresInSeconds": 7200,
            "accountTokens": [
                [
                    "account": [
                        "accountId": "1a0db0cd", "accountName": "Mesh Sandbox Account", "cash": 6519.37,
                        "balances": [["symbol": "SOL", "cash": 15714.74]],
                    ],
                    "accessToken": "<redacted>",
                ]
            ],
        ],
    ]

    static func context(
        rules: [DriftIgnoreRule] = [],
        stable: [String] = [],
        lengths: [String] = [],
        runIDs: (String, String) = ("r0000000001", "r0000000002")
    ) throws -> ResponseComparer.Context {
        ResponseComparer.Context(
            operation: "POST /api/v1/authenticate",
            operationID: nil,
            rules: rules,
            stablePointers: try stable.map { try JSONPointer(parsing: $0) },
            stableLengths: try lengths.map { try JSONPointer(parsing: $0) },
            runIDs: runIDs
        )
    }

    static func drifts(
        _ candidate: JSONValue,
        reference: JSONValue = authenticated,
        context: ResponseComparer.Context
    ) throws -> [String] {
        let comparer = ResponseComparer(document: try #require(document))
        return comparer.compareBodies(
            reference,
            candidate,
            context: context,
            status: 200,
            contentType: "application/json"
        )
        .map(\.summary)
    }

    static func edited(_ pointer: String, _ value: JSONValue?, in base: JSONValue = authenticated) throws -> JSONValue {
        var body = base
        let parsed = try JSONPointer(parsing: pointer)
        if let value {
            let stored = body.setValue(value, at: parsed)
            #expect(stored)
        } else {
            let parent = try #require(parsed.parent)
            var object = try #require(body.value(at: parent)?.objectValue)
            object[try #require(parsed.tokens.last)] = nil
            let stored = body.setValue(.object(object), at: parent)
            #expect(stored)
        }
        return body
    }

    @Test func identicalBodiesHaveNoDrift() throws {
        #expect(try Self.drifts(Self.authenticated, context: Self.context()).isEmpty)
    }

    @Test func eachShapeDifferenceIsReportedAtItsPointerAndNothingElse() throws {
        let context = try Self.context()
        #expect(
            try Self.drifts(try Self.edited("/content/accountTokens/0/account/cash", nil), context: context)
                == ["missing at /content/accountTokens/0/account/cash: reference number, candidate absent"]
        )
        #expect(
            try Self.drifts(try Self.edited("/content/extraMember", true), context: context)
                == ["extra at /content/extraMember: reference absent, candidate boolean"]
        )
        #expect(
            try Self.drifts(try Self.edited("/content/expiresInSeconds", "7200"), context: context)
                == ["type at /content/expiresInSeconds: reference number, candidate string"]
        )
        #expect(
            try Self.drifts(try Self.edited("/content/status", "failed"), context: context)
                == [#"enum value at /content/status: reference "succeeded", candidate "failed""#]
        )
        #expect(
            try Self.drifts(try Self.edited("/status", "badRequest"), context: context)
                == [#"envelope-status at /status: reference "ok", candidate "badRequest""#]
        )
        #expect(
            try Self.drifts(try Self.edited("/errorType", "missingField"), context: context)
                == [#"error-type at /errorType: reference "", candidate "missingField""#]
        )
    }

    @Test func arrayLengthsAreComparedOnlyWhereStable() throws {
        let balances = "/content/accountTokens/0/account/balances"
        let longer = try Self.edited(balances + "/1", ["symbol": "ETH"])
        // A list's length is data: not compared unless a suite asserts it (or the spec fixes it)...
        #expect(try Self.drifts(longer, context: Self.context()).isEmpty)
        #expect(
            try Self.drifts(longer, context: Self.context(lengths: [balances]))
                == ["array-length at \(balances): reference 1, candidate 2"]
        )
        // ...or one side is empty, so its items cannot be compared at all.
        #expect(
            try Self.drifts(try Self.edited(balances, []), context: Self.context())
                == ["array-length at \(balances): reference 1, candidate 0"]
        )
        // Items are compared pairwise up to the shorter length.
        let changedItem = try Self.edited(balances + "/0/cash", "15714.74", in: longer)
        #expect(
            try Self.drifts(changedItem, context: Self.context())
                == ["type at \(balances)/0/cash: reference number, candidate string"]
        )
    }

    @Test func integersAndDecimalsAreTheSameType() throws {
        let body = try Self.edited("/content/accountTokens/0/account/cash", 12)
        #expect(try Self.drifts(body, context: Self.context()).isEmpty)
    }

    @Test func valuesWithoutAnEnumAreComparedOnlyWhereASuiteAssertsThem() throws {
        let body = try Self.edited("/content/accountTokens/0/account/accountName", "Another")
        #expect(try Self.drifts(body, context: Self.context()).isEmpty)
        let stable = try Self.context(stable: ["/content/accountTokens/0/account/accountName"])
        #expect(
            try Self.drifts(body, context: stable)
                == [
                    #"value at /content/accountTokens/0/account/accountName: reference "Mesh Sandbox Account", candidate "Another""#
                ]
        )
    }

    @Test func volatileMembersAreNeverComparedEvenWhenAsserted() throws {
        let context = try Self.context(stable: ["/errorHash", "/content/accountTokens/0/account/accountId"])
        let hash = try Self.edited("/errorHash", "ffffffff")
        let body = try Self.edited("/content/accountTokens/0/account/accountId", "other-id", in: hash)
        #expect(try Self.drifts(body, context: context).isEmpty)
        // Presence still counts.
        #expect(
            try Self.drifts(try Self.edited("/errorHash", nil), context: context)
                == ["missing at /errorHash: reference string, candidate absent"]
        )
    }

    @Test func runIDsCompareEqual() throws {
        let reference = try Self.edited("/content/accountTokens/0/account/accountName", "user-r0000000001-0")
        let candidate = try Self.edited("/content/accountTokens/0/account/accountName", "user-r0000000002-0")
        let context = try Self.context(stable: ["/content/accountTokens/0/account/accountName"])
        #expect(try Self.drifts(candidate, reference: reference, context: context).isEmpty)
        let other = try Self.edited("/content/accountTokens/0/account/accountName", "user-r0000000003-0")
        #expect(try Self.drifts(other, reference: reference, context: context).count == 1)
    }

    @Test func ignoreRulesCoverWhatTheySay() throws {
        let balances = "/content/accountTokens/0/account/balances"
        let longer = try Self.edited(balances + "/1", ["symbol": "ETH"])
        let body = try Self.edited("/content/accountTokens/0/account/cash", nil, in: longer)
        let everything = DriftIgnoreRule(pointer: try JSONPointer(parsing: "/content/accountTokens/*/account"))
        #expect(try Self.drifts(body, context: Self.context(rules: [everything])).isEmpty)
        let length = DriftIgnoreRule(
            pointer: try JSONPointer(parsing: "/content/accountTokens/*/account/balances"),
            aspect: .length
        )
        #expect(
            try Self.drifts(body, context: Self.context(rules: [length], lengths: [balances]))
                == ["missing at /content/accountTokens/0/account/cash: reference number, candidate absent"]
        )
        let elsewhere = DriftIgnoreRule(
            pointer: try JSONPointer(parsing: "/content/accountTokens"),
            operation: "getHoldings"
        )
        #expect(try Self.drifts(body, context: Self.context(rules: [elsewhere], lengths: [balances])).count == 2)
        let value = DriftIgnoreRule(pointer: try JSONPointer(parsing: "/content/status"), aspect: .value)
        let status = try Self.edited("/content/status", "failed")
        #expect(try Self.drifts(status, context: Self.context(rules: [value])).isEmpty)
        #expect(
            try Self.drifts(try Self.edited("/content/status", 1), context: Self.context(rules: [value])).count == 1
        )
    }

    @Test func ruleCoverageMatchesWildcardsAndPrefixes() throws {
        let rule = DriftIgnoreRule(pointer: try JSONPointer(parsing: "/content/*/id"))
        #expect(rule.covers(try JSONPointer(parsing: "/content/3/id")))
        #expect(rule.covers(try JSONPointer(parsing: "/content/3/id/deeper")))
        #expect(!rule.covers(try JSONPointer(parsing: "/content/3")))
        #expect(!rule.covers(try JSONPointer(parsing: "/content/3/id/deeper"), exactly: true))
        #expect(!rule.covers(try JSONPointer(parsing: "/other/3/id")))
        #expect(rule.pattern == "/content/*/id")
    }
}
