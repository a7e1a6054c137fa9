public import Diagnostics
import JSON
import YAML

/// A server a run can target, as `suites/servers.yaml` names it.
public struct ServerProfile: Sendable, Equatable {
    /// The name given to `--server`.
    public var name: String
    /// The base URL; `nil` for the embedded mock, whose URL is known only once it runs.
    public var url: String?
    /// Whether this is meshcheck's embedded mock, started by the CLI for the run.
    public var isEmbedded: Bool
    /// The environment variable holding the client id.
    public var clientIDVariable: String
    /// The environment variable holding the client secret.
    public var clientSecretVariable: String
    /// The default total timeout of a step against this server.
    public var timeout: Duration?
    /// One line about the server.
    public var description: String?

    /// Creates a profile.
    ///
    /// - Parameters:
    ///   - name: The name.
    ///   - url: The base URL, `nil` for the embedded mock.
    ///   - isEmbedded: Whether it is the embedded mock.
    ///   - clientIDVariable: The variable with the client id.
    ///   - clientSecretVariable: The variable with the client secret.
    ///   - timeout: The default step timeout.
    ///   - description: One line about it.
    public init(
        name: String,
        url: String?,
        isEmbedded: Bool = false,
        clientIDVariable: String = "MESH_CLIENT_ID",
        clientSecretVariable: String = "MESH_CLIENT_SECRET",
        timeout: Duration? = nil,
        description: String? = nil
    ) {
        self.name = name
        self.url = url
        self.isEmbedded = isEmbedded
        self.clientIDVariable = clientIDVariable
        self.clientSecretVariable = clientSecretVariable
        self.timeout = timeout
        self.description = description
    }
}

/// The client credentials sent with every request (`X-Client-Id`, `X-Client-Secret`).
public struct ClientCredentials: Sendable, Equatable {
    /// The client id.
    public var clientID: String
    /// The client secret.
    public var clientSecret: String
    /// Whether these are placeholders (the embedded mock accepts any non-empty value).
    public var isPlaceholder: Bool

    /// Creates credentials.
    ///
    /// - Parameters:
    ///   - clientID: The client id.
    ///   - clientSecret: The client secret.
    ///   - isPlaceholder: Whether they are placeholders.
    public init(clientID: String, clientSecret: String, isPlaceholder: Bool = false) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.isPlaceholder = isPlaceholder
    }

    /// Placeholders for the embedded mock when the environment has none.
    public static let placeholder = ClientCredentials(
        clientID: "meshcheck-placeholder-client-id",
        clientSecret: "meshcheck-placeholder-client-secret",
        isPlaceholder: true
    )
}

/// The server profiles of `suites/servers.yaml`, and extra secret names.
///
/// ```yaml
/// default: mock
/// servers:
///   mock: { embedded: true }
///   sandbox:
///     url: https://sandbox-integration-api.meshconnect.com
///     clientIdVariable: MESH_CLIENT_ID
///     clientSecretVariable: MESH_CLIENT_SECRET
/// secretNames: [sessionKey]
/// ```
public struct ServerProfiles: Sendable {
    /// The file read when none is named.
    public static let defaultPath = "suites/servers.yaml"

    /// The profile used without `--server`.
    public var defaultName: String
    /// The profiles, in file order.
    public var profiles: [ServerProfile]
    /// Secret-name markers added to ``SecretRedactor/defaultSecretNames``.
    public var secretNames: [String]

    /// Creates profiles.
    ///
    /// - Parameters:
    ///   - defaultName: The default profile.
    ///   - profiles: The profiles.
    ///   - secretNames: Extra secret names.
    public init(defaultName: String, profiles: [ServerProfile], secretNames: [String] = []) {
        self.defaultName = defaultName
        self.profiles = profiles
        self.secretNames = secretNames
    }

    /// The profiles meshcheck knows without a file: `mock` (the default) and `sandbox`.
    public static let builtIn = ServerProfiles(
        defaultName: "mock",
        profiles: [
            ServerProfile(
                name: "mock",
                url: nil,
                isEmbedded: true,
                description: "the embedded reference mock on 127.0.0.1"
            ),
            ServerProfile(
                name: "sandbox",
                url: "https://sandbox-integration-api.meshconnect.com",
                description: "Mesh's sandbox"
            ),
        ]
    )

    /// The profile called `name`.
    ///
    /// - Parameter name: The name.
    /// - Returns: The profile.
    public func profile(named name: String) -> ServerProfile? {
        profiles.first { $0.name == name }
    }

    /// The profile `--server` names: a profile's name, or an `http(s)://` URL (a profile called `url`).
    ///
    /// - Parameter argument: The `--server` value; `nil` for the default.
    /// - Returns: The profile.
    /// - Throws: ``ServerSelectionError`` for an unknown name.
    public func select(_ argument: String?) throws(ServerSelectionError) -> ServerProfile {
        let name = argument ?? defaultName
        if name.hasPrefix("http://") || name.hasPrefix("https://") {
            let trimmed = name.hasSuffix("/") ? String(name.dropLast()) : name
            return ServerProfile(name: "url", url: trimmed, description: trimmed)
        }
        guard let profile = profile(named: name) else {
            let names = profiles.map(\.name)
            let near = Spelling.closestMatch(to: name, among: names).map { "; did you mean '\($0)'?" }
            throw ServerSelectionError(
                message: "unknown server '\(name)'"
                    + (near ?? "; give a profile (\(names.joined(separator: ", "))) or a URL")
            )
        }
        return profile
    }

