/// "Did you mean …?" for unknown names: commands, options, suite keys, enum values.
public enum Spelling {
    /// The candidate within edit distance 2 (or a third of the word) of `word`, preferring the closest.
    ///
    /// Words of three characters or fewer (`-x`) get no suggestion: every short name would be "close".
    ///
    /// - Parameters:
    ///   - word: What the user typed.
    ///   - candidates: The names that exist.
    /// - Returns: The best candidate, or `nil` when none is close.
    public static func closestMatch(to word: String, among candidates: some Sequence<String>) -> String? {
        guard word.count > 3 else { return nil }
        let limit = max(2, word.count / 3)
        var best: (name: String, distance: Int)? = nil
        for candidate in candidates {
            let distance = editDistance(word, candidate)
            if distance <= limit && distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// The Levenshtein distance between two strings by Unicode scalars.
    ///
    /// - Parameters:
    ///   - lhs: One string.
    ///   - rhs: The other.
    ///   - ignoringCase: Whether to compare lower-cased forms.
    ///   - cap: Only the first `cap` scalars of each are compared, bounding the work on hostile input.
    /// - Returns: The number of single-scalar insertions, deletions and substitutions.
    public static func editDistance(
        _ lhs: String,
        _ rhs: String,
        ignoringCase: Bool = false,
        cap: Int = 256
    ) -> Int {
        let left = Array((ignoringCase ? lhs.lowercased() : lhs).unicodeScalars.prefix(cap))
        let right = Array((ignoringCase ? rhs.lowercased() : rhs).unicodeScalars.prefix(cap))
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for leftIndex in 1...left.count {
            current[0] = leftIndex
            for rightIndex in 1...right.count {
                let cost = left[leftIndex - 1] == right[rightIndex - 1] ? 0 : 1
                current[rightIndex] = min(
                    previous[rightIndex] + 1,
                    current[rightIndex - 1] + 1,
                    previous[rightIndex - 1] + cost
                )
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}
