import Foundation
import JSON

/// The Python reference validators, run in a venv under `.build/bench-venv`.
struct PythonReference {
    let python: URL?
    let notes: [String]

    static let venv = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/bench-venv")

    /// Finds the venv, creating it and installing `jsonschema` and `jsonschema-rs` from PyPI when missing.
    static func prepare() -> PythonReference {
        let python = venv.appendingPathComponent("bin/python")
        let check = ["-c", "import jsonschema, jsonschema_rs"]
        if FileManager.default.isExecutableFile(atPath: python.path), run(python, check).status == 0 {
            return PythonReference(python: python, notes: [])
        }
        var notes: [String] = []
        if !FileManager.default.isExecutableFile(atPath: python.path) {
            let created = run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "venv", venv.path])
            guard created.status == 0 else {
                return PythonReference(
                    python: nil,
                    notes: ["schema.validate  python3 -m venv failed: \(created.output)"]
                )
            }
        }
        let installed = run(python, ["-m", "pip", "install", "--quiet", "jsonschema", "jsonschema-rs"])
        guard installed.status == 0, run(python, check).status == 0 else {
            return PythonReference(python: nil, notes: ["schema.validate  pip install failed: \(installed.output)"])
        }
        let versions = run(
            python,
            ["-c", "import importlib.metadata as m; print(m.version('jsonschema'), m.version('jsonschema-rs'))"]
        ).output.trimmingCharacters(in: .whitespacesAndNewlines)
        notes.append("note: installed jsonschema and jsonschema-rs (\(versions)) from PyPI into \(venv.path)")
        return PythonReference(python: python, notes: notes)
    }

    /// Validations per second of `instance` against `schema` (draft 4) in python-jsonschema and jsonschema-rs.
    func validationsPerSecond(schema: JSONValue, instance: JSONValue) -> (python: Double, rust: Double)? {
        guard let python, let folder = try? Self.scratchFolder() else { return nil }
        let schemaURL = folder.appendingPathComponent("schema.json")
        let instanceURL = folder.appendingPathComponent("instance.json")
        let scriptURL = folder.appendingPathComponent("validate.py")
        do {
            try Data(schema.serialized().utf8).write(to: schemaURL)
            try Data(instance.serialized().utf8).write(to: instanceURL)
            try Data(Self.validateScript.utf8).write(to: scriptURL)
        } catch {
            return nil
        }
        let result = Self.run(python, [scriptURL.path, schemaURL.path, instanceURL.path])
        guard result.status == 0, let value = try? JSONParser.parse(result.output),
            let rates = value["python"]?.numberValue?.doubleValue, let rust = value["rust"]?.numberValue?.doubleValue
        else {
            return nil
        }
        return (rates, rust)
    }

    /// Seconds for Python to read `spec` with `json.load` and compile every schema with jsonschema-rs.
    func loadAndCompileSeconds(_ spec: URL) -> Double? {
        guard let python, let folder = try? Self.scratchFolder() else { return nil }
        let scriptURL = folder.appendingPathComponent("load.py")
        guard (try? Data(Self.loadScript.utf8).write(to: scriptURL)) != nil else { return nil }
        let result = Self.run(python, [scriptURL.path, spec.path])
        return Double(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meshcheck-bench")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private static func run(_ executable: URL, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "meshcheck-bench-\(UUID().uuidString)"
        )
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: output)
        else { return (-1, "cannot create \(output.path)") }
        defer { try? FileManager.default.removeItem(at: output) }
        process.standardOutput = handle
        process.standardError = handle
        do {
            try process.run()
        } catch {
            return (-1, "\(error)")
        }
        process.waitUntilExit()
        try? handle.close()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text)
    }

    /// Median validations per second over 7 runs after a warm-up, each run about 0.2 s.
    static let validateScript = """
        import json, sys, time
        import jsonschema, jsonschema_rs
        schema = json.load(open(sys.argv[1]))
        instance = json.load(open(sys.argv[2]))
        python = jsonschema.Draft4Validator(schema)
        rust = jsonschema_rs.Draft4Validator(schema)
        assert python.is_valid(instance), list(python.iter_errors(instance))[:1]
        assert rust.is_valid(instance)
        def rate(check):
            n = 1
            while True:
                start = time.perf_counter()
                for _ in range(n): check(instance)
                if time.perf_counter() - start > 0.2: break
                n *= 2
            samples = []
            for _ in range(7):
                start = time.perf_counter()
                for _ in range(n): check(instance)
                samples.append(n / (time.perf_counter() - start))
            samples.sort()
            return samples[3]
        print(json.dumps({"python": rate(python.is_valid), "rust": rate(rust.is_valid)}))
        """

    /// Median of 5 runs of `json.load` plus a jsonschema-rs validator over every `components/schemas` entry.
    static let loadScript = """
        import json, sys, time
        import jsonschema_rs
        def translate(value):
            if isinstance(value, dict):
                out = {}
                for key, member in value.items():
                    if key in ("nullable", "discriminator", "readOnly", "writeOnly", "example", "xml",
                               "externalDocs", "deprecated"):
                        continue
                    if key == "$ref" and isinstance(member, str):
                        out[key] = member.replace("#/components/schemas/", "#/definitions/")
                    elif key in ("properties", "patternProperties") and isinstance(member, dict):
                        out[key] = {name: translate(schema) for name, schema in member.items()}
                    elif key in ("enum", "default"):
                        out[key] = member
                    else:
                        out[key] = translate(member)
                if value.get("nullable") is True:
                    if isinstance(out.get("type"), str):
                        out["type"] = [out["type"], "null"]
                    else:
                        out = {"anyOf": [{"type": "null"}, out]}
                return out
            if isinstance(value, list):
                return [translate(element) for element in value]
            return value
        def once():
            with open(sys.argv[1]) as handle:
                spec = json.load(handle)
            schemas = spec["components"]["schemas"]
            definitions = {name: translate(schema) for name, schema in schemas.items()}
            refs = [{"$ref": "#/definitions/" + name.replace("~", "~0").replace("/", "~1")} for name in schemas]
            jsonschema_rs.Draft4Validator({"anyOf": refs, "definitions": definitions})
        once()
        samples = []
        for _ in range(5):
            start = time.perf_counter()
            once()
            samples.append(time.perf_counter() - start)
        samples.sort()
        print(samples[2])
        """
}
