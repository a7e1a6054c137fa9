import JSON
import OpenAPI

/// The choices a generator makes (which wrong type, which value outside an enum, which extra property name, which
/// undeclared media type), decided by the seed.
///
/// Seed 0 gives the documented default for every choice, so the default output is the same on every run and every
/// machine. Any other seed picks among the candidates, each choice independently (by its purpose, such as the
/// case's name), so adding a case never changes another case's choice.
struct GenerationChoices {
    let seed: UInt64

    /// The index of the candidate to use among `count`, for `purpose`.
    func pick(_ count: Int, purpose: String) -> Int {
        guard seed != 0, count > 1 else { return 0 }
        var random = SeededRandom(seed: seed, purpose: purpose)
        return Int(random.next() % UInt64(count))
    }

    /// A few lower-case hex digits for `purpose`, empty with seed 0.
    func suffix(purpose: String) -> String {
        guard seed != 0 else { return "" }
        var random = SeededRandom(seed: seed, purpose: purpose)
        return "-" + random.hex(6)
    }

    /// A string that is none of `values`: `meshcheck-not-in-enum` by default.
    func valueOutside(_ values: [JSONValue], purpose: String) -> JSONValue {
        let strings = values.compactMap(\.stringValue)
        if strings.count < values.count {
            let numbers = values.compactMap { $0.numberValue?.intValue }
            return .number(JSONNumber((numbers.max() ?? 0) + 1 + pick(100, purpose: purpose)))
        }
        var candidate = "meshcheck-not-in-enum" + suffix(purpose: purpose)
        while strings.contains(candidate) { candidate += "-x" }
        return .string(candidate)
    }

    /// An enum value with its case changed (`Robinhood` for `robinhood`) that is not itself in the enum, with the
    /// value it was made from; `nil` when no value has such a variant.
    func caseChanged(_ values: [JSONValue], purpose: String) -> (sent: String, original: String)? {
        let strings = values.compactMap(\.stringValue)
        let variants: [(String, String)] = strings.compactMap { value in
            let variant = Self.caseVariant(of: value)
            return variant != value && !strings.contains(variant) ? (variant, value) : nil
        }
        guard !variants.isEmpty else { return nil }
        return variants[pick(variants.count, purpose: purpose)]
    }

    /// The first letter's case flipped; a value without letters is returned as is.
    static func caseVariant(of value: String) -> String {
        guard let first = value.first, first.isLetter else { return value.uppercased() }
        let flipped = first.isUppercase ? first.lowercased() : first.uppercased()
        return flipped + value.dropFirst()
    }

    /// The name of a property no schema declares: `meshcheckExtra` by default.
    func extraPropertyName(avoiding names: [String], purpose: String) -> String {
        var name = "meshcheckExtra" + suffix(purpose: purpose).dropFirst()
        while names.contains(name) { name += "X" }
        return name
    }

    /// A media type the request body does not declare: `text/plain` by default.
    func undeclaredMediaType(in content: [OpenAPIMediaType], purpose: String) -> String? {
        let candidates = ["text/plain", "application/xml", "application/x-www-form-urlencoded", "text/csv"].filter {
            OpenAPIMediaType.bestMatch(for: $0, in: content) == nil
        }
        guard !candidates.isEmpty else { return nil }
        return candidates[pick(candidates.count, purpose: purpose)]
    }
}
