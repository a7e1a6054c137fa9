import Foundation
public import Runner

/// Earlier results for `--previous`: one `results.json`, or every results file in a folder.
public enum ResultsHistory {
    /// Loads earlier runs, oldest first.
    ///
    /// A folder's `*.json` files that are not meshcheck results (another tool's output) are passed over and named
    /// in `skipped`; a file given by name must be a results file.
    ///
    /// - Parameter path: A results file or a folder of them.
    /// - Returns: The runs by start time, oldest first, and the folder files that were not results, with why.
    /// - Throws: ``ResultsHistoryError`` when the path cannot be read or a file given by name is not results.
    public static func load(_ path: String) throws(ResultsHistoryError) -> (runs: [RunResult], skipped: [String]) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ResultsHistoryError(message: "cannot read '\(path)': no such file or folder")
        }
        if !isFolder.boolValue {
            return ([try read(path)], [])
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw ResultsHistoryError(message: "cannot list '\(path)': \(error.localizedDescription)")
        }
        var runs: [RunResult] = []
        var skipped: [String] = []
        for name in names {
            let file = (path.hasSuffix("/") ? path : path + "/") + name
            do {
                runs.append(try read(file))
            } catch {
                skipped.append(error.message)
            }
        }
        runs.sort { ($0.startedAt, $0.runID) < ($1.startedAt, $1.runID) }
        return (runs, skipped)
    }

    /// Reads one results file.
    ///
    /// - Parameter path: The file.
    /// - Returns: The run.
    /// - Throws: ``ResultsHistoryError`` when it cannot be read or is not results.
    public static func read(_ path: String) throws(ResultsHistoryError) -> RunResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ResultsHistoryError(message: "cannot read '\(path)'")
        }
        do {
            return try ResultsDocument.read([UInt8](data), path: path)
        } catch {
            throw ResultsHistoryError(message: error.description)
        }
    }
}

/// A results file or folder that cannot be used.
public struct ResultsHistoryError: Error, Sendable {
    /// One line saying why, with the path.
    public var message: String
}
