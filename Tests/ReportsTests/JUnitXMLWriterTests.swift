import Foundation
import JSON
import Reports
import Runner
import TestSupport
import Testing

/// JUnit XML from saved results: its whole text (golden), validity against both schemas, and what CI parsers read.
struct JUnitXMLWriterTests {
    static let writer = JUnitXMLWriter(hostname: "ci-runner-1")

    @Test
    func mixedRunMatchesItsGolden() throws {
        let xml = Self.writer.xml(for: try ReportsFixture.mixed())
        try expectMatchesGolden(xml, named: "mixed.xml")
    }

    @Test
    func oneSuitePerFileWithTotalsCountsAndProperties() throws {
        let xml = Self.writer.xml(for: try ReportsFixture.mixed())
        #expect(xml.contains("<testsuites name=\"meshcheck\" tests=\"12\" failures=\"7\" errors=\"1\" time=\"1.235\">"))
        #expect(xml.occurrences(of: "<testsuite ") == 2)
        #expect(
            xml.contains(
                "<testsuite name=\"Broker status, Skipped on purpose\" tests=\"9\" failures=\"5\" errors=\"1\" "
                    + "skipped=\"1\" time=\"0.682\" timestamp=\"2026-12-01T02:54:13\" hostname=\"ci-runner-1\" "
                    + "package=\"suites.demo.brokers\" id=\"1\">"
            )
        )
        for property in [
            "<property name=\"server.url\" value=\"http://127.0.0.1:8080\"/>",
            "<property name=\"spec.version\" value=\"1.0\"/>",
            "<property name=\"meshcheck.version\" value=\"0.1.0\"/>",
            "<property name=\"run.id\" value=\"r0123456789\"/>",
            "<property name=\"interrupted\" value=\"false\"/>",
        ] {
            #expect(xml.occurrences(of: property) == 2, "\(property)")
        }
    }

    @Test
    func stepsAreNamedUniquelyWithTheirMatrixValues() throws {
        let xml = Self.writer.xml(for: try ReportsFixture.mixed())
        var identities: [String] = []
        for line in xml.split(separator: "\n") where line.contains("<testcase ") {
            let name = try #require(Self.attribute("name", in: line))
            let className = try #require(Self.attribute("classname", in: line))
            identities.append(className + "#" + name)
        }
        #expect(identities.count == 12 && Set(identities).count == 12)
        #expect(identities.contains("suites.demo.brokers#Broker status › per MFA type [brokerType=kraken, mfa=phone]"))
        #expect(identities.contains("suites.demo.authenticate-mfa#a missing userId is a 400"))
        #expect(identities.contains("suites.demo.brokers#Skipped on purpose › vanguard login"))
    }

    @Test
    func failuresCarryEveryViolationTheExchangeAndACurlLine() throws {
        let xml = Self.writer.xml(for: try ReportsFixture.mixed())
        let failure = try #require(Self.element("failure", containing: "MFA code succeeds", in: xml))
        #expect(failure.hasPrefix("<failure message=\"/content/status: &quot;&lt;/pre&gt;&lt;script&gt;"))
        #expect(failure.contains("(+2 more)\" type=\"response-schema\">"))
        #expect(failure.contains("3 violations:\n1. response-schema at /content/status\n"))
        #expect(failure.contains("2. response-schema at /content/expiresInSeconds\n"))
        #expect(
            failure.contains(
                "   spec:     suites/spec/mesh-integration-api.yaml:7888:7  #/components/schemas/BrokerAuthStatus/enum\n"
            )
        )
        #expect(failure.contains("   suite:    suites/demo/authenticate-mfa.yaml:27:25\n"))
        #expect(
            failure.contains("Request:\nPOST http://127.0.0.1:8080/api/v1/authenticate?userId=user-r0123456789-0\n")
        )
        #expect(failure.contains("Response: 200 OK  (59 ms)\n"))
        #expect(failure.contains("X-Hostile: &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt;\n"))
        #expect(
            failure.contains(
                "Reproduce:\ncurl -X POST &apos;http://127.0.0.1:8080/api/v1/authenticate?userId=user-r0123456789-0&apos; "
                    + "-H &apos;X-Client-Id: &lt;redacted&gt;&apos; -H &apos;X-Client-Secret: &lt;redacted&gt;&apos;"
            )
        )
        let error = try #require(Self.element("error", containing: "connection was reset", in: xml))
        #expect(
            error.hasPrefix(
                "<error message=\"the connection was reset by the server after 0 bytes of the response\" type=\"transport\">"
            )
        )
        #expect(error.contains("Response: none\n"))
        #expect(xml.contains("<skipped message=\"the sandbox has no Vanguard\"/>"))
    }

    @Test
    func hostileTextIsEscapedAndControlCharactersShownVisibly() throws {
        let xml = Self.writer.xml(for: try ReportsFixture.mixed())
        #expect(!xml.contains("<script") && !xml.contains("<img") && !xml.contains("<![CDATA["))
        #expect(!xml.contains("]]>"))
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(xml.contains("\\u0001"))
        #expect(xml.contains("[the body is not valid UTF-8: invalid bytes are shown as \u{FFFD}]"))
        #expect(xml.contains("Service &lt;i&gt;Unavailable&lt;/i&gt;"))
    }

    @Test
    func anInterruptedRunIsMarked() throws {
        var result = try ReportsFixture.mixed()
        result.stopReason = .interrupted
        let xml = Self.writer.xml(for: result)
        #expect(xml.contains("<!-- interrupted: this run was stopped before its end; the results are partial -->"))
        #expect(xml.occurrences(of: "<property name=\"interrupted\" value=\"true\"/>") == 2)
        #expect(xml.occurrences(of: "<property name=\"stop.reason\" value=\"interrupted\"/>") == 2)
        #expect(xml.contains("<system-out>INTERRUPTED: the run was stopped before its end; these results are partial."))
        try expectMatchesGolden(xml, named: "interrupted.xml")
    }

    @Test
    func longBodiesAreCutWithAMarker() throws {
        let writer = JUnitXMLWriter(hostname: "ci-runner-1", bodyExcerptLimit: 100)
        let xml = writer.xml(for: try ReportsFixture.mixed())
        #expect(xml.contains("\n…[truncated: 100 of 742 bytes shown]\n"))
    }

    @Test(ReportsFixture.needsSchemas)
    func mixedAndInterruptedRunsValidateAgainstBothSchemas() async throws {
        var interrupted = try ReportsFixture.mixed()
        interrupted.stopReason = .interrupted
        let folder = try TemporaryDirectory()
        for (name, result) in [("mixed.xml", try ReportsFixture.mixed()), ("interrupted.xml", interrupted)] {
            try await ReportsFixture.expectValidJUnit(at: try folder.write(name, Self.writer.xml(for: result)))
        }
    }

    @Test
    func aCIParserReadsTheCountsOfTheResults() async throws {
        let result = try ReportsFixture.mixed()
        let folder = try TemporaryDirectory()
        let path = try folder.write("junit.xml", Self.writer.xml(for: result))
        guard let parsed = try await ReportsFixture.parsedCounts(ofJUnitAt: path) else { return }
        let totals = result.totals
        #expect(parsed["declared"] == ["tests": .number(JSONNumber(totals.steps)), "failures": 7, "errors": 1])
        let cases = try #require(parsed["cases"]?.arrayValue)
        #expect(cases.count == totals.steps)
        let kinds = cases.compactMap { $0[2]?.stringValue }
        #expect(kinds.filter { $0 == "failure" }.count == totals.failed)
        #expect(kinds.filter { $0 == "error" }.count == totals.errors)
        #expect(kinds.filter { $0 == "skipped" }.count == totals.skipped)
        #expect(kinds.filter { $0 == "passed" }.count == totals.passed)
        let suites = try #require(parsed["suites"]?.arrayValue)
        #expect(suites.compactMap { $0["tests"]?.intValue }.reduce(0, +) == totals.steps)
        #expect(suites.compactMap { $0["skipped"]?.intValue }.reduce(0, +) == totals.skipped)
    }

    // MARK: - Helpers

    static func attribute(_ name: String, in line: Substring) -> String? {
        guard let start = line.range(of: " \(name)=\"") else { return nil }
        let rest = line[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// The first `<element …>…</element>` whose text contains `needle`.
    static func element(_ element: String, containing needle: String, in xml: String) -> String? {
        var rest = Substring(xml)
        while let start = rest.range(of: "<\(element) ") {
            guard let end = rest[start.lowerBound...].range(of: "</\(element)>") else { return nil }
            let candidate = String(rest[start.lowerBound..<end.upperBound])
            if candidate.contains(needle) { return candidate }
            rest = rest[end.upperBound...]
        }
        return nil
    }
}
