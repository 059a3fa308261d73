import Entities
import Evaluation
import Foundation
import LoupeCore
import Pipeline
import XCTest

/// The scorers on hand-made gold and predictions, against figures worked out by hand.
final class NERScoreTests: XCTestCase {
    /// Gold: Emmanuel Macron PER, Dakar LOC, 3 mai 2019 Date, Macky Sall PER, Union africaine ORG.
    let gold = AnnotatedDocument(
        name: "g", text: "Emmanuel Macron est arrivé à Dakar le 3 mai 2019 pour voir Macky Sall et l'Union africaine.",
        outer: [(Span(0, 15), "Person"), (Span(29, 34), "Location"), (Span(38, 48), "Date"), (Span(59, 69), "Person"),
                (Span(75, 90), "Organization")],
        all: [])

    func testScoresAWrongTypeAndAMissedSpan() {
        var score = NEREvaluation.Score()
        var errors: [String] = []
        let predicted: [(span: Span, type: EntityType)] = [
            (Span(0, 15), .PER),     // right
            (Span(29, 34), .ORG),    // Dakar with the wrong type: a false ORG and a missed LOC
            (Span(38, 43), .PER),    // inside the date: ignored
            (Span(75, 90), .ORG),    // right
            (Span(75, 90), .MISC),   // MISC is not scored
            // Macky Sall: missed
        ]
        score.add(gold: gold, predicted: predicted, errors: { errors.append($0) })
        XCTAssertEqual(score.tp, [.PER: 1, .LOC: 0, .ORG: 1])
        XCTAssertEqual(score.fp, [.PER: 0, .LOC: 0, .ORG: 1])
        XCTAssertEqual(score.fn, [.PER: 1, .LOC: 1, .ORG: 0])
        // PER: P = 1/1, R = 1/2, F1 = 2/3. LOC: 0. ORG: P = 1/2, R = 1/1, F1 = 2/3.
        // Micro: tp 2, fp 1, fn 2: P = 2/3, R = 1/2, F1 = 2 · (1/3) / (7/6) = 4/7.
        XCTAssertEqual(score.micro, 4.0 / 7.0, accuracy: 1e-12)
        XCTAssertEqual(score.lines, [
            "PER: P=1.000 R=0.500 F1=0.667 (gold 2, pred 1)",
            "LOC: P=0.000 R=0.000 F1=0.000 (gold 1, pred 0)",
            "ORG: P=0.500 R=1.000 F1=0.667 (gold 1, pred 2)",
            "micro P=0.667 R=0.500 F1=0.571",
        ])
        XCTAssertEqual(errors.sorted(), ["g\tFN\tLOC\tDakar", "g\tFN\tPER\tMacky Sall", "g\tFP\tORG\tDakar"])
    }

    func testPerfectPredictionsScoreOne() {
        var score = NEREvaluation.Score()
        let predicted: [(span: Span, type: EntityType)] = [(Span(0, 15), .PER), (Span(29, 34), .LOC), (Span(59, 69), .PER), (Span(75, 90), .ORG)]
        score.add(gold: gold, predicted: predicted)
        XCTAssertEqual(score.micro, 1, accuracy: 1e-12)
        XCTAssertEqual(NEREvaluation.Score.prf(0, 0, 0).f, 0, "no gold and no prediction: 0, not NaN")
    }

    /// The whole path: BRAT files on disk, the French pipeline, the scorer (nested spans dropped, the date ignored).
    func testBratFolderThroughThePipeline() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-brat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "Emmanuel Macron est arrivé à Dakar le 3 mai 2019."
        try text.write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "T1\tPerson 0 15\tEmmanuel Macron\nT2\tLocation 29 34\tDakar\nT3\tDate 38 48\t3 mai 2019\nT4\tPerson 0 8\tEmmanuel\n"
            .write(to: dir.appendingPathComponent("a.ann"), atomically: true, encoding: .utf8)
        let docs = try BratLoader.load(dir.path)
        XCTAssertEqual(docs.count, 1)
        XCTAssertEqual(docs[0].outer.count, 3, "the nested Person is dropped")
        XCTAssertEqual(docs[0].all.count, 4)
        let score = try NEREvaluation.evaluate(folder: dir.path, pipeline: Pipeline.french())
        XCTAssertEqual(score.micro, 1.0, accuracy: 1e-9)
    }
}

