import Foundation
import JSON
import YAML

/// `yaml.load`: load a YAML file to JSON values, ours against PyYAML's C loader (`yaml.CSafeLoader`).
///
/// PyYAML runs in a `python3` child spawned in the same run; it times itself (a warm-up, then the median of the
/// same number of runs) on bytes already in memory, as ours does, and prints the median back.
enum YAMLBenchmark {
    static let runs = 7

    static func run(shared: URL) -> [String] {
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // meshcheck-bench
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()
        let inputs = [
            ("spec3.yaml (Stripe, 4.2 MB)", shared.appendingPathComponent("corpora/openapi/stripe/spec3.yaml")),
            ("mesh-integration-api.yaml", repository.appendingPathComponent("suites/spec/mesh-integration-api.yaml")),
        ]
        var lines: [String] = []
        let python: String
        switch PyYAMLReference.python(repository: repository) {
        case .success(let found):
            python = found.path
            if let note = found.note { lines.append("yaml.load  \(note)") }
        case .failure(let reason):
            return ["yaml.load  skipped: \(reason)"]
        }
        for (name, url) in inputs {
            guard let data = try? Data(contentsOf: url) else {
                lines.append("yaml.load  skipped: \(url.path) is absent")
                continue
            }
            let bytes = [UInt8](data)
            var checksum = 0
            let ours = BenchmarkClock.median(runs: runs) {
                if let documents = try? YAMLLoader.load(bytes, path: url.path) {
                    checksum &+= documents.count
                }
            }
            precondition(checksum > 0, "\(url.path) did not load")
            switch PyYAMLReference.time(python: python, file: url, runs: runs) {
            case .success(let reference):
                let figure = BenchmarkFigure(
                    name: "yaml.load",
                    input: name,
                    ours: ours,
                    referenceName: "PyYAML-CSafeLoader",
                    reference: reference,
                    runs: runs
                )
                lines.append(figure.line)
            case .failure(let reason):
                lines.append("yaml.load  \(name)  skipped: \(reason)")
            }
        }
        return lines
    }
}

/// Finds a Python with PyYAML's C loader (installing it into `.build/bench-venv` when needed) and times it.
enum PyYAMLReference {
    struct Found {
        var path: String
        var note: String?
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let script = """
        import sys, time, yaml
        data = open(sys.argv[1], 'rb').read()
        runs = int(sys.argv[2])
        yaml.load(data, Loader=yaml.CSafeLoader)
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            yaml.load(data, Loader=yaml.CSafeLoader)
            samples.append(time.perf_counter() - start)
        samples.sort()
        print(samples[len(samples) // 2])
        """

    static func python(repository: URL) -> Result<Found, Failure> {
        let check = ["-c", "import yaml; yaml.CSafeLoader"]
        if run("/usr/bin/env", ["python3"] + check) != nil {
            return .success(Found(path: "/usr/bin/env python3", note: nil))
        }
        let venv = repository.appendingPathComponent(".build/bench-venv")
        let venvPython = venv.appendingPathComponent("bin/python3").path
        if run(venvPython, check) != nil {
            return .success(Found(path: venvPython, note: "PyYAML from \(venv.path)"))
        }
        guard run("/usr/bin/env", ["python3", "-m", "venv", venv.path]) != nil,
            run(venvPython, ["-m", "pip", "install", "--quiet", "PyYAML"]) != nil
        else {
            return .failure(Failure(description: "python3 with PyYAML is not available and could not be installed"))
        }
        guard run(venvPython, check) != nil else {
            return .failure(Failure(description: "PyYAML installed in \(venv.path) has no C loader (libyaml)"))
        }
        return .success(Found(path: venvPython, note: "installed PyYAML into \(venv.path) (python3 had none)"))
    }

    static func time(python: String, file: URL, runs: Int) -> Result<Double, Failure> {
        let command = python.split(separator: " ").map(String.init)
        guard let output = run(command[0], Array(command.dropFirst()) + ["-c", script, file.path, String(runs)]),
            let seconds = Double(output.trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            return .failure(Failure(description: "PyYAML could not load \(file.lastPathComponent)"))
        }
        return .success(seconds)
    }

    /// Runs a program and returns its standard output, or `nil` when it fails.
    private static func run(_ executable: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
