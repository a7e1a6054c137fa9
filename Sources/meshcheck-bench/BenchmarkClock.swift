import Foundation

/// Times a piece of work the way `make bench` reports it: a warm-up, then the median of several runs.
enum BenchmarkClock {
    /// The median wall-clock seconds of `runs` calls of `work`, after one warm-up call.
    static func median(runs: Int = 7, _ work: () throws -> Void) rethrows -> Double {
        try work()
        var samples: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<runs {
            let elapsed = try clock.measure { try work() }
            samples.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        samples.sort()
        return samples[samples.count / 2]
    }
}

/// One printed line of `make bench`: ours against a reference measured in the same run.
struct BenchmarkFigure {
    var name: String
    var input: String
    var ours: Double
    var referenceName: String
    var reference: Double
    var unit: String = "s"
    var runs: Int = 7

    /// Reference time over ours: above 1 means meshcheck is faster.
    var ratio: Double { reference / ours }

    var line: String {
        let oursText = String(format: "%.4f", ours)
        let referenceText = String(format: "%.4f", reference)
        return "\(name)  \(input)  meshcheck \(oursText)\(unit)  \(referenceName) \(referenceText)\(unit)  "
            + "ratio \(String(format: "%.2f", ratio))x  (median of \(runs))"
    }
}

/// Where the shared corpora are: `--shared PATH`, or `../shared` next to the repository.
enum SharedData {
    static func root(arguments: [String]) -> URL {
        if let index = arguments.firstIndex(of: "--shared"), index + 1 < arguments.count {
            return URL(fileURLWithPath: arguments[index + 1])
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // meshcheck-bench
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // repository
            .deletingLastPathComponent()
            .appendingPathComponent("shared")
    }
}
