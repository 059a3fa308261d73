import Foundation
@testable import Ingest
import LoupeCore
import TestSupport
import XCTest

final class IngestTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = dir.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    private func read(_ name: String, _ bytes: [UInt8]) -> [Result<SourceDocument, LoupeError>] {
        let path = write(name, bytes)
        return DocumentReader.read(InputFile(path: path, id: name, format: InputFormat(pathExtension: (name as NSString).pathExtension)!))
    }

    func testEncodings() throws {
        let text = "L’Union africaine a signé."
        let utf8 = try read("a.txt", Array(text.utf8)).first!.get()
        XCTAssertEqual(utf8.text, text)
        XCTAssertTrue(utf8.warnings.isEmpty)
        XCTAssertEqual(try read("b.txt", [0xEF, 0xBB, 0xBF] + Array(text.utf8)).first!.get().text, text, "BOM removed")
        var le: [UInt8] = [0xFF, 0xFE]
        for u in text.utf16 { le += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        XCTAssertEqual(try read("c.txt", le).first!.get().text, text)
        // "Etats-Unis d’été" in Windows-1252: é = 0xE9, ’ = 0x92.
        let cp1252: [UInt8] = Array("Etats-Unis d".utf8) + [0x92, 0xE9, 0x74, 0xE9]
        let decoded = try read("d.txt", cp1252).first!.get()
        XCTAssertEqual(decoded.text, "Etats-Unis d’été")
        XCTAssertTrue(decoded.warnings.first?.contains("Windows-1252") ?? false)
    }

    func testBadFilesAreNamedWithAReason() {
        for (name, bytes, reason) in [("empty.txt", [UInt8](), "empty"), ("blank.txt", Array("  \n\n".utf8), "empty"),
                                      ("binary.txt", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02, 0x00], "binary"),
                                      ("bad.txt", [0x41, 0x81, 0x8D, 0xC3], "not valid UTF-8")] {
            guard case .failure(let error) = read(name, bytes).first! else { XCTFail("\(name) should fail"); continue }
            XCTAssertTrue(error.file.hasSuffix(name))
            XCTAssertTrue(error.reason.contains(reason), "\(name): \(error.reason)")
        }
    }

    func testJSONLReadsGoodLinesAndReportsBadOnes() throws {
        let lines = """
            {"id": "a1", "text": "Huawei signe avec l’UA.", "title": "Huawei", "date": "2019-05-31T10:00:00Z", "source": "DBA", "url": "https://example.org/a1"}
            {"text": "Sans identifiant."}
            {"id": "broken", "text": "pas fermé
            ["not", "an", "object"]
            {"id": "no-text"}

            {"id": 42, "text": "Un identifiant numérique, le 2 janvier 2018."}
            """
        let results = read("feed.jsonl", Array(lines.utf8))
        let docs = results.compactMap { try? $0.get() }
        let errors = results.compactMap { r -> LoupeError? in if case .failure(let e) = r { return e } else { return nil } }
        XCTAssertEqual(docs.map(\.id), ["a1", "feed.jsonl:2", "42"])
        XCTAssertEqual(docs[0].metadata, DocumentMetadata(title: "Huawei", date: "2019-05-31", source: "DBA", url: "https://example.org/a1"))
        XCTAssertEqual(docs[2].metadata.date, "2018-01-02")
        XCTAssertEqual(errors.map(\.line), [3, 4, 5])
        XCTAssertTrue(errors[2].reason.contains("missing \"text\""))
    }

    func testJSONLMetadataOfAnotherKindIsReportedAndAuthorsAreJoined() throws {
        let lines = """
            {"id": "a", "text": "Huawei signe avec l’UA.", "author": ["Awa Diop", "Jean Martin"], "source": "DBA"}
            {"id": "b", "text": "Huawei signe encore.", "author": 42, "title": {"fr": "Huawei"}, "url": null}
            """
        let docs = read("feed.jsonl", Array(lines.utf8)).compactMap { try? $0.get() }
        XCTAssertEqual(docs.map(\.id), ["a", "b"], "a field of the wrong kind does not lose the line")
        XCTAssertEqual(docs[0].metadata.author, "Awa Diop, Jean Martin")
        XCTAssertEqual(docs[0].metadata.source, "DBA")
        XCTAssertTrue(docs[0].warnings.isEmpty, "\(docs[0].warnings)")
        XCTAssertNil(docs[1].metadata.author)
        XCTAssertNotEqual(docs[1].metadata.title, "Huawei")
        XCTAssertEqual(docs[1].warnings.filter { $0.contains("is not a string") }.count, 2, "\(docs[1].warnings)")
        XCTAssertTrue(docs[1].warnings.contains { $0.hasPrefix("\"author\"") })
    }

    func testFolderWalkGivesRelativeIdsAndSkipsOtherFiles() throws {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        _ = write("b.txt", Array("B".utf8))
        _ = write("sub/a.md", Array("# A".utf8))
        _ = write("image.png", [0x89, 0x50])
        _ = write(".hidden.txt", Array("h".utf8))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("sub/loop").path, withDestinationPath: dir.path)
        let (files, errors) = InputFiles.collect([dir.path, dir.appendingPathComponent("missing.txt").path])
        XCTAssertEqual(files.map(\.id), ["b.txt", "sub/a.md"])
        XCTAssertEqual(files.map(\.format), [.text, .markdown])
        XCTAssertTrue(errors.contains { $0.reason.contains("no such file") })
        XCTAssertTrue(errors.contains { $0.reason.contains("loop") })
    }

    func testDates() {
        XCTAssertEqual(DateFinder.find(in: "Le communiqué publié le 31 mai 2019 précise"), "2019-05-31")
        XCTAssertEqual(DateFinder.find(in: "1er janvier 2016, 14h30"), "2016-01-01")
        XCTAssertEqual(DateFinder.normalize("02/01/2018"), "2018-01-02")
        XCTAssertNil(DateFinder.find(in: "Aucune date ici, 32 mai 2019 non plus."))
        // The cheap shape test that decides whether the regular expressions run at all.
        XCTAssertEqual(DateFinder.find(in: "Mis à jour : 2021-03-04 à 10 h, puis le 5 mars 2021"), "2021-03-04")
        XCTAssertEqual(DateFinder.find(in: "Le 12 mai, 300 personnes, puis le 1er juin 1998."), "1998-06-01")
        XCTAssertTrue(DateFinder.yearShapes("(2021-03-04)") == (true, true))
        XCTAssertTrue(DateFinder.yearShapes("en 2021-03") == (true, false))
        XCTAssertTrue(DateFinder.yearShapes("le 12 mai à 14 h 30, 999 euros") == (false, false))
    }
}

