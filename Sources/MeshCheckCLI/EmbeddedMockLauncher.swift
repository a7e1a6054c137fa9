import MockServer
import OpenAPI

/// Starts meshcheck's embedded mock for `--server mock`, so the runner treats it like any other server.
///
/// The runner never imports the mock (STYLE §1): the CLI starts it on 127.0.0.1, port 0, and hands the runner its
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

    /// Starts the mock serving `document` on an ephemeral loopback port.
    static func start(document: OpenAPIDocument) throws(LaunchError) -> Running {
        do {
            let mock = try ReferenceMock.start(MockConfiguration(host: "127.0.0.1", port: 0, document: document))
            return Running(baseURL: mock.baseURL, stop: { mock.stop() })
        } catch {
            throw LaunchError(message: "the embedded mock did not start: \(error)")
        }
    }
}
