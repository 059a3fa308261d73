import Analytics
import CorpusAnalysis
import CSV
import Export
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GRDB
import LoupeCore
import Pipeline
@testable import Storage
import XCTest

/// Schema versions, old databases, and the export options other tools rely on.
final class SchemaAndExportTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func analysed(_ id: String, _ text: String, source: String? = nil, date: String? = nil) throws -> (document: Document, hash: String) {
        var doc = Document(id: id, text: text, metadata: DocumentMetadata(date: date, source: source))
        try Pipeline.french().process(&doc)
        return (doc, Store.hash(of: text, metadata: doc.metadata, version: "test"))
    }

    private func csv(_ store: Store, _ table: ExportTable, _ options: ExportOptions) throws -> (header: [String], rows: [[String]], bytes: [UInt8]) {
        let path = dir.appendingPathComponent("\(table.rawValue)-\(UUID().uuidString).csv").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = FileHandle(forWritingAtPath: path)!
        try Exporter(store: store).export(table, options: options, to: handle)
        try handle.close()
        let bytes = Array(FileManager.default.contents(atPath: path)!)
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: options.delimiter.unicodeScalars.first!)
        var rows: [[String]] = []
        while let row = reader.next() { if row != [""] { rows.append(row) } }
        return (reader.headerRow ?? [], rows, bytes)
    }

    /// A database as an older Loupe left it: migrated up to `migration`, then `rows` inserted.
    private func oldDatabase(upTo migration: String, _ rows: String) throws -> String {
        let path = dir.appendingPathComponent("\(migration).sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: migration)
        try queue.write { try $0.execute(sql: rows) }
        let expected = Array(Schema.migrator.migrations.prefix { $0 != migration }) + [migration]
        XCTAssertEqual(try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }, expected)
        return path
    }

    func testADatabaseWithOnlyTheFirstMigrationOpensAndIsUpgraded() throws {
        let path = try oldDatabase(upTo: "v1-corpus", """
                    INSERT INTO document (id, name, title, date, source, url, text, hash, characters, words, sentences, sentiment, subjectivity, analyzed_at)
                    VALUES (1, 'old.txt', 'Ancien', '2018-01-02', 'Archive', NULL, 'Huawei signe à Dakar.', 'h', 21, 4, 1, 0.5, 0.3, '2018-01-02T00:00:00Z');
                    INSERT INTO mention (document_id, idx, start, "end", text, type, key, sentence) VALUES (1, 0, 0, 6, 'Huawei', 'ORG', 'huawei', 0);
                    INSERT INTO mention (document_id, idx, start, "end", text, type, key, sentence) VALUES (1, 1, 15, 20, 'Dakar', 'LOC', 'dakar', 0);
                    """)
        let store = try Store.open(path: path)
        XCTAssertEqual(try store.appliedMigrations(), ["v1-corpus", "v2-mention-sentiment", "v3-cooccurrences", "v4-document-tokens", "v5-indexes", "v6-entity-keys", "v7-corpus-types", "v8-pos", "v9-author"])
        XCTAssertEqual(try store.schemaVersion(), Schema.version)
        try CorpusLinking.relinkAll(in: store)
        let documents = try csv(store, .documents, ExportOptions())
        XCTAssertEqual(documents.rows.first?[0], "old.txt")
        XCTAssertEqual(documents.rows.first?[3], "Archive")
        XCTAssertEqual(documents.rows.first?.last, "", "no author before v9-author")
        let mentions = try csv(store, .mentions, ExportOptions())
        XCTAssertEqual(mentions.rows.map { $0[3] }, ["Huawei", "Dakar"])
        XCTAssertEqual(mentions.rows.map { $0[7] }, ["0", "0"], "mentions stored before v2 have a neutral sentiment")
        let pairs = try csv(store, .cooccurrences, ExportOptions())
        XCTAssertEqual(pairs.rows, [["Dakar", "Huawei", "1", "1"]])
    }

    /// Before v4 each token had its own row; upgrading moves them into one array per document, in order.
    func testTokenRowsOfAVersion3DatabaseMoveIntoOneArrayPerDocument() throws {
        let path = try oldDatabase(upTo: "v3-cooccurrences", """
                    INSERT INTO document (id, name, title, date, source, url, text, hash, characters, words, sentences, sentiment, subjectivity, analyzed_at)
                    VALUES (1, 'old.txt', NULL, NULL, NULL, NULL, 'Il dit "oui". Fin', 'h', 17, 4, 2, 0, 0, '2024-01-02T00:00:00Z');
                    INSERT INTO sentence VALUES (1, 0, 0, 13, 0, 5, 0, 0.1, 0.2), (1, 1, 14, 17, 6, 6, 0, 0, 0);
                    INSERT INTO sentiment_cue VALUES (1, 0, 3, 0.5);
                    INSERT INTO token VALUES
                        (1, 6, 1, 14, 17, 'Fin', 'fin', 0, 'word'),
                        (1, 0, 0, 0, 2, 'Il', 'il', 1, 'word'), (1, 1, 0, 3, 6, 'dit', 'dire', 0, 'word'),
                        (1, 2, 0, 7, 8, '"', '"', 0, 'punctuation'), (1, 3, 0, 8, 11, 'oui', 'oui', 0, 'word'),
                        (1, 4, 0, 11, 12, '"', '"', 0, 'punctuation'), (1, 5, 0, 12, 13, '.', '.', 0, 'punctuation');
                    """)
        let store = try Store.open(path: path)
        XCTAssertTrue(try store.appliedMigrations().contains("v4-document-tokens"))
        let tokens = try csv(store, .tokens, ExportOptions())
        XCTAssertEqual(tokens.rows.map { $0[4] }, ["Il", "dit", "\"", "oui", "\"", ".", "Fin"])
        XCTAssertEqual(tokens.rows.map { $0[1] }, ["0", "0", "0", "0", "0", "0", "1"])
        XCTAssertEqual(tokens.rows[1], ["old.txt", "0", "3", "6", "dit", "dire", "", "0", "word"], "no part of speech before v8-pos")
        XCTAssertEqual(try store.explain("old.txt").first?.cues.map(\.word), ["oui"], "sentiment cues still name their token")
        let (tables, free) = try DatabaseQueue(path: path).read {
            (try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"), try Int.fetchOne($0, sql: "PRAGMA freelist_count"))
        }
        XCTAssertFalse(tables.contains("token"))
        XCTAssertEqual(free, 0, "the token table's pages are given back by a VACUUM after the upgrade")
    }

    func testPartOfSpeechRoundTripsThroughSQLiteCSVAndCoNLLU() throws {
        let store = try Store.open(path: dir.appendingPathComponent("t.sqlite").path)
        let analysed = try analysed("p.txt", "Le président du Sénégal a signé un accord à Dakar.")
        try store.save([analysed])
        let tokens = try csv(store, .tokens, ExportOptions())
        XCTAssertEqual(tokens.header, ["document", "sentence", "start", "end", "text", "lemma", "pos", "stopword", "kind"])
        XCTAssertEqual(tokens.rows.map { $0[6] }, analysed.document.tokens.map(\.pos.name))
        XCTAssertEqual(tokens.rows.map { $0[6] }, ["DET", "NOUN", "ADP", "PROPN", "AUX", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"])

        let path = dir.appendingPathComponent("p.conllu").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = FileHandle(forWritingAtPath: path)!
        try Exporter(store: store).export(.conllu, options: ExportOptions(), to: handle)
        try handle.close()
        let lines = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
        XCTAssertEqual(lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false)[3] }, tokens.rows.map { Substring($0[6]) })
    }

    func testADatabaseBeforeV7GainsAnEmptyPosColumn() throws {
        let path = try oldDatabase(upTo: "v6-entity-keys", """
                    INSERT INTO document (id, name, title, date, source, url, text, hash, characters, words, sentences, sentiment, subjectivity, analyzed_at)
                    VALUES (1, 'old.txt', NULL, NULL, NULL, NULL, 'Oui.', 'h', 4, 1, 1, 0, 0, '2024-01-02T00:00:00Z');
                    INSERT INTO sentence VALUES (1, 0, 0, 4, 0, 1, 0, 0, 0);
                    INSERT INTO document_tokens VALUES (1, '[[0,0,3,"Oui","oui",0,"word"],[0,3,4,".",".",0,"punctuation"]]');
                    """)
        let store = try Store.open(path: path)
        let tokens = try csv(store, .tokens, ExportOptions())
        XCTAssertEqual(tokens.rows, [["old.txt", "0", "0", "3", "Oui", "oui", "", "0", "word"], ["old.txt", "0", "3", "4", ".", ".", "", "0", "punctuation"]])
    }

    func testFormulaCellsAreNeutralisedButNumbersAreNot() throws {
        let store = try Store.open(path: dir.appendingPathComponent("t.sqlite").path)
        try store.save([try analysed("=cmd", "Viendra-t-il ? Le score tombe à -0,25 selon Huawei. C'est très mauvais, dit-il.\n")])
        try CorpusLinking.relinkAll(in: store)
        XCTAssertEqual(Exporter.neutralised("=SUM(A1)"), "'=SUM(A1)")
        XCTAssertEqual(Exporter.neutralised("@x"), "'@x")
        XCTAssertEqual(Exporter.neutralised("\tx"), "'\tx")
        XCTAssertEqual(Exporter.neutralised("Huawei"), "Huawei")

        let tokens = try csv(store, .tokens, ExportOptions())
        let texts = tokens.rows.map { $0[4] }
        XCTAssertTrue(texts.contains("'-il"), "the clitic -il is neutralised by default: \(texts)")
        XCTAssertFalse(texts.contains("-il"))
        XCTAssertTrue(tokens.rows.allSatisfy { $0[0] == "'=cmd" }, "document names are text too")
        let raw = try csv(store, .tokens, ExportOptions(raw: true))
        XCTAssertTrue(raw.rows.map { $0[4] }.contains("-il"))
        XCTAssertEqual(raw.rows.first?[0], "=cmd")

        let sentences = try csv(store, .sentences, ExportOptions())
        let negative = sentences.rows.first { $0[5].hasPrefix("C'est très mauvais") }!
        XCTAssertTrue(negative[4].hasPrefix("-"), "a negative sentiment stays a number: \(negative[4])")
        XCTAssertNotNil(Double(negative[4]))
    }

    func testDelimiterBOMAndFilters() throws {
        let store = try Store.open(path: dir.appendingPathComponent("t.sqlite").path)
        try store.save([
            try analysed("a", "Huawei ouvre un centre à Dakar avec le Sénégal.", source: "Tech Sahel", date: "2019-03-12"),
            try analysed("b", "Le Sénégal et Huawei signent à Dakar ; Orange proteste.", source: "Tech Sahel", date: "2019-11-04"),
            try analysed("c", "Emmanuel Macron reçoit Angela Merkel à Paris.", source: "Le Fil Monde", date: "2016-05-01"),
        ])
        try CorpusLinking.relinkAll(in: store)
        let excel = try csv(store, .documents, ExportOptions(delimiter: ";", byteOrderMark: true))
        XCTAssertEqual(Array(excel.bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(excel.header, ExportTable.documents.columns)
        XCTAssertEqual(excel.rows.map { $0[0] }, ["a", "b", "c"])
        XCTAssertTrue(String(decoding: excel.bytes, as: UTF8.self).contains("a;;2019-03-12;Tech Sahel;"))

        let since = try csv(store, .documents, ExportOptions(filter: DocumentFilter(since: "2019-04")))
        XCTAssertEqual(since.rows.map { $0[0] }, ["b"])
        // --text: the stored text as a last column, under the same filters.
        let withText = try csv(store, .documents, ExportOptions(filter: DocumentFilter(since: "2019-04"), withText: true))
        XCTAssertEqual(withText.header, ExportTable.documents.columns + ["text"])
        XCTAssertEqual(withText.rows.map { $0.last }, ["Le Sénégal et Huawei signent à Dakar ; Orange proteste."])
        let until = try csv(store, .documents, ExportOptions(filter: DocumentFilter(until: "2019-03")))
        XCTAssertEqual(until.rows.map { $0[0] }, ["a", "c"], "until includes the whole month it names")
        let source = try csv(store, .mentions, ExportOptions(filter: DocumentFilter(source: "Le Fil Monde"), types: ["PER"]))
        XCTAssertEqual(source.rows.map { $0[3] }, ["Emmanuel Macron", "Angela Merkel"])
        let entities = try csv(store, .entities, ExportOptions(filter: DocumentFilter(documents: ["c"])))
        XCTAssertEqual(Set(entities.rows.map { $0[0] }), ["Emmanuel Macron", "Angela Merkel", "Paris"])

        let pairs = try csv(store, .cooccurrences, ExportOptions())
        XCTAssertEqual(pairs.header, ["entity_a", "entity_b", "documents", "sentences"])
        let huaweiDakar = pairs.rows.first { $0[0] == "Dakar" && $0[1] == "Huawei" }
        XCTAssertEqual(huaweiDakar?[2], "2")
        XCTAssertEqual(huaweiDakar?[3], "2")
        let early = try csv(store, .cooccurrences, ExportOptions(filter: DocumentFilter(until: "2019-06")))
        XCTAssertEqual(early.rows.first { $0[0] == "Dakar" && $0[1] == "Huawei" }?[2], "1", "counted over the filtered documents")
        let people = try csv(store, .cooccurrences, ExportOptions(types: ["PER"]))
        XCTAssertEqual(people.rows, [["Angela Merkel", "Emmanuel Macron", "1", "1"]])
        // The view gives the same pairs to SQL users.
        let view = try store.read { db in try Row.fetchAll(db, sql: "SELECT entity_a, entity_b, documents FROM cooccurrences") }
        XCTAssertEqual(view.count, pairs.rows.count)
    }

    func testGraphMLHasTypedNodesAndWeightedEdges() throws {
        let store = try Store.open(path: dir.appendingPathComponent("t.sqlite").path)
        try store.save([try analysed("a", "Huawei ouvre un centre à Dakar.\n"), try analysed("b", "Huawei revient à Dakar & en Chine.\n")])
        try CorpusLinking.relinkAll(in: store)
        let path = dir.appendingPathComponent("g.graphml").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = FileHandle(forWritingAtPath: path)!
        let edges = try Exporter(store: store).export(.cooccurrences, options: ExportOptions(format: .graphml), to: handle)
        try handle.close()
        let xml = try XMLDocument(contentsOf: URL(fileURLWithPath: path))
        let nodes = try xml.nodes(forXPath: "//*[local-name()='node']")
        XCTAssertEqual(nodes.count, 3)
        XCTAssertEqual(try xml.nodes(forXPath: "//*[local-name()='edge']").count, edges)
        let huawei = nodes.first { $0.stringValue?.hasPrefix("Huawei") ?? false }
        XCTAssertEqual(huawei?.stringValue, "HuaweiORG22", "label, type, mentions, documents")
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).contains("<data key=\"weight\">2</data>"))
    }

    func testCosineAndSimilarDocuments() throws {
        XCTAssertEqual(Similarity.cosine(["a": 1, "b": 1], ["a": 1, "b": 1]), 1, accuracy: 1e-9)
        XCTAssertEqual(Similarity.cosine(["a": 1], ["b": 1]), 0)
        XCTAssertEqual(Similarity.cosine([:], ["b": 1]), 0)
        XCTAssertEqual(Similarity.cosine(["a": 3, "b": 4], ["a": 1]), 0.6, accuracy: 1e-9)
        let store = try Store.open(path: dir.appendingPathComponent("t.sqlite").path)
        try store.save([
            try analysed("huawei1", "Huawei signe un partenariat numérique avec l'Union africaine."),
            try analysed("huawei2", "L'Union africaine renouvelle son partenariat numérique avec Huawei."),
            try analysed("avignon", "Le festival d'Avignon accueille un public record au théâtre."),
        ])
        let near = try Similarity.nearest(to: "huawei1", in: store, top: 2)
        XCTAssertEqual(near.map(\.document.name), ["huawei2", "avignon"])
        XCTAssertGreaterThan(near[0].similarity, 0.3)
        XCTAssertEqual(near[1].similarity, 0)
    }
}
