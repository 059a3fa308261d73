import Entities
import LoupeCore

/// A structured averaged perceptron (Collins 2002) over BIO tags with first-order transitions.
///
/// Training data: sentences as rows of feature ids (a fixed number per token) and gold tags.
/// Weights are averaged with the usual trick (w − u / c), so no per-weight timestamps are kept.
public final class PerceptronTrainer {
    public let featuresPerToken: Int
    var featureIndex: [UInt64: Int32] = [:]
    var featureKeys: [UInt64] = []
    var w: [Float] = []
    var u: [Float] = []
    var tw: [Float]
    var tu: [Float]
    var c: Float = 1

    struct Sequence {
        var rows: [Int32]  // count × featuresPerToken; -1: no feature
        var gold: [UInt8]
        /// Fixed scores added to the emissions (count × tags), or empty: the first pass's scores when
        /// training the document pass.
        var offsets: [Float] = []
    }
    /// Transitions the training starts from (and starts again from after ``bank()``).
    var initialTransitions: [Float]?
    var sequences: [Sequence] = []

    public init(featuresPerToken: Int) {
        self.featuresPerToken = featuresPerToken
        tw = [Float](repeating: 0, count: (NERTags.count + 1) * NERTags.count)
        tu = tw
    }

    public var sentenceCount: Int { sequences.count }
    public var featureCount: Int { featureKeys.count }

    /// Adds a training sentence: `features` holds `featuresPerToken` hashes per token.
    public func add(features: [UInt64], gold: [UInt8], offsets: [Float] = []) {
        precondition(features.count == gold.count * featuresPerToken)
        precondition(offsets.isEmpty || offsets.count == gold.count * NERTags.count)
        var rows = [Int32](repeating: 0, count: features.count)
        for (k, h) in features.enumerated() {
            if h == 0 && !offsets.isEmpty { rows[k] = -1; continue }
            if let r = featureIndex[h] { rows[k] = r; continue }
            let r = Int32(featureKeys.count)
            featureIndex[h] = r
            featureKeys.append(h)
            rows[k] = r
        }
        w.append(contentsOf: repeatElement(0, count: (featureKeys.count * NERTags.count) - w.count))
        u.append(contentsOf: repeatElement(0, count: (featureKeys.count * NERTags.count) - u.count))
        sequences.append(Sequence(rows: rows, gold: gold, offsets: offsets))
    }

    /// Trains for `epochs` passes over the sentences, shuffled with a fixed seed.
    public func train(epochs: Int, seed: UInt64 = 42, progress: (Int, Double) -> Void = { _, _ in }) {
        var rng = SplitMix(seed: seed)
        var order = Array(sequences.indices)
        var emissions: [Float] = []
        var predicted: [UInt8] = []
        let T = NERTags.count
        for epoch in 1...max(1, epochs) {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
            var tokens = 0, wrong = 0
            for s in order {
                let seq = sequences[s]
                let n = seq.gold.count
                score(seq.rows, n, offsets: seq.offsets, into: &emissions)
                emissions.withUnsafeBufferPointer { e in
                    tw.withUnsafeBufferPointer { t in
                        Viterbi.decode(e, count: n, transitions: t, into: &predicted)
                    }
                }
                tokens += n
                if predicted != seq.gold {
                    for i in 0..<n where predicted[i] != seq.gold[i] {
                        wrong += 1
                        let g = Int(seq.gold[i]), p = Int(predicted[i])
                        for k in 0..<featuresPerToken {
                            let r = Int(seq.rows[i * featuresPerToken + k])
                            if r < 0 { continue }
                            update(r * T + g, 1)
                            update(r * T + p, -1)
                        }
                    }
                    for i in 0..<n {
                        let gp = i == 0 ? T : Int(seq.gold[i - 1]), pp = i == 0 ? T : Int(predicted[i - 1])
                        if gp != pp || seq.gold[i] != predicted[i] {
                            tw[gp * T + Int(seq.gold[i])] += 1; tu[gp * T + Int(seq.gold[i])] += c
                            tw[pp * T + Int(predicted[i])] -= 1; tu[pp * T + Int(predicted[i])] -= c
                        }
                    }
                }
                c += 1
            }
            progress(epoch, 1 - Double(wrong) / Double(max(tokens, 1)))
        }
    }

