public import Fidelity
import Runner

extension FidelityReport {
    /// The comparison as JUnit XML: one test case per step, failing when the two servers' responses drift.
    ///
    /// Steps that sent nothing on either side are `<skipped/>`. The failure lists each drift with its pointer. No
    /// time is recorded, so the file is the same for the same responses.
    ///
    /// - Returns: The XML document.
    public func junitXML() -> String {
        let escape = MarkupEscaping.xml
        let attribute = MarkupEscaping.xmlAttribute
        let failures = driftingCount
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml +=
            "<testsuites name=\"meshcheck compare\" tests=\"\(steps.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        let grouped = Dictionary(grouping: steps, by: \.suiteName)
        var order: [String] = []
        for step in steps where !order.contains(step.suiteName) { order.append(step.suiteName) }
        for suiteName in order {
            let members = grouped[suiteName] ?? []
            let suiteFailures = members.filter { $0.isCompared && !$0.isIdentical }.count
            let suiteSkipped = members.filter { !$0.isCompared }.count
            xml += "  <testsuite name=\"\(attribute(suiteName))\" tests=\"\(members.count)\" "
            xml += "failures=\"\(suiteFailures)\" errors=\"0\" skipped=\"\(suiteSkipped)\">\n"
            if suiteName == order.first {
                xml += "    <properties>\n"
                for (name, value) in [
                    ("reference", reference.serverURL), ("candidate", candidate.serverURL), ("fidelity", scoreText),
                ] {
                    xml += "      <property name=\"\(name)\" value=\"\(attribute(value))\"/>\n"
                }
                xml += "    </properties>\n"
            }
            for step in members {
                let classname = attribute(step.suiteID)
                let opening = "    <testcase name=\"\(attribute(step.name))\" classname=\"\(classname)\""
                if !step.isCompared {
                    xml += opening + ">\n      <skipped message=\"no response on either server\"/>\n    </testcase>\n"
                } else if step.isIdentical {
                    xml += opening + "/>\n"
                } else {
                    let count = "\(step.drifts.count) drift\(step.drifts.count == 1 ? "" : "s")"
                    let message = attribute("\(count): \(step.drifts[0].summary)")
                    var details = "\(step.location)"
                    if let operation = step.operation { details += " \(operation)" }
                    details += "\n" + step.drifts.map { "  " + $0.summary }.joined(separator: "\n")
                    xml += opening + ">\n"
                    xml += "      <failure type=\"drift\" message=\"\(message)\">\(escape(details))</failure>\n"
                    xml += "    </testcase>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }
}
