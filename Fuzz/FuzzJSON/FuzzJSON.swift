import Glibc
import JSON

/// libFuzzer's entry point for the JSON parser (`make fuzz`).
///
/// Every input either parses or throws a ``JSONError`` whose message renders; a parsed value must survive a round
/// trip through the writer unchanged, compact and pretty, or the fuzzer stops with the input that broke it.
///
/// - Parameters:
///   - data: The input bytes.
///   - count: How many there are.
/// - Returns: 0, as libFuzzer expects.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let value: JSONValue
    do {
        value = try JSONParser.parse(bytes, path: "fuzz.json")
    } catch {
        precondition(!error.description.isEmpty, "an error without a message")
        return 0
    }
    for pretty in [false, true] {
        let text = value.serialized(pretty: pretty)
        guard let again = try? JSONParser.parse(text, path: "again.json") else {
            preconditionFailure("the writer's output does not parse: \(text)")
        }
        precondition(again == value, "the round trip changed the value: \(text)")
    }
    return 0
}

/// Runs libFuzzer's driver on ``fuzzJSON(_:_:)`` with the command line's options, then exits with its status.
func runFuzzer() {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argc, &argv, fuzzJSON))
}

/// libFuzzer's `LLVMFuzzerRunDriver`: parses the options in `argv` and calls `callback` for each input.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
