public import Diagnostics
import Foundation
public import OpenAPI
import YAML

/// Suites loaded from files, with every problem found and the sources to show them with.
public struct SuiteSet: Sendable {
    /// The suites, in path order (documents of one file in order).
    public var suites: [Suite]
    /// Every problem found, in file order.
    public var diagnostics: [Diagnostic]
    /// The text of each file read, by path, for caret snippets.
    public var sources: [String: SourceText]

    /// Creates a set.
    ///
    /// - Parameters:
    ///   - suites: The suites.
    ///   - diagnostics: The problems.
    ///   - sources: The files' text.
    public init(suites: [Suite] = [], diagnostics: [Diagnostic] = [], sources: [String: SourceText] = [:]) {
        self.suites = suites
        self.diagnostics = diagnostics
        self.sources = sources
    }

    /// Whether any problem is an error, which stops a run before it sends anything.
    public var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }

    /// A diagnostic as people read it: the compiler-style line, the source line and a caret.
    ///
    /// - Parameter diagnostic: One of ``diagnostics``.
    /// - Returns: The text.
    public func rendered(_ diagnostic: Diagnostic) -> String {
        diagnostic.rendered(withSnippetFrom: diagnostic.location.flatMap { sources[$0.path] })
    }
}

/// Finds suite files, loads them, and checks them against the suite language and the spec.
///
/// 1. Find: each path is a file, or a folder searched recursively for `*.yaml` and `*.yml` (skipping hidden
///    entries, `spec/` folders and the `servers.yaml` and `baseline.yaml` configuration files).
/// 2. Load: YAML, one suite per document; keys, types, templates and predicates are checked as they are read.
/// 3. Lint (``check(_:against:environment:)``): operations, request bodies, pointers, variables and names, by
///    ``SuiteLinter``.
///
/// Problems are values: every file is read and every problem reported, so a malformed suite never half-runs.
public enum SuiteLoader {
    /// The folder searched when no path is given.
    public static let defaultPath = "suites"

    /// File names in a searched folder that are configuration, not suites.
    public static let configurationFileNames: Set<String> = [
        "servers.yaml", "servers.yml", "baseline.yaml", "baseline.yml", "compare.yaml", "compare.yml",
    ]

    /// The suite files at `paths`, sorted within each folder.
    ///
    /// - Parameter paths: Files and folders.
    /// - Returns: The files, and an error for each path that does not exist or holds no suite.
    public static func suiteFiles(at paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(.error, "no such file or folder: \(path)"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let found = suiteFiles(inFolder: path)
            if found.isEmpty {
                diagnostics.append(Diagnostic(.error, "no suite files (*.yaml, *.yml) in \(path)"))
            }
            files += found
        }
        var seen = Set<String>()
        return (files.filter { seen.insert($0).inserted }, diagnostics)
    }

    private static func suiteFiles(inFolder folder: String) -> [String] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return [] }
        var files: [String] = []
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = base + "/" + name
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if name != "spec" { files += suiteFiles(inFolder: path) }
            } else if (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !configurationFileNames.contains(name) {
                files.append(path)
            }
        }
        return files
    }

    /// Loads the suites at `paths` without the spec: the suite language only.
    ///
    /// - Parameter paths: Files and folders.
    /// - Returns: The suites and every problem found.
    public static func load(_ paths: [String]) -> SuiteSet {
        let (files, diagnostics) = suiteFiles(at: paths)
        var set = SuiteSet(diagnostics: diagnostics)
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                set.diagnostics.append(Diagnostic(.error, "cannot read \(file)"))
                continue
            }
            let loaded = load(file: file, bytes: [UInt8](data))
            set.suites += loaded.suites
            set.diagnostics += loaded.diagnostics
            set.sources.merge(loaded.sources) { first, _ in first }
        }
        return set
    }

    /// Loads the suites of one file's bytes.
    ///
    /// - Parameters:
    ///   - file: The path shown in locations.
    ///   - bytes: The file's bytes.
    /// - Returns: Its suites and problems.
    public static func load(file: String, bytes: [UInt8]) -> SuiteSet {
        var set = SuiteSet(sources: [file: SourceText(path: file, bytes: bytes)])
        let documents: [YAMLDocument]
        do {
            documents = try YAMLLoader.load(bytes, path: file)
        } catch {
            set.diagnostics.append(error.diagnostic)
            return set
        }
        if documents.isEmpty {
            set.diagnostics.append(
                Diagnostic(.error, "the file holds no suite", at: FileLocation(path: file, line: 1, column: 1))
            )
        }
        for (index, document) in documents.enumerated() {
            set.diagnostics += document.warnings
            var decoder = SuiteDecoder(document: document, path: file, documentIndex: index)
            if let suite = decoder.decode() {
                set.suites.append(suite)
            }
            set.diagnostics += decoder.diagnostics
        }
        set.diagnostics = inFileOrder(set.diagnostics)
        return set
    }

    /// Diagnostics sorted by position (those without one first), keeping the order of equal positions.
    static func inFileOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let left = lhs.element.location.map { ($0.path, $0.line, $0.column) } ?? ("", 0, 0)
            let right = rhs.element.location.map { ($0.path, $0.line, $0.column) } ?? ("", 0, 0)
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Loads the suites at `paths` and lints them against the spec: everything `meshcheck lint` reports.
    ///
    /// - Parameters:
    ///   - paths: Files and folders.
    ///   - document: The spec.
    ///   - environment: The process environment, to report `{{ env.NAME }}` variables that are not set.
    /// - Returns: The suites and every problem found.
    public static func check(
        _ paths: [String],
        against document: OpenAPIDocument,
        environment: [String: String]? = nil
    ) -> SuiteSet {
        var set = load(paths)
        lint(&set, against: document, environment: environment)
        return set
    }

    /// Adds the linter's findings to a loaded set.
    ///
    /// - Parameters:
    ///   - set: Loaded suites.
    ///   - document: The spec.
    ///   - environment: The environment, when unset `env` variables should be reported.
    ///   - missingEnvironmentSeverity: How serious an unset `env` variable is (an error before a run).
    public static func lint(
        _ set: inout SuiteSet,
        against document: OpenAPIDocument,
        environment: [String: String]?,
        missingEnvironmentSeverity: Diagnostic.Severity = .warning
    ) {
        let linter = SuiteLinter(
            document: document,
            environment: environment,
            missingEnvironmentSeverity: missingEnvironmentSeverity
        )
        for suite in set.suites {
            set.diagnostics += linter.lint(suite)
        }
        set.diagnostics = inFileOrder(set.diagnostics)
    }
}
