import CorpusAnalysis
import CSV
import Export
import Foundation
import GRDB
import LoupeCore
import Pipeline
@testable import Storage
import XCTest

/// A real SQLite file, real CSV parsed back.
final class StoreTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func analysed(_ id: String, _ text: String) throws -> (document: Document, hash: String) {
        var doc = Document(id: id, text: text)
        try Pipeline.french().process(&doc)
        return (doc, Store.hash(of: text, metadata: doc.metadata, version: "test"))
    }

    private func seedText() throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent("corpus/000_dca4ec47950a0694.txt"), encoding: .utf8)
    }

    /// The table as CSV parsed back; `raw` (the default here) so that cells compare with the stored text.
    private func export(_ store: Store, _ table: ExportTable, _ options: ExportOptions = ExportOptions(raw: true)) throws -> [[String: String]] {
        let path = dir.appendingPathComponent("\(table.rawValue).csv").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = FileHandle(forWritingAtPath: path)!
        try Exporter(store: store).export(table, options: options, to: handle)
        try handle.close()
        let reader = try CSVReader(stream: InputStream(fileAtPath: path)!, hasHeaderRow: true)
        XCTAssertEqual(reader.headerRow!, table.columns, "\(table) columns")
        var rows: [[String: String]] = []
        while let row = reader.next() {
            if row == [""] { continue }
            rows.append(Dictionary(uniqueKeysWithValues: zip(table.columns, row)))
        }
        return rows
    }

    func testEveryTableExportsAsCSVWithOffsetsIntoTheStoredText() throws {
        let store = try Store.open(path: dir.appendingPathComponent("t.sqlite").path)
        let seed = try seedText()
        let other = "Les Etats-Unis et l'UA ont signé un accord. Le texte est excellent, dit-il.\n"
        try store.save([try analysed("seed.txt", seed), try analysed("other.txt", other)])
        try CorpusLinking.relinkAll(in: store)

        let documents = try export(store, .documents)
        XCTAssertEqual(documents.map { $0["document"]! }, ["seed.txt", "other.txt"])
        XCTAssertEqual(Int(documents[0]["characters"]!), seed.unicodeScalars.count)

        let scalars = Array(seed.unicodeScalars)
        func slice(_ row: [String: String]) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[Int(row["start"]!)!..<Int(row["end"]!)!])
            return String(view)
        }
        let tokens = try export(store, .tokens).filter { $0["document"] == "seed.txt" }
        XCTAssertGreaterThan(tokens.count, 500)
        for row in tokens { XCTAssertEqual(slice(row), row["text"]) }
        XCTAssertTrue(tokens.contains { $0["text"] == "l’" && $0["lemma"] == "le" && $0["stopword"] == "1" })

        let sentences = try export(store, .sentences).filter { $0["document"] == "seed.txt" }
        for row in sentences { XCTAssertEqual(slice(row), row["text"]) }
        XCTAssertTrue(sentences.contains { $0["text"]!.hasPrefix("Pour Huawei, ce partenariat") })

        let mentions = try export(store, .mentions)
        for row in mentions where row["document"] == "seed.txt" { XCTAssertEqual(slice(row), row["text"]) }
        let ua = mentions.filter { $0["text"] == "UA" }
        XCTAssertEqual(ua.count, 3, "two in the seed, one in the other document")
        XCTAssertTrue(ua.allSatisfy { $0["entity"] == "Union africaine" }, "UA links to Union africaine across documents")

        let entities = try export(store, .entities)
        let us = entities.first { $0["entity"] == "États-Unis" || $0["entity"] == "Etats-Unis" }!
        XCTAssertEqual(us["type"], "LOC")
        XCTAssertEqual(us["documents"], "2")
        XCTAssertEqual(entities.filter { Folding.fold($0["entity"]!) == "etats-unis" }.count, 1)
        let union = entities.first { $0["entity"] == "Union africaine" }!
        XCTAssertTrue(union["aliases"]!.contains("UA"))

        let keywords = try export(store, .keywords)
        let huawei = keywords.first { $0["document"] == "seed.txt" && $0["term"] == "huawei" }!
        XCTAssertGreaterThan(Double(huawei["weight"]!)!, Double(huawei["count"]!)!, "a term of one document only weighs more than its count")
        XCTAssertFalse(try export(store, .keyphrases).isEmpty)
    }

    /// Tokens are stored as JSON, one array per document: characters JSON escapes must come back as they were.
    func testTokensWithQuotesBackslashesAndControlCharactersComeBackAsTheyWere() throws {
        let store = try Store.open(path: dir.appendingPathComponent("t.sqlite").path)
        let text = "Il a dit \"non\" \\ oui\u{1} à C:\\Temp.\nPuis « rien »\tdu tout.\n"
        let (doc, hash) = try analysed("q.txt", text)
        try store.save([(doc, hash)])
        let rows = try export(store, .tokens)
        XCTAssertEqual(rows.count, doc.tokens.count)
        XCTAssertTrue(rows.contains { $0["text"] == "\"" }, "a token that is a quotation mark")
        XCTAssertTrue(rows.contains { $0["text"]!.contains("\\") }, "a token holding a backslash")
        for (row, token) in zip(rows, doc.tokens) {
            XCTAssertEqual(row["text"], doc.text(of: token.span))
            XCTAssertEqual(row["lemma"], token.lemma)
            XCTAssertEqual(row["start"], String(token.span.start))
            XCTAssertEqual(row["end"], String(token.span.end))
            XCTAssertEqual(row["stopword"], token.isStopword ? "1" : "0")
            XCTAssertEqual(row["kind"], token.kind.rawValue)
        }
        let sentences = Set(rows.map { $0["sentence"]! })
        XCTAssertEqual(sentences.count, doc.sentences.count)
    }

    /// Stored hashes decide which documents a new run skips: the function must not change.
    func testDocumentHashIsFNV1aOverTextMetadataAndVersion() {
        func reference(_ parts: [String?]) -> String {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for part in parts {
                for b in Array((part ?? "\u{1}").utf8) { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
                h = (h ^ 0xFF) &* 0x100_0000_01b3
            }
            return String(h, radix: 16)
        }
        let text = "Huawei signe avec l’Union africaine à Addis-Abeba. 🇪🇹"
        let metadata = DocumentMetadata(title: "Accord", date: "2019-05-31", source: nil, url: "https://example.org/a")
        XCTAssertEqual(Store.hash(of: text, metadata: metadata, version: "7"), reference([text, "Accord", "2019-05-31", nil, "https://example.org/a", "7"]))
        XCTAssertNotEqual(Store.hash(of: text, metadata: metadata, version: "7"), Store.hash(of: text, metadata: metadata, version: "8"))
    }

    func testTokenJSONNumbersAndEscapesMatchFoundation() throws {
        var out = TokenJSON.Output(capacity: 1)
        defer { out.base.deallocate() }
        let numbers = [0, 7, 9, 10, 99, 100, 999, 1000, 123_456, 999_999_999_999_999_999, 1_000_000_000_000_000_000, Int.max]
        for n in numbers {
            out.count = 0
            out.reserve(20)
            out.number(n)
            XCTAssertEqual(String(decoding: UnsafeBufferPointer(start: out.base, count: out.count), as: UTF8.self), String(n))
        }
        let text = "a\"b\\c\u{1}d\te\nf\u{1F}é"
        out.count = 0
        out.reserve(200)
        var copy = text
        copy.withUTF8 { out.string($0) }
        let json = Data(UnsafeBufferPointer(start: out.base, count: out.count))
        XCTAssertEqual(try JSONSerialization.jsonObject(with: json, options: .fragmentsAllowed) as? String, text)
    }

    func testReplacingADocumentKeepsTheOthers() throws {
        let path = dir.appendingPathComponent("t.sqlite").path
        let store = try Store.open(path: path)
        try store.save([try analysed("a", "Huawei signe avec la Chine."), try analysed("b", "Le Sénégal vote.")])
        try store.save([try analysed("a", "Le groupe Orange signe avec le Cameroun.")])
        try CorpusLinking.relinkAll(in: store)
        XCTAssertEqual(store.documentCount, 2)
        let mentions = try export(store, .mentions)
        XCTAssertEqual(Set(mentions.filter { $0["document"] == "a" }.map { $0["text"]! }), ["Orange", "Cameroun"])
        XCTAssertTrue(mentions.contains { $0["document"] == "b" && $0["text"] == "Sénégal" })
        // The old version's rows are gone from every table, not only from the views.
        let replaced = try analysed("a", "Le groupe Orange signe avec le Cameroun.").document
        try DatabaseQueue(path: path).read { db in
            for table in ["sentence", "document_tokens", "mention", "acronym", "keyword", "keyphrase", "sentiment_cue"] {
                let orphans = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE document_id NOT IN (SELECT id FROM document)")
                XCTAssertEqual(orphans, 0, "rows of a replaced document left in \(table)")
            }
            let tokens = try Int.fetchOne(db, sql: "SELECT count(*) FROM tokens WHERE document = 'a'")
            XCTAssertEqual(tokens, replaced.tokens.count)
        }
        // Reopening runs no migration again and finds the same data.
        XCTAssertEqual(try Store.open(path: path).storedHashes().count, 2)
    }

    /// A JSONL feed may repeat an id: the later version wins even inside one write batch, whose rows
    /// are buffered several to a statement.
    func testARepeatedNameInOneBatchKeepsOnlyTheLastVersion() throws {
        let path = dir.appendingPathComponent("t.sqlite").path
        let store = try Store.open(path: path)
        let last = try analysed("a", "Le groupe Orange signe avec le Cameroun.")
        try store.save([try analysed("a", try seedText()), try analysed("b", "Le Sénégal vote."), last])
        XCTAssertEqual(store.documentCount, 2)
        try DatabaseQueue(path: path).read { db in
            for table in ["sentence", "document_tokens", "mention", "keyword", "keyphrase", "sentiment_cue"] {
                let orphans = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE document_id NOT IN (SELECT id FROM document)")
                XCTAssertEqual(orphans, 0, "rows of a replaced document left in \(table)")
            }
            let tokens = try String.fetchAll(db, sql: "SELECT text FROM tokens WHERE document = 'a'")
            XCTAssertEqual(tokens, last.document.tokens.map(\.text))
        }
    }

    func testJSONLExportParses() throws {
        let store = try Store.open(path: dir.appendingPathComponent("t.sqlite").path)
        try store.save([try analysed("a \"quoted\"", "Huawei, « partenaire », signe.\nDeuxième ligne.")])
        try CorpusLinking.relinkAll(in: store)
        let path = dir.appendingPathComponent("s.jsonl").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = FileHandle(forWritingAtPath: path)!
        try Exporter(store: store).export(.sentences, format: .jsonl, to: handle)
        try handle.close()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        XCTAssertEqual(first["document"] as? String, "a \"quoted\"")
        XCTAssertEqual(first["text"] as? String, "Huawei, « partenaire », signe.")
        XCTAssertEqual(first["start"] as? Int, 0)
    }
}
