import Entities
import Evaluation
import Foundation
import LoupeCore
import Pipeline

/// Trains the entity tagger (``NERModel``) on BRAT folders (``BratLoader``).
public enum NERTraining {
    struct Prepared {
        var doc: Document
        var tags: [UInt8]
        /// Token ranges and types of the gold names (outermost and nested) that fall on token boundaries.
        var names: [(tokens: Range<Int>, type: EntityType)]
    }

    /// Gold BIO tags for the tokens of `doc`; spans that do not fall on token boundaries are snapped to
    /// the tokens they cover. Returns the number of snapped spans too.
    static func align(_ doc: Document, _ gold: AnnotatedDocument) -> Prepared {
        var startAt: [Int: Int] = [:], endAt: [Int: Int] = [:]
        for (i, t) in doc.tokens.enumerated() {
            startAt[t.span.start] = i
            endAt[t.span.end] = i
        }
        func tokens(_ span: Span) -> Range<Int>? {
            if let a = startAt[span.start], let b = endAt[span.end], a <= b { return a..<(b + 1) }
            // Snap: tokens overlapping the span.
            let covered = doc.tokens.indices.filter { doc.tokens[$0].span.overlaps(span) }
            guard let a = covered.first, let b = covered.last else { return nil }
            return a..<(b + 1)
        }
        var tags = [UInt8](repeating: 0, count: doc.tokens.count)
        for (span, label) in gold.outer {
            guard let type = AnnotatedDocument.type(of: label), var r = tokens(span) else { continue }
            // Never start on an elided article or punctuation (l'Afrique → Afrique).
            while r.count > 1 && (doc.tokens[r.lowerBound].text.hasSuffix("'") || doc.tokens[r.lowerBound].kind == .punctuation) {
                r = (r.lowerBound + 1)..<r.upperBound
            }
            if tags[r].contains(where: { $0 != 0 }) { continue }
            tags[r.lowerBound] = NERTags.begin(type)
            for k in (r.lowerBound + 1)..<r.upperBound { tags[k] = NERTags.inside(type) }
        }
        var names: [(Range<Int>, EntityType)] = []
        for (span, label) in gold.all {
            guard let type = AnnotatedDocument.type(of: label), let a = startAt[span.start], let b = endAt[span.end], a <= b else { continue }
            names.append((a..<(b + 1), type))
        }
        return Prepared(doc: doc, tags: tags, names: names)
    }

    /// Names learnt from documents: every annotated span's folded tokens with its majority type
    /// (kept when that type covers at least 70% of its occurrences), and first names.
    static func learnNames(_ docs: [Prepared]) -> (names: [(hash: UInt64, first: UInt64, count: Int, type: UInt8)], firstNames: Set<UInt64>, wordTypes: [UInt64: UInt8]) {
        var wordTypes: [UInt64: UInt8] = [:]
        var counts: [UInt64: (first: UInt64, count: Int, types: [Int])] = [:]
        var firstCounts: [UInt64: Int] = [:]
        var lowerCounts: [UInt64: Int] = [:], capCounts: [UInt64: Int] = [:]
        for p in docs {
            let folded = p.doc.tokens.map { FeatureHash.bytes(FastFold.fold($0.text)) }
            for (i, t) in p.doc.tokens.enumerated() where t.kind == .word {
                if t.isCapitalized { capCounts[folded[i], default: 0] += 1 } else { lowerCounts[folded[i], default: 0] += 1 }
            }
            for (r, type) in p.names {
                var h: UInt64 = 0
                for k in r { h = NERLexicon.sequenceStep(h, folded[k]) }
                var entry = counts[h] ?? (folded[r.lowerBound], r.count, [0, 0, 0, 0, 0])
                entry.types[Int(NERLexicon.typeCode(type))] += 1
                for k in r where p.doc.tokens[k].isCapitalized { wordTypes[folded[k], default: 0] |= 1 << NERLexicon.typeCode(type) }
                counts[h] = entry
                if type == .PER && r.count >= 2 {
                    let t = p.doc.tokens[r.lowerBound]
                    if t.isCapitalized && !t.text.hasSuffix(".") && t.text.unicodeScalars.count > 1 { firstCounts[folded[r.lowerBound], default: 0] += 1 }
                }
            }
        }
        var names: [(UInt64, UInt64, Int, UInt8)] = []
        for (h, e) in counts {
            let total = e.types.reduce(0, +)
            let best = e.types.indices.max { e.types[$0] < e.types[$1] }!
            if Double(e.types[best]) >= 0.7 * Double(total) { names.append((h, e.first, e.count, UInt8(best))) }
        }
        names.sort { $0.0 < $1.0 }
        let firsts = Set(firstCounts.keys.filter { (lowerCounts[$0] ?? 0) <= (capCounts[$0] ?? 0) })
        return (names, firsts, wordTypes)
    }

    static func lexicon(from docs: [Prepared], gazetteer: Gazetteer) -> NERLexicon {
        var lex = NERLexicon.base(gazetteer)
        let learnt = learnNames(docs)
        lex.addNames(learnt.names)
        lex.setLearnt(firstNames: learnt.firstNames, wordTypes: learnt.wordTypes)
        return lex
    }

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
        let pipeline = try Pipeline.french()
        var gold: [AnnotatedDocument] = []
        for f in folders { gold += try BratLoader.load(f) }
        guard !gold.isEmpty else { throw LoupeError(file: folders.joined(separator: ", "), reason: "no .txt + .ann documents") }
        log("\(gold.count) documents")
        let prepared = gold.map { g in align(pipeline.preprocess(g.text, id: g.name), g) }
        let commonWord = Pipeline.commonWordTest()
        let model = trainFirstPass(prepared, epochs: epochs, folds: folds, minWeight: minWeight, seed: seed, runs: runs, log: log)
        guard documentPass else { return model }
        var samples: [(doc: Document, features: [UInt64], offsets: [Float], gold: [UInt8])] = []
        for fold in 0..<folds {
            let others = prepared.indices.filter { $0 % folds != fold }.map { prepared[$0] }
            let foldModel = trainFirstPass(others, epochs: epochs, folds: folds, minWeight: minWeight, seed: seed, runs: runs, log: { _ in })
            for d in prepared.indices where d % folds == fold {
                let sample = foldModel.documentPassSample(prepared[d].doc, isCommonWord: commonWord)
                samples.append((prepared[d].doc, sample.features, sample.offsets, prepared[d].tags))
            }
            log("first pass of fold \(fold + 1) of \(folds) done")
        }
        return model.trainingDocumentPass(samples, epochs: epochs, runs: runs, seed: seed, log: log)
    }

    /// The first pass alone, trained on `prepared`.
    static func trainFirstPass(_ prepared: [Prepared], epochs: Int, folds: Int, minWeight: Float, seed: UInt64, runs: Int,
                               log: (String) -> Void) -> NERModel {
        let gazetteer = Gazetteer.french
        let commonWord = Pipeline.commonWordTest()
        let trainer = PerceptronTrainer(featuresPerToken: NERFeatureExtractor.templateCount)
        var features: [UInt64] = []
        for fold in 0..<folds {
            let others = prepared.indices.filter { $0 % folds != fold }.map { prepared[$0] }
            let extractor = NERFeatureExtractor(lexicon: lexicon(from: others, gazetteer: gazetteer), isCommonWord: commonWord)
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
