import Evaluation
import Foundation
import Lemmas
import LoupeCore
import PartOfSpeech
import Pipeline

/// Trains the part-of-speech tagger (``POSTagger``) on Universal Dependencies treebanks (CoNLL-U).
///
/// The treebank's sentences are joined by a space into documents of 20 (as the evaluation does) and
/// tokenised and split by Loupe's own stages, so the tagger learns on the tokens it will see; each token
/// whose span is a gold surface token takes its UPOS (a contraction such as "du" takes its first word's,
/// ADP), the others are tagged but teach nothing. A greedy averaged perceptron, left to right within
/// sentences, the tags before being the ones it predicted. Reproducible: the sentence order of each pass
/// is shuffled with a fixed seed, and the same data and seed give the same model bytes.
public enum POSTraining {
    /// One Loupe sentence ready for training: its tokens' own features and gold tags (255: no gold tag).
    struct Sentence {
        var features: [[UInt64]]
        var words: [POSFeatures.Word]
        var gold: [UInt8]
        /// Tokens that count for accuracy (gold tag, not a contraction).
        var scored: [Bool]
    }

    /// The treebank as Loupe sentences with gold tags. `before` runs the stages the tagger follows.
    static func prepare(_ conllu: String, before: (inout Document) -> Void, lexicon: (String, Bool) -> POSFeatures.Lexical) -> [Sentence] {
        var out: [Sentence] = []
        for passage in Treebank.passages(Treebank.read(conllu), size: 20) {
            let gold = passage.tokens
            var doc = Document(id: "ud", text: passage.text)
            before(&doc)
            for s in doc.sentences {
                var sentence = Sentence(features: [], words: [], gold: [], scored: [])
                for i in s.tokens {
                    let t = doc.tokens[i]
                    var f: [UInt64] = []
                    sentence.words.append(POSFeatures.word(text: t.text, kind: t.kind, initial: i == s.tokens.lowerBound, lexicon: lexicon) { f.append($0) })
                    sentence.features.append(f)
                    let g = gold[t.span]
                    sentence.gold.append(g.map { (UPOS(name: $0.upos) ?? .X).rawValue - 1 } ?? 255)
                    sentence.scored.append(g.map { !$0.isContraction } ?? false)
                }
                out.append(sentence)
            }
        }
        return out
    }

    /// Greedy tags of one sentence with `weights`; `visit` sees each position's features and prediction.
    /// Tokens with a fixed tag (``POSFeatures/fixedTag(text:kind:)``) are not scored and teach nothing.
    static func decode(_ s: Sentence, weights: UnsafeBufferPointer<Float>, mask: UInt64,
                       visit: (_ j: Int, _ features: [UInt64], _ predicted: Int) -> Void = { _, _, _ in }) -> [Int] {
        let n = POSFeatures.tagCount
        var tags: [Int] = []
        var tag1 = POSFeatures.start, tag2 = POSFeatures.start
        let m = s.words.count
        for j in 0..<m {
            var f = s.features[j]
            POSFeatures.context(previous: j >= 1 ? s.words[j - 1] : .outside,
                                current: s.words[j], next: j + 1 < m ? s.words[j + 1] : .outside,
                                next2: j + 2 < m ? s.words[j + 2] : .outside, tag1: tag1, tag2: tag2) { f.append($0) }
            var scores = [Float](repeating: 0, count: n)
            for h in f {
                let base = Int(h & mask) * n
                for k in 0..<n { scores[k] += weights[base + k] }
            }
            var best = Int(s.words[j].fixed)
            if best < 0 {
                best = 0
                for k in 1..<n where scores[k] > scores[best] { best = k }
                visit(j, f, best)
            }
            tags.append(best)
            tag2 = tag1
            tag1 = UInt64(best)
        }
        return tags
    }

    /// Accuracy on the scored tokens (gold tag, not a contraction), and their number.
    static func accuracy(_ sentences: [Sentence], model: POSModel) -> (Double, Int) {
        var ok = 0, total = 0
        model.weights.withUnsafeBufferPointer { w in
            for s in sentences {
                let tags = decode(s, weights: w, mask: model.mask)
                for j in tags.indices where s.scored[j] {
                    total += 1
                    if Int(s.gold[j]) == tags[j] { ok += 1 }
                }
            }
        }
        return (total > 0 ? Double(ok) / Double(total) : 0, total)
    }

    /// Trains on `train` (CoNLL-U texts) for `epochs` passes, printing the accuracy on `dev` after each.
    public static func train(train: [String], dev: [String], epochs: Int, bits: Int = 16, seed: UInt64,
                             log: (String) -> Void) throws -> POSModel {
        let pipeline = try Pipeline.french(nerModel: nil, posModel: nil)
        // The stages the tagger follows in `Pipeline.french()`: tokens, sentences, boilerplate.
        let before = pipeline.stages.prefix { $0.name != "pos" && $0.name != "lemmas" }
        let workspace = Workspace()
        let run: (inout Document) -> Void = { doc in for s in before { s.process(&doc, in: workspace) } }
        let lexicon = Pipeline.posLexicon
        let trainSet = train.flatMap { prepare($0, before: run, lexicon: lexicon) }
        let devSet = dev.flatMap { prepare($0, before: run, lexicon: lexicon) }
        let gold = trainSet.reduce(0) { $0 + $1.gold.filter { $0 != 255 }.count }
        log("\(trainSet.count) training sentences, \(gold) tokens with a gold tag; \(devSet.count) dev sentences")
        let n = POSFeatures.tagCount
        let size = (1 << bits) * n
        let mask = UInt64((1 << bits) - 1)
        var weights = [Float](repeating: 0, count: size)
        var totals = [Double](repeating: 0, count: size)
        var stamps = [Int](repeating: 0, count: size)
        var step = 0
        var rng = SplitMix(seed: seed)
        var order = Array(trainSet.indices)
        func averaged() -> POSModel {
            var avg = [Float](repeating: 0, count: size)
            let c = Double(max(step, 1))
            for p in 0..<size { avg[p] = Float((totals[p] + Double(step - stamps[p]) * Double(weights[p])) / c) }
            return POSModel(bits: bits, weights: avg)
        }
        for epoch in 1...epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
            var errors = 0, seen = 0
            for index in order {
                let s = trainSet[index]
                var updates: [(features: [UInt64], gold: Int, predicted: Int)] = []
                _ = weights.withUnsafeBufferPointer { w in
                    decode(s, weights: w, mask: mask) { j, f, predicted in
                        guard s.gold[j] != 255 else { return }
                        seen += 1
                        if Int(s.gold[j]) != predicted { updates.append((f, Int(s.gold[j]), predicted)) }
                    }
                }
                // Updates after the sentence (its tags were predicted with the weights before it).
                for u in updates {
                    errors += 1
                    for h in u.features {
                        let base = Int(h & mask) * n
                        for (tag, delta) in [(u.gold, Float(1)), (u.predicted, Float(-1))] {
                            let p = base + tag
                            totals[p] += Double(step - stamps[p]) * Double(weights[p])
                            stamps[p] = step
                            weights[p] += delta
                        }
                    }
                }
                step += 1
            }
            var line = String(format: "pass %d: train errors %.4f", epoch, Double(errors) / Double(max(seen, 1)))
            if !devSet.isEmpty {
                let (acc, total) = accuracy(devSet, model: averaged())
                line += String(format: ", dev UPOS %.4f (%d tokens)", acc, total)
            }
            log(line)
        }
        return averaged()
    }
}

