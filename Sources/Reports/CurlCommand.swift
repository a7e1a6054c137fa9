public import Diagnostics
public import Runner

/// A `curl` line that sends a recorded request again, for a person reproducing a failure.
///
/// Values in results are already redacted; the line masks every header whose name marks a secret once more (the
/// default names of ``SecretRedactor``: `X-Client-Id`, `X-Client-Secret`, `Authorization`, `Cookie`, …), so it shows
/// `<redacted>` for credentials whatever the results hold. Every argument is single-quoted for POSIX shells.
/// Headers curl sets itself (`Host`, `Content-Length`, `Connection`, `Transfer-Encoding`) are left out.
public enum CurlCommand {
    private static let leftOut: Set<String> = ["host", "content-length", "connection", "transfer-encoding"]

    /// The command for an exchange's request.
    ///
    /// - Parameters:
    ///   - exchange: The recorded exchange.
    ///   - redactor: Decides which header names are secrets; the default names unless told otherwise.
    /// - Returns: `curl -X POST 'URL' -H 'Name: value' … --data-raw 'BODY'`, with a trailing shell comment when
    ///   the recorded body is an excerpt and so cannot be sent as it was.
    public static func line(for exchange: ExchangeRecord, redactor: SecretRedactor = .standard) -> String {
        let isToken = !exchange.method.isEmpty && exchange.method.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
        var parts = ["curl", "-X", isToken ? exchange.method : quoted(exchange.method), quoted(exchange.url)]
        for (name, value) in exchange.request.headers where !leftOut.contains(name.lowercased()) {
            let shown = redactor.isSecretName(name) ? SecretRedactor.mask : value
            parts.append("-H")
            parts.append(quoted("\(name): \(shown)"))
        }
        let request = exchange.request
        if !request.body.isEmpty {
            parts.append("--data-raw")
            parts.append(quoted(request.body))
        }
        var line = parts.joined(separator: " ")
        if request.bodyTruncated || !request.bodyIsValidUTF8 {
            line += "  # the body above is an excerpt of \(request.bodyBytes) bytes"
        }
        return line
    }

    /// `text` in single quotes, each `'` written as `'\''`.
    ///
    /// - Parameter text: The argument.
    /// - Returns: The quoted argument.
    static func quoted(_ text: String) -> String {
        // Most arguments hold no quote; the generic `replacing` searched each one at a real cost in large reports.
        guard text.utf8.contains(UInt8(ascii: "'")) else { return "'" + text + "'" }
        // Byte by byte: a shell reads bytes, and a quote followed by a combining mark is one Character in Swift.
        var quoted: [UInt8] = [UInt8(ascii: "'")]
        for byte in text.utf8 {
            if byte == UInt8(ascii: "'") {
                quoted += Array(#"'\''"#.utf8)
            } else {
                quoted.append(byte)
            }
        }
        quoted.append(UInt8(ascii: "'"))
        return String(decoding: quoted, as: UTF8.self)
    }
}
