import Evaluation
import LoupeCore
import XCTest

/// The CoNLL reader: IOB1, IOB2 and BILOU give the same names at the same offsets.
final class CoNLLReaderTests: XCTestCase {
    /// "Emmanuel Macron et Macky Sall ont visité la Banque mondiale à Dakar ." with two adjacent persons.
    static let tokens = ["Emmanuel", "Macron", "Macky", "Sall", "ont", "visité", "la", "Banque", "mondiale", "à", "Dakar", "."]
    static let iob1 = ["I-PER", "I-PER", "B-PER", "I-PER", "O", "O", "O", "I-ORG", "I-ORG", "O", "I-LOC", "O"]
    static let iob2 = ["B-PER", "I-PER", "B-PER", "I-PER", "O", "O", "O", "B-ORG", "I-ORG", "O", "B-LOC", "O"]
    static let bilou = ["B-PER", "L-PER", "B-PER", "L-PER", "O", "O", "O", "B-ORG", "L-ORG", "O", "U-LOC", "O"]

    func file(_ tags: [String], second: [String] = []) -> String {
        var lines = zip(Self.tokens, tags).map { "\($0) \($1)" }
        if !second.isEmpty { lines += [""] + second }
        return lines.joined(separator: "\n") + "\n"
    }

    func names(_ doc: AnnotatedDocument) -> [String] {
        let scalars = Array(doc.text.unicodeScalars)
        return doc.outer.map { span, label in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[span.start..<span.end])
            return "\(String(view))/\(AnnotatedDocument.type(of: label)!.rawValue)"
        }
    }

    func testTheThreeSchemesGiveTheSameNames() throws {
        let expected = ["Emmanuel Macron/PER", "Macky Sall/PER", "Banque mondiale/ORG", "Dakar/LOC"]
        var spans: [[Span]] = []
        for tags in [Self.iob1, Self.iob2, Self.bilou] {
            let docs = try CoNLLReader.parse(file(tags), name: "t")
            XCTAssertEqual(docs.count, 1)
            XCTAssertEqual(names(docs[0]), expected, tags.joined(separator: " "))
            spans.append(docs[0].outer.map(\.span))
        }
        XCTAssertEqual(spans[0], spans[1])
        XCTAssertEqual(spans[1], spans[2])
    }

    func testSentencesAndDocumentBreaks() throws {
        let text = "-DOCSTART- O\n\n" + file(Self.iob2, second: ["Paris B-LOC", "gagne O"]) + "\n-DOCSTART- O\n\nLyon U-LOC\n"
        let docs = try CoNLLReader.parse(text, name: "t")
        XCTAssertEqual(docs.map(\.name), ["t-1", "t-2"])
        XCTAssertTrue(docs[0].text.hasSuffix("\nParis gagne"), docs[0].text)
        XCTAssertEqual(names(docs[0]).last, "Paris/LOC", "a name does not run across a sentence break")
        XCTAssertEqual(names(docs[1]), ["Lyon/LOC"])
    }

    func testABadTagNamesItsLine() {
        XCTAssertThrowsError(try CoNLLReader.parse("Paris B-LOC\nest X-LOC\n", name: "t", file: "f.conll")) { error in
            let e = error as? LoupeError
            XCTAssertEqual(e?.line, 2)
            XCTAssertTrue(e?.reason.contains("X-LOC") ?? false)
        }
    }

    func testAFileWithoutBlankLinesIsCutAtFullStops() throws {
        let sentence = Array(repeating: "mot O", count: 99) + [". O"]
        let docs = try CoNLLReader.parse(Array(repeating: sentence, count: 9).flatMap { $0 }.joined(separator: "\n"), name: "t")
        XCTAssertEqual(docs.count, 3, "900 words in documents of about 400")
        XCTAssertTrue(docs.allSatisfy { $0.text.hasSuffix(".") })
    }
}
