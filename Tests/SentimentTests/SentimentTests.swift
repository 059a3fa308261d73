import Foundation
import LoupeCore
import Pipeline
import XCTest

final class SentimentTests: XCTestCase {
    private func score(_ text: String) throws -> Document {
        var doc = Document(id: "t", text: text)
        try Pipeline.french().process(&doc)
        return doc
    }

    func testAccusationIsNegative() throws {
        XCTAssertLessThan(try score("En Afrique même, la firme avait été accusée d’espionner le siège de l’Union africaine.").sentiment, -0.1)
    }

    func testPolarWordsAndNegation() throws {
        let good = try score("Ce film est vraiment excellent.").sentiment
        let notGood = try score("Ce film n’est pas excellent.").sentiment
        XCTAssertGreaterThan(good, 0.3)
        XCTAssertLessThan(notGood, 0)
        XCTAssertLessThan(try score("Un échec total, une catastrophe.").sentiment, -0.3)
    }

    func testContrastWeighsTheSecondClause() throws {
        XCTAssertLessThan(try score("Le début est excellent, mais la fin est décevante.").sentiment, 0)
        XCTAssertGreaterThan(try score("Le début est décevant, mais la fin est excellente.").sentiment, 0)
    }

    func testNeutralReportingStaysNearZero() throws {
        XCTAssertEqual(try score("Le conseil municipal se réunira mardi à 18 heures à la mairie, annonce le communiqué.").sentiment, 0, accuracy: 0.15)
    }

    func testScoresStayInRangeAndExplain() throws {
        let doc = try score("Génial !!! Super, excellent, magnifique, formidable, merveilleux, parfait 😍")
        XCTAssertLessThanOrEqual(doc.sentiment, 1)
        XCTAssertGreaterThan(doc.sentiment, 0.5)
        let cues = doc.sentences.flatMap(\.sentimentCues)
        XCTAssertTrue(cues.contains { doc.tokens[$0.token].text == "excellent" && $0.weight > 0 })
        XCTAssertTrue((0...1).contains(doc.subjectivity))
    }

    func testBoilerplateDoesNotCount() throws {
        let text = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("corpus/000_dca4ec47950a0694.txt"), encoding: .utf8)
        let doc = try score(text)
        let bonne = doc.sentences.first { doc.text(of: $0.span) == "Bonne navigation !" }!
        XCTAssertEqual(bonne.sentiment, 0)
        XCTAssertTrue(bonne.isBoilerplate)
    }
}

final class SentimentRuleTests: XCTestCase {
    private func score(_ text: String) throws -> Double {
        var doc = Document(id: "t", text: text)
        try Pipeline.french().process(&doc)
        return doc.sentiment
    }

    func testNegationForms() throws {
        XCTAssertLessThan(try score("Je n’aime pas du tout ce film."), -0.3)
        XCTAssertLessThan(try score("J'aime pas."), -0.3, "a bare pas after the verb negates it")
        XCTAssertGreaterThan(try score("Ce n’est pas mauvais."), 0.2)
        XCTAssertLessThan(try score("Il n'a jamais été aussi efficace."), 0)
        XCTAssertEqual(try score("Il ne reste plus que deux jours."), 0, accuracy: 0.05, "plus without a polar word negates nothing")
    }

    func testPhrasesIntensifiersAndInverters() throws {
        XCTAssertGreaterThan(try score("Pas mal du tout !"), 0.3)
        XCTAssertLessThan(try score("N’importe quoi, ce gouvernement."), -0.3)
        XCTAssertLessThan(try score("Un produit peu fiable."), 0)
        XCTAssertGreaterThan(try score("C'est trooop bien !!!"), try score("C'est bien."))
    }

    func testQuestionsAndConditionalsAreDamped() throws {
        let plain = try score("Ce projet est un succès.")
        XCTAssertGreaterThan(plain, 0.2)
        XCTAssertLessThan(abs(try score("Ce projet est-il un succès ?")), plain)
        let conditional = try score("Ce projet serait un succès.")
        XCTAssertGreaterThan(conditional, 0, "a conditional keeps its sign")
        XCTAssertLessThan(conditional, plain, "a conditional verb damps the sentence")
    }

    func testMentionSentimentFollowsNearbyWords() throws {
        var doc = Document(id: "t", text: "Huawei est accusée d’espionner le siège de l’Union africaine. Le groupe Orange salue un succès remarquable.")
        try Pipeline.french().process(&doc)
        let huawei = try XCTUnwrap(doc.mentions.first { $0.text == "Huawei" })
        let orange = try XCTUnwrap(doc.mentions.first { $0.text == "Orange" })
        XCTAssertLessThan(huawei.sentiment, -0.2)
        XCTAssertGreaterThan(orange.sentiment, 0.2)
    }
}
