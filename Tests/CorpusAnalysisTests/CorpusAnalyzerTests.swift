@testable import CorpusAnalysis
import Export
import Foundation
import GRDB
import Ingest
import LoupeCore
import Pipeline
import Storage
import XCTest

/// The corpus loop driven directly, on the repository's French articles and real SQLite files.
final class CorpusAnalyzerTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let pipeline = try! Pipeline.french()
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// The sample corpus's files (20 Wikinews articles, the seed and a JSONL feed of eight items).
    func corpusFiles() -> [InputFile] {
        let (files, errors) = InputFiles.collect([Self.root.appendingPathComponent("corpus").path])
        XCTAssertEqual(errors, [])
        XCTAssertGreaterThanOrEqual(files.count, 20)
        return files
    }

    /// Every export table of the store as CSV text.
    func exports(_ store: Store) throws -> [String: String] {
        var out: [String: String] = [:]
        for table in ExportTable.allCases {
            let path = dir.appendingPathComponent("\(UUID().uuidString).csv").path
            FileManager.default.createFile(atPath: path, contents: nil)
            let handle = FileHandle(forWritingAtPath: path)!
            _ = try Exporter(store: store).export(table, format: .csv, to: handle)
            try handle.close()
            out[table.rawValue] = try String(contentsOfFile: path, encoding: .utf8)
        }
        return out
    }

    func analyze(_ files: [InputFile], db: String, jobs: Int, tune: (inout CorpusAnalyzer) -> Void = { _ in },
                 events: inout [AnalysisEvent]) async throws -> (Store, AnalysisSummary) {
        let store = try Store.open(path: dir.appendingPathComponent(db).path)
        var analyzer = CorpusAnalyzer(pipeline: Self.pipeline, jobs: jobs)
        tune(&analyzer)
        var seen: [AnalysisEvent] = []
        let summary = try await analyzer.analyze(files, into: store) { seen.append($0) }
        events = seen
        return (store, summary)
    }

    func testJobsAndBatchingDoNotChangeTheDatabase() async throws {
        let files = corpusFiles()
        var events: [AnalysisEvent] = []
        let (one, summaryOne) = try await analyze(files, db: "one.sqlite", jobs: 1, events: &events)
        // Three workers, tiny batches and a tiny memory bound: many transactions, workers held back.
        let (three, summaryThree) = try await analyze(files, db: "three.sqlite", jobs: 3, tune: {
            $0.batchSize = 2
            $0.unstoredTextBytes = 2_000
        }, events: &events)
        XCTAssertEqual(summaryOne, summaryThree)
        XCTAssertEqual(summaryOne.stored, try one.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM document") })
        XCTAssertGreaterThan(summaryOne.mentions, 200)
        let a = try exports(one), b = try exports(three)
        for table in ExportTable.allCases {
            XCTAssertEqual(a[table.rawValue], b[table.rawValue], "\(table) differs between --jobs 1 and --jobs 3")
        }
        XCTAssertTrue(a["entities"]!.contains("\nUnion africaine,ORG,"), "the seed's Union africaine is an ORG entity")
        // Progress ends with every file done, in steps that never go back.
        let done = events.compactMap { if case .progress(let d, _) = $0 { d } else { nil } }
        XCTAssertEqual(done, done.sorted())
        XCTAssertEqual(done.last, files.count)
    }

    func testASecondRunStoresNothingAndAChangedFileIsReplaced() async throws {
        let folder = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let seed = try String(contentsOf: Self.root.appendingPathComponent("corpus/000_dca4ec47950a0694.txt"), encoding: .utf8)
        try seed.write(to: folder.appendingPathComponent("seed.txt"), atomically: true, encoding: .utf8)
        try "Le Sénégal et la Chine signent un accord à Dakar.\n".write(to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let files = InputFiles.collect([folder.path]).files
        var events: [AnalysisEvent] = []
        let (_, first) = try await analyze(files, db: "x.sqlite", jobs: 2, events: &events)
        XCTAssertEqual(first.stored, 2)
        let (_, again) = try await analyze(files, db: "x.sqlite", jobs: 2, events: &events)
        XCTAssertEqual(again.stored, 0)
        XCTAssertEqual(again.unchanged, 2)
        try "Le Sénégal et le Mali signent un accord à Bamako.\n".write(to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let (store, changed) = try await analyze(files, db: "x.sqlite", jobs: 2, events: &events)
        XCTAssertEqual(changed.stored, 1)
        XCTAssertEqual(changed.unchanged, 1)
        let entities = try exports(store)["entities"]!
        XCTAssertTrue(entities.contains("\nBamako,LOC,"))
        XCTAssertFalse(entities.contains("\nDakar,"), "the replaced version's entities are gone")
    }

    func testBadFilesAreReportedInInputOrderAndTheRunGoesOn() async throws {
        let folder = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data().write(to: folder.appendingPathComponent("a-empty.txt"))
        try "Huawei ouvre un centre à Dakar.\n".write(to: folder.appendingPathComponent("b-good.txt"), atomically: true, encoding: .utf8)
        try Data([0x00, 0xFF, 0x00, 0x13, 0x00, 0x00]).write(to: folder.appendingPathComponent("c-binary.txt"))
        try "{\"id\": \"n1\", \"text\": \"La Chine signe.\"}\npas du JSON\n".write(to: folder.appendingPathComponent("d-feed.jsonl"), atomically: true, encoding: .utf8)
        var events: [AnalysisEvent] = []
        let (_, summary) = try await analyze(InputFiles.collect([folder.path]).files, db: "x.sqlite", jobs: 2, events: &events)
        XCTAssertEqual(summary.stored, 2)
        XCTAssertEqual(summary.failed, 3)
        let failures = events.compactMap { if case .failure(let e) = $0 { e } else { nil } }
        XCTAssertEqual(failures.map { URL(fileURLWithPath: $0.file).lastPathComponent }, ["a-empty.txt", "c-binary.txt", "d-feed.jsonl"])
        XCTAssertEqual(failures.last?.line, 2)
    }

    func testAThinPageIsNotScoredForSentimentAndAPagesTextIsNotJudgedAgainLineByLine() async throws {
        let folder = dir.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let furniture = (1...40).map { "<li><a href=\"/r\($0)\">Un autre article formidable, excellent et merveilleux numéro \($0) à lire</a></li>" }.joined()
        try "<html><body><nav><ul>\(furniture)</ul></nav><main><p>Superbe victoire !</p></main></body></html>"
            .write(to: folder.appendingPathComponent("thin.html"), atomically: true, encoding: .utf8)
        let story = "<p>Le groupe Huawei a signé un accord excellent avec l'Union africaine à Addis-Abeba, pour cinq ans.</p>"
        try "<html><body><article><h1>Accord</h1>\(String(repeating: story, count: 4))<p>Partagez cet article sur Facebook</p></article></body></html>"
            .write(to: folder.appendingPathComponent("story.html"), atomically: true, encoding: .utf8)
        var events: [AnalysisEvent] = []
        let (store, summary) = try await analyze(InputFiles.collect([folder.path]).files, db: "p.sqlite", jobs: 2, events: &events)
        XCTAssertEqual(summary.stored, 2)
        XCTAssertTrue(events.contains { if case .warning(let origin, let message) = $0 { origin.hasSuffix("thin.html") && message.contains("not scored for sentiment") } else { false } })
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT d.name, d.sentiment, MAX(abs(s.sentiment)) AS strongest, MAX(s.boilerplate) AS boilerplate FROM document d JOIN sentence s ON s.document_id = d.id GROUP BY d.id ORDER BY d.name")
        }
        XCTAssertEqual(rows.map { $0["name"] as String }, ["story.html", "thin.html"])
        XCTAssertGreaterThan(rows[0]["sentiment"] as Double, 0, "the article is scored")
        XCTAssertEqual(rows[0]["boilerplate"] as Int, 0, "the extractor's text is not judged again line by line")
        XCTAssertEqual(rows[1]["sentiment"] as Double, 0)
        XCTAssertEqual(rows[1]["strongest"] as Double, 0, "no sentence of a thin page is scored")
    }

    func testDocumentsStoredByARunThatStoppedBeforeLinkingAreLinkedByTheNext() async throws {
        let store = try Store.open(path: dir.appendingPathComponent("x.sqlite").path)
        var events: [AnalysisEvent] = []
        let files = corpusFiles()
        _ = try await analyze(Array(files.prefix(5)), db: "x.sqlite", jobs: 1, events: &events)
        // A run stopped between its last commit and the linking: documents stored, entities not updated.
        var doc = Document(id: "late", text: "Le président Macky Sall a reçu Paul Kagame à Dakar.")
        Self.pipeline.process(&doc)
        try store.save([(doc, Store.hash(of: doc.text, metadata: doc.metadata, version: "test"))])
        XCTAssertFalse(try exports(store)["entities"]!.contains("\nPaul Kagame,"))
        _ = try await analyze(Array(files.prefix(5)), db: "x.sqlite", jobs: 1, events: &events)
        XCTAssertTrue(try exports(store)["entities"]!.contains("\nPaul Kagame,PER,"))
    }
}
