import Runner

extension JUnitXMLWriter {
    /// The most characters of a `message` attribute; the element's text has everything.
    static let messageLimit = 1000

    func testCase(_ testCase: SuiteFile.Case, className: String) -> String {
        let attribute = MarkupEscaping.xmlAttribute
        let step = testCase.step
        var xml = "    <testcase name=\"\(attribute(testCase.name))\" classname=\"\(attribute(className))\" "
        xml += "time=\"\(ReportText.seconds(step.duration))\""
        switch step.outcome {
        case .passed:
            return xml + "/>\n"
        case .skipped:
            let reason = step.skipReason ?? testCase.suite.skipReason ?? "skipped"
            xml += ">\n      <skipped message=\"\(attribute(Self.shortened(reason)))\"/>\n"
        case .failed:
            let first = step.findings.first
            var message = first?.message ?? "the step failed"
            if step.findings.count > 1 { message += " (+\(step.findings.count - 1) more)" }
            xml += ">\n      <failure message=\"\(attribute(Self.shortened(message)))\" "
            xml += "type=\"\(attribute(first?.check ?? "failure"))\">"
            xml += MarkupEscaping.xml(details(of: testCase)) + "</failure>\n"
        case .error:
            let error = step.error ?? StepError(kind: "error", message: "the step could not complete")
            xml += ">\n      <error message=\"\(attribute(Self.shortened(error.message)))\" "
            xml += "type=\"\(attribute(error.kind))\">"
            xml += MarkupEscaping.xml(details(of: testCase)) + "</error>\n"
        }
        return xml + "    </testcase>\n"
    }

    /// The text of a failure or error: what went wrong, every violation, the exchange and a `curl` line.
    func details(of testCase: SuiteFile.Case) -> String {
        let step = testCase.step
        var text = "\(testCase.suite.name) › \(step.name)"
        if let operation = step.operation { text += "  (\(operation))" }
        text += "\n\(step.location)\n"
        if let error = step.error {
            text += "\nerror (\(error.kind)): \(error.message)\n"
        }
        if !step.findings.isEmpty {
            let count = step.findings.count
            text += "\n\(count) violation\(count == 1 ? "" : "s"):\n"
            for (index, finding) in step.findings.enumerated() {
                text += Self.describe(finding, number: index + 1)
            }
        }
        if let exchange = step.exchange {
            text += "\n" + describe(exchange)
            text += "\nReproduce:\n" + CurlCommand.line(for: exchange, redactor: redactor) + "\n"
        }
        return text
    }

    static func describe(_ finding: Finding, number: Int) -> String {
        var text = "\(number). \(finding.check)"
        if let pointer = finding.pointer { text += " at \(pointer.isEmpty ? "(the body)" : pointer)" }
        text += "\n   \(finding.message)\n   expected: \(finding.expected)\n   actual:   \(finding.actual)\n"
        if let location = finding.specLocation {
            text += "   spec:     \(location)" + (finding.schemaPath.map { "  \($0)" } ?? "") + "\n"
        } else if let schemaPath = finding.schemaPath {
            text += "   spec:     \(schemaPath)\n"
        }
        if let location = finding.suiteLocation { text += "   suite:    \(location)\n" }
        return text
    }

    func describe(_ exchange: ExchangeRecord) -> String {
        var text = "Request:\n\(exchange.method) \(exchange.url)\n"
        text += message(exchange.request)
        guard let response = exchange.response else {
            return text + "\nResponse: none\n"
        }
        text += "\nResponse: \(response.status) \(response.reason)"
        if let total = exchange.totalMilliseconds { text += "  (\(ReportText.human(milliseconds: total)))" }
        text += "\n" + message(response.message)
        return text
    }

    private func message(_ message: ExchangeRecord.Message) -> String {
        var text = ""
        for (name, value) in message.headers {
            text += "\(name): \(value)\n"
        }
        if message.headersTruncated { text += "…[more header fields not kept]\n" }
        if !message.body.isEmpty {
            text += "\n" + ReportText.excerpt(message.body, limit: bodyExcerptLimit, totalBytes: message.bodyBytes)
            text += "\n"
        }
        if !message.bodyIsValidUTF8 { text += "[the body is not valid UTF-8: invalid bytes are shown as \u{FFFD}]\n" }
        return text
    }

    static func shortened(_ text: String) -> String {
        guard text.count > messageLimit else { return text }
        return String(text.prefix(messageLimit)) + "…"
    }
}
