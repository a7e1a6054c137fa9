import Foundation

// `make bench`: one line per figure, each a ratio against a reference measured in the same run.
let arguments = Array(CommandLine.arguments.dropFirst())
let shared = SharedData.root(arguments: arguments)
print("meshcheck bench — reference measured in the same run; ratio = reference time / meshcheck time")
for line in JSONBenchmark.run(shared: shared) {
    print(line)
}
for line in YAMLBenchmark.run(shared: shared) {
    print(line)
}
for line in await HTTPBenchmark.run() {
    print(line)
}
for line in await MockBenchmark.run() {
    print(line)
}
for line in ValidatorBenchmark.run(shared: shared) {
    print(line)
}
for line in CompatBenchmark.run(shared: shared) {
    print(line)
}
