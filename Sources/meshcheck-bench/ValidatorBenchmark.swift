import Foundation
import JSON
import OpenAPI

/// `schema.validate`: validations per second of realistic Mesh responses against meshcheck's compiled validator,
/// python-jsonschema and jsonschema-rs on the same schema (exported as draft 4) and instance, in the same run;
/// and `openapi.load`: load + compile of GitHub's spec.
///
/// The Python packages live in a venv under `.build/bench-venv`, created and filled from PyPI on first use.
enum ValidatorBenchmark {
    static let runs = 7

    static func run(shared: URL) -> [String] {
        let specURL = shared.appendingPathComponent("spec/history/2026-06-03-9dc7df8.json")
        guard let source = try? SpecSource.load(path: specURL.path), let document = try? OpenAPILoader.load(source)
        else {
            return ["schema.validate  skipped: \(specURL.path) is absent"]
        }
        var lines: [String] = []
        let python = PythonReference.prepare()
        lines += python.notes
        let cases: [(label: String, schema: String, arrayLength: (Int) -> Int)] = [
            (
                "authenticationSchemes 200 (20 schemes)", "BrokerAuthenticationSchemeIReadOnlyCollectionApiResult",
                { $0 == 0 ? 20 : 2 }
            ),
            ("holdings 200 (3x10 positions)", "HoldingsModelApiResult", { $0 <= 1 ? 10 : 2 }),
        ]
        for testCase in cases {
            guard let validator = document.schema(named: testCase.schema) else {
                lines.append("schema.validate  skipped: no schema \(testCase.schema)")
                continue
            }
            let instance = SchemaSamples.instance(
                of: testCase.schema,
                in: source.value,
                arrayLength: testCase.arrayLength
            )
            let violations = validator.validate(instance, in: .response)
            guard violations.isEmpty else {
                lines.append("schema.validate  \(testCase.label): sample instance invalid: \(violations[0])")
                continue
            }
            let bytes = instance.serialized().utf8.count
            let iterations = 2_000
            var valid = 0
            let seconds = BenchmarkClock.median(runs: runs) {
                for _ in 0..<iterations where validator.isValid(instance, in: .response) {
                    valid += 1
                }
            }
            precondition(valid > 0)
            let ours = Double(iterations) / seconds
            let exported = SchemaSamples.draft4Document(rootSchema: testCase.schema, spec: source.value)
            let label = "\(testCase.label), \(bytes / 1024) KB"
            guard let reference = python.validationsPerSecond(schema: exported, instance: instance) else {
                lines.append("schema.validate  \(label)  meshcheck \(format(ours))/s  references unavailable")
                continue
            }
            for (name, rate) in [("python-jsonschema", reference.python), ("jsonschema-rs", reference.rust)] {
                lines.append(
                    "schema.validate  \(label)  meshcheck \(format(ours))/s  \(name) \(format(rate))/s  "
                        + "ratio \(String(format: "%.2f", ours / rate))x  (median of \(runs))"
                )
            }
        }
        lines.append(loadLine(shared: shared, python: python))
        return lines
    }

    private static func format(_ rate: Double) -> String {
        rate >= 100 ? String(Int(rate.rounded())) : String(format: "%.1f", rate)
    }

    /// Load and compile GitHub's spec: ours against Python's json module plus jsonschema-rs compiling every schema.
    private static func loadLine(shared: URL, python: PythonReference) -> String {
        let github = shared.appendingPathComponent("corpora/openapi/github/api.github.com.json")
        guard FileManager.default.fileExists(atPath: github.path) else {
            return "openapi.load  skipped: \(github.path) is absent"
        }
        var schemas = 0
        let ours = BenchmarkClock.median(runs: 5) {
            if let source = try? SpecSource.load(path: github.path), let document = try? OpenAPILoader.load(source) {
                schemas = document.schemaPointers.count
            }
        }
        guard let reference = python.loadAndCompileSeconds(github) else {
            return
                "openapi.load+compile  api.github.com.json  meshcheck \(String(format: "%.3f", ours))s  reference unavailable"
        }
        let figure = BenchmarkFigure(
            name: "openapi.load+compile",
            input: "api.github.com.json (\(schemas) schemas)",
            ours: ours,
            referenceName: "python json+jsonschema-rs compile",
            reference: reference,
            runs: 5
        )
        return figure.line
    }
}
