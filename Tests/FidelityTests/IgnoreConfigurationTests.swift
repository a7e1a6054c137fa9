import Diagnostics
import Fidelity
import JSON
import Suites
import Testing

/// `ignore:` in suites and in a compare configuration file.
struct IgnoreConfigurationTests {
    @Test func aSuiteReadsIgnoreEntries() throws {
        let text = """
            name: with ignores
            ignore:
              - /content/*/id
              - { pointer: /content/items, aspect: length, operation: getHoldings, reason: live data }
            steps:
              - name: schemes
                request: { method: GET, path: /api/v1/authenticationSchemes }
            """
        let set = SuiteLoader.load(file: "suites/a.yaml", bytes: Array(text.utf8))
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics.map(\.description))")
        let suite = try #require(set.suites.first)
        #expect(suite.ignore.map(\.pattern) == ["/content/*/id", "/content/items"])
        #expect(suite.ignore.map(\.aspect) == [.all, .length])
        #expect(suite.ignore[1].operation == "getHoldings")
        #expect(suite.ignore[1].reason == "live data")
        #expect(suite.ignore[0].location?.description == "suites/a.yaml:3:5")
    }

    @Test func badEntriesAreErrorsAtTheirPlace() {
        let text = """
            ignore:
              - { pointer: content, aspect: everything }
              - { aspekt: value }
            """
        let (_, diagnostics) = CompareConfiguration.load(Array(text.utf8), path: "suites/compare.yaml")
        #expect(
            diagnostics.map(\.description) == [
                "suites/compare.yaml:2:16: error: 'content' is not a JSON pointer: must start with '/'",
                "suites/compare.yaml:2:33: error: 'aspect' must be one of all, value, length; found 'everything'",
                "suites/compare.yaml:3:7: error: unknown key 'aspekt' in ignore entry; did you mean 'aspect'?",
                "suites/compare.yaml:3:5: error: an ignore entry needs a 'pointer'",
            ]
        )
    }

    @Test func aConfigurationFileHoldsOnlyIgnore() {
        let good = "ignore:\n  - /content/balances\n"
        let (configuration, none) = CompareConfiguration.load(Array(good.utf8), path: "compare.yaml")
        #expect(none.isEmpty)
        #expect(configuration.ignore.map(\.pattern) == ["/content/balances"])
        let (_, diagnostics) = CompareConfiguration.load(Array("ignor: []\n".utf8), path: "compare.yaml")
        #expect(
            diagnostics.map(\.description)
                == ["compare.yaml:1:1: error: unknown key 'ignor' in compare configuration; did you mean 'ignore'?"]
        )
    }

    @Test func volatileNamesAreRecognisedByTheLastMemberName() throws {
        for pointer in [
            "/content/accountId", "/content/0/id", "/errorHash", "/content/createdAt", "/content/accessToken",
            "/message",
        ] {
            #expect(VolatileFields.isVolatile(try JSONPointer(parsing: pointer)), "\(pointer)")
        }
        for pointer in ["/content/status", "/status", "/content/symbol", "/content/cash", "/content/0"] {
            #expect(!VolatileFields.isVolatile(try JSONPointer(parsing: pointer)), "\(pointer)")
        }
    }
}
