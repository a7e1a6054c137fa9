import Diagnostics
import Foundation
import JSON
import Suites
import TestSupport
import Testing

/// Decoding the suite language: the model it builds, and every problem reported at its place in the file.
struct SuiteLoaderTests {
    static func load(_ text: String) -> SuiteSet {
        SuiteLoader.load(file: "s.yaml", bytes: Array(text.utf8))
    }

    static func rendered(_ set: SuiteSet) -> String {
        set.diagnostics.map(set.rendered).joined(separator: "\n")
    }

    @Test func aFullSuiteDecodesIntoTheModel() throws {
        let set = Self.load(
            """
            name: Full
            description: every key
            tags: [a, b]
            variables:
              userId: "u-{{ run.id }}"
              limit: 3
            matrix:
              brokerType: { enum: BrokerType }
              mfa: [phone, email]
            skip: { reason: flaky upstream, on: [sandbox] }
            checks:
              response-schema: { off: "the 500 body is HTML" }
              request-conforms: on
            setup:
              - name: warm up
                operation: GET /api/v1/status
            steps:
              - name: login
                operation: authenticate
                negative: true
                request:
                  method: post
                  path: /api/v1/authenticate
                  query: { userId: "{{ userId }}", tags: [x, "{{ mfa }}"] }
                  headers: { X-Trace: "t-{{ run.id }}" }
                  json: { type: robinhood, count: "{{ limit }}" }
                  timeout: 1.5s
                  retries: { count: 2, statuses: [503, 429], delay: 10ms }
                  credentials: { clientSecret: wrong }
                expect:
                  status: [200, 4xx]
                  headers: { Content-Type: { matches: json } }
                  json:
                    /content/status: mfaRequired
                    "": { type: object }
                  body: { contains: status }
                  schema: B2BBrokerAuthResponseApiResult
                capture:
                  token: /content/accountTokens/0/accessToken
                  trace: { header: X-Trace }
                  code: { status: true }
                checks: { not-server-error: { off: "expects 503" } }
                only: debugging
            teardown:
              - name: clean up
                request: { method: DELETE, path: /api/v1/account, body: "raw {{ userId }}", contentType: text/plain }
                skip: not yet
            """
        )
        #expect(set.diagnostics.isEmpty, "\(Self.rendered(set))")
        let suite = try #require(set.suites.first)
        #expect(suite.name == "Full" && suite.description == "every key" && suite.tags == ["a", "b"])
        #expect(suite.variables.map(\.name) == ["userId", "limit"])
        #expect(suite.matrix?.dimensions.map(\.name) == ["brokerType", "mfa"])
        #expect(
            suite.skip
                == SkipRule(
                    reason: "flaky upstream",
                    servers: ["sandbox"],
                    at: FileLocation(path: "s.yaml", line: 10, column: 7)
                )
        )
        #expect(suite.checks.disabled == [.responseSchema: "the 500 body is HTML"])
        #expect(suite.checks.enabled == [.requestConforms])
        #expect(suite.setup.map(\.name) == ["warm up"] && suite.setup[0].operation == .named("GET /api/v1/status"))
        let step = try #require(suite.steps.first)
        #expect(step.operation == .named("authenticate") && step.isNegative && step.only == "debugging")
        #expect(step.location == FileLocation(path: "s.yaml", line: 18, column: 5))
        let request = step.request
        #expect(request.method == "POST" && request.path?.template.source == "/api/v1/authenticate")
        #expect(request.query.map(\.name) == ["userId", "tags"] && request.headers.map(\.name) == ["X-Trace"])
        #expect(request.timeout == .milliseconds(1500))
        #expect(request.retries == StepRequest.RetryPolicy(count: 2, statuses: [503, 429], delay: .milliseconds(10)))
        #expect(request.credentials == .override(clientID: nil, clientSecret: TemplateString(literal: "wrong")))
        #expect(step.expectation.statuses == [.code(200), .range(4)])
        #expect(step.expectation.json.map(\.target) == ["/content/status", ""])
        #expect(step.expectation.headers.map(\.target) == ["Content-Type"])
        #expect(step.expectation.body != nil && step.expectation.schema != nil)
        #expect(
            step.captures.map(\.source) == [
                .json(try JSONPointer(parsing: "/content/accountTokens/0/accessToken")), .header("X-Trace"), .status,
            ]
        )
        #expect(step.checks.disabled == [.notServerError: "expects 503"])
        let teardown = try #require(suite.teardown.first)
        #expect(teardown.request.effectiveContentType == "text/plain" && teardown.skip?.reason == "not yet")
    }

    @Test func everyLanguageProblemIsReportedWithItsPlace() {
        let set = Self.load(
            """
            name: Broken
            varables: { a: 1 }
            generate: negativ
            variables: { run: 1, "a.b": 2 }
            matrix: { x: [], y: 3, z: { enum: 7 } }
            skip: true
            checks: { response-shema: { off: x }, not-server-error: off, mesh-error-type: { off: "" } }
            steps:
              - name: one
                request:
                  method: "GET /x"
                  path: api/v1/status
                  query: { "": 1 }
                  json: {}
                  body: text
                  timeout: soon
                  retries: 11
                  credentials: nobody
                expcet: {}
              - request: { method: GET, path: "/a/{{ x" }
                expect:
                  status: [200, 6xx, "abc"]
                  json:
                    content/status: x
                    /a: { oneOff: [1] }
                    /b: {}
                    /c: { type: strng, matches: "(", length: -1, gt: "x", oneOf: [] }
                capture: { t: 5, u: { json: /x, header: y }, env: /x }
              - name: three
            """
        )
        #expect(
            Self.rendered(set) == """
                s.yaml:2:1: error: unknown key 'varables' in suite; did you mean 'variables'?
                varables: { a: 1 }
                ^
                s.yaml:3:11: error: 'generate' must name the kinds negative and/or boundary (or all); found negativ
                generate: negativ
                          ^
                s.yaml:4:14: error: 'run' is reserved (env, run and server are built in) and cannot name a variable
                variables: { run: 1, "a.b": 2 }
                             ^
                s.yaml:4:22: error: 'a.b' cannot name a variable: use letters, digits, '_' and '-' (no '.')
                variables: { run: 1, "a.b": 2 }
                                     ^
                s.yaml:5:14: error: matrix variable 'x' has no values
                matrix: { x: [], y: 3, z: { enum: 7 } }
                             ^
                s.yaml:5:21: error: 'y' must be a list of values or { enum: SchemaName }; found a number
                matrix: { x: [], y: 3, z: { enum: 7 } }
                                    ^
                s.yaml:5:35: error: 'enum' must be a string; found a number
                matrix: { x: [], y: 3, z: { enum: 7 } }
                                                  ^
                s.yaml:6:7: error: 'skip' must give its reason: skip: "why" (or { reason: "why", on: [sandbox] }); found a boolean
                skip: true
                      ^
                s.yaml:7:11: error: unknown check 'response-shema'; did you mean 'response-schema'?
                checks: { response-shema: { off: x }, not-server-error: off, mesh-error-type: { off: "" } }
                          ^
                s.yaml:7:57: error: check 'not-server-error' must be switched off with a reason, { off: "why" }, or back on with 'on'; found a string
                checks: { response-shema: { off: x }, not-server-error: off, mesh-error-type: { off: "" } }
                                                                        ^
                s.yaml:7:86: error: 'off' must not be empty
                checks: { response-shema: { off: x }, not-server-error: off, mesh-error-type: { off: "" } }
                                                                                                     ^
                s.yaml:11:15: error: 'method' must be a word such as GET or POST; found 'GET /x'
                      method: "GET /x"
                              ^
                s.yaml:12:13: error: 'path' must start with '/' (it is appended to the server's URL); found 'api/v1/status'
                      path: api/v1/status
                            ^
                s.yaml:13:16: error: a name in 'query' must not be empty
                      query: { "": 1 }
                               ^
                s.yaml:15:7: error: give either 'json' or 'body', not both
                      body: text
                      ^
                s.yaml:16:16: error: 'timeout' must be a duration such as 500ms, 10s or 2m; found a string
                      timeout: soon
                               ^
                s.yaml:17:16: error: 'retries' must be from 0 to 10; found 11
                      retries: 11
                               ^
                s.yaml:18:20: error: 'credentials' must be 'none', 'profile' or { clientId, clientSecret }; found a string
                      credentials: nobody
                                   ^
                s.yaml:19:5: error: unknown key 'expcet' in step; did you mean 'expect'?
                    expcet: {}
                    ^
                s.yaml:20:5: error: step 2 of 'steps' has no 'name'
                  - request: { method: GET, path: "/a/{{ x" }
                    ^
                s.yaml:20:35: error: bad template in 'path': '{{' is not closed by '}}'
                  - request: { method: GET, path: "/a/{{ x" }
                                                  ^
                s.yaml:22:21: error: 'status' must be a status code (200), a class (4xx) or a list of them; found a string
                      status: [200, 6xx, "abc"]
                                    ^
                s.yaml:22:26: error: 'status' must be a status code (200), a class (4xx) or a list of them; found a string
                      status: [200, 6xx, "abc"]
                                         ^
                s.yaml:24:9: error: 'content/status' is not a JSON pointer: write '/content/status' ('' for the whole body)
                        content/status: x
                        ^
                s.yaml:25:15: error: unknown key 'oneOff' in predicate; did you mean 'oneOf'?
                        /a: { oneOff: [1] }
                              ^
                s.yaml:26:13: error: an empty mapping is not a predicate; to expect an empty object write { equals: {} }
                        /b: {}
                            ^
                s.yaml:27:21: error: unknown type 'strng'; did you mean 'string'?
                        /c: { type: strng, matches: "(", length: -1, gt: "x", oneOf: [] }
                                    ^
                s.yaml:27:37: error: 'matches': invalid pattern '(' at offset 0: missing ')'
                        /c: { type: strng, matches: "(", length: -1, gt: "x", oneOf: [] }
                                                    ^
                s.yaml:27:50: error: 'length' must be from 0 to 2147483647; found -1
                        /c: { type: strng, matches: "(", length: -1, gt: "x", oneOf: [] }
                                                                 ^
                s.yaml:27:58: error: 'gt' must be a number; found a string
                        /c: { type: strng, matches: "(", length: -1, gt: "x", oneOf: [] }
                                                                         ^
                s.yaml:27:70: error: 'oneOf' needs at least one value
                        /c: { type: strng, matches: "(", length: -1, gt: "x", oneOf: [] }
                                                                                     ^
                s.yaml:28:19: error: 't' must be a JSON pointer or { header: Name }; found a number
                    capture: { t: 5, u: { json: /x, header: y }, env: /x }
                                  ^
                s.yaml:28:25: error: capture 'u' must name one source: json, header or status
                    capture: { t: 5, u: { json: /x, header: y }, env: /x }
                                        ^
                s.yaml:28:50: error: 'env' is reserved (env, run and server are built in) and cannot name a capture
                    capture: { t: 5, u: { json: /x, header: y }, env: /x }
                                                                 ^
                s.yaml:29:5: error: step 'three' needs a 'request' (or an 'operation' to call)
                  - name: three
                    ^
                """
        )
    }

    @Test func aFileThatIsNotASuiteSaysSo() {
        #expect(Self.rendered(Self.load("")) == "s.yaml:1:1: error: the file holds no suite\n\n^")
        #expect(
            Self.rendered(Self.load("- a\n- b\n"))
                == "s.yaml:1:1: error: a suite must be a mapping with 'name' and 'steps'; found a list\n- a\n^"
        )
        #expect(Self.rendered(Self.load("name: x\n")) == "s.yaml:1:1: error: suite 'x' has no 'steps'\nname: x\n^")
        #expect(Self.rendered(Self.load("name: [\n")) == "s.yaml:1:7: error: unclosed '['\nname: [\n      ^")
    }

    @Test func severalDocumentsAreSeveralSuites() {
        let set = Self.load("name: one\nsteps: []\n---\nsteps: []\n")
        #expect(set.diagnostics.isEmpty)
        #expect(set.suites.map(\.id) == ["s.yaml", "s.yaml#1"])
        #expect(set.suites.map(\.name) == ["one", "s"])
    }

    @Test func foldersAreSearchedForSuiteFilesButNotForConfiguration() throws {
        let folder = try TemporaryDirectory()
        try folder.write("suites/b.yaml", "steps: []\n")
        try folder.write("suites/a/x.yml", "steps: []\n")
        try folder.write("suites/servers.yaml", "default: mock\n")
        try folder.write("suites/spec/api.yaml", "openapi: 3.0.1\n")
        try folder.write("suites/.hidden.yaml", "steps: []\n")
        try folder.write("suites/notes.txt", "x\n")
        let root = folder.path + "/suites"
        let (files, diagnostics) = SuiteLoader.suiteFiles(at: [root, root + "/b.yaml", folder.path + "/missing"])
        #expect(files == [root + "/a/x.yml", root + "/b.yaml"])
        #expect(diagnostics.map(\.description) == ["error: no such file or folder: \(folder.path)/missing"])
    }
}
