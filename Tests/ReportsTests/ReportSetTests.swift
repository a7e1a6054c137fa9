import Foundation
import Reports
import Runner
import TestSupport
import Testing

/// Choosing reports (`--report`, `--junit`, `--html`) and writing them atomically.
struct ReportSetTests {
    @Test
    func formatListsAreReadInAnyOrder() throws {
        #expect(try ReportFormat.list(parsing: "html, json") == [.html, .json])
        #expect(throws: ReportFormatError.self) { try ReportFormat.list(parsing: "json,xml") }
        #expect(throws: ReportFormatError.self) { try ReportFormat.list(parsing: "") }
    }

    @Test
    func explicitPathsAddTheirFormat() {
        let set = ReportSet(formats: [.json], folder: "out", junitPath: "ci/junit.xml")
        #expect(set.destinations.map(\.path) == ["out/results.json", "ci/junit.xml"])
        let all = ReportSet(formats: ReportFormat.allCases, folder: "reports/", htmlPath: "site/index.html")
        #expect(all.destinations.map(\.path) == ["reports/results.json", "reports/junit.xml", "site/index.html"])
    }

    @Test
    func writingReplacesFilesWholeAndLeavesNoTemporaryFile() throws {
        let folder = try TemporaryDirectory()
        try folder.write("out/junit.xml", "old")
        let result = try ReportsFixture.mixed()
        let set = ReportSet(formats: ReportFormat.allCases, folder: folder.path + "/out")
        try set.write(result)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out").sorted()
        #expect(names == ["index.html", "junit.xml", "results.json"])
        #expect(try folder.contents(of: "out/junit.xml").hasPrefix("<?xml"))
        let reread = try ResultsDocument.read(Array(try folder.contents(of: "out/results.json").utf8), path: "r")
        #expect(ResultsDocument.bytes(of: reread) == ResultsDocument.bytes(of: result))
    }

    @Test
    func aFolderThatCannotBeCreatedIsNamed() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write("file", "x")
        let set = ReportSet(formats: [.junit], folder: file + "/sub")
        let result = try ReportsFixture.mixed()
        #expect(throws: ReportFile.WriteError.self) { try set.write(result) }
        do {
            try set.write(result)
        } catch {
            #expect(error.message == "cannot write '\(file)/sub/junit.xml': cannot create folder '\(file)/sub'")
        }
    }
}
