public import Compat

extension CompatReport {
    /// The report as JUnit XML: one test case per rule, failing when the rule found changes at or above `failOn`.
    ///
    /// Rules below the threshold that found changes pass and list them in `<system-out>`. The file validates
    /// against Jenkins xUnit's `junit-10.xsd`; no time is recorded, so it is the same on every run.
    ///
    /// - Parameter failOn: The `--fail-on` level.
    /// - Returns: The XML document.
    public func junitXML(failOn: CompatLevel) -> String {
        let escape = MarkupEscaping.xml
        let attribute = MarkupEscaping.xmlAttribute
        let byRule = Dictionary(grouping: changes, by: \.rule.id)
        let failures = CompatRule.all.filter { $0.level >= failOn && byRule[$0.id] != nil }.count
        let tests = CompatRule.all.count
        let suiteName = attribute("compat \(old.path) → \(new.path)")
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"meshcheck compat\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
        xml += "  <testsuite name=\"\(suiteName)\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" "
        xml += "skipped=\"0\">\n"
        xml += "    <properties>\n"
        for (name, value) in [("old", old.path), ("new", new.path), ("fail-on", failOn.description)] {
            xml += "      <property name=\"\(name)\" value=\"\(attribute(value))\"/>\n"
        }
        xml += "    </properties>\n"
        for rule in CompatRule.all {
            let found = byRule[rule.id] ?? []
            let opening = "    <testcase name=\"\(rule.id)\" classname=\"compat.\(rule.level)\""
            guard !found.isEmpty else {
                xml += opening + "/>\n"
                continue
            }
            let details = found.map(Self.junitDetail).joined(separator: "\n")
            xml += opening + ">\n"
            let count = "\(found.count) change\(found.count == 1 ? "" : "s")"
            if rule.level >= failOn {
                let message = attribute("\(count) (\(rule.level)): \(found[0].message)")
                xml += "      <failure type=\"\(rule.id)\" message=\"\(message)\">\(escape(details))</failure>\n"
            } else {
                xml += "      <system-out>\(escape("\(count) below --fail-on \(failOn):\n" + details))</system-out>\n"
            }
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    private static func junitDetail(_ change: CompatChange) -> String {
        "\(change.operations.joined(separator: ", ")): \(change.message)\n"
            + "  old: \(change.old?.description ?? "-")\n  new: \(change.new?.description ?? "-")"
    }
}
