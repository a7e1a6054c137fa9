import Foundation

/// Reads files named on the command line, with errors a person can act on.
enum InputFile {
    /// A file that could not be read.
    struct ReadError: Error {
        /// `cannot read 'path': reason`.
        var message: String
    }

    /// The bytes of `path`, or of standard input for `-`.
    static func read(_ path: String) throws(ReadError) -> [UInt8] {
        if path == "-" {
            return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(message: "cannot read '\(path)': no such file")
        }
        guard !isDirectory.boolValue else {
            throw ReadError(message: "cannot read '\(path)': it is a directory")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(message: "cannot read '\(path)': permission denied or unreadable")
        }
        return [UInt8](data)
    }
}
