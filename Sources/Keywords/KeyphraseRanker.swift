import Foundation
import LoupeCore

/// Ranks candidate phrases of a document.
///
/// Candidates are maximal runs of content words (at most four, possibly joined by "de"/"d'" as in
/// "transfert de technologie"), cut at punctuation, stop words and line ends, plus every named entity.
/// A candidate's score is the sum over its words of their frequency in the document, times a position
/// weight that favours phrases met early (the title and lead say what an article is about), times the
/// phrase's own frequency; entities get a bonus. Phrases included in a better-ranked one, or sharing its
/// lemmas, are merged into it. The phrase is shown as first written in the text.
struct KeyphraseRanker {
    var limit: Int
    var maxWords = 4

    struct Candidate {
        /// Term numbers (``KeywordExtractor/Terms``) of the phrase's content words.
        var terms: [Int]
        /// Where the phrase is first written (its text is taken only for the phrases kept).
        var span: Span
        var firstPosition: Int
        var count: Int
        var isEntity: Bool
    }

    /// Words that may join two content words inside a keyphrase ("taux de change").
    private static let connectors: Set<String> = ["de", "d'"]

    /// - Parameters:
    ///   - terms: the document's content lemmas and the lemma of each content token.
    ///   - content: ``KeywordExtractor/isContent(_:)`` of each token.
    func rank(_ doc: Document, terms: KeywordExtractor.Terms, content isContent: [Bool]) -> [Keyphrase] {
        var candidates: [Candidate] = []
        // A phrase is found by a hash of its term numbers (distinct sequences of a few small
        // numbers do not collide in 64 bits).
        var index = HashMap64<Int>()
        let tokens = doc.tokens
        let ofToken = terms.ofToken
        var phrase: [Int] = []  // the phrase being added, reused: an array only for new candidates
        func add(_ span: Span, position: Int, entity: Bool) {
            var key = FeatureHash.seed
            for t in phrase { key = FeatureHash.feature(key, UInt64(t)) }
            if let c = index[key] {
                candidates[c].count += 1
                candidates[c].isEntity = candidates[c].isEntity || entity
            } else {
                index[key] = candidates.count
                candidates.append(Candidate(terms: phrase, span: span, firstPosition: position, count: 1, isEntity: entity))
            }
        }
        var position = 0
        var run: [Int] = []
        for sentence in doc.sentences where !sentence.isBoilerplate {
            func flush() {
                if run.isEmpty { return }
                // Drop trailing connectors, then add the run if it has at most maxWords content words.
                while let last = run.last, !isContent[last] { run.removeLast() }
                phrase.removeAll(keepingCapacity: true)
                for i in run where isContent[i] { phrase.append(ofToken[i]) }
                if !phrase.isEmpty && phrase.count <= maxWords {
                    add(Span(tokens[run.first!].span.start, tokens[run.last!].span.end), position: position, entity: false)
                }
                run.removeAll(keepingCapacity: true)
            }
            for i in sentence.tokens {
                if isContent[i] && (tokens[i].lineBreaksBefore == 0 || run.isEmpty) {
                    run.append(i)
                } else if !run.isEmpty, tokens[i].lineBreaksBefore == 0, i + 1 < sentence.tokens.upperBound, isContent[i + 1],
                          Self.connectors.contains(Folding.lower(tokens[i].text)) {
                    run.append(i)
                } else {
                    flush()
                    if isContent[i] { run.append(i) }
                }
                position += 1
            }
            flush()
        }
        for m in doc.mentions where !doc.sentences[m.sentence].isBoilerplate {
            phrase.removeAll(keepingCapacity: true)
            for i in m.tokens where isContent[i] && ofToken[i] >= 0 { phrase.append(ofToken[i]) }
            if !phrase.isEmpty { add(m.span, position: m.tokens.lowerBound, entity: true) }
        }
        let total = max(1, position)
        let scores: [Double] = candidates.map { c in
            let freq = c.terms.reduce(0.0) { $0 + Double(terms.counts[$1]) } / Double(c.terms.count)
            let lengthBonus = c.terms.count > 1 ? 1.0 + 0.5 * Double(min(c.terms.count, 3) - 1) : 1.0
            let early = 1.0 + 2.0 * (1.0 - Double(c.firstPosition) / Double(total))
            let entityBonus = c.isEntity ? 1.5 : 1.0
            return freq * lengthBonus * early * entityBonus * (1 + log2(Double(c.count)))
        }
        // Best score first; equal scores in the order of their lemmas, which are joined into a
        // string only for such ties (the sort is stable, so equal keys keep their order).
        var order = Array(candidates.indices)
        order.sort { scores[$0] > scores[$1] }
        var kept: [Keyphrase] = []
        var keptTerms: [Set<Int>] = []
        var start = 0
        while start < order.count && kept.count < limit {
            var end = start + 1
            while end < order.count && scores[order[end]] == scores[order[start]] { end += 1 }
            var group = Array(order[start..<end])
            if group.count > 1 {
                let keys = Dictionary(uniqueKeysWithValues: group.map { ($0, candidates[$0].terms.map { terms.names[$0] }.joined(separator: " ")) })
                group.sort { keys[$0]! < keys[$1]! }
            }
            for k in group {
                let set = Set(candidates[k].terms)
                // Merge near-duplicates: a phrase whose lemmas are all inside a kept phrase adds nothing.
                if keptTerms.contains(where: { set.isSubset(of: $0) }) { continue }
                kept.append(Keyphrase(phrase: doc.text(of: candidates[k].span), score: (scores[k] * 1000).rounded() / 1000))
                keptTerms.append(set)
                if kept.count == limit { break }
            }
            start = end
        }
        return kept
    }
}
