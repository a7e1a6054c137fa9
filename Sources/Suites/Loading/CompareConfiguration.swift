public import Diagnostics
import JSON
import YAML

/// A compare configuration file (`compare.yaml`): `ignore:` entries for every suite of a `meshcheck compare` run.
///
/// The entries read exactly like a suite's `ignore:` list (``DriftIgnoreRule``). Unknown keys are errors, as in
/// suites.
public struct CompareConfiguration: Sendable {
    /// The name a suites folder may hold it under; folder searches skip it.
    public static let defaultFileName = "compare.yaml"

    /// The rules, in file order.
    public var ignore: [DriftIgnoreRule]

    /// Creates a configuration.
    ///
    /// - Parameter ignore: The rules.
    public init(ignore: [DriftIgnoreRule] = []) {
        self.ignore = ignore
    }

    /// Reads a configuration file.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - path: The path shown in diagnostics.
    /// - Returns: The configuration (what could be read) and every problem, with its place in the file.
    public static func load(_ bytes: [UInt8], path: String) -> (CompareConfiguration, [Diagnostic]) {
        let documents: [YAMLDocument]
        do {
            documents = try YAMLLoader.load(bytes, path: path)
        } catch {
            return (CompareConfiguration(), [error.diagnostic])
        }
        guard let document = documents.first else { return (CompareConfiguration(), []) }
        var decoder = SuiteDecoder(document: document, path: path, documentIndex: 0)
        var configuration = CompareConfiguration()
        let root = LocatedNode(node: document.root, pointer: .root)
        if case .null = document.value { return (configuration, []) }
        if let members = decoder.reader.members(
            of: root,
            context: "compare configuration",
            key: "compare configuration",
            allowed: ["ignore"]
        ) {
            for (_, _, value) in members {
                configuration.ignore += decoder.decodeIgnoreRules(value)
            }
        }
        var diagnostics = decoder.diagnostics
        if documents.count > 1 {
            let location = FileLocation(path: path, line: documents[1].root.location.line, column: 1)
            diagnostics.append(Diagnostic(.error, "a compare configuration holds one document", at: location))
        }
        return (configuration, diagnostics)
    }
}
