import Foundation
@testable import Lemmas
import LoupeCore
import Pipeline
import XCTest

final class LemmatizerTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func lemmas(_ text: String) throws -> [String: String] {
        var doc = Document(id: "t", text: text)
        try Pipeline.french().process(&doc)
        return Dictionary(doc.tokens.map { ($0.text, $0.lemma) }, uniquingKeysWith: { a, _ in a })
    }

    func testInflectedWordsTakeTheirLemma() throws {
        let l = try lemmas("Huawei et l’Union africaine ont signé un accord sur les télécommunications et les réseaux sociaux.")
        XCTAssertEqual(l["signé"], "signer")
        XCTAssertEqual(l["télécommunications"], "télécommunication")
        XCTAssertEqual(l["réseaux"], "réseau")
        XCTAssertEqual(l["sociaux"], "social")
        XCTAssertEqual(l["l'"], "le")
        XCTAssertEqual(l["ont"], "avoir")
    }

    /// The tagger runs first; its part of speech picks the reading whose lemma the table does not give.
    func testThePartOfSpeechPicksTheReading() throws {
        let l = try lemmas("La cuisine grecque est célèbre. Son grand-père est mort hier. Le compte est bon.")
        XCTAssertEqual(l["grecque"], "grec", "adjective: masculine singular")
        XCTAssertEqual(l["mort"], "mourir", "verb: the infinitive")
        XCTAssertEqual(l["compte"], "compte", "noun, where the table says compter")
        // The same form, told apart only by the part of speech given to it.
        let lemmatizer = Lemmatizer(readings: { $0 == "porte" ? (nil, nil, "porter") : $0 == "compte" ? ("compte", nil, nil) : nil })
        for (pos, expected) in [(UPOS.NOUN, ["porte", "compte"]), (.VERB, ["porter", "compter"]), (.none, ["porte", "compter"])] {
            var doc = Document(id: "t", text: "porte compte")
            doc.tokens = [Token(span: Span(0, 5), text: "porte", kind: .word), Token(span: Span(6, 12), text: "compte", kind: .word)]
            doc.sentences = [Sentence(span: Span(0, 12), tokens: 0..<2)]
            for i in doc.tokens.indices { doc.tokens[i].pos = pos }
            lemmatizer.process(&doc)
            XCTAssertEqual(doc.tokens.map(\.lemma), expected, "tagged \(pos)")
        }
    }

    func testProperNounsKeepTheirForm() throws {
        let l = try lemmas("Le partenariat avec Huawei renforce la Chine.")
        XCTAssertEqual(l["Huawei"], "Huawei")
        XCTAssertEqual(l["Chine"], "Chine")
    }

    func testStopWordsFlagged() throws {
        var doc = Document(id: "t", text: "Huawei et l’Union africaine ont signé.")
        try Pipeline.french().process(&doc)
        let flags = Dictionary(doc.tokens.map { ($0.text, $0.isStopword) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(flags["et"], true)
        XCTAssertEqual(flags["l'"], true)
        XCTAssertEqual(flags["ont"], true)
        XCTAssertEqual(flags["Huawei"], false)
        XCTAssertEqual(flags["signé"], false)
    }

    /// The list compiled into the binary must be the stopwords/ folder's (run embed.py after editing it).
    func testEmbeddedStopWordsMatchTheFolder() throws {
        let folder = Self.root.appendingPathComponent("stopwords")
        var lines: [String] = []
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) where file.pathExtension == "txt" {
            lines += try String(contentsOf: file, encoding: .utf8).components(separatedBy: .newlines)
        }
        let folderWords = StopWords(lines: lines).words
        XCTAssertGreaterThan(folderWords.count, 150)
        XCTAssertEqual(StopWords.builtIn.words, folderWords, "run `python3 tools/french-data/embed.py`")
    }

    /// The lemma set compiled by embed.py must be the table's (run embed.py after editing lemmas.tsv).
    func testEmbeddedLemmaHashesMatchTheTable() throws {
        let lexicon = LemmaLexicon.shared
        let embedded = lexicon.embeddedLemmaHashes
        XCTAssertGreaterThan(embedded.count, 50_000)
        XCTAssertEqual(embedded, lexicon.lemmaHashesOfTable())
        XCTAssertTrue(lexicon.isLemma("porter"))
        XCTAssertTrue(lexicon.isLemma("union"))
        XCTAssertFalse(lexicon.isLemma("portons"))
    }

    /// The lemma table is looked up through a hash index of its keys: every key, and keys it lacks,
    /// must get what bisecting the sorted lines gets.
    func testIndexedTableAgreesWithBisection() throws {
        let bytes = try XCTUnwrap(EmbeddedResource.bytes("lemmas.tsv"))
        let plain = TabTable(bytes: bytes)
        var indexed = plain
        indexed.indexKeys()
        var checked = 0
        for (n, row) in plain.allRows().enumerated() where n % 7 == 0 {
            let key = String(row[0])
            XCTAssertEqual(indexed.value(key), plain.value(key), key)
            XCTAssertEqual(indexed.value(key), String(row[1]))
            XCTAssertEqual(indexed.value(key + "z"), plain.value(key + "z"))
            checked += 1
        }
        XCTAssertGreaterThan(checked, 40_000)
        XCTAssertNil(indexed.value(""))
        XCTAssertEqual(LemmaLexicon.shared.lemma(of: "portons"), "porter")
    }

    func testUserStopWordsAreAdded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-stop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "# mine\npartenariat\n".write(to: dir.appendingPathComponent("mine.txt"), atomically: true, encoding: .utf8)
        let list = try StopWords.builtIn(adding: dir)
        XCTAssertTrue(list.contains("Partenariat"))
        XCTAssertTrue(list.contains("l’"))
        XCTAssertFalse(StopWords.builtIn.contains("partenariat"))
    }
}

final class LemmaContextTests: XCTestCase {
    private func lemmas(_ text: String) throws -> [String] {
        var doc = Document(id: "t", text: text)
        try Pipeline.french().process(&doc)
        return doc.tokens.map(\.lemma)
    }

    func testDeterminerOrSubjectSettlesNounVerbAmbiguity() throws {
        XCTAssertEqual(try lemmas("Il porte la porte."), ["il", "porter", "le", "porte", "."])
        XCTAssertEqual(try lemmas("Le compte est bon."), ["le", "compte", "être", "bon", "."])
    }

    func testUnknownWordsFollowTheSuffixRules() throws {
        // Invented or rare forms the table cannot know.
        XCTAssertEqual(try lemmas("Des serveurs précompilés et customisées."), ["de", "serveur", "précompiler", "et", "customiser", "."])
        XCTAssertEqual(try lemmas("Les sous-festivals hydrothermales"), ["le", "sous-festival", "hydrothermal"])
    }

    func testNamesKeepTheirForm() throws {
        XCTAssertEqual(try lemmas("Il vit à Londres avec l'ARPTC.")[3], "Londres")
        XCTAssertEqual(try lemmas("Il vit à Londres avec l'ARPTC.")[6], "ARPTC")
    }
}
