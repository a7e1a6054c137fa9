import Foundation
import HTTP
import JSON
import Reports
import Runner
import Synchronization
import TestSupport
import Testing

/// A real run against a server that sends `<script>`, `]]>`, U+0001 and bytes that are not UTF-8: both reports
/// stay valid, a CI parser counts what results.json counts, and a browser shows the hostile strings as text,
/// runs nothing of theirs and loads nothing.
struct HostileRunTests {
    /// Counts requests: a report that loads anything from a server the hostile text names gives itself away here.
    final class LeakListener: Sendable {
        final class Hits: Sendable {
            let paths = Mutex<[String]>([])
        }

        let server: HTTPServer
        let hits = Hits()

        init() throws {
            let hits = hits
            server = HTTPServer { request in
                hits.paths.withLock { $0.append(request.path) }
                return HTTPResponse.text("leaked", status: 200)
            }
            try server.start()
        }

        var requests: [String] { hits.paths.withLock { $0 } }

        deinit {
            server.stop()
        }
    }

    struct Rendered {
        var result: RunResult
        var folder: TemporaryDirectory
        var junit: String { folder.path + "/junit.xml" }
        var html: String { folder.path + "/index.html" }
    }

    static func render(
        faults: Set<FakeMeshServer.Fault>,
        hostileText: String,
        lazyDetailsThreshold: Int = 500
    ) async throws -> Rendered {
        let server = try FakeMeshServer(faults: faults, hostileText: hostileText)
        defer { server.stop() }
        let suites = try ReportsFixture.suites(ReportsFixture.everyRouteSuite)
        let result = try await ReportsFixture.run(suites, against: server.baseURL)
        let folder = try TemporaryDirectory()
        let set = ReportSet(
            formats: ReportFormat.allCases,
            folder: folder.path,
            junit: JUnitXMLWriter(hostname: "test-host"),
            html: HTMLReportWriter(
                coverage: SpecCoverage(document: try ReportsFixture.spec(), result: result),
                lazyDetailsThreshold: lazyDetailsThreshold
            )
        )
        let written = try set.write(result)
        #expect(written.map(\.format) == [.json, .junit, .html])
        return Rendered(result: result, folder: folder)
    }

    static func hostileText(leakingTo url: String) -> String {
        FakeMeshServer.defaultHostileText
            + "<img src=\"\(url)/img.png\"><link rel=\"stylesheet\" href=\"\(url)/x.css\">"
            + "<iframe src=\"\(url)/frame\"></iframe><script src=\"\(url)/x.js\"></script>"
            + "<style>@import url(\(url)/y.css);</style><a href=\"\(url)/a\">link</a>"
    }

