import OpenAPI
import Synchronization

/// The operation each concrete method and path reaches, remembered: matching a path against every template of the
/// spec costs more than a step's checks, and a run repeats the same paths.
final class OperationCache: Sendable {
    /// At most this many paths are remembered (paths with ids in them would grow it without end).
    static let capacity = 4096

    private let document: OpenAPIDocument
    private let entries = Mutex<[String: OpenAPIOperation?]>([:])

    init(document: OpenAPIDocument) {
        self.document = document
    }

    /// The operation `method` and `path` reach, or `nil`.
    func operation(method: String, path: String) -> OpenAPIOperation? {
        let key = method + " " + path
        if let cached = entries.withLock({ $0[key] }) {
            return cached
        }
        let found = document.operation(method: method, path: path)?.operation
        entries.withLock { entries in
            if entries.count < Self.capacity { entries[key] = .some(found) }
        }
        return found
    }
}
