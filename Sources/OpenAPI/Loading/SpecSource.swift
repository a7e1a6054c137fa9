public import Diagnostics
public import Foundation
public import JSON
import YAML

/// A spec file as data: its JSON value and a way to turn a JSON pointer into a file position.
///
/// The OpenAPI loader reads only this, so it does not care whether the file was YAML or JSON; positions come
/// from whichever parser read the file.
public struct SpecSource: Sendable {
    /// The path shown in diagnostics.
    public var path: String
    /// The document.
    public var value: JSONValue
    /// The file's text, for caret snippets.
    public var text: SourceText
    /// The position of the value a pointer names, when known.
    public var locate: @Sendable (JSONPointer) -> FileLocation?
    /// What the parser warned about (unknown tags, …); the loader passes them on.
    public var warnings: [Diagnostic] = []

    /// Creates a source.
    ///
    /// - Parameters:
    ///   - path: The path shown in diagnostics.
    ///   - value: The document.
    ///   - text: The file's text.
    ///   - locate: Positions of pointers.
    public init(
        path: String,
        value: JSONValue,
        text: SourceText,
        locate: @escaping @Sendable (JSONPointer) -> FileLocation?
    ) {
        self.path = path
        self.value = value
        self.text = text
        self.locate = locate
    }

    /// Reads a spec file.
    ///
    /// - Parameter path: The file.
    /// - Returns: The source.
    /// - Throws: ``SpecLoadError`` when the file cannot be read or parsed.
    public static func load(path: String) throws(SpecLoadError) -> SpecSource {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw SpecLoadError(Diagnostic(.error, "cannot read spec '\(path)': no such file"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecLoadError(Diagnostic(.error, "cannot read spec '\(path)': permission denied or unreadable"))
        }
        return try parse([UInt8](data), path: path)
    }

    /// Parses spec text, YAML or JSON (JSON is read as the YAML 1.2 it is).
    ///
    /// Positions come from the YAML loader's nodes, so every `$ref` error and lint finding has its line and column.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - path: The path shown in diagnostics.
    /// - Returns: The source.
    /// - Throws: ``SpecLoadError`` with the parser's `path:line:column` diagnostic.
    public static func parse(_ bytes: [UInt8], path: String) throws(SpecLoadError) -> SpecSource {
        let text = SourceText(path: path, bytes: bytes)
        let documents: [YAMLDocument]
        do {
            documents = try YAMLLoader.load(bytes, path: path)
        } catch {
            throw SpecLoadError(error.diagnostic, source: text)
        }
        guard let document = documents.first else {
            throw SpecLoadError(Diagnostic(.error, "cannot read spec '\(path)': the file is empty"))
        }
        guard documents.count == 1 else {
            throw SpecLoadError(
                Diagnostic(.error, "cannot read spec '\(path)': it holds \(documents.count) YAML documents, not one")
            )
        }
        var source = SpecSource(path: path, value: document.value, text: text, locate: { document.location(of: $0) })
        source.warnings = document.warnings
        return source
    }
}

/// A spec that cannot be loaded at all: unreadable, unparsable, or not OpenAPI 3.0.
public struct SpecLoadError: Error, Sendable {
    /// What went wrong, with its position when it has one.
    public var diagnostic: Diagnostic
    /// The file's text, for a caret snippet.
    public var source: SourceText?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - diagnostic: What went wrong.
    ///   - source: The file's text.
    public init(_ diagnostic: Diagnostic, source: SourceText? = nil) {
        self.diagnostic = diagnostic
        self.source = source
    }
}

// MARK: - CustomStringConvertible, LocalizedError

extension SpecLoadError: CustomStringConvertible, LocalizedError {
    /// `path:line:column: error: message`.
    public var description: String { diagnostic.description }
    /// The same text, so `localizedDescription` is useful on Linux too.
    public var errorDescription: String? { description }
}
