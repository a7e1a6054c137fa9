import Glibc

@testable import HTTP

/// The limits the fuzzer parses under: small, so that the size checks are reached often.
private let limits = HTTPRequestParserLimits(
    maxHeadBytes: 4096,
    maxHeaderCount: 32,
    maxTargetBytes: 1024,
    maxBodyBytes: 65_536
)

/// libFuzzer's entry point for the HTTP request parser (`make fuzz`).
///
/// The input is parsed as one buffer and again in two reads (split where the first byte says), as a connection
/// receives it: both must give the same outcome. A complete head's fields are read back, and a chunked body is
/// decoded from the rest of the input with a bounded decoder.
///
/// - Parameters:
///   - data: The input bytes.
///   - count: How many there are.
/// - Returns: 0, as libFuzzer expects.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzHTTPRequest(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    bytes.withUnsafeBufferPointer { buffer in
        let whole = HTTPRequestHeadParser.parse(buffer, resumeAt: 0, limits: limits)
        let split = buffer.isEmpty ? 0 : Int(buffer[0]) % (buffer.count + 1)
        var resume = 0
        if case .incomplete(let resumeAt) = HTTPRequestHeadParser.parse(
            UnsafeBufferPointer(rebasing: buffer[..<split]),
            resumeAt: 0,
            limits: limits
        ) {
            resume = resumeAt
        }
        let incremental = HTTPRequestHeadParser.parse(buffer, resumeAt: resume, limits: limits)
        precondition(summary(of: whole) == summary(of: incremental), "two reads parse differently from one")
        guard case .head(let head, let length) = whole else { return }
        precondition(length > 0 && length <= buffer.count, "a head length outside the input")
        let request = head.request
        _ = (request.path, request.query, request.method.utf8.count)
        for field in request.headers {
            precondition(!field.name.isEmpty, "an empty field name")
        }
        guard head.framing == .chunked else { return }
        var decoder = ChunkedDecoder(limit: 65_536, maxControlBytes: 1024)
        var body: [UInt8] = []
        if let (consumed, _) = try? decoder.decode(UnsafeBufferPointer(rebasing: buffer[length...]), into: &body) {
            precondition(consumed <= buffer.count - length, "the decoder consumed more than it was given")
            precondition(body.count <= 65_536, "the decoder went past its limit")
        }
    }
    return 0
}

/// An outcome reduced to what must not depend on how the bytes arrived.
private func summary(of outcome: HTTPRequestHeadParser.Outcome) -> String {
    switch outcome {
    case .incomplete: "incomplete"
    case .head(let head, let length):
        "head \(length) \(head.request.method) \(head.request.target) \(head.framing) \(head.request.headers.count)"
    case .rejected(let rejection): "rejected \(rejection.status) \(rejection.reason)"
    }
}

/// Runs libFuzzer's driver on ``fuzzHTTPRequest(_:_:)`` with the command line's options, then exits with its status.
func runFuzzer() {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argc, &argv, fuzzHTTPRequest))
}

/// libFuzzer's `LLVMFuzzerRunDriver`: parses the options in `argv` and calls `callback` for each input.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
