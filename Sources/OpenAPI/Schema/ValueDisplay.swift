import Diagnostics
import JSON

/// How instance values appear in messages: compact JSON, shortened, secrets masked by ``SecretRedactor``.
enum ValueDisplay {
    /// The mask shown instead of a secret.
    static let mask = SecretRedactor.mask

    /// Whether a member called `name` holds a secret, by the one list of secret names.
    static func isSecret(_ name: String) -> Bool {
        SecretRedactor.standard.isSecretName(name)
    }

    /// Compact JSON of `value`, at most `limit` characters (`…` marks a cut), with secret members masked.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - path: Where the value is; a secret name anywhere in it masks the whole value.
    ///   - limit: The most characters shown.
    /// - Returns: The text to show.
    static func short(_ value: JSONValue, at path: [String] = [], limit: Int = 120) -> String {
        if path.contains(where: isSecret) {
            return mask
        }
        let text = masked(value).serialized()
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    private static func masked(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var copy = JSONObject()
            for (key, member) in object {
                copy[key] = isSecret(key) ? .string(mask) : masked(member)
            }
            return .object(copy)
        case .array(let elements):
            return .array(elements.map(masked))
        default:
            return value
        }
    }

    /// A quoted string for messages, shortened.
    static func quoted(_ text: String, limit: Int = 60) -> String {
        short(.string(text), limit: limit)
    }

    /// The case-insensitive edit distance, over at most `cap` scalars of each string.
    static func distance(_ lhs: String, _ rhs: String, cap: Int = 64) -> Int {
        Spelling.editDistance(lhs, rhs, ignoringCase: true, cap: cap)
    }

    /// Up to `count` values nearest to `value`: those it starts with or that start with it first, then by
    /// edit distance.
    static func nearest(to value: JSONValue, among candidates: [JSONValue], count: Int = 2) -> [JSONValue] {
        guard case .string(let text) = value else { return Array(candidates.prefix(count)) }
        let lowered = text.lowercased()
        let scored = candidates.enumerated().map { index, candidate -> (Int, Int, JSONValue) in
            guard case .string(let other) = candidate else { return (Int.max, index, candidate) }
            let otherLowered = other.lowercased()
            var score = distance(text, other)
            if lowered.hasPrefix(otherLowered) || otherLowered.hasPrefix(lowered) { score -= 100 }
            return (score, index, candidate)
        }
        return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(count).map(\.2)
    }
}
