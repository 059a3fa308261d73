import Foundation
import LoupeCore
import Pipeline

/// Scores tokens, sentences and lemmas against a Universal Dependencies treebank (CoNLL-U), the way
/// `ud_make_docs.py` + `ud_score.py` do: the treebank's sentences are joined by a space into
/// documents of `sentencesPerDocument`, analysed, and compared on exact spans.
///
/// - token F1: predicted token spans against the gold surface tokens (multiword tokens such as
///   "du" count as one surface token);
/// - sentence F1: exact sentence spans;
/// - content-word lemma accuracy: gold NOUN, VERB, ADJ and ADV tokens whose span Loupe also found,
///   with the same lemma (compared in lower case).
public struct UDEvaluation {
    public struct Scores: Sendable {
        public var tokens: (precision: Double, recall: Double, f1: Double)
        public var sentences: (precision: Double, recall: Double, f1: Double)
        public var lemmaAccuracy: Double
        public var contentWords: Int
        public var sentenceCount: Int
        /// UPOS accuracy on every gold surface token but contractions (du, des, au: no single UPOS), a
        /// missing or mis-split token counting as an error (as `ud_score.py` counts it); 0 when untagged.
        public var uposAccuracy: Double
        public var uposTokens: Int
        /// Part-of-speech errors (gold UPOS, Loupe's), most frequent first.
        public var uposErrors: [(gold: String, predicted: String, count: Int)]
        /// Lemma errors (gold form, gold lemma, Loupe's lemma), most frequent first.
        public var lemmaErrors: [(form: String, gold: String, predicted: String, count: Int)]
    }

    public var sentencesPerDocument = 20

    public init() {}

    public func evaluate(conllu: String, pipeline: Pipeline) -> Scores {
        let workspace = Workspace()
        return evaluate(conllu: conllu) { pipeline.process(&$0, in: workspace) }
    }

    /// Scores what `analyse` makes (tokens with lemmas, sentences) of documents made of the treebank's sentences.
    public func evaluate(conllu: String, analyse: (inout Document) -> Void) -> Scores {
        let sentences = Treebank.read(conllu)
        var tp = 0, np = 0, ng = 0, stp = 0, snp = 0, sng = 0, lemmaOK = 0, lemmaN = 0
        var errors: [String: Int] = [:]
        var uposOK = 0, uposN = 0, tagged = false
        var uposErrors: [String: Int] = [:]
        for passage in Treebank.passages(sentences, size: sentencesPerDocument) {
            let goldTokens = passage.tokens
            let goldSentences = Set(passage.sentences)
            var doc = Document(id: "ud", text: passage.text)
            analyse(&doc)
            var predicted: [Span: String] = [:]
            var predictedPOS: [Span: UPOS] = [:]
            for t in doc.tokens {
                predicted[t.span] = t.lemma
                predictedPOS[t.span] = t.pos
                if t.pos != .none { tagged = true }
            }
            for (span, g) in goldTokens where !g.isContraction {
                uposN += 1
                let p = predictedPOS[span]?.name ?? "(no token)"
                if p == g.upos { uposOK += 1 } else { uposErrors["\(g.upos)\t\(p)", default: 0] += 1 }
            }
            tp += goldTokens.keys.filter { predicted[$0] != nil }.count
            np += predicted.count
            ng += goldTokens.count
            for (span, g) in goldTokens where !g.isContraction && ["NOUN", "VERB", "ADJ", "ADV"].contains(g.upos) {
                lemmaN += 1
                let gold = (g.lemma ?? "").lowercased()
                if let p = predicted[span] {
                    if p.lowercased() == gold { lemmaOK += 1 } else { errors["\(g.form)\t\(gold)\t\(p.lowercased())", default: 0] += 1 }
                }
            }
            let predictedSentences = Set(doc.sentences.map(\.span))
            stp += goldSentences.intersection(predictedSentences).count
            snp += predictedSentences.count
            sng += goldSentences.count
        }
        func f1(_ tp: Int, _ np: Int, _ ng: Int) -> (Double, Double, Double) {
            let p = np > 0 ? Double(tp) / Double(np) : 0, r = ng > 0 ? Double(tp) / Double(ng) : 0
            return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0)
        }
        let errorList = errors.map { key, n -> (String, String, String, Int) in
            let f = key.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (f[0], f[1], f[2], n)
        }.sorted { ($0.3, $1.0) > ($1.3, $0.0) }
        return Scores(tokens: f1(tp, np, ng), sentences: f1(stp, snp, sng), lemmaAccuracy: lemmaN > 0 ? Double(lemmaOK) / Double(lemmaN) : 0,
                      contentWords: lemmaN, sentenceCount: sentences.count,
                      uposAccuracy: tagged && uposN > 0 ? Double(uposOK) / Double(uposN) : 0, uposTokens: tagged ? uposN : 0,
                      uposErrors: uposErrors.map { key, n in
                          let f = key.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                          return (gold: f[0], predicted: f[1], count: n)
                      }.sorted { ($0.count, $1.gold, $1.predicted) > ($1.count, $0.gold, $0.predicted) },
                      lemmaErrors: errorList.map { (form: $0.0, gold: $0.1, predicted: $0.2, count: $0.3) })
    }
}
