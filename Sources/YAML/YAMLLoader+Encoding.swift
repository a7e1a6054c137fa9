// UTF-16 and UTF-32 streams.
extension YAMLLoader {
    /// The encodings YAML streams may use besides UTF-8, recognised by their first bytes (YAML 1.2 §5.2).
    enum Encoding {
        case utf16BigEndian
        case utf16LittleEndian
        case utf32BigEndian
        case utf32LittleEndian

        var name: String {
            switch self {
            case .utf16BigEndian: "UTF-16BE"
            case .utf16LittleEndian: "UTF-16LE"
            case .utf32BigEndian: "UTF-32BE"
            case .utf32LittleEndian: "UTF-32LE"
            }
        }

        /// The encoding of a stream that is not UTF-8, or `nil` for UTF-8.
        static func detect(_ bytes: [UInt8]) -> Encoding? {
            let first = bytes.prefix(4).map(Int.init) + [Int](repeating: -1, count: max(0, 4 - bytes.count))
            if first[0] == 0 && first[1] == 0 && (first[2] == 0xFE && first[3] == 0xFF || first[2] == 0 && first[3] > 0)
            {
                return .utf32BigEndian
            }
            if first[2] == 0 && first[3] == 0 && (first[0] == 0xFF && first[1] == 0xFE || first[0] > 0 && first[1] == 0)
            {
                return .utf32LittleEndian
            }
            if first[0] == 0xFE && first[1] == 0xFF || first[0] == 0 && first[1] > 0 { return .utf16BigEndian }
            if first[0] == 0xFF && first[1] == 0xFE || first[0] > 0 && first[1] == 0 { return .utf16LittleEndian }
            return nil
        }

        /// The stream as UTF-8 without its byte order mark, or `nil` when it does not decode.
        func transcode(_ bytes: [UInt8]) -> [UInt8]? {
            let width = self == .utf16BigEndian || self == .utf16LittleEndian ? 2 : 4
            guard bytes.count % width == 0 else { return nil }
            var units: [UInt32] = []
            units.reserveCapacity(bytes.count / width)
            var index = 0
            while index < bytes.count {
                var unit: UInt32 = 0
                for offset in 0..<width {
                    let isBigEndian = self == .utf16BigEndian || self == .utf32BigEndian
                    let byte = UInt32(bytes[index + (isBigEndian ? offset : width - 1 - offset)])
                    unit = unit << 8 | byte
                }
                units.append(unit)
                index += width
            }
            var output: [UInt8] = []
            output.reserveCapacity(units.count)
            if width == 2 {
                var iterator = units.lazy.map { UInt16(truncatingIfNeeded: $0) }.makeIterator()
                var decoder = UTF16()
                while true {
                    switch decoder.decode(&iterator) {
                    case .scalarValue(let scalar): UTF8.encode(scalar) { output.append($0) }
                    case .emptyInput: return Self.droppingBOM(output)
                    case .error: return nil
                    }
                }
            }
            for unit in units {
                guard let scalar = Unicode.Scalar(unit) else { return nil }
                UTF8.encode(scalar) { output.append($0) }
            }
            return Self.droppingBOM(output)
        }

        private static func droppingBOM(_ bytes: [UInt8]) -> [UInt8] {
            bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        }
    }
}
