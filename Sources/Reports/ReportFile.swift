import Foundation
import Glibc

/// Writing report files so a reader never sees half of one.
public enum ReportFile {
    /// A report that could not be written.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        /// `cannot write 'path': reason`.
        public var message: String

        /// The message.
        public var description: String { message }
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
    ///
    /// The folder is created when missing. A reader (a CI step, a browser) sees the old file or the new one, never
    /// a partial write; an interrupted writer leaves at most a hidden `.NAME.PID.RANDOM.tmp` file behind.
    ///
    /// - Parameters:
    ///   - bytes: The contents.
    ///   - path: The report's path.
    /// - Throws: ``WriteError`` naming the path and the reason.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(message: "cannot write '\(path)': cannot create folder '\(folder.path)'")
        }
        let unique = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(unique).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes)) else {
            throw WriteError(message: "cannot write '\(path)': cannot create '\(temporary.path)'")
        }
        guard rename(temporary.path, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(message: "cannot write '\(path)': \(reason)")
        }
    }

    /// Writes text as UTF-8, atomically.
    ///
    /// - Parameters:
    ///   - text: The contents.
    ///   - path: The report's path.
    /// - Throws: ``WriteError`` naming the path and the reason.
    public static func writeAtomically(_ text: String, to path: String) throws(WriteError) {
        try writeAtomically(Array(text.utf8), to: path)
    }
}
