public import Runner

extension Baseline {
    /// How each entry meets a run: one mark per step it matches.
    ///
    /// An entry matches a step when `suite` is the suite's id or the instance's name and `step` is the step's name
    /// with or without its matrix values. A step that failed with the entry's check gives `known` (or `expired`
    /// after the entry's `expires` day); a step that ran and did not fail that way gives `fixed`. A skipped step,
    /// or one this run did not plan (another shard's, a filtered tag), gives nothing: that is not a fix.
    ///
    /// - Parameters:
    ///   - result: The run.
    ///   - today: The day, `YYYY-MM-DD` (UTC), against which `expires` is checked.
    /// - Returns: The marks, in entry order then run order.
    public func marks(for result: RunResult, today: String) -> [BaselineMark] {
        var marks: [BaselineMark] = []
        for entry in entries {
            for suite in result.suites where suite.id == entry.suite || suite.name == entry.suite {
                for step in suite.steps where step.name == entry.step || step.stepName == entry.step {
                    let status: BaselineMark.Status
                    switch step.outcome {
                    case .skipped:
                        continue
                    case .passed:
                        status = .fixed
                    case .failed, .error:
                        if step.failureChecks.contains(entry.check) {
                            status = entry.isExpired(on: today) ? .expired : .known
                        } else {
                            status = .fixed
                        }
                    }
                    marks.append(
                        BaselineMark(
                            status: status,
                            key: StepKey(suiteID: suite.id, suite: suite.name, step: step.name),
                            check: entry.check,
                            reason: entry.reason,
                            owner: entry.owner,
                            expires: entry.expires,
                            issue: entry.issue,
                            location: entry.location
                        )
                    )
                }
            }
        }
        return marks
    }

    /// The YAML text of entries for every failure of `result` that no live entry covers (new ones), to append to
    /// the file; existing entries are never rewritten.
    ///
    /// - Parameters:
    ///   - result: The run, with its gate marks from this baseline.
    ///   - reason: Why the failures are accepted (`--reason`).
    ///   - owner: Who owns them.
    ///   - expires: The last live day, `YYYY-MM-DD`.
    /// - Returns: The entries' text (empty when there is nothing new) and how many there are.
    public func newEntriesText(
        for result: RunResult,
        reason: String,
        owner: String,
        expires: String
    ) -> (text: String, count: Int) {
        let index = GateMarkIndex(result.gate)
        var text = ""
        var count = 0
        for suite in result.suites {
            for step in suite.steps {
                guard case .new = index.status(of: step, in: suite) else { continue }
                for check in step.failureChecks {
                    let covered = entries.contains {
                        ($0.suite == suite.id || $0.suite == suite.name)
                            && ($0.step == step.name || $0.step == step.stepName) && $0.check == check
                    }
                    if covered { continue }
                    // A matrix instance is named by its instance name, so other combinations stay uncovered.
                    text += "- suite: \(Self.quoted(suite.name != suite.suiteName ? suite.name : suite.id))\n"
                    text += "  step: \(Self.quoted(step.name))\n"
                    text += "  check: \(Self.quoted(check))\n"
                    text += "  reason: \(Self.quoted(reason))\n"
                    text += "  owner: \(Self.quoted(owner))\n"
                    text += "  expires: \(expires)\n"
                    count += 1
                }
            }
        }
        return (text, count)
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
