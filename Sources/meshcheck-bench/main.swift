import Foundation

// `make bench`: one line per figure, each a ratio against a reference measured in the same run.
// `--only NAME` (json, yaml, http, mock, validator, runner, compat, report, gating, fidelity) runs one benchmark.
let arguments = Array(CommandLine.arguments.dropFirst())
let shared = SharedData.root(arguments: arguments)
let only = arguments.firstIndex(of: "--only").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
func wanted(_ name: String) -> Bool { only == nil || only == name }
print("meshcheck bench — reference measured in the same run; ratio = reference time / meshcheck time")
if wanted("json") {
    for line in JSONBenchmark.run(shared: shared) {
        print(line)
    }
}
if wanted("yaml") {
    for line in YAMLBenchmark.run(shared: shared) {
        print(line)
    }
}
if wanted("http") {
    for line in await HTTPBenchmark.run() {
        print(line)
    }
}
if wanted("mock") {
    for line in await MockBenchmark.run() {
        print(line)
    }
}
if wanted("validator") {
    for line in ValidatorBenchmark.run(shared: shared) {
        print(line)
    }
}
if wanted("runner") {
    for line in await RunnerBenchmark.run() {
        print(line)
    }
}
if wanted("compat") {
    for line in CompatBenchmark.run(shared: shared) {
        print(line)
    }
}
if wanted("report") {
    for line in ReportsBenchmark.run() {
        print(line)
    }
}
if wanted("gating") {
    for line in GatingBenchmark.run() {
        print(line)
    }
}
if wanted("fidelity") {
    for line in await FidelityBenchmark.run() {
        print(line)
    }
}