    @Test(.timeLimit(.minutes(2)), arguments: [FakeMeshServer.Fault.hostileText, .invalidUTF8])
    func reportsStayValidAndCountsMatch(fault: FakeMeshServer.Fault) async throws {
        let leak = try LeakListener()
        let rendered = try await Self.render(
            faults: [fault],
            hostileText: Self.hostileText(leakingTo: leak.server.baseURL)
        )
        let totals = rendered.result.totals
        #expect(totals.steps == 8 && totals.failed > 0)
        let junit = try String(contentsOfFile: rendered.junit, encoding: .utf8)
        #expect(!junit.contains("<script") && !junit.contains("<img") && !junit.contains("]]>"))
        #expect(!junit.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(junit.contains("\\u0001"))
        if fault == .invalidUTF8 {
            #expect(junit.contains("[the body is not valid UTF-8: invalid bytes are shown as \u{FFFD}]"))
            #expect(junit.contains("type=\"json-well-formed\""))
        } else {
            #expect(junit.contains("&lt;script&gt;document.body.setAttribute(&apos;data-pwned&apos;,&apos;1&apos;)"))
        }
        try await ReportsFixture.expectValidJUnit(at: rendered.junit)
        if let parsed = try await ReportsFixture.parsedCounts(ofJUnitAt: rendered.junit) {
            #expect(parsed["declared"]?["tests"]?.intValue == totals.steps)
            #expect(parsed["declared"]?["failures"]?.intValue == totals.failed)
            #expect(parsed["declared"]?["errors"]?.intValue == totals.errors)
            let kinds = try #require(parsed["cases"]?.arrayValue).compactMap { $0[2]?.stringValue }
            #expect(kinds.filter { $0 == "failure" }.count == totals.failed)
            #expect(kinds.filter { $0 == "passed" }.count == totals.passed)
        }
        let results = try ResultsDocument.read(
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: rendered.folder.path + "/results.json"))),
            path: "results.json"
        )
        #expect(results.totals == totals)
        #expect(leak.requests.isEmpty)
    }

    @Test(.timeLimit(.minutes(3)), Chromium.needed, arguments: [FakeMeshServer.Fault.hostileText, .invalidUTF8])
    func aBrowserShowsHostileTextAsTextAndLoadsNothing(fault: FakeMeshServer.Fault) async throws {
        let leak = try LeakListener()
        let rendered = try await Self.render(
            faults: [fault],
            hostileText: Self.hostileText(leakingTo: leak.server.baseURL)
        )
        let totals = rendered.result.totals
        let (dom, log) = try await Chromium.dumpDOM(of: rendered.html)
        // The page's own script ran (under its CSP) and nothing else did.
        #expect(dom.contains("<html lang=\"en\" class=\"js\">"))
        #expect(!log.contains("Content Security Policy"), "\(log.suffix(3000))")
        #expect(dom.occurrences(of: "<script") == 1)
        #expect(
            !dom.contains("data-pwned=") && !dom.contains("<img") && !dom.contains("<iframe") && !dom.contains("<link")
        )
        #expect(dom.contains("<title>meshcheck failed: fake · Mesh Connect Integration API 1.0</title>"))
        // Every step is there, with its outcome, as results.json counts them.
        #expect(dom.occurrences(of: "<details class=\"step ") == totals.steps)
        #expect(dom.occurrences(of: "<details class=\"step failed\"") == totals.failed)
        #expect(dom.occurrences(of: "<details class=\"step passed\"") == totals.passed)
        #expect(dom.contains("<b data-count=\"failed\">\(totals.failed)</b>"))
        #expect(dom.contains("<span class=\"count\" id=\"shown-count\">\(totals.steps) steps</span>"))
        if fault == .hostileText {
            // The hostile strings are text: serialised back with their angle brackets escaped.
            #expect(dom.contains("&lt;script&gt;document.body.setAttribute('data-pwned','1')&lt;/script&gt;"))
            #expect(dom.contains("&lt;img src=\"\(leak.server.baseURL)/img.png\"&gt;"))
        } else {
            #expect(dom.contains("The body is not valid UTF-8; invalid bytes are shown as \u{FFFD}."))
        }
        #expect(dom.contains("\\u0001"))
        #expect(leak.requests.isEmpty, "the page loaded \(leak.requests)")
    }

    @Test(.timeLimit(.minutes(2)), Chromium.needed)
    func deferredDetailsAreBuiltAsTextWhenAStepIsOpened() async throws {
        let leak = try LeakListener()
        let rendered = try await Self.render(
            faults: [.hostileText],
            hostileText: Self.hostileText(leakingTo: leak.server.baseURL),
            lazyDetailsThreshold: 0
        )
        let html = try String(contentsOfFile: rendered.html, encoding: .utf8)
        #expect(html.contains("<div class=\"step-body\" data-deferred=\"s1-1\"></div>"))
        // The first step (GET /api/v1/status) passed with the hostile text in its body; opening it builds it.
        let (dom, log) = try await Chromium.dumpDOM(of: rendered.html, fragment: "s1-1")
        #expect(!log.contains("Content Security Policy"), "\(log.suffix(3000))")
        let step = try #require(
            HTMLReportWriterTests.between("<details class=\"step passed\" id=\"s1-1\"", "</details>", in: dom)
        )
        #expect(step.hasPrefix(" data-outcome=\"passed\" open=\"\"><summary>"))
        #expect(
            step.contains(
                "<div class=\"step-body\"><h3>Exchange</h3><div class=\"exchange\"><section class=\"panel request\">"
            )
        )
        #expect(step.contains("&lt;script&gt;document.body.setAttribute('data-pwned','1')&lt;/script&gt;"))
        #expect(
            step.contains(
                "<code id=\"s1-1-curl\">curl -X GET '\(rendered.result.suites[0].steps[0].exchange?.url ?? "")'"
            )
        )
        #expect(!dom.contains("data-pwned=") && !dom.contains("<img") && !dom.contains("<iframe"))
        #expect(dom.occurrences(of: "<script") == 2)
        #expect(leak.requests.isEmpty, "the page loaded \(leak.requests)")
    }

    @Test(.timeLimit(.minutes(2)), Chromium.needed)
    func theMixedFixtureRendersWithEveryCountInTheBrowser() async throws {
        let result = try ReportsFixture.mixed()
        let folder = try TemporaryDirectory()
        let html = HTMLReportWriter(coverage: SpecCoverage(document: try ReportsFixture.spec(), result: result))
        let path = try folder.write("index.html", html.html(for: result))
        let (dom, log) = try await Chromium.dumpDOM(of: path)
        #expect(!log.contains("Content Security Policy"), "\(log.suffix(3000))")
        let totals = result.totals
        for (outcome, count) in [
            ("passed", totals.passed), ("failed", totals.failed), ("error", totals.errors), ("skipped", totals.skipped),
        ] {
            #expect(dom.occurrences(of: "<details class=\"step \(outcome)\"") == count, "\(outcome)")
            #expect(dom.contains("<b data-count=\"\(outcome)\">\(count)</b>"), "\(outcome)")
        }
        #expect(dom.occurrences(of: "<tr class=\"touched\">") == 3)
        #expect(dom.contains("<title>meshcheck failed: url · Mesh Connect Integration API 1.0</title>"))
    }
}