    /// The credentials for `profile` from the environment.
    ///
    /// The embedded mock accepts any non-empty value, so placeholders stand in when the variables are unset; any
    /// other server needs both.
    ///
    /// - Parameters:
    ///   - profile: The profile.
    ///   - environment: The process environment.
    /// - Returns: The credentials.
    /// - Throws: ``ServerSelectionError`` naming the variable that is unset or empty.
    public static func credentials(
        for profile: ServerProfile,
        environment: [String: String]
    ) throws(ServerSelectionError) -> ClientCredentials {
        let id = environment[profile.clientIDVariable].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment[profile.clientSecretVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let id, let secret {
            return ClientCredentials(clientID: id, clientSecret: secret)
        }
        if profile.isEmbedded {
            return ClientCredentials(
                clientID: id ?? ClientCredentials.placeholder.clientID,
                clientSecret: secret ?? ClientCredentials.placeholder.clientSecret,
                isPlaceholder: true
            )
        }
        let missing = id == nil ? profile.clientIDVariable : profile.clientSecretVariable
        throw ServerSelectionError(
            message: "\(missing) is not set: server '\(profile.name)' needs client credentials in "
                + "\(profile.clientIDVariable) and \(profile.clientSecretVariable)"
        )
    }
}

/// A `--server` that cannot be used: an unknown name or missing credentials.
public struct ServerSelectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One lower-case line.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameter message: One lower-case line.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

// MARK: - Loading

extension ServerProfiles {
    /// Reads a `servers.yaml` file's bytes; the built-in profiles are kept unless the file redefines them.
    ///
    /// - Parameters:
    ///   - bytes: The file.
    ///   - path: The path shown in locations.
    /// - Returns: The profiles, or `nil`, and every problem found.
    public static func load(_ bytes: [UInt8], path: String) -> (profiles: ServerProfiles?, diagnostics: [Diagnostic]) {
        let documents: [YAMLDocument]
        do {
            documents = try YAMLLoader.load(bytes, path: path)
        } catch {
            return (nil, [error.diagnostic])
        }
        guard let document = documents.first else { return (builtIn, []) }
        var reader = NodeReader(document: document)
        let root = LocatedNode(node: document.root, pointer: .root)
        var result = builtIn
        guard
            let members = reader.members(
                of: root,
                context: "servers.yaml",
                key: "servers.yaml",
                allowed: ["default", "servers", "secretNames"]
            )
        else { return (nil, reader.diagnostics) }
        var defaultLocation: FileLocation?
        for (key, _, value) in members {
            switch key {
            case "default":
                defaultLocation = value.location
                result.defaultName = reader.string(value, key: key) ?? result.defaultName
            case "secretNames": result.secretNames = reader.stringList(value, key: key) ?? []
            default:
                for (name, keyLocation, entry) in reader.entries(of: value, key: key) ?? [] {
                    guard let profile = decodeProfile(name, entry, at: keyLocation, reader: &reader) else { continue }
                    if let index = result.profiles.firstIndex(where: { $0.name == name }) {
                        result.profiles[index] = profile
                    } else {
                        result.profiles.append(profile)
                    }
                }
            }
        }
        if let defaultLocation, result.profile(named: result.defaultName) == nil {
            reader.error("default server '\(result.defaultName)' is not a profile", at: defaultLocation)
        }
        return (reader.diagnostics.contains { $0.severity == .error } ? nil : result, reader.diagnostics)
    }

    private static func decodeProfile(
        _ name: String,
        _ located: LocatedNode,
        at keyLocation: FileLocation,
        reader: inout NodeReader
    ) -> ServerProfile? {
        guard
            let members = reader.members(
                of: located,
                context: "server '\(name)'",
                key: name,
                allowed: ["url", "embedded", "clientIdVariable", "clientSecretVariable", "timeout", "description"]
            )
        else { return nil }
        if name == "url" {
            reader.error("'url' is reserved for servers given as a URL on the command line", at: keyLocation)
            return nil
        }
        var profile = ServerProfile(name: name, url: nil)
        for (key, _, value) in members {
            switch key {
            case "url":
                guard let url = reader.string(value, key: key) else { continue }
                guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                    reader.error("'url' must start with http:// or https://; found '\(url)'", at: value.location)
                    continue
                }
                profile.url = url.hasSuffix("/") ? String(url.dropLast()) : url
            case "embedded": profile.isEmbedded = reader.boolean(value, key: key) ?? false
            case "clientIdVariable":
                profile.clientIDVariable = reader.string(value, key: key) ?? profile.clientIDVariable
            case "clientSecretVariable":
                profile.clientSecretVariable = reader.string(value, key: key) ?? profile.clientSecretVariable
            case "timeout": profile.timeout = reader.duration(value, key: key)
            default: profile.description = reader.string(value, key: key, allowEmpty: true)
            }
        }
        if profile.url == nil && !profile.isEmbedded {
            reader.error("server '\(name)' needs a 'url' (or 'embedded: true')", at: located.location)
            return nil
        }
        return profile
    }
}