    @inline(__always) private func update(_ k: Int, _ d: Float) {
        w[k] += d
        u[k] += c * d
    }

    private func score(_ rows: [Int32], _ n: Int, offsets: [Float], into e: inout [Float]) {
        let T = NERTags.count
        e.removeAll(keepingCapacity: true)
        if offsets.isEmpty { e.append(contentsOf: repeatElement(0, count: n * T)) } else { e.append(contentsOf: offsets) }
        for i in 0..<n {
            for k in 0..<featuresPerToken {
                let r = Int(rows[i * featuresPerToken + k]) * T
                if r < 0 { continue }
                for t in 0..<T { e[i * T + t] += w[r + t] }
            }
        }
    }

    /// Sums of the averaged weights of the runs banked so far (see ``bank()``).
    var bankedWeights: [Float] = []
    var bankedTransitions: [Float] = []
    var banked = 0

    /// Adds this run's averaged weights to the bank and starts again from zero, so that another
    /// run (another shuffling seed) can be averaged in: the shipped model stays one linear model.
    public func bank() {
        if bankedWeights.count < w.count { bankedWeights.append(contentsOf: repeatElement(0, count: w.count - bankedWeights.count)) }
        if bankedTransitions.isEmpty { bankedTransitions = [Float](repeating: 0, count: tw.count) }
        for k in w.indices { bankedWeights[k] += w[k] - u[k] / c; w[k] = 0; u[k] = 0 }
        for k in tw.indices { bankedTransitions[k] += tw[k] - tu[k] / c; tw[k] = initialTransitions?[k] ?? 0; tu[k] = 0 }
        c = 1
        banked += 1
    }

    /// The averaged (over updates, then over banked runs), quantised model: features whose largest
    /// averaged weight is below `minWeight` (in units of one update) are dropped.
    public func finish(minWeight: Float, lexicon: NERLexicon) -> NERModel {
        if banked == 0 { bank() }
        let T = NERTags.count
        var maxAbs: Float = 0
        let avg = bankedWeights.map { $0 / Float(banked) }
        let trans = bankedTransitions.map { $0 / Float(banked) }
        for x in avg { maxAbs = max(maxAbs, abs(x)) }
        for x in trans { maxAbs = max(maxAbs, abs(x)) }
        let scale = maxAbs / 32000
        var keys: [UInt64] = []
        var weights: [Int16] = []
        for r in featureKeys.indices {
            var keep = false
            for t in 0..<T where abs(avg[r * T + t]) >= minWeight { keep = true }
            guard keep else { continue }
            keys.append(featureKeys[r])
            for t in 0..<T { weights.append(Int16((avg[r * T + t] / scale).rounded())) }
        }
        let transitions = trans.map { Int32(($0 / scale).rounded()) }
        return NERModel(keys: keys, weights: weights, transitions: transitions, scale: scale, lexicon: lexicon)
    }
}

extension PerceptronTrainer {
    /// Starts the training from these transitions (the first pass's, for the document pass).
    func start(transitions: [Float]) {
        initialTransitions = transitions
        tw = transitions
    }

    /// The averaged weights and transitions quantised with a given scale (the first pass's), every
    /// feature with a non-zero weight kept.
    func finishDocumentPass(scale: Float) -> NERModel.DocumentPass {
        if banked == 0 { bank() }
        let T = NERTags.count
        var keys: [UInt32] = [], weights: [Int16] = []
        for r in featureKeys.indices {
            let row = (0..<T).map { t -> Int16 in
                let v = (bankedWeights[r * T + t] / Float(banked) / scale).rounded()
                return Int16(max(-32000, min(32000, v)))
            }
            guard row.contains(where: { $0 != 0 }) else { continue }
            keys.append(NERModel.key(featureKeys[r]))
            weights += row
        }
        let transitions = bankedTransitions.map { Int32(($0 / Float(banked) / scale).rounded()) }
        return NERModel.DocumentPass(keys: keys, weights: weights, transitions: transitions)
    }
}

/// A small deterministic random generator (SplitMix64), for reproducible shuffling.
public struct SplitMix {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return FeatureHash.mix(state &- 0x9e37_79b9_7f4a_7c15)
    }
}
