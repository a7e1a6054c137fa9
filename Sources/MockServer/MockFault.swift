/// A fault the mock injects on purpose, to test how clients (and meshcheck itself) cope.
///
/// Written as on the command line, `KIND=VALUE` then optional `,rate=R` and `,op=OPERATION`:
///
/// | text | effect |
/// |---|---|
/// | `latency=200ms` (or `1.5s`) | waits that long before answering |
/// | `status=503,rate=0.1` | answers 10% of requests with 503 (a declared body when the spec has one, else none) |
/// | `drop=0.05` | sends the head and half the body of 5% of responses, then closes the connection |
/// | `malformed=0.05` | cuts 5% of bodies in half, so they are not valid JSON |
///
/// `op=POST /api/v1/holdings/get` (or an operationId) limits a fault to one operation. The rate defaults to 1;
/// which requests are hit depends only on `--seed` and the order of requests to the fault's operations.
public struct MockFault: Sendable, Equatable {
    /// What the fault does.
    public enum Kind: Sendable, Equatable {
        /// Waits before answering.
        case latency(Duration)
        /// Answers with this status instead.
        case status(Int)
        /// Closes the connection in the middle of the response.
        case drop
        /// Sends a body that is not valid JSON.
        case malformed
    }

    /// What it does.
    public var kind: Kind
    /// The share of requests hit, from 0 to 1.
    public var rate: Double
    /// The operation it is limited to (`METHOD /path/template` or an operationId); `nil` for every operation.
    public var operation: String?

    /// Creates a fault.
    ///
    /// - Parameters:
    ///   - kind: What it does.
    ///   - rate: The share of requests hit.
    ///   - operation: The operation it is limited to.
    public init(kind: Kind, rate: Double = 1, operation: String? = nil) {
        self.kind = kind
        self.rate = rate
        self.operation = operation
    }

    /// Parses a fault as `--fault` takes it.
    ///
    /// - Parameter text: Such as `status=503,rate=0.1,op=POST /api/v1/holdings/get`.
    /// - Throws: ``MockError`` saying what is wrong and what is expected.
    public init(parsing text: String) throws(MockError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        func fail(_ reason: String) -> MockError {
            MockError(.invalidFault(text, reason: reason))
        }
        var kind: Kind?
        var rate: Double?
        var operation: String?
        for (position, part) in parts.enumerated() {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard pair.count == 2, !pair[1].isEmpty else {
                throw fail("'\(part)' is not KEY=VALUE")
            }
            let (key, value) = (pair[0], pair[1])
            if position == 0 {
                kind = try Self.kind(key, value, rate: &rate, fail: fail)
                continue
            }
            switch key {
            case "rate":
                guard rate == nil else { throw fail("the rate is given twice") }
                rate = try Self.rate(value, fail: fail)
            case "op":
                guard operation == nil else { throw fail("'op' is given twice") }
                operation = value
            default:
                throw fail("unknown key '\(key)'; expected rate or op")
            }
        }
        guard let kind else { throw fail("it is empty") }
        self.init(kind: kind, rate: rate ?? 1, operation: operation)
    }

    private static func kind(
        _ key: String,
        _ value: String,
        rate: inout Double?,
        fail: (String) -> MockError
    ) throws(MockError) -> Kind {
        switch key {
        case "latency":
            return .latency(try duration(value, fail: fail))
        case "status":
            guard let code = Int(value), (100...599).contains(code) else {
                throw fail("status '\(value)' is not a code from 100 to 599")
            }
            return .status(code)
        case "drop":
            rate = try Self.rate(value, fail: fail)
            return .drop
        case "malformed":
            rate = try Self.rate(value, fail: fail)
            return .malformed
        default:
            throw fail("unknown fault '\(key)'; expected latency, status, drop or malformed")
        }
    }

    private static func rate(_ text: String, fail: (String) -> MockError) throws(MockError) -> Double {
        guard let rate = Double(text), rate >= 0, rate <= 1 else {
            throw fail("rate '\(text)' is not a number from 0 to 1")
        }
        return rate
    }

    private static func duration(_ text: String, fail: (String) -> MockError) throws(MockError) -> Duration {
        let (number, scale): (Substring, Double) =
            text.hasSuffix("ms") ? (text.dropLast(2), 1) : text.hasSuffix("s") ? (text.dropLast(), 1000) : ("", 0)
        guard let value = Double(number), value >= 0, value * scale <= 600_000 else {
            throw fail("latency '\(text)' is not a duration such as 200ms or 1.5s (at most 600s)")
        }
        return .milliseconds(Int((value * scale).rounded()))
    }
}

// MARK: - CustomStringConvertible

extension MockFault: CustomStringConvertible {
    /// The fault as `--fault` writes it.
    public var description: String {
        var text: String
        switch kind {
        case .latency(let duration):
            let milliseconds =
                duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
            text = "latency=\(milliseconds)ms"
        case .status(let code): text = "status=\(code)"
        case .drop: text = "drop=\(rate)"
        case .malformed: text = "malformed=\(rate)"
        }
        if rate != 1, kind != .drop, kind != .malformed { text += ",rate=\(rate)" }
        if let operation { text += ",op=\(operation)" }
        return text
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    func trimmingSpaces() -> String {
        var slice = self
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
