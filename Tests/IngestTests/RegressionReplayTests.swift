import Foundation
import Ingest
import LoupeCore
import XCTest

/// Replays `Regressions/`: inputs that once crashed a reader (see its README).
final class RegressionReplayTests: XCTestCase {
    func testRegressionCorpus() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Regressions")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent != "README.md" }
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            _ = try? TextDecoding.decode(bytes)
            _ = try? TextDecoding.decodeHTML(bytes)
            _ = HTMLExtractor.extract(String(decoding: bytes, as: UTF8.self))
            let format = try XCTUnwrap(InputFormat(pathExtension: file.pathExtension), file.lastPathComponent)
            let results = DocumentReader.read(InputFile(path: file.path, id: file.lastPathComponent, format: format))
            // Whatever the input, each result is a document of this file or an error naming it.
            for result in results {
                switch result {
                case .success(let doc):
                    XCTAssertTrue(doc.id.hasPrefix(file.lastPathComponent), "\(file.lastPathComponent): id \(doc.id)")
                    XCTAssertTrue(doc.origin.hasPrefix(file.path), "\(file.lastPathComponent): origin \(doc.origin)")
                    XCTAssertFalse(doc.text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }, "\(file.lastPathComponent): a blank document")
                case .failure(let error):
                    XCTAssertEqual(error.file, file.path)
                    XCTAssertFalse(error.reason.isEmpty)
                }
            }
        }
    }

    /// Found reading DateFinder for the fuzz harness, confirmed by replaying these through its JSONL target:
    /// dates that match a pattern but whose parts are not plain digits as Characters.
    func testDatesWithCombiningMarksAndLineEnds() {
        XCTAssertEqual(DateFinder.normalize("2019-01-31\u{301}"), "2019-01-31")
        XCTAssertEqual(DateFinder.normalize("2018-01-02T10:00:00Z"), "2018-01-02")
        XCTAssertEqual(DateFinder.normalize("1/1/2019\n"), "2019-01-01")
        XCTAssertEqual(DateFinder.normalize("02/01/2018\r\n"), "2018-01-02")
        XCTAssertEqual(DateFinder.normalize("2019-05\n"), "2019-05")
    }
}