/// Generated bad input for the decoders and readers: they answer or throw, never crash.
final class RandomBytesTests: XCTestCase {
    func testDecodersOnRandomBytes() {
        var g = SeededGenerator(state: 42)
        let seedBytes = Array("L’Union africaine a signé un accord avec Huawei.\n".utf8)
        for _ in 0..<2000 {
            var bytes: [UInt8]
            if Bool.random(using: &g) {
                bytes = (0..<Int.random(in: 0..<300, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }
            } else {
                bytes = seedBytes  // a valid text with a few bytes flipped
                for _ in 0..<Int.random(in: 1...4, using: &g) { bytes[Int.random(in: 0..<bytes.count, using: &g)] = UInt8.random(in: 0...255, using: &g) }
            }
            if let decoded = try? TextDecoding.decode(bytes) {
                XCTAssertTrue(decoded.text.unicodeScalars.contains { !$0.properties.isWhitespace })
            }
            _ = HTMLExtractor.extract(String(decoding: bytes, as: UTF8.self))
        }
    }

    func testJSONLReaderOnMutatedLines() throws {
        var g = SeededGenerator(state: 7)
        let good = #"{"id": "a", "text": "Le Sénégal vote.", "date": "2024-03-02"}"#
        var lines: [String] = []
        for _ in 0..<300 {
            var line = Array(good.utf8)
            switch Int.random(in: 0..<3, using: &g) {
            case 0: line = Array(line.prefix(Int.random(in: 0..<line.count, using: &g)))
            case 1: line[Int.random(in: 0..<line.count, using: &g)] = UInt8.random(in: 0...255, using: &g)
            default: break
            }
            lines.append(String(decoding: line.filter { $0 != 0x0A }, as: UTF8.self))
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-fuzz-\(UUID().uuidString).jsonl").path
        FileManager.default.createFile(atPath: path, contents: Data(lines.joined(separator: "\n").utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let results = DocumentReader.read(InputFile(path: path, id: "f.jsonl", format: .jsonl))
        let nonBlank = lines.filter { !$0.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }.count
        XCTAssertEqual(results.count, max(1, nonBlank), "one result per line")
        for case .failure(let e) in results { XCTAssertNotNil(e.line) }
    }

    func testHTMLTagSoup() {
        var g = SeededGenerator(state: 99)
        let parts = ["<p>", "</p>", "<div class=\"share\">", "</div>", "<script>", "</script>", "<!--", "-->", "<", ">", "&amp;", "&#x", ";",
                     "&eacute", "Huawei", " signe ", "<br/>", "<article>", "</article>", "\"", "'", "<style>", "</style", "<a href='x", "<nav>"]
        for _ in 0..<1000 {
            let html = (0..<Int.random(in: 0..<40, using: &g)).map { _ in parts.randomElement(using: &g)! }.joined()
            let text = HTMLExtractor.extract(html).text
            XCTAssertFalse(text.contains("<script>"))
        }
    }
}

/// The title is the first non-blank line of at most 200 characters, trimmed; the reader finds it
/// scalar by scalar, which must agree with Foundation's trimming and Character counting.
final class TitleTests: XCTestCase {
    /// The plain statement of the rule, with Foundation: the reference.
    private func reference(_ text: String, markdown: Bool) -> String? {
        var budget = 2000
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { c in c.unicodeScalars.contains { [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029].contains($0.value) } }) {
            if budget <= 0 { break }
            budget -= line.unicodeScalars.count + 1
            var t = line.trimmingCharacters(in: .whitespaces)
            if markdown { t = String(t.drop(while: { $0 == "#" })).trimmingCharacters(in: .whitespaces) }
            if t.isEmpty { continue }
            return t.count <= 200 ? t : nil
        }
        return nil
    }

    func testTitlesAgreeWithTheRule() {
        var g = SeededGenerator(state: 11)
        let pieces = ["Huawei", " ", "\t", "\u{A0}", "\u{2009}", "\u{3000}", "#", "## ", "é", "e\u{301}", "\n", "\n\n", "  \n", "x",
                      String(repeating: "mot ", count: 49), "a", "\u{1F600}", "\r\n"]
        for round in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...14, using: &g) { text += pieces.randomElement(using: &g)! }
            let markdown = round % 2 == 0
            XCTAssertEqual(DocumentReader.title(of: text, markdown: markdown), reference(text, markdown: markdown), "\(Array(text.unicodeScalars))")
        }
        XCTAssertEqual(DocumentReader.title(of: "\n  ## Huawei au Sénégal \t\nTexte", markdown: true), "Huawei au Sénégal")
        XCTAssertNil(DocumentReader.title(of: String(repeating: "long ", count: 60) + "\nsuite", markdown: false))
        XCTAssertEqual(DocumentReader.title(of: String(repeating: "é", count: 200), markdown: false)?.count, 200)
    }
}
