import Diagnostics
import Foundation
import OpenAPI
import Suites

/// Resolves a server argument (`mock`, `sandbox`, another profile, or an `http(s)://` URL) the way `run --server`
/// does, for commands that talk to more than one server.
enum ServerTargets {
    /// A server ready to run against.
    struct Resolved {
        /// The profile.
        var profile: ServerProfile
        /// The credentials from the environment (placeholders for the embedded mock).
        var credentials: ClientCredentials
        /// The base URL.
        var baseURL: String
        /// The embedded mock started for `mock`, to stop afterwards.
        var mock: EmbeddedMockLauncher.Running?
    }

    /// Reads the server profiles file, or the built-in profiles when the default file is absent.
    ///
    /// - Parameters:
    ///   - path: `--servers`, if given.
    ///   - console: Where diagnostics go.
    /// - Returns: The profiles, or `nil` when an explicit file cannot be read.
    static func loadProfiles(_ path: String?, console: Console) -> ServerProfiles? {
        let file = path ?? ServerProfiles.defaultPath
        guard let data = FileManager.default.contents(atPath: file) else {
            if path != nil {
                console.printError(console.colored("error:", .red) + " cannot read servers file '\(file)'")
                return nil
            }
            return .builtIn
        }
        let bytes = [UInt8](data)
        let (profiles, diagnostics) = ServerProfiles.load(bytes, path: file)
        let source = SourceText(path: file, bytes: bytes)
        for diagnostic in diagnostics {
            console.printError(diagnostic.rendered(withSnippetFrom: source))
        }
        return profiles
    }

    /// Selects a profile and its credentials, without starting anything.
    ///
    /// - Parameters:
    ///   - argument: The option's value; the default server when `nil`.
    ///   - profiles: The profiles.
    ///   - environment: The process environment.
    /// - Returns: The profile and credentials.
    /// - Throws: ``ServerSelectionError`` for an unknown server or missing credentials.
    static func select(
        _ argument: String?,
        profiles: ServerProfiles,
        environment: [String: String]
    ) throws(ServerSelectionError) -> (ServerProfile, ClientCredentials) {
        let profile = try profiles.select(argument)
        return (profile, try ServerProfiles.credentials(for: profile, environment: environment))
    }

    /// Starts the embedded mock when the profile is embedded; otherwise uses the profile's URL.
    ///
    /// - Parameters:
    ///   - selection: The profile and credentials from ``select(_:profiles:environment:)``.
    ///   - document: The spec the mock serves.
    /// - Returns: The resolved server.
    /// - Throws: ``EmbeddedMockLauncher/LaunchError`` when the mock does not start.
    static func start(
        _ selection: (ServerProfile, ClientCredentials),
        document: OpenAPIDocument
    ) throws(EmbeddedMockLauncher.LaunchError) -> Resolved {
        let (profile, credentials) = selection
        guard profile.isEmbedded else {
            return Resolved(profile: profile, credentials: credentials, baseURL: profile.url ?? "", mock: nil)
        }
        let mock = try EmbeddedMockLauncher.start(document: document)
        return Resolved(profile: profile, credentials: credentials, baseURL: mock.baseURL, mock: mock)
    }
}
