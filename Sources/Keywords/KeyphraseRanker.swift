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
        var surface: String
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
        func add(_ phrase: [Int], _ span: Span, position: Int, entity: Bool) {
            var key = FeatureHash.seed
            for t in phrase { key = FeatureHash.feature(key, UInt64(t)) }
            if let c = index[key] {
                candidates[c].count += 1
                candidates[c].isEntity = candidates[c].isEntity || entity
            } else {
                index[key] = candidates.count
                candidates.append(Candidate(terms: phrase, surface: doc.text(of: span), firstPosition: position, count: 1, isEntity: entity))
            }
        }
        var position = 0
        for sentence in doc.sentences where !sentence.isBoilerplate {
            var run: [Int] = []
            func flush() {
                if run.isEmpty { return }
                // Drop trailing connectors, then add every sub-run of up to maxWords content words.
                while let last = run.last, !isContent[last] { run.removeLast() }
                let content = run.filter { isContent[$0] }
                if !content.isEmpty && content.count <= maxWords {
                    add(content.map { ofToken[$0] }, Span(tokens[run.first!].span.start, tokens[run.last!].span.end), position: position, entity: false)
                }
                run.removeAll()
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
            let phrase = m.tokens.filter { isContent[$0] && ofToken[$0] >= 0 }.map { ofToken[$0] }
            if !phrase.isEmpty { add(phrase, m.span, position: m.tokens.lowerBound, entity: true) }
        }
        let total = max(1, position)
        var scored: [(candidate: Int, key: String, score: Double)] = candidates.indices.map { k in
            let c = candidates[k]
            let freq = c.terms.reduce(0.0) { $0 + Double(terms.counts[$1]) } / Double(c.terms.count)
            let lengthBonus = c.terms.count > 1 ? 1.0 + 0.5 * Double(min(c.terms.count, 3) - 1) : 1.0
            let early = 1.0 + 2.0 * (1.0 - Double(c.firstPosition) / Double(total))
            let entityBonus = c.isEntity ? 1.5 : 1.0
            let key = c.terms.map { terms.names[$0] }.joined(separator: " ")  // ties broken by the lemmas
            return (k, key, freq * lengthBonus * early * entityBonus * (1 + log2(Double(c.count))))
        }
        scored.sort { ($0.score, $1.key) > ($1.score, $0.key) }
        var kept: [Keyphrase] = []
        var keptTerms: [Set<Int>] = []
        for (k, _, score) in scored {
            let c = candidates[k]
            let set = Set(c.terms)
            // Merge near-duplicates: a phrase whose lemmas are all inside a kept phrase adds nothing.
            if keptTerms.contains(where: { set.isSubset(of: $0) }) { continue }
            kept.append(Keyphrase(phrase: c.surface, score: (score * 1000).rounded() / 1000))
            keptTerms.append(set)
            if kept.count == limit { break }
        }
        return kept
    }
}
