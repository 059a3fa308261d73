import LoupeCore

/// BIO tags over the four entity types: 0 = O, 1 + 2k = B-type, 2 + 2k = I-type (k: PER LOC ORG MISC).
public enum NERTags {
    public static let count = 9
    public static let types: [EntityType] = [.PER, .LOC, .ORG, .MISC]

    public static func begin(_ t: EntityType) -> UInt8 { UInt8(1 + 2 * types.firstIndex(of: t)!) }
    public static func inside(_ t: EntityType) -> UInt8 { UInt8(2 + 2 * types.firstIndex(of: t)!) }
    static func type(_ tag: UInt8) -> EntityType? { tag == 0 ? nil : types[Int(tag - 1) / 2] }
    static func isBegin(_ tag: UInt8) -> Bool { tag != 0 && tag % 2 == 1 }

    /// Whether `tag` may follow `previous` (nil: sentence start): I-X only after B-X or I-X.
    static func allowed(_ previous: UInt8?, _ tag: UInt8) -> Bool {
        guard tag != 0 && tag % 2 == 0 else { return true }
        guard let p = previous, p != 0 else { return false }
        return (p - 1) / 2 == (tag - 1) / 2
    }

    /// Spans (token ranges relative to the sequence) and types of a tag sequence.
    static func spans(_ tags: [UInt8]) -> [(range: Range<Int>, type: EntityType)] {
        var out: [(range: Range<Int>, type: EntityType)] = []  // labelled as returned: an unlabelled array was cast element by element
        var i = 0
        while i < tags.count {
            guard let type = type(tags[i]) else { i += 1; continue }
            var end = i + 1
            while end < tags.count && tags[end] == inside(type) { end += 1 }
            out.append((i..<end, type))
            i = end
        }
        return out
    }
}

/// First-order Viterbi decoding over emission scores (n × tags, row-major) and transitions.
enum Viterbi {
    /// allowedFrom[t]: bit p set when tag t may follow tag p; bit T: at a sentence start.
    static let allowedFrom: [UInt16] = (0..<NERTags.count).map { t in
        var m: UInt16 = 0
        for p in 0..<NERTags.count where NERTags.allowed(UInt8(p), UInt8(t)) { m |= 1 << p }
        if NERTags.allowed(nil, UInt8(t)) { m |= 1 << NERTags.count }
        return m
    }

    /// - Parameters:
    ///   - transitions: (tags + 1) × tags; row `tags` holds the start scores.
    ///   - afterO: the sequence is the middle of a sentence whose tag before it is O (instead of its start).
    ///   - beforeO: the tag after the sequence is O (instead of the sentence's end).
    static func decode<S: Numeric & Comparable>(_ emissions: UnsafeBufferPointer<S>, count n: Int, transitions: UnsafeBufferPointer<S>,
                                                 into out: inout [UInt8], minusInfinity: S, afterO: Bool = false, beforeO: Bool = false) {
        let T = NERTags.count
        out.removeAll(keepingCapacity: true)
        if n == 0 { return }
        out.append(contentsOf: repeatElement(0, count: n))
        let allowedFrom = Self.allowedFrom  // read the static once, not in the inner loop
        withUnsafeTemporaryAllocation(of: S.self, capacity: 2 * T) { buffer in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n * T) { back in
                var score = UnsafeMutableBufferPointer(rebasing: buffer[0..<T])
                var next = UnsafeMutableBufferPointer(rebasing: buffer[T..<(2 * T)])
                for t in 0..<T {
                    if afterO {
                        score[t] = allowedFrom[t] & 1 != 0 ? transitions[t] + emissions[t] : minusInfinity
                    } else {
                        score[t] = allowedFrom[t] & (1 << T) != 0 ? transitions[T * T + t] + emissions[t] : minusInfinity
                    }
                }
                for i in 1..<max(n, 1) {
                    for t in 0..<T {
                        let from = allowedFrom[t]
                        var best = minusInfinity, arg = 0
                        var candidates = from & ((1 << T) - 1)
                        while candidates != 0 {
                            let p = candidates.trailingZeroBitCount
                            candidates &= candidates - 1
                            if score[p] == minusInfinity { continue }
                            let s = score[p] + transitions[p * T + t]
                            if best == minusInfinity || s > best { best = s; arg = p }
                        }
                        next[t] = best == minusInfinity ? minusInfinity : best + emissions[i * T + t]
                        back[i * T + t] = UInt8(arg)
                    }
                    swap(&score, &next)
                }
                if beforeO {
                    for t in 0..<T where score[t] != minusInfinity { score[t] += transitions[t * T] }
                }
                var bestTag = 0
                for t in 1..<T where score[t] != minusInfinity && (score[bestTag] == minusInfinity || score[t] > score[bestTag]) { bestTag = t }
                out[n - 1] = UInt8(bestTag)
                var i = n - 1
                while i > 0 {
                    out[i - 1] = back[i * T + Int(out[i])]
                    i -= 1
                }
            }
        }
    }
}

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
                        Viterbi.decode(e, count: n, transitions: t, into: &predicted, minusInfinity: -Float.infinity)
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

    /// The averaged, quantised model: features whose largest averaged weight is below `minWeight`
    /// (in units of one update) are dropped.
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
