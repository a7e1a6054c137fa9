import Diagnostics
import Foundation
import Suites
import TestSupport
import Testing

struct ServerProfilesTests {
    @Test func theShippedFileDefinesMockAndSandbox() throws {
        let url = SharedFixtures.repository(ServerProfiles.defaultPath)
        let (profiles, diagnostics) = ServerProfiles.load([UInt8](try Data(contentsOf: url)), path: "servers.yaml")
        #expect(diagnostics.isEmpty)
        let loaded = try #require(profiles)
        #expect(loaded.defaultName == "mock")
        #expect(try loaded.select(nil).name == "mock" && loaded.select(nil).isEmbedded)
        #expect(try loaded.select("sandbox").url == "https://sandbox-integration-api.meshconnect.com")
        #expect(try loaded.select("sandbox").timeout == .seconds(30))
    }

    @Test func aURLIsItsOwnProfile() throws {
        let profile = try ServerProfiles.builtIn.select("http://127.0.0.1:8080/")
        #expect(
            profile == ServerProfile(name: "url", url: "http://127.0.0.1:8080", description: "http://127.0.0.1:8080")
        )
        #expect(throws: ServerSelectionError(message: "unknown server 'sandbx'; did you mean 'sandbox'?")) {
            try ServerProfiles.builtIn.select("sandbx")
        }
    }

    @Test func credentialsComeFromTheEnvironmentAndOnlyTheMockHasPlaceholders() throws {
        let sandbox = try ServerProfiles.builtIn.select("sandbox")
        let both = ["MESH_CLIENT_ID": "id", "MESH_CLIENT_SECRET": "secret"]
        #expect(
            try ServerProfiles.credentials(for: sandbox, environment: both)
                == ClientCredentials(clientID: "id", clientSecret: "secret")
        )
        #expect(
            throws: ServerSelectionError(
                message:
                    "MESH_CLIENT_SECRET is not set: server 'sandbox' needs client credentials in MESH_CLIENT_ID and "
                    + "MESH_CLIENT_SECRET"
            )
        ) {
            try ServerProfiles.credentials(
                for: sandbox,
                environment: ["MESH_CLIENT_ID": "id", "MESH_CLIENT_SECRET": ""]
            )
        }
        #expect(
            throws: ServerSelectionError(
                message: "MESH_CLIENT_ID is not set: server 'url' needs client credentials in MESH_CLIENT_ID and "
                    + "MESH_CLIENT_SECRET"
            )
        ) { try ServerProfiles.credentials(for: ServerProfiles.builtIn.select("http://x.test"), environment: [:]) }
        let mock = try ServerProfiles.builtIn.select("mock")
        #expect(try ServerProfiles.credentials(for: mock, environment: [:]) == .placeholder)
        #expect(
            try ServerProfiles.credentials(for: mock, environment: both)
                == ClientCredentials(clientID: "id", clientSecret: "secret")
        )
    }

    @Test func problemsInTheFileArePlaced() {
        let text = """
            default: staging
            servers:
              staging: { urll: "https://x.test" }
              local: { url: "ftp://x", timeout: forever }
              url: { url: "http://x" }
            secretNames: [sessionKey]
            """
        let (profiles, diagnostics) = ServerProfiles.load(Array(text.utf8), path: "servers.yaml")
        #expect(profiles == nil)
        #expect(
            diagnostics.map(\.description) == [
                "servers.yaml:3:14: error: unknown key 'urll' in server 'staging'; did you mean 'url'?",
                "servers.yaml:3:12: error: server 'staging' needs a 'url' (or 'embedded: true')",
                "servers.yaml:4:17: error: 'url' must start with http:// or https://; found 'ftp://x'",
                "servers.yaml:4:37: error: 'timeout' must be a duration such as 500ms, 10s or 2m; found a string",
                "servers.yaml:4:10: error: server 'local' needs a 'url' (or 'embedded: true')",
                "servers.yaml:5:3: error: 'url' is reserved for servers given as a URL on the command line",
                "servers.yaml:1:10: error: default server 'staging' is not a profile",
            ]
        )
    }

    @Test func extraSecretNamesAreRead() throws {
        let (profiles, _) = ServerProfiles.load(Array("secretNames: [sessionKey, pin]\n".utf8), path: "s.yaml")
        #expect(try #require(profiles).secretNames == ["sessionKey", "pin"])
        #expect(try #require(profiles).defaultName == "mock")
    }
}
