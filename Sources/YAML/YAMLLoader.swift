import Diagnostics

/// Loads YAML 1.2 streams into node trees with source positions and JSON values.
///
/// 1. Check: the bytes are UTF-8 without C0 control characters other than tab and line breaks.
/// 2. Scan: bytes become tokens (indentation, implicit keys, scalars with their folding and escapes).
/// 3. Parse: tokens become events, checked against YAML's block and flow grammar.
/// 4. Compose: events become one ``YAMLDocument`` per document, with aliases, tags and the core schema resolved.
///
/// JSON is YAML 1.2, so every JSON text loads too, with positions.
///
/// The JSON conversion follows the core schema: plain `null`, `~` and empty scalars are `null`; `true`/`false`
/// (three spellings each) are Booleans; `[-+]?[0-9]+`, `0o…` and `0x…` are integers (written in decimal);
/// `1.5`, `.5`, `1e3` are floats; everything else, and every quoted or block scalar, is a string. `.inf`,
/// `-.inf` and `.nan` have no JSON number: they stay strings (as written) with a warning. One deliberate
/// departure: a decimal integer with a leading zero (`012`) stays a string, with a warning, because YAML 1.1
/// (which PyYAML and most emitters write) reads it as octal or as a string, and the data would change silently. Mapping keys become
/// their scalar's text (`1: a` gives `{"1": "a"}`); a sequence or mapping as a key is an error, as is a key that
/// appears twice. `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!seq` and `!!map` are honoured (a value
/// that does not fit its tag is an error); other tags are kept with a warning, their scalars as strings.
/// Merge keys (`<<`, a YAML 1.1 type) are ordinary keys.
public enum YAMLLoader {
    /// Loads every document of a YAML stream.
    ///
    /// An empty stream has no documents; a document with no content (`---` alone) is `null`.
    ///
    /// - Parameters:
    ///   - bytes: The stream, UTF-8 (a leading byte order mark is skipped).
    ///   - path: The path shown in locations.
    ///   - limits: Bounds on nesting and alias expansion.
    /// - Returns: One document per document in the stream.
    /// - Throws: ``YAMLError`` at the first problem, located at the offending character.
    public static func load(
        _ bytes: [UInt8],
        path: String,
        limits: YAMLLimits = YAMLLimits()
    ) throws(YAMLError) -> [YAMLDocument] {
        if let encoding = Encoding.detect(bytes) {
            guard let utf8 = encoding.transcode(bytes) else {
                throw YAMLError(
                    reason: .invalidEncoding(encoding.name),
                    location: FileLocation(path: path, line: 1, column: 1)
                )
            }
            return try load(utf8, path: path, limits: limits)
        }
        let result: Result<[YAMLDocument], YAMLFailure> = bytes.withUnsafeBufferPointer { buffer in
            do throws(YAMLFailure) {
                try checkCharacters(buffer)
                var composer = Composer(bytes: buffer, path: path, limits: limits)
                return .success(try composer.composeStream())
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let documents):
            return documents
        case .failure(let failure):
            throw YAMLError(reason: failure.reason, location: location(ofOffset: failure.offset, in: bytes, path: path))
        }
    }

    /// Loads every document of a YAML stream given as a string.
    ///
    /// - Parameters:
    ///   - text: The stream.
    ///   - path: The path shown in locations.
    ///   - limits: Bounds on nesting and alias expansion.
    /// - Returns: One document per document in the stream.
    /// - Throws: ``YAMLError`` at the first problem.
    public static func load(
        _ text: String,
        path: String = "<input>",
        limits: YAMLLimits = YAMLLimits()
    ) throws(YAMLError) -> [YAMLDocument] {
        try load(Array(text.utf8), path: path, limits: limits)
    }

    /// The line and column (in Unicode scalars) of a byte offset.
    static func location(ofOffset offset: Int, in bytes: [UInt8], path: String) -> FileLocation {
        bytes.withUnsafeBufferPointer { buffer in
            let mark = Composer.mark(ofOffset: offset, in: buffer)
            var column = 1
            for index in mark.lineStart..<min(mark.index, buffer.count) where buffer[index] & 0xC0 != 0x80 {
                column += 1
            }
            return FileLocation(path: path, line: mark.line, column: column)
        }
    }

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

    /// Rejects bytes that are not UTF-8 and C0 control characters other than tab, line feed and carriage return.
    static func checkCharacters(_ bytes: UnsafeBufferPointer<UInt8>) throws(YAMLFailure) {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x80 {
                index += 1
                continue
            }
            if byte < 0x20 {
                guard byte == Byte.tab || byte == Byte.lineFeed || byte == Byte.carriageReturn else {
                    let hex = String(byte, radix: 16, uppercase: true)
                    throw YAMLFailure(
                        .forbiddenCharacter("U+" + String(repeating: "0", count: 4 - hex.count) + hex),
                        at: index
                    )
                }
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch byte {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                upper = 0x9F
            case 0xF0:
                length = 4
                lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                upper = 0x8F
            default: throw YAMLFailure(.invalidUTF8, at: index)
            }
            guard index + length <= count, bytes[index + 1] >= lower, bytes[index + 1] <= upper else {
                throw YAMLFailure(.invalidUTF8, at: index)
            }
            for continuation in (index + 2)..<(index + length) where bytes[continuation] & 0xC0 != 0x80 {
                throw YAMLFailure(.invalidUTF8, at: index)
            }
            index += length
        }
    }
}
