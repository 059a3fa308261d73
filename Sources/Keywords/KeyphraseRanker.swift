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
        var lemmas: [String]
        var surface: String
        var firstPosition: Int
        var count: Int
        var isEntity: Bool
    }

    /// Words that may join two content words inside a keyphrase ("taux de change").
    private static let connectors: Set<String> = ["de", "d'"]

    /// - Parameter content: ``KeywordExtractor/isContent(_:)`` of each token.
    func rank(_ doc: Document, termCounts: [String: Int], content isContent: [Bool]) -> [Keyphrase] {
        var candidates: [String: Candidate] = [:]
        var order: [String] = []
        let tokens = doc.tokens
        func add(_ lemmas: [String], _ span: Span, position: Int, entity: Bool) {
            let key = lemmas.joined(separator: " ")
            if var c = candidates[key] {
                c.count += 1
                c.isEntity = c.isEntity || entity
                candidates[key] = c
            } else {
                candidates[key] = Candidate(lemmas: lemmas, surface: doc.text(of: span), firstPosition: position, count: 1, isEntity: entity)
                order.append(key)
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
                    let lemmas = content.map { Folding.lower(tokens[$0].lemma) }
                    add(lemmas, Span(tokens[run.first!].span.start, tokens[run.last!].span.end), position: position, entity: false)
                }
                run.removeAll()
            }
            for i in sentence.tokens {
                let t = tokens[i]
                if isContent[i] && (t.lineBreaksBefore == 0 || run.isEmpty) {
                    run.append(i)
                } else if !run.isEmpty, Self.connectors.contains(Folding.lower(t.text)), t.lineBreaksBefore == 0,
                          i + 1 < sentence.tokens.upperBound, isContent[i + 1] {
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
            let lemmas = m.tokens.filter { isContent[$0] }.map { Folding.lower(tokens[$0].lemma) }
            if !lemmas.isEmpty { add(lemmas, m.span, position: m.tokens.lowerBound, entity: true) }
        }
        let total = max(1, position)
        var scored: [(key: String, score: Double)] = order.map { key in
            let c = candidates[key]!
            let freq = c.lemmas.reduce(0.0) { $0 + Double(termCounts[$1] ?? 1) } / Double(c.lemmas.count)
            let lengthBonus = c.lemmas.count > 1 ? 1.0 + 0.5 * Double(min(c.lemmas.count, 3) - 1) : 1.0
            let early = 1.0 + 2.0 * (1.0 - Double(c.firstPosition) / Double(total))
            let entityBonus = c.isEntity ? 1.5 : 1.0
            return (key, freq * lengthBonus * early * entityBonus * (1 + log2(Double(c.count))))
        }
        scored.sort { ($0.score, $1.key) > ($1.score, $0.key) }
        var kept: [Keyphrase] = []
        var keptLemmas: [Set<String>] = []
        for (key, score) in scored {
            let c = candidates[key]!
            let set = Set(c.lemmas)
            // Merge near-duplicates: a phrase whose lemmas are all inside a kept phrase adds nothing.
            if keptLemmas.contains(where: { set.isSubset(of: $0) }) { continue }
            kept.append(Keyphrase(phrase: c.surface, score: (score * 1000).rounded() / 1000))
            keptLemmas.append(set)
            if kept.count == limit { break }
        }
        return kept
    }
}

