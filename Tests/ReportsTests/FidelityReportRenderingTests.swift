import Fidelity
import Foundation
import JSON
import Reports
import Runner
import Suites
import TestSupport
import Testing

/// The compare reports (JSON, JUnit, HTML) of saved results, one of them edited to drift.
struct FidelityReportRenderingTests {
    /// The mixed results against a copy whose first body has hostile markup as its envelope status and whose
    /// fourth step answered 503 instead of 200.
    static func report() throws -> FidelityReport {
        let reference = try ReportsFixture.mixed()
        var candidate = try ReportsFixture.mixed()
        let body = try #require(candidate.suites[0].steps[0].exchange?.response?.message.body)
        candidate.suites[0].steps[0].exchange?.response?.message.body = body.replacing(
            #"{"status":"ok""#,
            with: #"{"status":"<b>x</b>""#
        )
        candidate.suites[1].steps[0].exchange?.response?.status = 503
        let comparison = FidelityComparison(document: try ReportsFixture.spec(), suites: [], configuration: .init())
        return comparison.compare(reference: reference, candidate: candidate)
    }

    @Test func driftIsFoundWhereTheCopyWasEdited() throws {
        let report = try Self.report()
        #expect(
            report.steps.flatMap(\.drifts).map(\.summary) == [
                #"envelope-status at /status: reference "ok", candidate "<b>x</b>""#,
                "status: reference 200, candidate 503",
            ]
        )
        #expect(report.comparedCount == 10)
        #expect(report.scoreText == "80.0%")
        let json = report.json()
        #expect(json["summary"]?["drifting"] == 2)
        #expect(json["summary"]?["byKind"] == ["status": 1, "envelope-status": 1])
    }

    @Test(ReportsFixture.needsSchemas) func theJUnitFileIsValid() async throws {
        let xml = try Self.report().junitXML()
        #expect(xml.contains(#"<testsuites name="meshcheck compare" tests="12" failures="2" errors="0">"#))
        #expect(xml.contains("&lt;b&gt;x&lt;/b&gt;"))
        let folder = try TemporaryDirectory()
        // Jenkins xUnit's schema, as compat's JUnit: no times are recorded, which Ant's schema requires.
        let xunit = try await ExternalTool.validate(
            try folder.write("fidelity-junit.xml", xml),
            against: ReportsFixture.xunitSchema
        )
        #expect(xunit.status == 0, "\(xunit.messages)")
    }

    @Test func theHTMLPageEscapesAndHighlightsThePointer() throws {
        let html = try Self.report().html()
        #expect(!html.contains("<b>x</b>"))
        #expect(html.contains("&lt;b&gt;x&lt;/b&gt;"))
        #expect(html.contains(#"<span class="hit">  &quot;status&quot;: &quot;&lt;b&gt;x&lt;/b&gt;&quot;,</span>"#))
        #expect(html.contains("fidelity 80.0%"))
        #expect(!html.contains("<script"))
    }
}
