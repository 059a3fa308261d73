import Foundation
import LoupeCore

/// Scores each sentence and the document in [-1, 1], with the words that moved each score.
///
/// Each lexicon word contributes its polarity, changed by what surrounds it: a negation in the three
/// words before (ne … pas, jamais, sans, aucun) flips and halves it; an intensifier or attenuator
/// just before multiplies it (très ×1.5, peu ×0.5); after a contrast word (mais, pourtant) words
/// weigh 1.5 and before it 0.5; a question or a conditional damps the sentence, an exclamation
/// mark strengthens it; emoticons and emoji count as words; letters repeated for emphasis
/// (« trooop ») are reduced before lookup and strengthen the word. The sum `x` is squashed to
/// `x / sqrt(x² + 1)`. The document's score is the mean over its non-boilerplate sentences.
public struct SentimentScorer: Stage {
    public let name = "sentiment"
    public let requires: Set<Annotation> = [.tokens, .sentences, .boilerplate, .lemmas]
    public let provides: Set<Annotation> = [.sentiment]

    let lexicon: SentimentLexicon

    public init(lexicon: SentimentLexicon = .shared) {
        self.lexicon = lexicon
    }

    public func process(_ document: inout Document) {
        var total = 0.0, subjective = 0.0, n = 0
        for s in document.sentences.indices {
            guard !document.sentences[s].isBoilerplate else { continue }
            let (score, subjectivity, cues) = scoreSentence(document.tokens, document.sentences[s].tokens)
            document.sentences[s].sentiment = score
            document.sentences[s].subjectivity = subjectivity
            document.sentences[s].sentimentCues = cues
            total += score
            subjective += subjectivity
            n += 1
        }
        document.sentiment = n > 0 ? Self.round(total / Double(n)) : 0
        document.subjectivity = n > 0 ? Self.round(subjective / Double(n)) : 0
    }

    /// Score, subjectivity and cues of the tokens `range`.
    public func scoreSentence(_ tokens: [Token], _ range: Range<Int>) -> (Double, Double, [SentimentCue]) {
        var cues: [SentimentCue] = []
        var subjectivities: [Double] = []
        var contrastAt: Int?
        for i in range where lexicon.contrasts.contains(Folding.lower(tokens[i].text)) { contrastAt = i }
        for i in range {
            let t = tokens[i]
            guard var (polarity, subjectivity) = polarity(of: t) else { continue }
            // Intensifier or attenuator just before (skipping one adverb: "vraiment très bon").
            for k in stride(from: i - 1, through: max(range.lowerBound, i - 2), by: -1) {
                if let m = lexicon.intensifiers[Folding.lower(tokens[k].text)] { polarity *= m; break }
            }
            if isNegated(tokens, i, range) { polarity *= -0.5 }
            if let c = contrastAt { polarity *= i > c ? 1.5 : 0.5 }
            if isElongated(t.text) { polarity *= 1.3 }
            cues.append(SentimentCue(token: i, weight: polarity))
            subjectivities.append(subjectivity)
        }
        guard !cues.isEmpty else { return (0, 0, []) }
        var sum = cues.reduce(0) { $0 + $1.weight }
        let last = tokens[range.upperBound - 1].text
        if last.contains("?") { sum *= 0.6 }
        if last.contains("!") || tokens[range].contains(where: { $0.text.hasPrefix("!") }) { sum *= 1.3 }
        if tokens[range].contains(where: { $0.kind == .word && (Folding.lower($0.text).hasSuffix("rait") || Folding.lower($0.text).hasSuffix("raient")) }) {
            sum *= 0.8
        }
        let score = sum / (sum * sum + 1).squareRoot()
        let subjectivity = min(1, max(0, subjectivities.reduce(0, +) / Double(subjectivities.count)))
        return (Self.round(score), Self.round(subjectivity), cues.map { SentimentCue(token: $0.token, weight: Self.round($0.weight)) })
    }

    private func polarity(of t: Token) -> (Double, Double)? {
        if t.kind == .emoji || t.kind == .punctuation || t.kind == .symbol {
            if let v = lexicon.emoticons[t.text] { return (v, 0.8) }
            return nil
        }
        guard t.kind == .word || t.kind == .hashtag else { return nil }
        let lemma = Folding.lower(t.lemma.hasPrefix("#") ? String(t.lemma.dropFirst()) : t.lemma)
        if let e = lexicon.entry(lemma) { return (e.polarity, e.subjectivity) }
        let form = Folding.lower(t.text)
        if let e = lexicon.entry(form) { return (e.polarity, e.subjectivity) }
        if isElongated(form) {
            for keep in [1, 2] { if let e = lexicon.entry(Self.reduceRepeats(form, keep: keep)) { return (e.polarity, e.subjectivity) } }
        }
        return nil
    }

    /// A negator among the three words before, or "ne/n'" before and "pas" right after (ne fonctionne pas).
    private func isNegated(_ tokens: [Token], _ i: Int, _ range: Range<Int>) -> Bool {
        for k in stride(from: i - 1, through: max(range.lowerBound, i - 3), by: -1) {
            let w = Folding.lower(tokens[k].text)
            if lexicon.negators.contains(w) { return true }
            if tokens[k].kind == .punctuation { break }
        }
        if i + 1 < range.upperBound, ["pas", "plus", "jamais", "rien"].contains(Folding.lower(tokens[i + 1].text)),
           i - 1 >= range.lowerBound, ["ne", "n'"].contains(Folding.lower(tokens[i - 1].text)) || i - 2 >= range.lowerBound && ["ne", "n'"].contains(Folding.lower(tokens[i - 2].text)) {
            return true
        }
        return false
    }

    private func isElongated(_ word: String) -> Bool {
        var run = 1
        var previous: Character?
        for c in word {
            run = c == previous ? run + 1 : 1
            if run >= 3 && c.isLetter { return true }
            previous = c
        }
        return false
    }

    /// "trooop" → "trop", "géniaaal" → "génial"; runs of three or more letters are cut to `keep`.
    static func reduceRepeats(_ word: String, keep: Int = 1) -> String {
        var out = ""
        var previous: Character?
        var run = 0
        var chars = Array(word)
        chars.append(" ")
        for c in chars {
            if c == previous { run += 1; continue }
            if let p = previous { out.append(contentsOf: String(repeating: p, count: run >= 3 ? keep : run)) }
            previous = c
            run = 1
        }
        return out
    }

    static func round(_ x: Double) -> Double { (x * 10000).rounded() / 10000 }
}
