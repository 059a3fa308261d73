import Foundation
import LoupeCore
import Pipeline
import XCTest

final class KeywordTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Keyphrases are noun phrases: the tagger's verbs and adverbs cut candidates; keywords still count them.
    func testVerbsAndAdverbsAreNotInKeyphrases() throws {
        var doc = Document(id: "t", text: """
            Le gouvernement sénégalais annonce une réforme fiscale ambitieuse. La réforme fiscale vise les grandes \
            entreprises du numérique, qui paieront davantage. Le ministre présente la réforme fiscale mardi devant \
            les députés, qui voteront rapidement.
            """)
        try Pipeline.french().process(&doc)
        let phrases = doc.keyphrases.map(\.phrase)
        XCTAssertTrue(phrases.contains("réforme fiscale ambitieuse"), "\(phrases)")
        for word in ["paieront", "voteront", "davantage", "rapidement", "vise"] {
            XCTAssertFalse(phrases.contains { $0.contains(word) }, "\(word) in \(phrases)")
            XCTAssertTrue(doc.tokens.contains { $0.text == word && ($0.pos == .VERB || $0.pos == .ADV) }, "the tagger makes \(word) a verb or an adverb")
        }
        XCTAssertTrue(doc.keywords.contains { $0.term == "payer" }, "keywords count verbs")
    }

    func testSeedKeywordsAndPhrases() throws {
        var doc = Document(id: "seed", text: try String(contentsOf: Self.root.appendingPathComponent("corpus/000_dca4ec47950a0694.txt"), encoding: .utf8))
        try Pipeline.french().process(&doc)
        let terms = doc.keywords.map(\.term)
        XCTAssertEqual(terms.first, "huawei")
        XCTAssertTrue(terms.prefix(5).contains("partenariat"))
        XCTAssertTrue(terms.contains("numérique"))
        XCTAssertFalse(terms.contains("spot_img"))
        XCTAssertFalse(terms.contains("commentaire"), "boilerplate words are not counted")
        XCTAssertFalse(terms.contains { ["le", "de", "l'", "l", "et", "qu'"].contains($0) })
        let phrases = doc.keyphrases.map(\.phrase)
        XCTAssertTrue(phrases.prefix(5).contains("Huawei"))
        XCTAssertTrue(phrases.contains("Union africaine"))
        XCTAssertFalse(phrases.prefix(3).contains("Digital Business Africa"), "the site name does not win")
        XCTAssertFalse(phrases.contains { $0.contains("qu’il") })
        // Surface forms are shown as written.
        for p in phrases { XCTAssertTrue(doc.text.contains(p), p) }
    }
}
