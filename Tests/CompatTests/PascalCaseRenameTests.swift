import Compat
import Foundation
import JSON
import OpenAPI
import TestSupport
import Testing

/// Mesh's 2023 enum renames: on 2023-08-31 (commit 528a8e945d) `BrokerType` went from camelCase to PascalCase, and on
/// 2023-09-01 (b09f54af85) back. Those versions predate `../shared/spec/history`, so the values come from the
/// per-commit enum history in `../shared/spec/sources`, placed in a minimal spec that uses `BrokerType` both in a
/// request (a query parameter) and in a response.
struct PascalCaseRenameTests {
    static let sources = SharedFixtures.shared("spec/sources/frontfin-swagger_enum-and-path-history.yaml")
    static let needsSources = ConditionTrait.enabled(
        if: FileManager.default.fileExists(atPath: sources.path),
        "../shared/spec/sources is absent"
    )

    /// The `BrokerType` values a commit added, read from the history file.
    static func brokerTypesAdded(by commit: String) throws -> [JSONValue] {
        let history = try SpecSource.parse([UInt8](try Data(contentsOf: sources)), path: "sources").value
        let entry = try #require(history.arrayValue?.first { $0["commit"]?.stringValue == commit })
        return try #require(entry["changes"]?["BrokerType"]?["added"]?.arrayValue)
    }

    /// A spec where `GET /api/v1/integrations?type=` takes a `BrokerType` and answers one.
    static func spec(brokerTypes: [JSONValue], path: String) throws -> OpenAPIDocument {
        let reference: JSONValue = ["$ref": "#/components/schemas/BrokerType"]
        let spec: JSONValue = [
            "openapi": "3.0.1",
            "info": ["title": .string("Mesh BrokerType, \(path)"), "version": "1.0"],
            "paths": [
                "/api/v1/integrations": [
                    "get": [
                        "parameters": [["name": "type", "in": "query", "schema": reference]],
                        "responses": [
                            "200": [
                                "description": "OK",
                                "content": [
                                    "application/json": [
                                        "schema": ["type": "object", "properties": ["type": reference]]
                                    ]
                                ],
                            ]
                        ],
                    ]
                ]
            ],
            "components": ["schemas": ["BrokerType": ["type": "string", "enum": .array(brokerTypes)]]],
        ]
        let text = JSONWriter(isPretty: true).string(of: spec)
        return try OpenAPILoader.load(try SpecSource.parse(Array(text.utf8), path: path))
    }

    @Test(needsSources)
    func pascalCaseToCamelCaseIsOneRenamePerEnum() throws {
        let pascal = try Self.brokerTypesAdded(by: "528a8e945d")
        let camel = try Self.brokerTypesAdded(by: "b09f54af85")
        #expect(pascal.count == 33 && camel.count == 38)
        let old = try Self.spec(brokerTypes: pascal, path: "2023-08-31-528a8e945d.json")
        let new = try Self.spec(brokerTypes: camel, path: "2023-09-01-b09f54af85.json")
        let report = CompatChecker.compare(old: old, new: new)
        #expect(
            report.changes.map(\.rule.id) == [
                "enum-values-renamed-by-case", "response-enum-value-added", "request-enum-value-added",
            ]
        )
        #expect(report.changes.first?.message.hasPrefix("33 values of BrokerType were renamed by case only") == true)
        try expectMatchesGolden(report.text(), named: "2023-08-31-528a8e945d--2023-09-01-b09f54af85.txt")

        let back = CompatChecker.compare(old: new, new: old)
        #expect(
            back.changes.map(\.rule.id) == [
                "enum-values-renamed-by-case", "request-enum-value-removed", "response-enum-value-removed",
            ]
        )
        try expectMatchesGolden(back.text(), named: "2023-09-01-b09f54af85--2023-08-31-528a8e945d.txt")
    }
}
