import Diagnostics
import Foundation
import TestSupport
import Testing
import YAML

/// Thousands of damaged documents (truncated, bytes flipped, indicators inserted): loading must return or throw a
/// located error, never crash or hang. The mutations are deterministic, so a failure reproduces.
struct YAMLFuzzTests {
    /// SplitMix64, a small deterministic generator.
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    }

    static let interesting: [UInt8] = Array(" \t\n\r-?:,[]{}#&*!|>'\"%@`~.0\\é".utf8)

    static func mutate(_ input: [UInt8], with generator: inout Generator) -> [UInt8] {
        var bytes = input
        for _ in 0...generator.below(3) {
            let position = generator.below(bytes.count + 1)
            switch generator.below(5) {
            case 0:
                bytes = Array(bytes[..<position])
            case 1 where position < bytes.count:
                bytes[position] = UInt8(truncatingIfNeeded: generator.next())
            case 2:
                bytes.insert(interesting[generator.below(interesting.count)], at: position)
            case 3 where position < bytes.count:
                bytes.remove(at: position)
            default:
                let length = min(generator.below(16), bytes.count - position)
                bytes.insert(contentsOf: bytes[position..<(position + length)], at: position)
            }
        }
        return bytes
    }

    static func seeds() throws -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        let cases = SharedFixtures.corpus("yaml-test-suite/cases").subfolders
        for folder in cases {
            seeds.append(try folder.child("in.yaml").bytes())
        }
        let petstore = SharedFixtures.corpus("openapi").url.appendingPathComponent("oai-examples-3.0/petstore.yaml")
        if let data = try? Data(contentsOf: petstore) { seeds.append([UInt8](data)) }
        let mesh = try Data(contentsOf: SharedFixtures.repository("suites/spec/mesh-integration-api.yaml"))
        seeds.append(Array([UInt8](mesh).prefix(6_000)))
        return seeds
    }

    @Test(.timeLimit(.minutes(2)))
    func damagedDocumentsNeverCrashOrHang() throws {
        let seeds = try Self.seeds()
        var generator = Generator(state: 20_240_611)
        var loaded = 0
        var rejected = 0
        for round in 0..<4_000 {
            let seed = seeds[round % seeds.count]
            let input = Self.mutate(seed, with: &generator)
            do {
                _ = try YAMLLoader.load(input, path: "fuzz.yaml", limits: YAMLLimits(maximumDepth: 64))
                loaded += 1
            } catch {
                rejected += 1
                var lines = 1
                for (index, byte) in input.enumerated() where byte == 0x0A || byte == 0x0D {
                    if byte == 0x0A || index + 1 == input.count || input[index + 1] != 0x0A { lines += 1 }
                }
                #expect(error.location.line >= 1 && error.location.line <= lines + 1, "round \(round)")
                #expect(error.location.column >= 1, "round \(round)")
            }
        }
        print(
            "yaml fuzz: \(loaded + rejected) damaged documents, \(loaded) loaded, \(rejected) rejected with a located error"
        )
        #expect(loaded > 0 && rejected > 0)
    }
}
