/// A media type as `Content-Type` or a spec's `content` key writes it: `application/json; charset=utf-8`.
///
/// Type and subtype are lower-cased; parameters are ignored for matching. The structured suffix (`json` in
/// `application/problem+json`) is kept so `application/*+json` can match.
public struct MediaTypeName: Sendable, Hashable {
    /// `application` in `application/json`; `*` for a wildcard.
    public var type: String
    /// `json` in `application/json`, `*+json` in `application/*+json`.
    public var subtype: String

    /// Parses a media type; `nil` when it has no `/`.
    ///
    /// - Parameter text: Such as `application/json; charset=utf-8`.
    public init?(_ text: String) {
        let essence = text.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        let trimmed = essence.trimmingASCIISpaces().lowercased()
        let parts = trimmed.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.type = String(parts[0])
        self.subtype = String(parts[1])
    }

    /// `json` for `problem+json`, `nil` without a `+`.
    public var suffix: String? {
        guard let plus = subtype.lastIndex(of: "+") else { return nil }
        return String(subtype[subtype.index(after: plus)...])
    }

    /// Whether this is JSON: `application/json`, `text/json`, or any `+json` type.
    public var isJSON: Bool {
        subtype == "json" || suffix == "json"
    }

    /// `type/subtype`.
    public var essence: String { "\(type)/\(subtype)" }

    /// How closely this name, written in a spec, covers `actual`: 4 exact, 3 `type/*+suffix`, 2 `type/*`,
    /// 1 `*/*`, `nil` when it does not.
    func coverage(of actual: MediaTypeName) -> Int? {
        if type == actual.type && subtype == actual.subtype { return 4 }
        if type == "*" && subtype == "*" { return 1 }
        guard type == actual.type else { return nil }
        if subtype == "*" { return 2 }
        if subtype.hasPrefix("*+"), let suffix, suffix == actual.suffix { return 3 }
        return nil
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingASCIISpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
