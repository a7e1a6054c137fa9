/// A small deterministic random generator (SplitMix64): the same seed gives the same values on every platform.
///
/// Swift's `Hasher` and `SystemRandomNumberGenerator` differ between processes, so everything the mock derives
/// from `--seed` goes through this type and ``stableHash(_:)``.
package struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    /// Creates a generator.
    ///
    /// - Parameter seed: The seed; any value, 0 included.
    package init(seed: UInt64) {
        self.state = seed
    }

    /// Creates a generator for one purpose, so two purposes with one seed do not share a sequence.
    ///
    /// - Parameters:
    ///   - seed: The mock's seed.
    ///   - purpose: A name such as `POST /api/v1/holdings/get 200`.
    package init(seed: UInt64, purpose: String) {
        self.state = Self.mix(seed ^ Self.stableHash(purpose))
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A uniform value in `0..<1`.
    package mutating func nextUnit() -> Double {
        Double(next() >> 11) / Double(UInt64(1) << 53)
    }

    /// `count` lower-case hexadecimal digits.
    package mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        var bits = next()
        for index in 0..<count {
            if index % 16 == 0 && index > 0 { bits = next() }
            bytes.append(digits[Int(bits & 0xF)])
            bits >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A version 4 UUID, lower-case, as .NET writes a `Guid`.
    package mutating func uuid() -> String {
        let text = Array(hex(32).utf8)
        var variant = text
        variant[12] = UInt8(ascii: "4")
        variant[16] = Array("89ab".utf8)[Int(next() % 4)]
        let parts = [variant[0..<8], variant[8..<12], variant[12..<16], variant[16..<20], variant[20..<32]]
        return parts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "-")
    }

    /// The SplitMix64 finaliser.
    package static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// FNV-1a over the UTF-8 bytes: stable across processes, unlike `hashValue`.
    package static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
