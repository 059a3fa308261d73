import LoupeCore
import Tokenization
import XCTest

/// Tokens of real French sentences; every test also checks that each span slices the original text.
final class TokenizerTests: XCTestCase {
    private func tokens(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        let toks = Tokenizer().tokenize(scalars)
        for t in toks {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[t.span.start..<t.span.end])
            XCTAssertFalse(String(view).isEmpty, "empty span for \(t.text)")
        }
        return toks.map { t in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[t.span.start..<t.span.end])
            return String(view)
        }
    }

    func testElisionsSplitWithBothApostrophes() {
        XCTAssertEqual(tokens("Huawei et l’Union africaine"), ["Huawei", "et", "l’", "Union", "africaine"])
        XCTAssertEqual(tokens("accusée d'espionner le siège"), ["accusée", "d'", "espionner", "le", "siège"])
        XCTAssertEqual(tokens("et qu’il est en très mauvaise position"), ["et", "qu’", "il", "est", "en", "très", "mauvaise", "position"])
        XCTAssertEqual(tokens("jusqu’à présent"), ["jusqu’", "à", "présent"])
        XCTAssertEqual(tokens("L’ ARPTC fixe"), ["L’", "ARPTC", "fixe"])
        // ICU reads a word with digits after the apostrophe as one number.
        XCTAssertEqual(tokens("bloqué sur l'A8 et d’1,5 million"), ["bloqué", "sur", "l'", "A8", "et", "d’", "1,5", "million"])
    }

    func testWordsWithApostropheThatAreNotElisions() {
        XCTAssertEqual(tokens("aujourd’hui et aujourd'hui"), ["aujourd’hui", "et", "aujourd'hui"])
        XCTAssertEqual(tokens("c'est-à-dire"), ["c'est-à-dire"])
    }

    func testHyphenatedCompoundsKeptAndCliticsSplit() {
        XCTAssertEqual(tokens("aux États-Unis et aux Etats-Unis"), ["aux", "États-Unis", "et", "aux", "Etats-Unis"])
        XCTAssertEqual(tokens("peut-être à Saint-Jean-Pied-de-Port"), ["peut-être", "à", "Saint-Jean-Pied-de-Port"])
        XCTAssertEqual(tokens("« Non », dit-il."), ["«", "Non", "»", ",", "dit", "-il", "."])
        XCTAssertEqual(tokens("A-t-il signé ?"), ["A", "-t-il", "signé", "?"])
        XCTAssertEqual(tokens("donne-le-moi"), ["donne", "-le", "-moi"])
        XCTAssertEqual(tokens("un rendez-vous"), ["un", "rendez-vous"])
    }

    func testNumbersStayWhole() {
        XCTAssertEqual(tokens("2,6 milliards de F.CFA"), ["2,6", "milliards", "de", "F.CFA"])
        XCTAssertEqual(tokens("1\u{00A0}000\u{202F}000 habitants"), ["1\u{00A0}000\u{202F}000", "habitants"])
        XCTAssertEqual(tokens("en 2019 200 personnes"), ["en", "2019", "200", "personnes"])
        XCTAssertEqual(tokens("le 1er mai, au XXIe siècle, 3.5 %"), ["le", "1er", "mai", ",", "au", "XXIe", "siècle", ",", "3.5", "%"])
        XCTAssertEqual(tokens("publié le 31 mai 2019."), ["publié", "le", "31", "mai", "2019", "."])
    }

    func testAbbreviationsAndInitials() {
        XCTAssertEqual(tokens("M. Macron et Mme Dupont"), ["M.", "Macron", "et", "Mme", "Dupont"])
        XCTAssertEqual(tokens("J.-P. Sartre"), ["J.-P.", "Sartre"])
        XCTAssertEqual(tokens("etc. Le"), ["etc.", "Le"])
    }

    func testWebThingsStayWhole() {
        XCTAssertEqual(tokens("Voir https://www.example.org/a-b?c=1, puis écrire à contact@example.fr."),
                       ["Voir", "https://www.example.org/a-b?c=1", ",", "puis", "écrire", "à", "contact@example.fr", "."])
        XCTAssertEqual(tokens("#Huawei et @UnionAfricaine 👍🏽"), ["#Huawei", "et", "@UnionAfricaine", "👍🏽"])
    }

    func testPunctuationAndSpacesBeforeColons() {
        XCTAssertEqual(tokens("suivants\u{202F}: le haut débit… Quoi ?!"), ["suivants", ":", "le", "haut", "débit", "…", "Quoi", "?!"])
        XCTAssertEqual(tokens("Et il..."), ["Et", "il", "..."])
    }

    func testOffsetsPointIntoTheOriginalEvenAfterNormalisation() {
        // "é" written as e + combining acute (NFD), and a typographic apostrophe.
        let text = "Le re\u{301}seau de l’Union"
        let scalars = Array(text.unicodeScalars)
        let toks = Tokenizer().tokenize(scalars)
        XCTAssertEqual(toks.map(\.text), ["Le", "réseau", "de", "l'", "Union"])
        XCTAssertEqual(toks[1].span, Span(3, 10))
        XCTAssertEqual(toks[3].span, Span(14, 16))
        XCTAssertEqual(toks[4].span, Span(16, 21))
        XCTAssertEqual(scalars.count, 21)
    }

    func testLineBreaksAreCounted() {
        let toks = Tokenizer().tokenize(Array("Titre\n\nPremier paragraphe.\r\nSuite".unicodeScalars))
        XCTAssertEqual(toks.map(\.lineBreaksBefore), [0, 2, 0, 0, 1])
    }
}

