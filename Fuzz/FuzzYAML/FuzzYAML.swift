import Diagnostics
import Glibc
import JSON
import YAML

/// libFuzzer's entry point for the YAML loader (`make fuzz`).
///
/// Every input either loads or throws a ``YAMLError`` whose message renders; each loaded document's JSON value is
/// serialised, and every node's location must lie inside the input.
///
/// - Parameters:
///   - data: The input bytes.
///   - count: How many there are.
/// - Returns: 0, as libFuzzer expects.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let documents: [YAMLDocument]
    do {
        documents = try YAMLLoader.load(bytes, path: "fuzz.yaml", limits: YAMLLimits(maximumAliasExpansion: 10_000))
    } catch {
        precondition(!error.description.isEmpty, "an error without a message")
        return 0
    }
    // YAML breaks lines at LF, CR and CR LF.
    var lines = 1
    for (index, byte) in bytes.enumerated()
    where byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) || byte == 0x0D {
        lines += 1
    }
    for document in documents {
        _ = document.value.serialized()
        check(document.root, lines: lines)
    }
    return 0
}

/// Walks a node tree (depth-limited by the loader) and checks every location is inside the input.
private func check(_ node: YAMLNode, lines: Int) {
    precondition(node.location.line >= 1 && node.location.line <= lines, "a location outside the input")
    switch node.kind {
    case .sequence(let items):
        for item in items {
            check(item, lines: lines)
        }
    case .mapping(let pairs):
        for pair in pairs {
            check(pair.key, lines: lines)
            check(pair.value, lines: lines)
        }
    default:
        break
    }
}

/// Runs libFuzzer's driver on ``fuzzYAML(_:_:)`` with the command line's options, then exits with its status.
func runFuzzer() {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argc, &argv, fuzzYAML))
}

/// libFuzzer's `LLVMFuzzerRunDriver`: parses the options in `argv` and calls `callback` for each input.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
