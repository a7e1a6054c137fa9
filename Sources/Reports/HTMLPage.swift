/// A self-contained HTML page: inline style and script only, allowed by their hashes in a Content-Security-Policy
/// that forbids everything else.
///
/// `default-src 'none'` blocks every load (images, fonts, frames, fetches, connections); the style and script run
/// only because their exact text's SHA-256 is listed, so markup that slipped into the page could neither load
/// anything nor run. Inline `style=""` attributes and event-handler attributes are blocked too; pages use classes
/// and `addEventListener`. The page opens from disk without a network.
package struct HTMLPage: Sendable {
    /// The `<title>` text (escaped here).
    package var title: String
    /// The style sheet's text.
    package var styleSheet: String
    /// The script's text, or empty for none.
    package var script: String
    /// The body's HTML.
    package var body: String

    /// Creates a page.
    ///
    /// - Parameters:
    ///   - title: The title text.
    ///   - styleSheet: The style sheet.
    ///   - script: The script, or empty.
    ///   - body: The body's HTML.
    package init(title: String, styleSheet: String, script: String, body: String) {
        self.title = title
        self.styleSheet = styleSheet
        self.script = script
        self.body = body
    }

    /// The Content-Security-Policy for the page's style and script.
    package var contentSecurityPolicy: String {
        var policy = "default-src 'none'; style-src '\(SHA256.cspSource(of: styleSheet))'"
        if !script.isEmpty { policy += "; script-src '\(SHA256.cspSource(of: script))'" }
        return policy + "; img-src data:; base-uri 'none'; form-action 'none'"
    }

    /// The whole document, ending in a line break.
    package var html: String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(contentSecurityPolicy)\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<meta name=\"referrer\" content=\"no-referrer\">\n"
        html += "<title>\(MarkupEscaping.html(title))</title>\n"
        html += "<style>\(styleSheet)</style>\n</head>\n<body>\n"
        html += body
        if !script.isEmpty { html += "<script>\(script)</script>\n" }
        html += "</body>\n</html>\n"
        return html
    }
}