/// The normalised text the tokeniser reads, and its alignment back to the original scalars.
final class NormalizedTextTests: XCTestCase {
    private func normalized(_ text: String) -> (text: String, starts: [Int32], ends: [Int32]) {
        let n = NormalizedText(Array(text.unicodeScalars))
        return (String(decoding: n.utf16, as: UTF16.self), n.originStart, n.originEnd)
    }

    func testEditsKeepTheirOrigins() {
        let a = normalized("l\u{2019}État\u{A0}a\u{AD}b")
        XCTAssertEqual(a.text, "l'État ab")
        XCTAssertEqual(a.starts, [0, 1, 2, 3, 4, 5, 6, 7, 9])
        XCTAssertEqual(a.ends, [1, 2, 3, 4, 5, 6, 7, 8, 10])
        // A decomposed accent is composed and spans both original scalars.
        let b = normalized("e\u{301}t\u{E9}")
        XCTAssertEqual(b.text, "été")
        XCTAssertEqual(b.starts, [0, 2, 3])
        XCTAssertEqual(b.ends, [2, 3, 4])
        // Astral characters are two UTF-16 units with the same origin.
        let c = normalized("😀x")
        XCTAssertEqual(c.starts, [0, 0, 1])
        XCTAssertEqual(c.ends, [1, 1, 2])
    }

    /// A base that NFC writes as two characters (U+0958, excluded from composition) followed by a
    /// mark makes the text longer than the original: the buffers must grow, the alignment stay in order.
    func testCompositionThatLengthensTheText() {
        let text = String(repeating: "\u{958}\u{301}", count: 50) + "fin"
        let n = normalized(text)
        XCTAssertEqual(n.text.unicodeScalars.count, 153, "each QA written as KA + NUKTA, and its mark kept")
        XCTAssertEqual(n.starts.count, n.text.utf16.count)
        XCTAssertEqual(n.starts, n.starts.sorted())
        XCTAssertTrue(zip(n.starts, n.ends).allSatisfy { $0 <= $1 && $1 <= 103 })
        XCTAssertEqual(Array(n.text.unicodeScalars.suffix(3)).map(\.value), [0x66, 0x69, 0x6E])
    }
}
