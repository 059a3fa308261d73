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

    /// Greedy tags of one sentence with `weights`; `visit` sees each position's features and prediction,
    /// `scored` each position's scores. Tokens with a fixed tag (``POSFeatures/fixedTag(text:kind:)``) are not
    /// scored and teach nothing. With `hints` (the first pass's tags of the sentence), this is the second pass,
    /// which keeps the first pass's tag where `keep` says so.
    static func decode(_ s: Sentence, weights: UnsafeBufferPointer<Float>, mask: UInt64, hints: [Int]? = nil, keep: [Bool]? = nil,
                       scored: (_ j: Int, _ scores: [Float]) -> Void = { _, _ in },
                       visit: (_ j: Int, _ features: [UInt64], _ predicted: Int) -> Void = { _, _, _ in }) -> [Int] {
        let n = POSFeatures.tagCount
        var tags: [Int] = []
        var tag1 = POSFeatures.start, tag2 = POSFeatures.start
        let m = s.words.count
        for j in 0..<m {
            var best = Int(s.words[j].fixed)
            if let hints, let keep, keep[j] { best = hints[j] }
            if best < 0 {
                var f = s.features[j]
                POSFeatures.context(previous: j >= 1 ? s.words[j - 1] : .outside,
                                    current: s.words[j], next: j + 1 < m ? s.words[j + 1] : .outside,
                                    next2: j + 2 < m ? s.words[j + 2] : .outside, tag1: tag1, tag2: tag2) { f.append($0) }
                if let hints {
                    func hint(_ k: Int) -> UInt64 { k < m ? UInt64(hints[k]) : POSFeatures.start }
                    POSFeatures.stacked(current: s.words[j], tag1: tag1, next: hint(j + 1), next2: hint(j + 2)) { f.append($0) }
                }
                var scores = [Float](repeating: 0, count: n)
                for h in f {
                    let base = Int(h & mask) * n
                    for k in 0..<n { scores[k] += weights[base + k] }
                }
                scored(j, scores)
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

    /// The tags `model` gives a sentence: its first pass, then its second where the first was unsure.
    static func tag(_ s: Sentence, model: POSModel) -> [Int] {
        var keep = [Bool](repeating: true, count: s.words.count)
        let first = model.first.weights.withUnsafeBufferPointer {
            decode(s, weights: $0, mask: model.mask, scored: { j, v in keep[j] = margin(v) >= model.gate })
        }
        guard let second = model.second, keep.contains(false) else { return first }
        return second.weights.withUnsafeBufferPointer { decode(s, weights: $0, mask: model.mask, hints: first, keep: keep) }
    }

    /// How far the best score is ahead of the second best.
    static func margin(_ scores: [Float]) -> Float {
        var top = -Float.infinity, second = -Float.infinity
        for v in scores {
            if v > top { second = top; top = v } else if v > second { second = v }
        }
        return top - second
    }

    /// Accuracy on the scored tokens (gold tag, not a contraction), and their number.
    static func accuracy(_ sentences: [Sentence], model: POSModel) -> (Double, Int) {
        var ok = 0, total = 0
        for s in sentences {
            let tags = tag(s, model: model)
            for j in tags.indices where s.scored[j] {
                total += 1
                if Int(s.gold[j]) == tags[j] { ok += 1 }
            }
        }
        return (total > 0 ? Double(ok) / Double(total) : 0, total)
    }

    /// Trains on `train` (CoNLL-U texts) for `epochs` passes, printing the accuracy on `dev` after each.
    ///
    /// With `stacked`, a second pass learns from the first pass's tags of the training sentences, each
    /// sentence tagged by a first pass trained without its part (one of `folds`), so that it learns from the
    /// mistakes the first pass makes on text it has not seen. The model's first pass is trained on everything;
    /// its second pass runs only where the first pass's margin is under the one above which the held-out tags
    /// are right 98.5 times in 100 (at 99, twice the words went through the second pass for the same accuracy).
    public static func train(train: [String], dev: [String], epochs: Int, bits: Int = 16, seed: UInt64,
                             stacked: Bool = true, folds: Int = 10, log: (String) -> Void) throws -> POSModel {
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
        func scoreDev(_ model: @autoclosure () -> POSModel) -> String {
            guard !devSet.isEmpty else { return "" }
            let (acc, total) = accuracy(devSet, model: model())
            return String(format: ", dev UPOS %.4f (%d tokens)", acc, total)
        }
        let first = perceptron(trainSet, hints: nil, epochs: epochs, bits: bits, seed: seed) { epoch, errors, weights in
            log(String(format: "pass %d: train errors %.4f", epoch, errors) + scoreDev(POSModel(bits: bits, first: weights())))
        }
        guard stacked, folds >= 2 else { return POSModel(bits: bits, first: first) }

        // The first pass's tags and margins on each part, trained on the others. Contiguous parts: a part's
        // sentences come mostly from other documents than the ones its tagger learnt from.
        var hints = [[Int]](repeating: [], count: trainSet.count)
        var held: [(margin: Float, right: Bool)] = []
        for fold in 0..<folds {
            let part = (trainSet.count * fold / folds)..<(trainSet.count * (fold + 1) / folds)
            let rest = trainSet.indices.filter { !part.contains($0) }.map { trainSet[$0] }
            let weights = perceptron(rest, hints: nil, epochs: epochs, bits: bits, seed: seed &+ UInt64(fold + 1)) { _, _, _ in }
            let model = POSModel(bits: bits, first: weights)
            model.first.weights.withUnsafeBufferPointer { w in
                for i in part {
                    let s = trainSet[i]
                    var margins: [(Int, Float)] = []
                    hints[i] = decode(s, weights: w, mask: model.mask, scored: { j, v in margins.append((j, margin(v))) })
                    for (j, m) in margins where s.gold[j] != 255 { held.append((m, Int(s.gold[j]) == hints[i][j])) }
                }
            }
        }
        // The lowest margin above which the held-out tags are right 98.5 times in 100.
        held.sort { $0.margin > $1.margin || $0.margin == $1.margin && $0.right && !$1.right }
        var gate = held.first?.margin ?? 0, right = 0
        for (k, h) in held.enumerated() {
            if h.right { right += 1 }
            if Double(right) >= 0.985 * Double(k + 1) { gate = h.margin }
        }
        let unsure = held.filter { $0.margin < gate }
        log(String(format: "first pass on held-out parts: %.4f; second pass under margin %.2f (%.1f %% of the tokens, %.3f right there)",
                   Double(held.filter(\.right).count) / Double(max(held.count, 1)), gate, 100 * Double(unsure.count) / Double(max(held.count, 1)),
                   Double(unsure.filter(\.right).count) / Double(max(unsure.count, 1))))
        let second = perceptron(trainSet, hints: hints, epochs: epochs, bits: bits, seed: seed) { epoch, errors, weights in
            log(String(format: "second pass %d: train errors %.4f", epoch, errors) + scoreDev(POSModel(bits: bits, first: first, second: weights(), gate: gate)))
        }
        return POSModel(bits: bits, first: first, second: second, gate: gate)
    }

    /// Averaged perceptron weights (`2^bits × 17`) learnt greedily on `sentences` (with `hints`, the second
    /// pass's); `report` sees each pass's error rate and averaged weights.
    static func perceptron(_ sentences: [Sentence], hints: [[Int]]?, epochs: Int, bits: Int, seed: UInt64,
                           report: (_ epoch: Int, _ errors: Double, _ weights: () -> [Float]) -> Void) -> [Float] {
        let n = POSFeatures.tagCount
        let size = (1 << bits) * n
        let mask = UInt64((1 << bits) - 1)
        var weights = [Float](repeating: 0, count: size)
        var totals = [Double](repeating: 0, count: size)
        var stamps = [Int](repeating: 0, count: size)
        var step = 0
        var rng = SplitMix(seed: seed)
        var order = Array(sentences.indices)
        func averaged() -> [Float] {
            var avg = [Float](repeating: 0, count: size)
            let c = Double(max(step, 1))
            for p in 0..<size { avg[p] = Float((totals[p] + Double(step - stamps[p]) * Double(weights[p])) / c) }
            return avg
        }
        for epoch in 1...epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
            var errors = 0, seen = 0
            for index in order {
                let s = sentences[index]
                var updates: [(features: [UInt64], gold: Int, predicted: Int)] = []
                _ = weights.withUnsafeBufferPointer { w in
                    decode(s, weights: w, mask: mask, hints: hints?[index], visit: { j, f, predicted in
                        guard s.gold[j] != 255 else { return }
                        seen += 1
                        if Int(s.gold[j]) != predicted { updates.append((f, Int(s.gold[j]), predicted)) }
                    })
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
            report(epoch, Double(errors) / Double(max(seen, 1)), averaged)
        }
        return averaged()
    }
}