final class UDScoreTests: XCTestCase {
    /// Two sentences, one with a multiword token (du = de + le).
    let conllu = """
        # sent_id = 1
        # text = Le chat dort.
        1\tLe\tle\tDET\t_\t_\t2\tdet\t_\t_
        2\tchat\tchat\tNOUN\t_\t_\t3\tnsubj\t_\t_
        3\tdort\tdormir\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
        4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_

        # sent_id = 2
        # text = Il mange du pain.
        1\tIl\til\tPRON\t_\t_\t2\tnsubj\t_\t_
        2\tmange\tmanger\tVERB\t_\t_\t0\troot\t_\t_
        3-4\tdu\t_\t_\t_\t_\t_\t_\t_\t_
        3\tde\tde\tADP\t_\t_\t5\tcase\t_\t_
        4\tle\tle\tDET\t_\t_\t5\tdet\t_\t_
        5\tpain\tpain\tNOUN\t_\t_\t2\tobl\t_\tSpaceAfter=No
        6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_


        """

    /// The document the scorer builds is "Le chat dort. Il mange du pain." Gold: 9 surface tokens, 2 sentences,
    /// 4 content words (chat, dort, mange, pain). The hand-made analysis below glues "dort." (one token wrong,
    /// one missed), cuts the second sentence in two, and lemmatises "mange" wrongly.
    func testScoresAHandMadeAnalysis() {
        let scores = UDEvaluation().evaluate(conllu: conllu) { doc in
            XCTAssertEqual(doc.text, "Le chat dort. Il mange du pain.")
            let predicted: [(Int, Int, String)] = [(0, 2, "le"), (3, 7, "chat"), (8, 13, "dort."), (14, 16, "il"), (17, 22, "mang"),
                                                  (23, 25, "du"), (26, 30, "Pain"), (30, 31, ".")]
            doc.tokens = predicted.map { Token(span: Span($0.0, $0.1), text: "", kind: .word, lemma: $0.2) }
            doc.sentences = [Sentence(span: Span(0, 13), tokens: 0..<3), Sentence(span: Span(14, 22), tokens: 3..<5),
                             Sentence(span: Span(23, 31), tokens: 5..<8)]
        }
        XCTAssertEqual(scores.sentenceCount, 2)
        // Tokens: 7 of 8 predicted are gold, 7 of 9 gold found: P = 7/8, R = 7/9, F1 = 14/17.
        XCTAssertEqual(scores.tokens.precision, 7.0 / 8.0, accuracy: 1e-12)
        XCTAssertEqual(scores.tokens.recall, 7.0 / 9.0, accuracy: 1e-12)
        XCTAssertEqual(scores.tokens.f1, 14.0 / 17.0, accuracy: 1e-12)
        // Sentences: the first of 3 predicted is gold, 1 of 2 gold found: P = 1/3, R = 1/2, F1 = 2/5.
        XCTAssertEqual(scores.sentences.precision, 1.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(scores.sentences.recall, 0.5, accuracy: 1e-12)
        XCTAssertEqual(scores.sentences.f1, 0.4, accuracy: 1e-12)
        // Lemmas: chat and pain (case aside) right, mange wrong, dort's span not found: 2 of 4.
        XCTAssertEqual(scores.contentWords, 4)
        XCTAssertEqual(scores.lemmaAccuracy, 0.5, accuracy: 1e-12)
        XCTAssertEqual(scores.lemmaErrors.map { "\($0.form) \($0.gold) \($0.predicted) \($0.count)" }, ["mange manger mang 1"])
        XCTAssertEqual(scores.uposTokens, 0, "no part of speech without a tagger")
    }

    /// The French pipeline on the same treebank: every surface token and both sentences found.
    func testFrenchPipelineOnTheTreebank() throws {
        let scores = UDEvaluation().evaluate(conllu: conllu, pipeline: try Pipeline.french())
        XCTAssertEqual(scores.tokens.f1, 1, accuracy: 1e-12)
        XCTAssertEqual(scores.sentences.f1, 1, accuracy: 1e-12)
        XCTAssertGreaterThan(scores.uposTokens, 0)
        XCTAssertGreaterThan(scores.uposAccuracy, 0.8)
    }
}
