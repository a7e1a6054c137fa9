public import Foundation
public import Testing

/// Finds the repository and `../shared` from this file's own path, never from the working directory.
public enum SharedFixtures {
    /// The repository's root folder.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `../shared` next to the repository.
    public static let sharedRoot: URL = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// A corpus folder under `../shared/corpora/`.
    ///
    /// - Parameter relativePath: The folder below `corpora`, such as `json-test-suite/test_parsing`.
    /// - Returns: The corpus, present or not.
    public static func corpus(_ relativePath: String) -> Corpus {
        Corpus(url: sharedRoot.appendingPathComponent("corpora").appendingPathComponent(relativePath))
    }

    /// A file or folder under `../shared/`.
    ///
    /// - Parameter relativePath: The path below `shared`.
    /// - Returns: Its URL (which may not exist).
    public static func shared(_ relativePath: String) -> URL {
        sharedRoot.appendingPathComponent(relativePath)
    }

    /// A file or folder in the repository.
    ///
    /// - Parameter relativePath: The path below the repository root.
    /// - Returns: Its URL.
    public static func repository(_ relativePath: String) -> URL {
        repositoryRoot.appendingPathComponent(relativePath)
    }
}

/// A folder of third-party test data.
public struct Corpus: Sendable {
    /// The folder.
    public let url: URL

    /// A folder of test data anywhere, such as `SharedFixtures.shared("spec/history")`.
    ///
    /// - Parameter url: The folder.
    public init(url: URL) {
        self.url = url
    }

    /// Whether the folder exists (tests that need it are skipped otherwise).
    public var isPresent: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The regular files directly in the folder whose names start with `prefix`, sorted by name.
    ///
    /// - Parameter prefix: The name prefix; empty for all.
    /// - Returns: The files, empty when the folder is absent.
    public func files(withPrefix prefix: String = "") -> [CorpusFile] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && !$0.hasPrefix(".") }.sorted().map {
            CorpusFile(url: url.appendingPathComponent($0))
        }
    }

    /// The sub-folders directly in the folder, sorted by name.
    public var subfolders: [CorpusFile] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted().compactMap { name in
            var isDirectory: ObjCBool = false
            let child = url.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory), isDirectory.boolValue
            else { return nil }
            return CorpusFile(url: child)
        }
    }
}

/// One file (or case folder) of a corpus; tests show it by name.
public struct CorpusFile: Sendable, CustomTestStringConvertible {
    /// The file's location.
    public let url: URL

    /// The file's name, such as `y_array_empty.json`.
    public var name: String { url.lastPathComponent }

    /// The name, so each test case is listed by its official ID.
    public var testDescription: String { name }

    /// The file's bytes.
    ///
    /// - Returns: The contents.
    /// - Throws: When the file cannot be read.
    public func bytes() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    /// A file inside this case folder.
    ///
    /// - Parameter name: The file's name.
    /// - Returns: The file.
    public func child(_ name: String) -> CorpusFile {
        CorpusFile(url: url.appendingPathComponent(name))
    }

    /// Whether the file exists.
    public var exists: Bool { FileManager.default.fileExists(atPath: url.path) }
}
