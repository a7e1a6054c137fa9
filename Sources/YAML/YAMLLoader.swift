import Diagnostics
import JSON

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
            guard let length = UTF8Validation.sequenceLength(at: index, in: bytes) else {
                throw YAMLFailure(.invalidUTF8, at: index)
            }
            index += length
        }
    }
}
