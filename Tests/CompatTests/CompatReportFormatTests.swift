import Compat
import Foundation
import JSON
import TestSupport
import Testing

/// The five report formats, on two specs whose names and values are hostile: markup, quotes, a pipe, a control
/// character. Each format is compared whole with a golden file.
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

    static let xmllint = ["/usr/bin/xmllint", "/bin/xmllint", "/usr/local/bin/xmllint"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
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
    func text() throws {
        try expectMatchesGolden(Self.report.text(), named: "report.txt")
    }

    @Test
    func markdownEscapesEverySpecString() throws {
        let markdown = Self.report.markdown(failOn: .error)
        #expect(!markdown.contains("<script"))
        #expect(!markdown.contains("<img"))
        for line in markdown.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| Level") {
            // Seven unescaped pipes: the row's six cells, whatever the values hold.
            #expect(line.split(separator: "|", omittingEmptySubsequences: false).count - 1 - line.count(of: "\\|") == 7)
        }
        try expectMatchesGolden(markdown, named: "report.md")
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

    @Test
    func junitIsValidXMLWithOneCasePerRule() throws {
        let xml = Self.report.junitXML(failOn: .error)
        #expect(xml.count(of: "<testcase ") == CompatRule.all.count)
        #expect(xml.count(of: "<failure ") == 2)
        #expect(!xml.contains("\u{1}") && !xml.contains("<script") && !xml.contains("<img"))
        try expectMatchesGolden(xml, named: "report-junit.xml")
        let warningsFail = Self.report.junitXML(failOn: .info)
        #expect(warningsFail.count(of: "<failure ") == 3)
        guard let xmllint = Self.xmllint else {
            print("JUnit schema check skipped: xmllint is not installed (apt-get install libxml2-utils)")
            return
        }
        let folder = try TemporaryDirectory()
        for (name, document) in [("error.xml", xml), ("info.xml", warningsFail)] {
            let path = try folder.write(name, document)
            let outcome = try Self.run(xmllint, ["--noout", "--schema", Self.junitSchema.path, path])
            #expect(outcome.status == 0, "xmllint: \(outcome.output)")
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

    /// Runs a tool and returns its exit status and combined output.
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let folder = try TemporaryDirectory()
        let outputPath = try folder.write("output", "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardOutput = handle
        process.standardError = handle
        try ProcessLaunchGate.launching { try process.run() }
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try folder.contents(of: "output"))
    }
}

extension String {
    fileprivate func count(of needle: String) -> Int {
        var count = 0
        var rest = Substring(self)
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}

extension Substring {
    fileprivate func count(of needle: String) -> Int {
        String(self).count(of: needle)
    }
}
