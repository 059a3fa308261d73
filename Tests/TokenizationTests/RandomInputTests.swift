import Foundation
import LoupeCore
import Pipeline
import Tokenization
import TestSupport
import XCTest

/// Property tests on generated input (seeded, so a failure replays): whatever the text, spans stay
/// inside it, in order, never empty, and the pipeline does not crash.
final class RandomInputTests: XCTestCase {
    /// Pieces that exercise the rules: elisions, hyphens, numbers, abbreviations, marks, emoji, odd spaces.
    static let pieces = [
        "l’", "L'", "d'", "qu’", "aujourd’hui", "Union", "africaine", "États-Unis", "-", "–", "dit", "-il", "-t-", "M.", "Mme",
        "J.-P.", "etc.", ".", "...", "…", "!", "?", "«", "»", "(", ")", ";", ":", ",", "2,6", "1\u{00A0}000", "31", "mai", "2019",
        "e\u{301}", "\u{301}", "\u{200B}", "\u{FEFF}", "\u{00AD}", "\u{202F}", "\u{00A0}", " ", "  ", "\n", "\n\n", "\r\n", "\t",
        "👩‍💻", "👍🏽", "#Huawei", "@UA", "https://ex.org/a?b=1", "a@b.fr", "Huawei", "signé", "télécommunications", "UA", "ART",
        "Ça", "œuvre", "ﬁ", "Ⅻ", "𝔘", "\u{0}", "\u{1F}", "'", "’", "ne", "pas", "très", "bon", "mais", "x",
    ]

    static func randomText(_ g: inout SeededGenerator, length: Int) -> String {
        var s = ""
        for _ in 0..<length {
            if Int.random(in: 0..<10, using: &g) == 0 {
                s.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: 0x20...0x2FFF, using: &g)) ?? " ")
            } else {
                s += pieces.randomElement(using: &g)!
            }
            if Bool.random(using: &g) { s += " " }
        }
        return s
    }

    static func checkInvariants(_ doc: Document, file: StaticString = #filePath, line: UInt = #line) {
        var previousEnd = 0
        for t in doc.tokens {
            XCTAssertLessThan(t.span.start, t.span.end, "empty token", file: file, line: line)
            XCTAssertGreaterThanOrEqual(t.span.start, previousEnd, "overlapping tokens", file: file, line: line)
            XCTAssertLessThanOrEqual(t.span.end, doc.scalars.count, file: file, line: line)
            XCTAssertFalse(doc.text(of: t.span).unicodeScalars.allSatisfy { $0.properties.isWhitespace }, "a token of spaces", file: file, line: line)
            previousEnd = t.span.end
        }
        var next = 0
        for s in doc.sentences {
            XCTAssertEqual(s.tokens.lowerBound, next, "sentences cover the tokens in order", file: file, line: line)
            next = s.tokens.upperBound
        }
        XCTAssertEqual(next, doc.tokens.count, file: file, line: line)
        for m in doc.mentions {
            XCTAssertLessThanOrEqual(m.span.end, doc.scalars.count, file: file, line: line)
            XCTAssertEqual(doc.text(of: m.span), m.text, file: file, line: line)
            XCTAssertTrue((-1...1).contains(m.sentiment), file: file, line: line)
        }
        XCTAssertTrue((-1...1).contains(doc.sentiment), file: file, line: line)
    }

    func testPipelineInvariantsOnGeneratedText() throws {
        let pipeline = try Pipeline.french()
        var g = SeededGenerator(state: 20261128)
        for round in 0..<1000 {
            let text = Self.randomText(&g, length: Int.random(in: 0..<60, using: &g))
            var doc = Document(id: "r\(round)", text: text)
            pipeline.process(&doc)
            Self.checkInvariants(doc)
        }
    }

    func testRegressionCorpus() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Regressions")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "txt" }
        XCTAssertFalse(files.isEmpty)
        let pipeline = try Pipeline.french()
        for file in files {
            var doc = Document(id: file.lastPathComponent, text: try String(contentsOf: file, encoding: .utf8))
            pipeline.process(&doc)
            Self.checkInvariants(doc)
        }
    }
}
