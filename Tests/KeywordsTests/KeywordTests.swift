import Foundation
import LoupeCore
import Pipeline
import XCTest

final class KeywordTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

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
