import Entities
import Evaluation
import Foundation
import LoupeCore
import Pipeline

/// Trains the entity tagger (``NERModel``) on BRAT folders (``BratLoader``).
public enum NERTraining {
    /// Trains a tagger on the BRAT folders. Names learnt from the training data are features too; so
    /// that the tagger does not learn to trust them blindly, each document sees only the names learnt
    /// from the other folds (jackknifing), while the saved model carries the names of all of them.
    /// With `runs` > 1, as many perceptrons are trained with successive shuffling seeds and their
    /// weights averaged into one model (no cost at tagging time).
    /// With `documentPass`, a second, document-level pass (``NERDocFeatures``) is trained on what
    /// first-pass models trained on the other folds make of each document, so that it learns from
    /// realistic first-pass mistakes.
    public static func train(folders: [String], epochs: Int, folds: Int = 5, minWeight: Float = 0.5, seed: UInt64 = 42, runs: Int = 1,
                             documentPass: Bool = true, log: (String) -> Void = { _ in }) throws -> NERModel {
        // The stages before entities only: a built-in model made for other features must not stop its successor's training.
        let pipeline = try Pipeline.french(nerModel: nil)
        var gold: [AnnotatedDocument] = []
        for f in folders { gold += try AnnotatedCorpus.load(f) }
        guard !gold.isEmpty else { throw LoupeError(file: folders.joined(separator: ", "), reason: "no .txt + .ann documents") }
        gold = withoutRepeats(gold, log: log)
        log("\(gold.count) documents")
        let prepared = gold.map { g in align(pipeline.preprocess(g.text, id: g.name), g) }
        let words = Pipeline.dictionaryWords()
        let model = trainFirstPass(prepared, words: words, epochs: epochs, folds: folds, minWeight: minWeight, seed: seed, runs: runs, log: log)
        guard documentPass else { return model }
        var samples: [(doc: Document, features: [UInt64], offsets: [Float], gold: [UInt8])] = []
        for fold in 0..<folds {
            let others = prepared.indices.filter { $0 % folds != fold }.map { prepared[$0] }
            let foldModel = trainFirstPass(others, words: words, epochs: epochs, folds: folds, minWeight: minWeight, seed: seed, runs: runs, log: { _ in })
            for d in prepared.indices where d % folds == fold {
                let sample = foldModel.documentPassSample(prepared[d].doc, words: words)
                samples.append((prepared[d].doc, sample.features, sample.offsets, prepared[d].tags))
            }
            log("first pass of fold \(fold + 1) of \(folds) done")
        }
        return model.trainingDocumentPass(samples, epochs: epochs, runs: runs, seed: seed, log: log)
    }

    /// The documents less those whose text repeats an earlier one's (a folder given twice, an article in two
    /// sets). A repeat lands in another fold than its original, and jackknifing then breaks: each document
    /// finds its own names learnt from "the other folds", and the tagger learns to trust the learnt-name
    /// feature blindly (WiNER 2016 given twice: WiNER 2017 micro F1 0.870 → 0.685).
    static func withoutRepeats(_ documents: [AnnotatedDocument], log: (String) -> Void) -> [AnnotatedDocument] {
        var seen: [String: String] = [:]
        var kept: [AnnotatedDocument] = []
        var repeats: [String] = []
        for d in documents {
            if let first = seen[d.text] { repeats.append("\(d.name) (= \(first))"); continue }
            seen[d.text] = d.name
            kept.append(d)
        }
        if !repeats.isEmpty {
            log("\(repeats.count) documents repeat the text of an earlier one and are left out: \(repeats.prefix(3).joined(separator: ", "))\(repeats.count > 3 ? ", …" : "")")
        }
        return kept
    }

    /// The first pass alone, trained on `prepared` with the dictionary lookups `words`.
    static func trainFirstPass(_ prepared: [Prepared], words: DictionaryWords, epochs: Int, folds: Int, minWeight: Float, seed: UInt64,
                               runs: Int, log: (String) -> Void) -> NERModel {
        let gazetteer = Gazetteer.french
        let trainer = PerceptronTrainer(featuresPerToken: NERFeatureExtractor.templateCount)
        var features: [UInt64] = []
        for fold in 0..<folds {
            let others = prepared.indices.filter { $0 % folds != fold }.map { prepared[$0] }
            let extractor = NERFeatureExtractor(lexicon: lexicon(from: others, gazetteer: gazetteer), words: words)
            for d in prepared.indices where d % folds == fold {
                let p = prepared[d]
                let infos = extractor.tokenInfo(p.doc)
                for s in p.doc.sentences where !s.tokens.isEmpty {
                    features.removeAll(keepingCapacity: true)
                    for i in s.tokens { extractor.features(infos, i, s.tokens, into: &features) }
                    trainer.add(features: features, gold: Array(p.tags[s.tokens]))
                }
            }
        }
        log("\(trainer.sentenceCount) sentences, \(trainer.featureCount) features")
        for run in 0..<max(1, runs) {
            trainer.train(epochs: epochs, seed: seed &+ UInt64(run)) { epoch, accuracy in
                log(String(format: "run %d epoch %d: training token accuracy %.4f", run + 1, epoch, accuracy))
            }
            trainer.bank()
        }
        return trainer.finish(minWeight: minWeight, lexicon: lexicon(from: prepared, gazetteer: gazetteer))
    }
}
