public import Foundation

/// A fresh folder under the system's temporary folder, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    // Immutable after init; unchecked only because Foundation's URL-holding class is not marked Sendable here.
    /// The folder.
    public let url: URL

    /// The folder's path.
    public var path: String { url.path }

    /// Creates the folder.
    ///
    /// - Throws: When it cannot be created.
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("meshcheck-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes a file in the folder and returns its path.
    ///
    /// - Parameters:
    ///   - name: The file's name (may contain sub-folders, which are created).
    ///   - contents: The bytes.
    /// - Returns: The file's path.
    /// - Throws: When it cannot be written.
    @discardableResult
    public func write(_ name: String, _ contents: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data(contents).write(to: file)
        return file.path
    }

    /// Writes a text file in the folder and returns its path.
    ///
    /// - Parameters:
    ///   - name: The file's name.
    ///   - text: The text, written as UTF-8.
    /// - Returns: The file's path.
    /// - Throws: When it cannot be written.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// The text of a file in the folder.
    ///
    /// - Parameter name: The file's name.
    /// - Returns: Its contents as UTF-8.
    /// - Throws: When it cannot be read.
    public func contents(of name: String) throws -> String {
        String(decoding: try Data(contentsOf: url.appendingPathComponent(name)), as: UTF8.self)
    }
}
