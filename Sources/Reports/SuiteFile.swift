import Runner

/// The suite instances of one suite file, as JUnit groups them: one `<testsuite>` per file.
struct SuiteFile {
    /// One step of the file with the name it has in reports.
    struct Case {
        /// The name, unique within the file: the step's name with the suite's matrix values too, and the suite's
        /// name in front when the file holds several suites.
        var name: String
        /// The suite instance.
        var suite: SuiteResult
        /// The step.
        var step: CaseResult
    }

    /// The suite file's path.
    var path: String
    /// Its suite instances, in plan order.
    var instances: [SuiteResult]

    /// The suite names as written, joined: usually one.
    var name: String {
        var names: [String] = []
        for suite in instances where !names.contains(suite.suiteName) {
            names.append(suite.suiteName)
        }
        let joined = names.joined(separator: ", ")
        return joined.isEmpty ? path : joined
    }

    /// Step counts over every instance.
    var totals: RunTotals {
        var totals = RunTotals()
        totals.suites = instances.count
        for step in instances.flatMap(\.steps) {
            totals.steps += 1
            switch step.outcome {
            case .passed: totals.passed += 1
            case .failed: totals.failed += 1
            case .error: totals.errors += 1
            case .skipped: totals.skipped += 1
            }
        }
        return totals
    }

    /// The time of every instance added up.
    var duration: Duration {
        instances.reduce(.zero) { $0 + $1.duration }
    }

    /// Every step of the file with its unique name, in plan order.
    var cases: [Case] {
        let severalSuites = Set(instances.map(\.id)).count > 1
        var seen: [String: Int] = [:]
        var cases: [Case] = []
        for suite in instances {
            let suiteLabel = Self.label(of: suite.name, named: suite.suiteName)
            for step in suite.steps {
                let stepLabel = Self.label(of: step.name, named: step.stepName)
                let labels = [suiteLabel, stepLabel].compactMap { $0 }
                var name = labels.isEmpty ? step.stepName : "\(step.stepName) [\(labels.joined(separator: ", "))]"
                if severalSuites { name = "\(suite.suiteName) › \(name)" }
                if let count = seen[name] {
                    seen[name] = count + 1
                    name += " (\(count + 1))"
                } else {
                    seen[name] = 1
                }
                cases.append(Case(name: name, suite: suite, step: step))
            }
        }
        return cases
    }

    /// The matrix label of a name the runner built as `name [a=1, b=2]`, or `nil`.
    private static func label(of fullName: String, named name: String) -> String? {
        guard fullName.count > name.count + 3, fullName.hasPrefix(name + " ["), fullName.hasSuffix("]") else {
            return nil
        }
        return String(fullName.dropFirst(name.count + 2).dropLast())
    }

    /// The instances grouped by file, files in the order they first appear.
    static func group(_ suites: [SuiteResult]) -> [SuiteFile] {
        var files: [SuiteFile] = []
        var index: [String: Int] = [:]
        for suite in suites {
            if let position = index[suite.path] {
                files[position].instances.append(suite)
            } else {
                index[suite.path] = files.count
                files.append(SuiteFile(path: suite.path, instances: [suite]))
            }
        }
        return files
    }
}
