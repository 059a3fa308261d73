import CorpusAnalysis
import Export
import Foundation
import Ingest
import LoupeCore
import Pipeline
import Storage
@testable import Streaming
import XCTest

/// The streaming mode and `import` on the sample corpus, against a local `analyze` of the same
/// documents into a real SQLite file: every export must be the same.
final class StreamingTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let pipeline = try! Pipeline.french()
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// The corpus as JSONL lines: each .txt file a line with its name as id, then the feed's lines, then bad lines.
    func corpusLines(bad: Bool) throws -> [String] {
        let corpus = Self.root.appendingPathComponent("corpus")
        var lines: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted() where name.hasSuffix(".txt") {
            let text = try String(contentsOf: corpus.appendingPathComponent(name), encoding: .utf8)
            let data = try JSONSerialization.data(withJSONObject: ["id": name, "text": text], options: [.sortedKeys])
            lines.append(String(decoding: data, as: UTF8.self))
        }
        lines += try String(contentsOf: corpus.appendingPathComponent("feed.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        if bad {
            lines.insert("{\"id\": \"broken\", \"text\": ", at: 3)
            lines.insert("{\"id\": \"empty\", \"text\": \"  \"}", at: 7)
            lines.insert("[1, 2]", at: 9)
        }
        return lines
    }

    func stream(_ lines: [String], jobs: Int) async throws -> [String] {
        var iterator = lines.makeIterator()
        var out: [String] = []
        _ = try await DocumentStream(pipeline: Self.pipeline, jobs: jobs).run(next: { iterator.next().map { Array($0.utf8) } }, write: { out.append($0) })
        return out
    }

    func exports(_ store: Store, format: ExportFormat = .csv) throws -> [String: String] {
        var out: [String: String] = [:]
        for table in ExportTable.allCases {
            let path = dir.appendingPathComponent("\(UUID().uuidString).out").path
            FileManager.default.createFile(atPath: path, contents: nil)
            let handle = FileHandle(forWritingAtPath: path)!
            _ = try Exporter(store: store).export(table, format: table == .conllu ? .csv : format, to: handle)
            try handle.close()
            out[table.rawValue] = try String(contentsOfFile: path, encoding: .utf8)
        }
        return out
    }

    func analyzeLocally(_ lines: [String]) async throws -> Store {
        let file = dir.appendingPathComponent("corpus.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let store = try Store.open(path: dir.appendingPathComponent("local.sqlite").path)
        _ = try await CorpusAnalyzer(pipeline: Self.pipeline, jobs: 2).analyze([InputFile(path: file.path, id: "corpus", format: .jsonl)], into: store)
        return store
    }

    func testImportedStreamGivesTheExportsOfALocalAnalyze() async throws {
        let lines = try corpusLines(bad: true)
        let local = try await analyzeLocally(lines)
        let records = try await stream(lines, jobs: 2)
        XCTAssertEqual(records.count, lines.count)

        let imported = try Store.open(path: dir.appendingPathComponent("imported.sqlite").path)
        var iterator = records.makeIterator()
        let summary = try RecordImport.load(next: { iterator.next().map { Array($0.utf8) } }, origin: "records", into: imported)
        try RecordImport.link(imported)
        XCTAssertEqual(summary.stored, lines.count - 3)
        XCTAssertEqual(summary.errorRecords.map(\.line), [4, 8, 10])
        XCTAssertTrue(summary.errorRecords[0].reason.hasPrefix("invalid JSON"), summary.errorRecords[0].reason)

        let (a, b) = (try exports(local), try exports(imported))
        for table in ExportTable.allCases {
            XCTAssertEqual(a[table.rawValue]!.split(separator: "\n").count, b[table.rawValue]!.split(separator: "\n").count, table.rawValue)
            XCTAssertTrue(a[table.rawValue] == b[table.rawValue], "\(table.rawValue) differs after import")
        }
        XCTAssertGreaterThan(a["mentions"]!.count, 10_000)
    }

    /// The records' rows are the local JSONL export's rows, but for the corpus-level columns (a mention's
    /// entity, and its type, which is the entity's; a keyword's weight).
    func testRecordRowsAreTheLocalExportRows() async throws {
        let lines = try corpusLines(bad: false)
        let local = try exports(try await analyzeLocally(lines), format: .jsonl)
        let records = try await stream(lines, jobs: 2)
        for table in DocumentRecord.tables {
            var streamed: [String] = []
            for record in records {
                let object = try JSONSerialization.jsonObject(with: Data(record.utf8)) as! [String: Any]
                let rows = (object["tables"] as! [String: Any])[table.rawValue] as! [[String: Any]]
                for var row in rows {
                    row["key"] = nil
                    if table == .mentions { row["entity"] = NSNull(); row["type"] = nil }
                    if table == .keywords { row["weight"] = NSNull() }
                    streamed.append(String(decoding: try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]), as: UTF8.self))
                }
            }
            let expected = try local[table.rawValue]!.split(separator: "\n").map { line -> String in
                var row = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                if table == .mentions { row["entity"] = NSNull(); row["type"] = nil }
                if table == .keywords { row["weight"] = NSNull() }
                return String(decoding: try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]), as: UTF8.self)
            }
            XCTAssertEqual(streamed.count, expected.count, table.rawValue)
            XCTAssertTrue(streamed == expected, "\(table.rawValue) rows differ")
        }
    }

    func testOutputIsInInputOrderAndTheSameWhateverTheWorkers() async throws {
        let lines = Array(try corpusLines(bad: true).prefix(12))
        let one = try await stream(lines, jobs: 1)
        let three = try await stream(lines, jobs: 3)
        XCTAssertEqual(one, three)
        let numbers = one.map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["line"] as! Int }
        XCTAssertEqual(numbers, Array(1...12))
    }

    func testLinkModeGivesTheEntitiesOfTheLocalLinker() throws {
        let input = [
            #"{"key":"union africaine","type":"ORG","text":"Union africaine","count":5}"#,
            #"{"key":"ua","type":"ORG","text":"UA","count":3}"#,
            #"{"key":"etats-unis","type":"LOC","text":"Etats-Unis","count":2}"#,
            #"{"key":"etats-unis","type":"LOC","text":"États-Unis","count":1}"#,
            #"{"acronym":"ua","expansion_key":"union africaine","documents":2}"#,
        ]
        var iterator = input.makeIterator()
        var out: [String] = []
        try NameLinking.link(lines: { iterator.next().map { Array($0.utf8) } }, write: { out.append($0) })
        XCTAssertEqual(out, [
            #"{"key":"etats-unis","entity":"États-Unis","type":"LOC","mentions":3,"aliases":"Etats-Unis","keys":["etats-unis"]}"#,
            #"{"key":"union africaine","entity":"Union africaine","type":"ORG","mentions":8,"aliases":"UA","keys":["ua","union africaine"]}"#,
        ])
        var bad = ["{\"key\": 1}"].makeIterator()
        XCTAssertThrowsError(try NameLinking.link(lines: { bad.next().map { Array($0.utf8) } }, write: { _ in }))
    }
}
