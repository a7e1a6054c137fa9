import JSON
import Suites
import Testing

struct TemplateTests {
    let scope = TemplateScope(
        variables: [
            "userId": "user-1", "count": 3, "flag": true, "nothing": nil,
            "account": ["id": "acc-9", "tokens": ["t0", "t1"]], "password": "Pass123",
        ],
        environment: ["MESH_CLIENT_ID": "client"],
        run: ["id": "r0123456789", "instance": "r0123456789-4"],
        server: ["name": "mock", "url": "http://127.0.0.1:1"]
    )

    @Test func aStringThatIsOneTemplateKeepsTheVariablesType() throws {
        #expect(try scope.render(TemplateString(parsing: "{{ count }}")) == 3)
        #expect(try scope.render(TemplateString(parsing: "{{flag}}")) == true)
        #expect(try scope.render(TemplateString(parsing: "{{ nothing }}")) == .null)
        #expect(try scope.render(TemplateString(parsing: "{{ account }}")) == ["id": "acc-9", "tokens": ["t0", "t1"]])
    }

    @Test func templatesInsideTextBecomeText() throws {
        #expect(
            try scope.renderText(TemplateString(parsing: "u-{{ userId }}-{{ count }}-{{ flag }}")) == "u-user-1-3-true"
        )
        #expect(
            try scope.renderText(TemplateString(parsing: "{{ account }}!")) == #"{"id":"acc-9","tokens":["t0","t1"]}!"#
        )
        #expect(try scope.renderText(TemplateString(parsing: #"a {{ "{{" }} b"#)) == "a {{ b")
    }

    @Test func dottedNamesReadMembersEnvironmentRunAndServer() throws {
        #expect(try scope.renderText(TemplateString(parsing: "{{ account.id }}/{{ account.tokens.1 }}")) == "acc-9/t1")
        #expect(try scope.renderText(TemplateString(parsing: "{{ env.MESH_CLIENT_ID }}")) == "client")
        #expect(
            try scope.renderText(TemplateString(parsing: "{{ run.id }} {{ run.instance }}"))
                == "r0123456789 r0123456789-4"
        )
        #expect(try scope.renderText(TemplateString(parsing: "{{ server.url }}")) == "http://127.0.0.1:1")
    }

    @Test func theBase64FilterEncodesTheValuesText() throws {
        #expect(try scope.renderText(TemplateString(parsing: "{{ password | base64 }}")) == "UGFzczEyMw==")
        #expect(try scope.renderText(TemplateString(parsing: "{{ count|base64 }}")) == "Mw==")
    }

    @Test(arguments: [
        ("{{ missing }}", "variable 'missing' is not set"),
        ("{{ env.NOPE }}", "environment variable 'NOPE' is not set"),
        ("{{ run.nope }}", "'run.nope' is unknown (known: run.id, run.instance)"),
        ("{{ account.nope }}", "'account.nope': object has no member 'nope'"),
        ("{{ account.tokens.7 }}", "'account.tokens.7': array has no member '7'"),
        ("{{ userId.x }}", "'userId.x': string has no member 'x'"),
    ])
    func unsetNamesSayWhatIsMissing(text: String, reason: String) throws {
        let template = try TemplateString(parsing: text)
        #expect(throws: TemplateRenderError.self) { try scope.render(template) }
        do {
            _ = try scope.render(template)
        } catch {
            #expect(error.reason == reason)
        }
    }

    @Test(arguments: [
        ("a {{ b", "'{{' is not closed by '}}'"),
        ("{{ }}", "'{{ }}' names no variable"),
        ("{{ a b }}", "'a b' is not a variable name (letters, digits, '_' and '-', parts joined by '.')"),
        ("{{ a..b }}", "'a..b' is not a variable name (letters, digits, '_' and '-', parts joined by '.')"),
        ("{{ a | upper }}", "unknown filter 'upper' (known: base64)"),
    ])
    func malformedTemplatesAreSyntaxErrors(text: String, reason: String) {
        #expect(throws: TemplateSyntaxError(text: text, reason: reason)) { try TemplateString(parsing: text) }
    }

    @Test func valuesKeepTheirTemplatedPointers() throws {
        let value = try TemplatedValue(parsing: ["a": "x", "b": ["{{ count }}", 2], "c": ["d": "n-{{ userId }}"]])
        #expect(value.templatedPointers.map(\.description) == ["/b/0", "/c/d"])
        #expect(value.expressions.map(\.name) == ["count", "userId"])
        #expect(try scope.render(value) == ["a": "x", "b": [3, 2], "c": ["d": "n-user-1"]])
        #expect(try TemplatedValue(parsing: ["plain": [1, "two"]]) == .constant(["plain": [1, "two"]]))
    }
}
