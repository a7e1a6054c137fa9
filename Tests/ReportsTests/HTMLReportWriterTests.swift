import Foundation
import JSON
import OpenAPI
import Reports
import Runner
import TestSupport
import Testing

/// The HTML report from saved results: its whole text (golden), its safety (CSP, escaping, nothing loaded), and
/// what it shows.
struct HTMLReportWriterTests {
    static func html(_ result: RunResult, coverage: Bool = true) throws -> String {
        let writer = HTMLReportWriter(
            coverage: coverage ? SpecCoverage(document: try ReportsFixture.spec(), result: result) : nil,
            coverageNote: coverage ? nil : "The spec (x.yaml) was not found, so coverage is not shown."
        )
        return writer.html(for: result)
    }

    @Test
    func mixedRunMatchesItsGolden() throws {
        try expectMatchesGolden(try Self.html(try ReportsFixture.mixed()), named: "mixed.html")
    }

    @Test
    func theContentSecurityPolicyAllowsOnlyThePagesOwnStyleAndScriptByHash() throws {
        let html = try Self.html(try ReportsFixture.mixed())
        let style = try #require(Self.between("<style>", "</style>", in: html))
        let script = try #require(Self.between("<script>", "</script>", in: html))
        let policy =
            "default-src 'none'; style-src '\(SHA256Tests.cspSource(of: style))'; "
            + "script-src '\(SHA256Tests.cspSource(of: script))'; img-src data:; base-uri 'none'; form-action 'none'"
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">"))
        #expect(html.occurrences(of: "<script") == 1 && html.occurrences(of: "<style") == 1)
        for forbidden in ["@import", "url(", "href=\"http", "href=\"//", "<link", "<iframe", "<object", "<embed"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
    }

    @Test
    func everyTagIsOneOfOursWhateverTheServerSent() throws {
        let html = try Self.html(try ReportsFixture.mixed())
        let allowed: Set<String> = [
            "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section", "h1",
            "h2", "h3", "p", "b", "a", "span", "div", "dl", "dt", "dd", "code", "pre", "mark", "table", "thead",
            "tbody", "tr", "th", "td", "details", "summary", "button", "input", "select", "option", "label",
            "noscript", "script",
        ]
        let body = try #require(html.range(of: "<body>")).upperBound
        var rest = html[body...]
        while let open = rest.firstIndex(of: "<") {
            let close = try #require(rest[open...].firstIndex(of: ">"))
            let tag = rest[rest.index(after: open)..<close]
            let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber || $0 == "!" })
            #expect(allowed.contains(name), "tag <\(tag)>")
            for (attribute, value) in Self.attributes(of: tag) {
                #expect(!attribute.hasPrefix("on") && attribute != "src" && attribute != "style", "tag <\(tag)>")
                #expect(attribute != "href" || value.hasPrefix("#"), "tag <\(tag)>")
            }
            if name == "script" && !tag.hasPrefix("/") { break }  // the page's own script ends the body
            rest = rest[rest.index(after: close)...]
        }
        #expect(!html.contains("<img") && !html.contains("<script>document"))
        #expect(html.contains("&lt;/pre&gt;&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"))
        #expect(html.contains("\\u0001") && !html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(html.contains("Service &lt;i&gt;Unavailable&lt;/i&gt;"))
    }

    @Test
    func oneDetailsPerSuiteAndStepWithItsOutcome() throws {
        let result = try ReportsFixture.mixed()
        let html = try Self.html(result)
        let totals = result.totals
        #expect(html.occurrences(of: "<details class=\"suite ") == result.suites.count)
        #expect(html.occurrences(of: "<details class=\"step passed\"") == totals.passed)
        #expect(html.occurrences(of: "<details class=\"step failed\"") == totals.failed)
        #expect(html.occurrences(of: "<details class=\"step error\"") == totals.errors)
        #expect(html.occurrences(of: "<details class=\"step skipped\"") == totals.skipped)
        #expect(html.contains("<b data-count=\"failed\">7</b>") && html.contains("<b data-count=\"error\">1</b>"))
        // A small run shows every suite open; steps are closed until asked for.
        #expect(html.occurrences(of: "data-outcome=\"failed\" data-tags=") == 3)
        #expect(html.occurrences(of: "\" open>") == result.suites.count)
    }

    @Test
    func aFailingStepShowsViolationsMarksTheBodyAndOffersCurl() throws {
        let html = try Self.html(try ReportsFixture.mixed())
        let step = try #require(Self.between("<details class=\"step failed\" id=\"s1-2\"", "</details>", in: html))
        #expect(step.occurrences(of: "<div class=\"finding\">") == 3)
        #expect(step.contains("<span class=\"check mono\">response-schema</span><code>/content/status</code>"))
        #expect(step.contains("<span class=\"where mono\">spec suites/spec/mesh-integration-api.yaml:7888:7</span>"))
        #expect(step.contains("<dt>schema</dt><dd class=\"mono\">#/components/schemas/BrokerAuthStatus/enum</dd>"))
        // The violating value is marked, and the missing property gets a marked line of its own.
        #expect(step.contains("<mark class=\"hit\" title=\"response-schema: /content/status: "))
        #expect(step.contains("<span class=\"k\">&quot;status&quot;</span>: <span class=\"s\">&quot;&lt;/pre&gt;"))
        #expect(step.contains("<span class=\"k\">&quot;expiresInSeconds&quot;</span>: (missing)</mark>"))
        #expect(step.contains("<code id=\"s1-2-curl\">curl -X POST &#39;http://127.0.0.1:8080/api/v1/authenticate"))
        #expect(
            step.contains("<button type=\"button\" class=\"plain copy js-only\" data-copy=\"s1-2-curl\">Copy</button>")
        )
        #expect(step.contains("-H &#39;X-Client-Secret: &lt;redacted&gt;&#39;"))
    }

    @Test
    func anInterruptedRunSaysSoAtTheTop() throws {
        var result = try ReportsFixture.mixed()
        result.stopReason = .interrupted
        let html = try Self.html(result)
        #expect(html.contains("<span class=\"verdict interrupted\" id=\"verdict\">INTERRUPTED</span>"))
        #expect(html.contains("<div class=\"notice interrupted\" id=\"interrupted\"><b>Interrupted.</b>"))
    }

    @Test
    func withoutTheSpecTheCoverageSectionSaysWhy() throws {
        let html = try Self.html(try ReportsFixture.mixed(), coverage: false)
        #expect(html.contains("<p class=\"muted\">The spec (x.yaml) was not found, so coverage is not shown.</p>"))
        #expect(!html.contains("id=\"coverage-table\""))
    }

    @Test
    func theCoverageTableHasEveryOperationAndItsDeclaredResponses() throws {
        let result = try ReportsFixture.mixed()
        let html = try Self.html(result)
        let spec = try ReportsFixture.spec()
        #expect(html.occurrences(of: "<tr class=\"touched\">") == 3)
        #expect(html.occurrences(of: "<tr class=\"untouched\">") == spec.operations.count - 3)
        #expect(html.contains("<span class=\"code seen\" title=\"OK: seen 3 times\">200<b>3</b></span>"))
        #expect(html.contains("<span class=\"code undeclared\" title=\"not declared by the spec\">503<b>1</b></span>"))
    }

    /// The attributes of a tag's text (`a href="#x" class="y"`), names lower-cased; values are double-quoted, as
    /// the writer writes them (an escaped value holds no `"`).
    static func attributes(of tag: Substring) -> [(String, String)] {
        var result: [(String, String)] = []
        var rest = tag.drop { $0 != " " }
        while true {
            rest = rest.drop { $0 == " " || $0 == "/" }
            guard !rest.isEmpty else { return result }
            let name = rest.prefix { $0 != "=" && $0 != " " }
            rest = rest.dropFirst(name.count)
            guard rest.first == "=" else {
                result.append((name.lowercased(), ""))
                continue
            }
            rest = rest.dropFirst()
            guard rest.first == "\"" else {
                let value = rest.prefix { $0 != " " }
                result.append((name.lowercased(), String(value)))
                rest = rest.dropFirst(value.count)
                continue
            }
            rest = rest.dropFirst()
            let value = rest.prefix { $0 != "\"" }
            result.append((name.lowercased(), String(value)))
            rest = rest.dropFirst(value.count + 1)
        }
    }

    @Test
    func aLargeRunKeepsPassingAndSkippedDetailsInAJSONBlock() throws {
        let result = try ReportsFixture.mixed()
        let html = HTMLReportWriter(lazyDetailsThreshold: 10).html(for: result)
        let totals = result.totals
        #expect(html.occurrences(of: "data-deferred=") == totals.passed + totals.skipped)
        #expect(html.occurrences(of: "<div class=\"step-body\">\n") == totals.failed + totals.errors)
        let block = try #require(
            Self.between("<script type=\"application/json\" id=\"step-details\">", "</script>", in: html)
        )
        #expect(!block.contains("<") && !block.contains(">") && !block.contains("&"))
        let details = try JSONParser.parse(block)
        var deferredIDs: [String] = []
        for (suiteIndex, suite) in result.suites.enumerated() {
            for (stepIndex, step) in suite.steps.enumerated() where step.outcome == .passed || step.outcome == .skipped
            {
                deferredIDs.append("s\(suiteIndex + 1)-\(stepIndex + 1)")
            }
        }
        #expect(details.objectValue?.keys == deferredIDs)
        let passed = try #require(details["s1-1"])
        #expect(passed["x"]?["q"]?[0] == "POST http://127.0.0.1:8080/api/v1/authenticate?userId=user-r0123456789-0")
        #expect(passed["c"]?.stringValue?.hasPrefix("curl -X POST ") == true)
        #expect(passed["f"]?[0] == ["written at", "suites/demo/authenticate-mfa.yaml:9:5"])
        #expect(details["s4-1"]?["x"] == nil && details["s4-1"]?["f"] != nil)
        // Below the threshold, everything is in the HTML.
        #expect(!HTMLReportWriter().html(for: result).contains("data-deferred="))
    }

    static func between(_ start: String, _ end: String, in text: String) -> String? {
        guard let open = text.range(of: start), let close = text[open.upperBound...].range(of: end) else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }
}
