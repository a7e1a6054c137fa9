import Diagnostics
import Testing

struct SourceTextTests {
    @Test func countsLinesForEveryLineBreakAndColumnsInScalars() {
        let source = SourceText(path: "f.yaml", bytes: Array("ab\r\ncé\rx\ny".utf8))
        #expect(source.location(ofOffset: 0).description == "f.yaml:1:1")
        #expect(source.location(ofOffset: 2).description == "f.yaml:1:3")
        #expect(source.location(ofOffset: 4).description == "f.yaml:2:1")
        #expect(source.location(ofOffset: 7).description == "f.yaml:2:3")  // after the two bytes of é
        #expect(source.location(ofOffset: 8).description == "f.yaml:3:1")
        #expect(source.location(ofOffset: 10).description == "f.yaml:4:1")
        #expect(source.location(ofOffset: 999).description == "f.yaml:4:2")
    }

    @Test func showsTheLineWithACaret() {
        let source = SourceText(path: "s.yaml", bytes: Array("steps:\n  - expcet:\n\tx: é\u{1}y\n".utf8))
        let diagnostic = Diagnostic(
            .error,
            "unknown key 'expcet'",
            at: FileLocation(path: "s.yaml", line: 2, column: 5),
            notes: ["expected one of: name, request"]
        )
        #expect(
            diagnostic.rendered(withSnippetFrom: source) == """
                s.yaml:2:5: error: unknown key 'expcet'
                  - expcet:
                    ^
                note: expected one of: name, request
                """
        )
        #expect(source.snippet(at: FileLocation(path: "s.yaml", line: 3, column: 6)) == "\tx: é?y\n\t    ^")
        #expect(source.snippet(at: FileLocation(path: "s.yaml", line: 9, column: 1)) == nil)
    }

    @Test func describesWithoutALocation() {
        #expect(Diagnostic(.warning, "no suites found").description == "warning: no suites found")
        #expect(Diagnostic.Severity.note < .warning && Diagnostic.Severity.warning < .error)
    }
}
