import Compat
import Foundation
import OpenAPI
import Reports
import TestSupport
import Testing

/// The compat report's Markdown, JUnit and HTML renderings (Reports renders Compat), on two specs whose names and
/// values are hostile: markup, quotes, a pipe, a control character. Each is compared whole with a golden file.
struct CompatReportRenderingTests {
    static let hostileName = "<img src=x onerror=alert(1)>"

    static func spec(values: String, required: String) -> String {
        """
        openapi: 3.0.3
        info: {title: Fixture, version: '1'}
        paths:
          /items/{id}:
            post:
              summary: "</title><script>alert('s')</script>"
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
              responses: {'204': {description: done}}
        components:
          schemas:
            Item:
              type: object
              required: \(required)
              properties:
                "\(hostileName)": {type: string, enum: \(values)}
                note: {type: string}

        """
    }

    static func load(_ yaml: String, path: String) throws -> OpenAPIDocument {
        try OpenAPILoader.load(try SpecSource.parse(Array(yaml.utf8), path: path))
    }

    static let report: CompatReport = {
        let old = spec(values: "[\"a|b</td><script>alert('x')</script>\", \"ctl\\x01\"]", required: "[]")
        let new = spec(values: "[\"a|b</td><script>alert('x')</script>\", \"&amp;\\\"q\\\"\"]", required: "[note]")
        // A fixture that does not load is a defect of this file; the tests below then fail on an empty report.
        guard let oldDocument = try? load(old, path: "old.yaml"), let newDocument = try? load(new, path: "new.yaml")
        else {
            return CompatReport(
                old: .init(path: "", title: "", version: "", operationCount: 0),
                new: .init(path: "", title: "", version: "", operationCount: 0),
                changes: []
            )
        }
        return CompatChecker.compare(old: oldDocument, new: newDocument)
    }()

    static let junitSchema = SharedFixtures.shared("corpora/junit/xunit-junit-10.xsd")

    @Test
    func fixtureHasARemovalAnAdditionAndANewRequirement() {
        #expect(
            Self.report.changes.map(\.rule.id) == [
                "request-property-became-required", "request-enum-value-removed", "request-enum-value-added",
            ]
        )
    }

    @Test
    func markdownEscapesEverySpecString() throws {
        let markdown = Self.report.markdown(failOn: .error)
        #expect(!markdown.contains("<script"))
        #expect(!markdown.contains("<img"))
        for line in markdown.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| Level") {
            // Seven unescaped pipes: the row's six cells, whatever the values hold.
            #expect(
                line.split(separator: "|", omittingEmptySubsequences: false).count - 1 - line.occurrences(of: "\\|")
                    == 7
            )
        }
        try expectMatchesGolden(markdown, named: "report.md")
    }

    @Test
    func junitIsValidXMLWithOneCasePerRule() async throws {
        let xml = Self.report.junitXML(failOn: .error)
        #expect(xml.occurrences(of: "<testcase ") == CompatRule.all.count)
        #expect(xml.occurrences(of: "<failure ") == 2)
        #expect(!xml.contains("\u{1}") && !xml.contains("<script") && !xml.contains("<img"))
        try expectMatchesGolden(xml, named: "report-junit.xml")
        let warningsFail = Self.report.junitXML(failOn: .info)
        #expect(warningsFail.occurrences(of: "<failure ") == 3)
        guard ExternalTool.xmllint != nil, FileManager.default.fileExists(atPath: Self.junitSchema.path) else {
            print("JUnit schema check skipped: xmllint (libxml2-utils) or ../shared/corpora/junit is absent")
            return
        }
        let folder = try TemporaryDirectory()
        for (name, document) in [("error.xml", xml), ("info.xml", warningsFail)] {
            let path = try folder.write(name, document)
            let outcome = try await ExternalTool.validate(path, against: Self.junitSchema)
            #expect(outcome.status == 0, "xmllint: \(outcome.messages)")
        }
    }

    @Test
    func htmlIsSelfContainedAndEscaped() throws {
        let html = Self.report.html(failOn: .error)
        #expect(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                    + "base-uri 'none'; form-action 'none'\">"
            )
        )
        for forbidden in ["@import", "url(", "http://", "https://"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // Every tag is one of ours: spec strings are escaped, so none can open a tag of its own.
        let allowed: Set<String> = [
            "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "br", "code", "span",
            "table", "thead", "tbody", "tr", "th", "td", "div", "details", "summary",
        ]
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            let close = try #require(rest[open...].firstIndex(of: ">"))
            let tag = rest[rest.index(after: open)..<close]
            let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber || $0 == "!" })
            #expect(allowed.contains(name), "tag <\(tag)>")
            #expect(!tag.contains("src=") && !tag.contains("href=") && !tag.contains(" on"), "tag <\(tag)>")
            rest = rest[rest.index(after: close)...]
        }
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        try expectMatchesGolden(html, named: "report.html")
    }
}
