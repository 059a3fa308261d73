import LoupeCore
import Sentences
import Tokenization
import XCTest

final class SentenceSegmenterTests: XCTestCase {
    private func sentences(_ text: String) -> [String] {
        var doc = Document(id: "t", text: text)
        Tokenizer().process(&doc)
        SentenceSegmenter().process(&doc)
        return doc.sentences.map { doc.text(of: $0.span) }
    }

    func testNoBreakAfterElisionsAbbreviationsOrInitials() {
        XCTAssertEqual(sentences("M. Macron a rencontré Mme Merkel. J.-P. Sartre l’aurait approuvé. La firme avait été accusée d’espionner le siège."),
                       ["M. Macron a rencontré Mme Merkel.", "J.-P. Sartre l’aurait approuvé.", "La firme avait été accusée d’espionner le siège."])
        XCTAssertEqual(sentences("Alors qu’il est en très mauvaise position, Huawei signe."), ["Alors qu’il est en très mauvaise position, Huawei signe."])
    }

    func testQuotesAndQuestions() {
        XCTAssertEqual(sentences("« Quoi ? » dit-il. « C’est fini ! » Elle part."),
                       ["« Quoi ? » dit-il.", "« C’est fini ! »", "Elle part."])
    }

    func testHeadlinesAndBlankLines() {
        XCTAssertEqual(sentences("En pleine tourmente, Huawei renforce son partenariat avec l’UA\n\nAlors que le géant chinois signe."),
                       ["En pleine tourmente, Huawei renforce son partenariat avec l’UA", "Alors que le géant chinois signe."])
    }

    func testDatesAndEllipses() {
        XCTAssertEqual(sentences("Il est arrivé le 2 janvier 2018 . Le lendemain, il repart... et revient. Fin…"),
                       ["Il est arrivé le 2 janvier 2018 .", "Le lendemain, il repart... et revient.", "Fin…"])
        XCTAssertEqual(sentences("Des pommes, des poires, etc. Le marché ferme."), ["Des pommes, des poires, etc.", "Le marché ferme."])
    }

    func testSemicolonBeforeACapitalAndPointFinalInitials() {
        XCTAssertEqual(sentences("Il cartographia la côte du Groenland ; La même année, il repart."),
                       ["Il cartographia la côte du Groenland ;", "La même année, il repart."])
        XCTAssertEqual(sentences("Le portage sous Linux et Mac OS X. Une version précompilée existe."),
                       ["Le portage sous Linux et Mac OS X.", "Une version précompilée existe."])
        XCTAssertEqual(sentences("Ils sont sept. Puis ils partent, selon l'art. 12 du règlement."),
                       ["Ils sont sept.", "Puis ils partent, selon l'art. 12 du règlement."])
        XCTAssertEqual(sentences("Un roman de J. Sartre, publié par M. Gallimard."), ["Un roman de J. Sartre, publié par M. Gallimard."])
    }
}
