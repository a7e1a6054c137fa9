import Foundation
import Glibc

/// Writing report files so a reader never sees half of one.
enum ReportFile {
    /// A report that could not be written.
    struct WriteError: Error {
        /// `cannot write 'path': reason`.
        var message: String
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
    ///
    /// The folder is created when missing. A reader (a CI step, a browser) sees the old file or the new one, never
    /// a partial write.
    ///
    /// - Parameters:
    ///   - bytes: The contents.
    ///   - path: The report's path.
    /// - Throws: ``WriteError`` naming the path and the reason.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(message: "cannot write '\(path)': cannot create folder '\(folder.path)'")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes)) else {
            throw WriteError(message: "cannot write '\(path)': cannot create '\(temporary.path)'")
        }
        guard rename(temporary.path, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(message: "cannot write '\(path)': \(reason)")
        }
    }
}
