import Compat
import Foundation
import JSON
import TestSupport
import Testing

/// The text and JSON formats, on two specs whose names and values are hostile: markup, quotes, a pipe, a control
/// character. Each format is compared whole with a golden file (Markdown, JUnit and HTML are rendered by Reports and
/// tested in `ReportsTests/CompatReportRenderingTests`).
struct CompatReportFormatTests {
    static let hostileName = "<img src=x onerror=alert(1)>"

    static func spec(values: String, required: String) -> String {
        SpecFixture.spec(
            paths: """
                  /items/{id}:
                    post:
                      summary: "</title><script>alert('s')</script>"
                      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
                      responses: {'204': {description: done}}
                """,
            schemas: """
                    Item:
                      type: object
                      required: \(required)
                      properties:
                        "\(hostileName)": {type: string, enum: \(values)}
                        note: {type: string}
                """
        )
    }

    static let report: CompatReport = {
        let old = spec(values: "[\"a|b</td><script>alert('x')</script>\", \"ctl\\x01\"]", required: "[]")
        let new = spec(values: "[\"a|b</td><script>alert('x')</script>\", \"&amp;\\\"q\\\"\"]", required: "[note]")
        // A fixture that does not load is a defect of this file; the tests below then fail on an empty report.
        return (try? SpecFixture.compare(old, new))
            ?? CompatReport(
                old: .init(path: "", title: "", version: "", operationCount: 0),
                new: .init(path: "", title: "", version: "", operationCount: 0),
                changes: []
            )
    }()

    @Test
    func fixtureHasARemovalAnAdditionAndANewRequirement() {
        #expect(
            Self.report.changes.map(\.rule.id) == [
                "request-property-became-required", "request-enum-value-removed", "request-enum-value-added",
            ]
        )
    }

    @Test
    func text() throws {
        try expectMatchesGolden(Self.report.text(), named: "report.txt")
    }

    @Test
    func jsonHasEveryFieldOfEveryChange() throws {
        let text = Self.report.json(failOn: .error)
        let json = try JSONParser.parse(Array(text.utf8))
        #expect(json["failOn"] == "error")
        #expect(json["failing"]?.intValue == 2)
        #expect(json["summary"]?["error"]?.intValue == 2 && json["summary"]?["info"]?.intValue == 1)
        let changes = try #require(json["changes"]?.arrayValue)
        #expect(changes.count == 3)
        for change in changes {
            for key in ["rule", "level", "operation", "operations", "message", "old", "new"] {
                #expect(change[key] != nil, "\(key)")
            }
            #expect(change["new"]?["line"]?.intValue != nil && change["old"]?["pointer"]?.stringValue != nil)
        }
        try expectMatchesGolden(text, named: "report.json")
    }
}
