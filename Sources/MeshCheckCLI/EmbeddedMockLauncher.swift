import OpenAPI

/// Starts meshcheck's embedded mock for `--server mock`, so the runner treats it like any other server.
///
/// The runner never imports the mock (STYLE §1); the CLI starts it on 127.0.0.1, port 0, and hands the runner its
/// URL.
enum EmbeddedMockLauncher {
    /// A running mock.
    struct Running {
        /// `http://127.0.0.1:PORT`.
        var baseURL: String
        /// Stops it.
        var stop: @Sendable () -> Void
    }

    /// Why the mock could not start.
    struct LaunchError: Error {
        var message: String
    }

    /// Starts the mock for the spec at `specPath`.
    static func start(specPath: String, document: OpenAPIDocument) throws(LaunchError) -> Running {
        throw LaunchError(
            message: "the embedded mock is not part of this build yet; run against a server with --server URL "
                + "(or a profile of suites/servers.yaml)"
        )
    }
}
