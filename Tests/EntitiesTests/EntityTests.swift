import Foundation
@testable import Entities
import LoupeCore
import Pipeline
import XCTest

final class EntityTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func analyse(_ text: String) throws -> Document {
        var doc = Document(id: "t", text: text)
        try Pipeline.french().process(&doc)
        return doc
    }

    private func seed() throws -> Document {
        try analyse(String(contentsOf: Self.root.appendingPathComponent("corpus/000_dca4ec47950a0694.txt"), encoding: .utf8))
    }

    func testSeedEntitiesAndTypes() throws {
        let doc = try seed()
        let types = Dictionary(doc.mentions.map { ($0.text, $0.type) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(types["Huawei"], .ORG)
        XCTAssertEqual(types["Union africaine"], .ORG)
        XCTAssertEqual(types["Chine"], .LOC)
        XCTAssertEqual(types["Afrique"], .LOC)
        XCTAssertEqual(types["Europe"], .LOC)
        XCTAssertEqual(types["Etats-Unis"], .LOC)
    }

    func testAcronymLinksToItsExpansion() throws {
        let doc = try seed()
        let ua = doc.mentions.filter { $0.text == "UA" }
        let union = doc.mentions.first { $0.text == "Union africaine" }!
        XCTAssertEqual(ua.count, 2)
        XCTAssertTrue(ua.allSatisfy { $0.key == union.key && $0.type == .ORG })
        XCTAssertTrue(doc.acronyms.contains(AcronymDefinition(acronym: "ua", expansionKey: union.key)))
    }

    func testParenthesisedAcronymDefinition() throws {
        let doc = try analyse("Le directeur de l’Agence de Régulation des Télécommunications (ART) a parlé. L’ART inflige une amende à Orange Cameroun.")
        let art = doc.mentions.filter { $0.text == "ART" }
        XCTAssertEqual(art.count, 2)
        XCTAssertTrue(art.allSatisfy { $0.key == Folding.fold("Agence de Régulation des Télécommunications") })
    }

    func testAccentAndCaseInsensitiveKeys() throws {
        let doc = try analyse("Les États-Unis et la Chine. Les Etats-Unis répondent. Les ETATS-UNIS insistent.")
        let keys = Set(doc.mentions.filter { Folding.fold($0.text) == "etats-unis" }.map(\.key))
        XCTAssertEqual(keys, ["etats-unis"])
        XCTAssertEqual(doc.mentions.filter { $0.key == "etats-unis" }.count, 3)
    }

    func testPersonNameVariantsLink() throws {
        let doc = try analyse("Le président Emmanuel Macron est arrivé à Dakar. M. Macron a salué le travail accompli. Macron repart demain.")
        let macron = doc.mentions.filter { $0.text.contains("Macron") }
        XCTAssertEqual(macron.count, 3)
        XCTAssertEqual(Set(macron.map(\.key)), ["emmanuel macron"])
        XCTAssertTrue(macron.allSatisfy { $0.type == .PER })
        XCTAssertFalse(doc.mentions.contains { $0.text.hasPrefix("M.") }, "the title is not part of the name")
        XCTAssertEqual(doc.mentions.first { $0.text == "Dakar" }?.type, .LOC)
    }

    func testNothingInBoilerplateAndNoElidedArticles() throws {
        let doc = try seed()
        for m in doc.mentions {
            XCTAssertFalse(doc.sentences[m.sentence].isBoilerplate, "\(m.text) tagged in boilerplate")
            XCTAssertFalse(m.text.hasPrefix("l’") || m.text.hasPrefix("L’") || m.text.hasPrefix("l'"), m.text)
            XCTAssertEqual(doc.text(of: m.span), m.text)
        }
        XCTAssertFalse(doc.mentions.contains { ["Telegram", "WhatsApp", "Veuillez", "Orange Cameroun"].contains($0.text) })
    }

    func testBuiltInTaggerIsLoadedAndRoundTrips() throws {
        let model = try XCTUnwrap(try NERModel.builtIn, "ner-model.bin is embedded")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-ner-\(UUID().uuidString).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.write(to: path)
        let again = try NERModel.load(path: path)
        XCTAssertEqual(again.featureCount, model.featureCount)
        XCTAssertEqual(again.serialized(), model.serialized())
        // The writer and the reader agree with the file actually shipped, not only with each other.
        XCTAssertEqual(model.serialized(), Array(try XCTUnwrap(EmbeddedResource.bytes("ner-model.bin"))))
        XCTAssertThrowsError(try NERModel.parse(UnsafeRawBufferPointer(start: nil, count: 0), gazetteer: .french))
    }

    func testTaggerFindsPeoplePlacesAndOrganisations() throws {
        let doc = try analyse("Le ministre Jean-Yves Le Drian s’est rendu à Bamako jeudi. Il a rencontré des responsables de l’Organisation des Nations unies.")
        let types = Dictionary(doc.mentions.map { ($0.text, $0.type) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(types["Jean-Yves Le Drian"], .PER)
        XCTAssertEqual(types["Bamako"], .LOC)
        XCTAssertEqual(types["Organisation des Nations unies"], .ORG)
    }
}

/// News unlike the tagger's Wikinews training data.
final class OtherNewsEntityTests: XCTestCase {
    func testCompaniesOnACountrySentenceStartsAndCueWords() throws {
        var doc = Document(id: "n", text: """
            Orange Cameroun rembourse ses clients après une panne majeure

            Huawei, fournisseur de l'opérateur, a dépêché une équipe à Douala. MTN Cameroon n'a pas été affecté. \
            Le groupe Orange a salué la réactivité de M. Sall.
            """)
        try Pipeline.french().process(&doc)
        let types = Dictionary(doc.mentions.map { ($0.text, $0.type) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(types["Orange Cameroun"], .ORG)
        XCTAssertEqual(types["MTN Cameroon"], .ORG)
        XCTAssertNotNil(types["Huawei"], "a name opening a sentence is found")
        XCTAssertEqual(types["Douala"], .LOC)
        XCTAssertEqual(types["Sall"], .PER)
        XCTAssertNotNil(types["Orange"], "an ordinary word used as a name after a cue")
    }

    func testPartiesDepartementsSpanEndsAndCompanies() throws {
        var doc = Document(id: "p", text: """
            Présidentielle : les candidats en campagne

            Benoît Hamon (PS) et Marine Le Pen (FN) étaient jeudi dans la Sarthe, avec le sénateur de la Manche. \
            L'Insee communiquera ses chiffres lundi. Le Parti du peuple pakistanais a perdu. \
            Le constructeur Tupperware ferme son usine ; Tupperware a annoncé 235 licenciements.
            """)
        try Pipeline.french().process(&doc)
        let types = Dictionary(doc.mentions.map { ($0.text, $0.type) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(types["PS"], .ORG, "a party in parentheses after a person")
        XCTAssertEqual(types["FN"], .ORG)
        XCTAssertNotEqual(doc.mentions.first { $0.text == "PS" }?.key, doc.mentions.first { $0.text == "Benoît Hamon" }?.key)
        XCTAssertEqual(types["Sarthe"], .LOC, "a département")
        XCTAssertEqual(types["Manche"], .LOC)
        XCTAssertFalse(doc.mentions.contains { $0.text.hasSuffix("communiquera") }, "a name does not end on a verb")
        XCTAssertEqual(types["Parti du peuple pakistanais"], .ORG, "the closing adjective belongs to the name")
        XCTAssertEqual(types["Tupperware"], .ORG)
    }

    func testRecognizerHelpers() {
        func token(_ text: String, lemma: String) -> Token {
            Token(span: Span(0, text.unicodeScalars.count), text: text, kind: .word, lemma: lemma)
        }
        let noStop: (String) -> Bool = { _ in false }
        XCTAssertTrue(EntityRecognizer.isTrailingNonName(token("choisit", lemma: "choisir"), noStop))
        XCTAssertTrue(EntityRecognizer.isTrailingNonName(token("rouvrira", lemma: "rouvrir"), noStop))
        XCTAssertTrue(EntityRecognizer.isTrailingNonName(token("demande", lemma: "demander"), noStop))
        XCTAssertFalse(EntityRecognizer.isTrailingNonName(token("unies", lemma: "unir"), noStop))
        XCTAssertFalse(EntityRecognizer.isTrailingNonName(token("enchaîné", lemma: "enchaîner"), noStop))
        XCTAssertFalse(EntityRecognizer.isTrailingNonName(token("étrangère", lemma: "étranger"), noStop))
        XCTAssertFalse(EntityRecognizer.isTrailingNonName(token("emploi", lemma: "emploi"), noStop))
        XCTAssertTrue(EntityRecognizer.isPastParticiple("expliquées"))
        XCTAssertFalse(EntityRecognizer.isPastParticiple("annonce"))
    }
}

