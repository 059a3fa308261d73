import LoupeCore

/// First-order Viterbi decoding over emission scores (n × tags, row-major) and transitions.
public enum Viterbi {
    /// Decoding with floating-point scores, for training (``decode(_:count:transitions:into:minusInfinity:afterO:beforeO:)``
    /// specialised here, so that the training module does not call the generic function unspecialised).
    public static func decode(_ emissions: UnsafeBufferPointer<Float>, count n: Int, transitions: UnsafeBufferPointer<Float>, into out: inout [UInt8]) {
        decode(emissions, count: n, transitions: transitions, into: &out, minusInfinity: -Float.infinity)
    }

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
