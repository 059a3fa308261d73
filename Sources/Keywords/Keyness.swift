import Foundation

/// How much more (or less) often a term occurs in a target (one document, or a group) than in the
/// rest of the corpus, with Dunning's log-likelihood ratio G² — the keyness statistic of corpus
/// linguistics (AntConc, WordSmith). G² follows a χ² distribution with one degree of freedom:
/// G² ≥ 3.84 means p < 0.05, ≥ 6.63 p < 0.01, ≥ 10.83 p < 0.001.
public struct Keyness: Sendable, Equatable {
    public var term: String
    /// Occurrences in the target and in the rest of the corpus.
    public var target: Int
    public var rest: Int
    /// G², signed: positive when the term is over-represented in the target, negative when under.
    public var logLikelihood: Double
    /// Relative frequencies per 10,000 words in the target and the rest.
    public var targetPer10k: Double
    public var restPer10k: Double

    /// p-value bands of G² (one degree of freedom).
    public var significance: String {
        let g = abs(logLikelihood)
        return g >= 10.83 ? "p<0.001" : g >= 6.63 ? "p<0.01" : g >= 3.84 ? "p<0.05" : "n.s."
    }

    /// Signed G² for a term seen `a` times in a target of `targetSize` words and `b` times in a rest of `restSize`.
    public static func logLikelihood(a: Int, b: Int, targetSize: Int, restSize: Int) -> Double {
        let n1 = Double(targetSize), n2 = Double(restSize)
        guard n1 > 0, n2 > 0 else { return 0 }
        let a = Double(a), b = Double(b)
        let e1 = n1 * (a + b) / (n1 + n2)
        let e2 = n2 * (a + b) / (n1 + n2)
        var g = 0.0
        if a > 0 { g += a * log(a / e1) }
        if b > 0 { g += b * log(b / e2) }
        g *= 2
        return a / n1 >= b / n2 ? g : -g
    }

    /// The distinctive terms of a target against the rest, most over-represented first.
    /// - Parameters:
    ///   - targetCounts: term counts in the target; `corpusCounts`: term counts in the whole corpus (target included).
    ///   - minimum: terms seen fewer times than this in the target are left out (G² is unreliable on tiny counts).
    public static func rank(targetCounts: [String: Int], corpusCounts: [String: Int], minimum: Int = 2) -> [Keyness] {
        let targetSize = targetCounts.values.reduce(0, +)
        let corpusSize = corpusCounts.values.reduce(0, +)
        let restSize = corpusSize - targetSize
        return targetCounts.compactMap { term, a -> Keyness? in
            guard a >= minimum else { return nil }
            let b = max(0, (corpusCounts[term] ?? a) - a)
            let g = logLikelihood(a: a, b: b, targetSize: targetSize, restSize: restSize)
            return Keyness(term: term, target: a, rest: b, logLikelihood: (g * 100).rounded() / 100,
                           targetPer10k: targetSize > 0 ? (10_000 * Double(a) / Double(targetSize) * 10).rounded() / 10 : 0,
                           restPer10k: restSize > 0 ? (10_000 * Double(b) / Double(restSize) * 10).rounded() / 10 : 0)
        }
        .sorted { ($0.logLikelihood, $1.term) > ($1.logLikelihood, $0.term) }
    }

    /// What characterises a corpus against ordinary French: its terms ranked by signed G² against a
    /// reference frequency list (the reference is not part of the corpus), over-represented first.
    /// `rest` and `restPer10k` are then the reference's count and frequency.
    /// - Parameter minimum: terms seen fewer times than this in the corpus are left out.
    public static func rank(corpusCounts: [String: Int], reference: ReferenceFrequencies, minimum: Int = 3) -> [Keyness] {
        let targetSize = corpusCounts.values.reduce(0, +)
        let referenceSize = reference.total
        return corpusCounts.compactMap { term, a -> Keyness? in
            guard a >= minimum else { return nil }
            let b = reference.counts[term] ?? 0
            let g = logLikelihood(a: a, b: b, targetSize: targetSize, restSize: referenceSize)
            return Keyness(term: term, target: a, rest: b, logLikelihood: (g * 100).rounded() / 100,
                           targetPer10k: targetSize > 0 ? (10_000 * Double(a) / Double(targetSize) * 10).rounded() / 10 : 0,
                           restPer10k: referenceSize > 0 ? (10_000 * Double(b) / Double(referenceSize) * 10).rounded() / 10 : 0)
        }
        .sorted { ($0.logLikelihood, $1.term) > ($1.logLikelihood, $0.term) }
    }
}
