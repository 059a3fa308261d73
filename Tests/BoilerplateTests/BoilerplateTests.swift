import Foundation
import LoupeCore
import Pipeline
import XCTest

final class BoilerplateTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func analyse(_ text: String) throws -> Document {
        var doc = Document(id: "t", text: text)
        try Pipeline.french().process(&doc)
        return doc
    }

    func testSeedTailIsBoilerplateAndArticleIsNot() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("corpus/000_dca4ec47950a0694.txt"), encoding: .utf8)
        let doc = try analyse(text)
        let flagged = doc.sentences.filter(\.isBoilerplate).map { doc.text(of: $0.span) }
        let kept = doc.sentences.filter { !$0.isBoilerplate }.map { doc.text(of: $0.span) }
        XCTAssertTrue(flagged.contains("Bonne navigation !"))
        XCTAssertTrue(flagged.contains("spot_img"))
        XCTAssertTrue(flagged.contains("Veuillez saisir votre nom ici"))
        XCTAssertTrue(flagged.contains { $0.hasPrefix("Orange Cameroun rembourse") }, "sidebar headlines are part of the tail")
        XCTAssertTrue(kept.contains { $0.hasPrefix("En Afrique même, la firme avait été accusée") })
        XCTAssertTrue(kept.contains { $0.hasPrefix("En pleine tourmente") }, "the headline is not boilerplate")
        XCTAssertFalse(kept.contains { $0.contains("commentaire") })
    }

    func testAnotherSitesTailIsRecognised() throws {
        let text = """
            Le Sénégal lance son plan numérique

            Le gouvernement sénégalais a présenté mardi à Dakar un plan de modernisation des services publics. Le ministre a détaillé les grandes étapes du programme, qui doit s'étendre sur cinq ans.

            Les opérateurs privés seront associés à la mise en œuvre, selon le communiqué officiel publié après le conseil des ministres.

            Partager cet article
            Facebook Twitter LinkedIn
            Lire aussi : Le Togo mise sur la fibre optique
            Inscrivez-vous à notre newsletter
            © 2024 Tous droits réservés
            """
        let doc = try analyse(text)
        let flagged = doc.sentences.filter(\.isBoilerplate).map { doc.text(of: $0.span) }
        XCTAssertEqual(flagged.first, "Partager cet article")
        XCTAssertTrue(flagged.contains("© 2024 Tous droits réservés"))
        XCTAssertFalse(doc.sentences.filter(\.isBoilerplate).contains { doc.text(of: $0.span).contains("conseil des ministres") })
    }

    func testPlainArticleHasNoBoilerplate() throws {
        let doc = try analyse("Titre de l'article\n\nUn premier paragraphe sur Twitter et Facebook, qui annoncent des résultats.\n\nUn second paragraphe conclut l'article.")
        XCTAssertTrue(doc.sentences.allSatisfy { !$0.isBoilerplate })
    }
}
