public import Runner

/// One kind of report file.
public enum ReportFormat: String, Sendable, CaseIterable, Hashable {
    /// `results.json`, the run's data (docs/results.md).
    case json
    /// `junit.xml`.
    case junit
    /// `index.html`.
    case html

    /// The file name in the output folder.
    public var defaultFileName: String {
        switch self {
        case .json: ResultsDocument.fileName
        case .junit: "junit.xml"
        case .html: "index.html"
        }
    }

    /// Reads `json,junit,html` (any order, any subset, no repeats).
    ///
    /// - Parameter text: The comma-separated list.
    /// - Returns: The formats, in the order given.
    /// - Throws: A one-line message naming the unknown or repeated entry.
    public static func list(parsing text: String) throws(ReportFormatError) -> [ReportFormat] {
        var formats: [ReportFormat] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = String(piece.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            guard let format = ReportFormat(rawValue: name) else {
                throw ReportFormatError(
                    message: "'--report' takes a comma-separated list of json, junit and html; found '\(name)'"
                )
            }
            guard !formats.contains(format) else {
                throw ReportFormatError(message: "'--report' lists '\(name)' twice")
            }
            formats.append(format)
        }
        return formats
    }
}

/// A `--report` list that cannot be read.
public struct ReportFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line.
    public var message: String

    /// The message.
    public var description: String { message }
}

/// Which reports to write where, and the writers that make them.
///
/// Each file is written atomically (a temporary file renamed over the old one), so a CI step or a browser never
/// reads half of one, also when the run was interrupted.
public struct ReportSet: Sendable {
    /// Where each chosen report goes, in the order written.
    public var destinations: [(format: ReportFormat, path: String)]
    /// Makes `junit.xml`.
    public var junit: JUnitXMLWriter
    /// Makes `index.html`.
    public var html: HTMLReportWriter

    /// Chooses paths: `folder/results.json`, `folder/junit.xml`, `folder/index.html`, unless a path is given.
    ///
    /// - Parameters:
    ///   - formats: The reports wanted; an explicit `junitPath` or `htmlPath` adds its format.
    ///   - folder: The output folder.
    ///   - junitPath: Where `junit.xml` goes instead.
    ///   - htmlPath: Where `index.html` goes instead.
    ///   - junit: Makes `junit.xml`.
    ///   - html: Makes `index.html`.
    public init(
        formats: [ReportFormat],
        folder: String,
        junitPath: String? = nil,
        htmlPath: String? = nil,
        junit: JUnitXMLWriter = JUnitXMLWriter(),
        html: HTMLReportWriter = HTMLReportWriter()
    ) {
        let prefix = folder.isEmpty ? "" : folder.hasSuffix("/") ? folder : folder + "/"
        var chosen = formats
        if junitPath != nil && !chosen.contains(.junit) { chosen.append(.junit) }
        if htmlPath != nil && !chosen.contains(.html) { chosen.append(.html) }
        destinations = ReportFormat.allCases.filter(chosen.contains).map { format in
            switch format {
            case .junit: (format, junitPath ?? prefix + format.defaultFileName)
            case .html: (format, htmlPath ?? prefix + format.defaultFileName)
            case .json: (format, prefix + format.defaultFileName)
            }
        }
        self.junit = junit
        self.html = html
    }

    /// The contents of one report for a run.
    ///
    /// - Parameters:
    ///   - format: The report.
    ///   - result: The run.
    /// - Returns: The file's bytes.
    public func contents(of format: ReportFormat, for result: RunResult) -> [UInt8] {
        switch format {
        case .json: ResultsDocument.bytes(of: result)
        case .junit: Array(junit.xml(for: result).utf8)
        case .html: Array(html.html(for: result).utf8)
        }
    }

    /// Writes every chosen report, atomically, and stops at the first that cannot be written.
    ///
    /// - Parameter result: The run.
    /// - Returns: The paths written, in order.
    /// - Throws: ``ReportFile/WriteError`` naming the file and the reason.
    @discardableResult
    public func write(_ result: RunResult) throws(ReportFile.WriteError) -> [(format: ReportFormat, path: String)] {
        var written: [(format: ReportFormat, path: String)] = []
        for (format, path) in destinations {
            try ReportFile.writeAtomically(contents(of: format, for: result), to: path)
            written.append((format, path))
        }
        return written
    }
}
