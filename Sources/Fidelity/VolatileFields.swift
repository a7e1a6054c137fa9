public import JSON

/// The built-in rules for fields whose values differ between any two servers, or two runs of one server: ids,
/// tokens, hashes, timestamps, URLs and human-readable messages.
///
/// They only keep *values* from being compared (an `enum` or a value a suite asserts): presence and type are
/// still compared, since the spec says what each member is. A member is volatile by its name, the last token of
/// its pointer.
public enum VolatileFields {
    /// Names (lower-cased) that are volatile whatever they are part of.
    static let exactNames: Set<String> = [
        "id", "message", "displaymessage", "detail", "title", "instance", "traceid", "requestid", "nonce",
        "signature", "url", "expiresin", "timestamp", "date", "time",
    ]
    /// Lower-cased fragments that make a name volatile: `accessToken`, `errorHash`, `createdAt` (suffix only).
    static let fragments = ["token", "hash", "timestamp", "secret", "password", "url", "link"]

    /// The rules as documented, for reports and `--help`.
    public static let description =
        "values of members named id or *Id/*ID, *token*, *hash*, *timestamp*, *At, *Date, *Time, *url*, *link*, "
        + "message, displayMessage, detail, title, traceId, requestId, expiresIn"

    /// Whether the value at `pointer` is volatile by its member name.
    ///
    /// - Parameter pointer: A pointer into a response body.
    /// - Returns: Whether its value must not be compared.
    public static func isVolatile(_ pointer: JSONPointer) -> Bool {
        guard let last = pointer.tokens.last(where: { Int($0) == nil }) else { return false }
        let lower = last.lowercased()
        if exactNames.contains(lower) { return true }
        if last.hasSuffix("Id") || last.hasSuffix("ID") || last.hasSuffix("At") || last.hasSuffix("Date")
            || last.hasSuffix("Time")
        {
            return true
        }
        return fragments.contains { lower.contains($0) }
    }
}
