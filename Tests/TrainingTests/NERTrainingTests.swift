import Entities
import Evaluation
import Foundation
import LoupeCore
import Pipeline
import Training
import XCTest

/// Training on a tiny hand-written BRAT set (`Data/tiny`: four documents, eleven PER/LOC/ORG names and a
/// date): what it learns, and that it learns it the same way every time.
final class NERTrainingTests: XCTestCase {
    static let tiny = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data/tiny").path

    /// One training shared by the tests that only read the model (training runs the whole pipeline).
    nonisolated(unsafe) static var trained: NERModel?  // set once, by the first test that needs it; XCTest runs a class's tests one at a time
    static func model() throws -> NERModel {
        if let trained { return trained }
        let model = try NERTraining.train(folders: [tiny], epochs: 20, folds: 2, minWeight: 0, seed: 42, runs: 1)
        trained = model
        return model
    }

    func testTinySetLoads() throws {
        let docs = try BratLoader.load(Self.tiny)
        XCTAssertEqual(docs.map(\.name), ["a-dakar", "b-berlin", "c-tanger", "d-toulouse"])
        XCTAssertEqual(docs.reduce(0) { $0 + $1.outer.count }, 16)
        XCTAssertEqual(docs[0].outer.map(\.label), ["Person", "Location", "Date", "Person", "Organization"])
    }

    /// The model tags every sentence it was trained on as annotated: each name, its exact span and type.
    func testModelTagsItsOwnSentences() throws {
        let model = try Self.model()
        XCTAssertNotNil(model.documentPass, "the document pass is trained by default")
        let pipeline = try Pipeline.french(nerModel: nil)
        let words = Pipeline.dictionaryWords()
        for gold in try BratLoader.load(Self.tiny) {
            let doc = pipeline.preprocess(gold.text, id: gold.name)
            let found = Set(model.tag(doc, words: words).map { m in
                "\(doc.tokens[m.tokens.lowerBound].span.start)-\(doc.tokens[m.tokens.upperBound - 1].span.end) \(m.type.rawValue)"
            })
            let expected = Set(gold.outer.compactMap { g in
                AnnotatedDocument.type(of: g.label).map { "\(g.span.start)-\(g.span.end) \($0.rawValue)" }
            })
            XCTAssertEqual(found, expected, gold.name)
        }
    }

    /// The names learnt from the annotations travel with the model.
    func testModelCarriesTheNamesItLearnt() throws {
        let model = try Self.model()
        XCTAssertTrue(model.lexicon.knows(word: "renault"))
        XCTAssertTrue(model.lexicon.knows(word: "toulouse"))
        XCTAssertFalse(model.lexicon.knows(word: "mardi"), "a date is no name")
    }

    /// Two trainings with the same seed write the same bytes; the model file reads back to the same model.
    func testTrainingIsByteReproducible() throws {
        let first = try Self.model().serialized()
        let second = try NERTraining.train(folders: [Self.tiny], epochs: 20, folds: 2, minWeight: 0, seed: 42, runs: 1).serialized()
        XCTAssertEqual(first, second)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-tiny-\(UUID().uuidString).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.model().write(to: path)
        XCTAssertEqual(try NERModel.load(path: path).serialized(), first)
    }

    /// A folder given twice trains the model it trains once: a repeated document would find its own names
    /// "learnt from the other folds" and the tagger would learn to trust that feature blindly.
    func testRepeatedDocumentsAreLeftOut() throws {
        var messages: [String] = []
        let twice = try NERTraining.train(folders: [Self.tiny, Self.tiny], epochs: 20, folds: 2, minWeight: 0, seed: 42, runs: 1,
                                          log: { messages.append($0) }).serialized()
        XCTAssertEqual(twice, try Self.model().serialized())
        XCTAssertTrue(messages.contains { $0.contains("repeat the text of an earlier one") }, "\(messages)")
    }

    /// A document pass is added by making a new model: the one it was built on keeps none.
    func testTrainingReturnsNewModels() throws {
        let model = try Self.model()
        let firstPass = model.withDocumentPass(nil)
        XCTAssertNil(firstPass.documentPass)
        XCTAssertNotNil(model.documentPass)
        XCTAssertEqual(firstPass.featureCount, model.featureCount)
        XCTAssertEqual(firstPass.withDocumentPass(model.documentPass).serialized(), model.serialized())
    }

    /// The perceptron alone: separable sequences are learnt, and the same seed gives the same weights.
    func testPerceptronLearnsASeparableSequence() {
        func trained(seed: UInt64) -> NERModel {
            let trainer = PerceptronTrainer(featuresPerToken: 1)
            // One feature per token: a first name, a last name, a preposition, a city.
            let (first, last, prep, city) = (FeatureHash.string("Jean"), FeatureHash.string("Dupont"), FeatureHash.string("à"), FeatureHash.string("Lyon"))
            let per = NERTags.begin(.PER), iper = NERTags.inside(.PER), loc = NERTags.begin(.LOC)
            trainer.add(features: [first, last, prep, city], gold: [per, iper, 0, loc])
            trainer.add(features: [prep, city, prep, first], gold: [0, loc, 0, per])
            trainer.train(epochs: 5, seed: seed)
            return trainer.finish(minWeight: 0, lexicon: NERLexicon())
        }
        let model = trained(seed: 7)
        XCTAssertEqual(model.featureCount, 4)
        XCTAssertEqual(model.serialized(), trained(seed: 7).serialized())
    }
}
