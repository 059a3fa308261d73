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

    struct GoldToken { var form: String; var lemma: String?; var upos: String }
    struct GoldSentence { var text: String; var tokens: [GoldToken] }

    public var sentencesPerDocument = 20

    public init() {}

    /// Reads a CoNLL-U file's sentences (surface tokens, lemmas, UPOS).
    static func read(_ conllu: String) -> [GoldSentence] {
        var out: [GoldSentence] = []
        var current: GoldSentence?
        var skipUntil = 0
        for line in conllu.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# text = ") {
                current = GoldSentence(text: String(line.dropFirst(9)), tokens: [])
            } else if line.isEmpty {
                if let c = current { out.append(c) }
                current = nil
                skipUntil = 0
            } else if !line.hasPrefix("#") {
                let c = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard c.count >= 4 else { continue }
                let id = c[0]
                if id.contains(".") { continue }
                if let dash = id.firstIndex(of: "-") {
                    skipUntil = Int(id[id.index(after: dash)...]) ?? 0
                    current?.tokens.append(GoldToken(form: String(c[1]), lemma: nil, upos: "MWT"))
                    continue
                }
                if let n = Int(id), n <= skipUntil { continue }
                current?.tokens.append(GoldToken(form: String(c[1]), lemma: String(c[2]), upos: String(c[3])))
            }
        }
        if let c = current { out.append(c) }
        return out
    }

    public func evaluate(conllu: String, pipeline: Pipeline) -> Scores {
        let workspace = Workspace()
        return evaluate(conllu: conllu) { pipeline.process(&$0, in: workspace) }
    }

    /// Scores what `analyse` makes (tokens with lemmas, sentences) of documents made of the treebank's sentences.
    public func evaluate(conllu: String, analyse: (inout Document) -> Void) -> Scores {
        let sentences = Self.read(conllu)
        var tp = 0, np = 0, ng = 0, stp = 0, snp = 0, sng = 0, lemmaOK = 0, lemmaN = 0
        var errors: [String: Int] = [:]
        var uposOK = 0, uposN = 0, tagged = false
        var uposErrors: [String: Int] = [:]
        for first in stride(from: 0, to: sentences.count, by: sentencesPerDocument) {
            var text: [Unicode.Scalar] = []
            var goldTokens: [Span: GoldToken] = [:]
            var goldSentences = Set<Span>()
            for s in sentences[first..<min(sentences.count, first + sentencesPerDocument)] {
                if !text.isEmpty { text.append(" ") }
                let base = text.count
                let scalars = Array(s.text.unicodeScalars)
                text += scalars
                var position = 0
                for t in s.tokens {
                    let form = Array(t.form.unicodeScalars)
                    guard let k = Self.find(form, in: scalars, from: position) else { continue }
                    goldTokens[Span(base + k, base + k + form.count)] = t
                    position = k + form.count
                }
                goldSentences.insert(Span(base, base + scalars.count))
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: text)
            var doc = Document(id: "ud", text: String(view))
            analyse(&doc)
            var predicted: [Span: String] = [:]
            var predictedPOS: [Span: UPOS] = [:]
            for t in doc.tokens {
                predicted[t.span] = t.lemma
                predictedPOS[t.span] = t.pos
                if t.pos != .none { tagged = true }
            }
            for (span, g) in goldTokens where g.upos != "MWT" {
                uposN += 1
                let p = predictedPOS[span]?.name ?? "(no token)"
                if p == g.upos { uposOK += 1 } else { uposErrors["\(g.upos)\t\(p)", default: 0] += 1 }
            }
            tp += goldTokens.keys.filter { predicted[$0] != nil }.count
            np += predicted.count
            ng += goldTokens.count
            for (span, g) in goldTokens where ["NOUN", "VERB", "ADJ", "ADV"].contains(g.upos) {
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

    static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0] && Array(haystack[i..<i + needle.count]) == needle { return i }
            i += 1
        }
        return nil
    }
}
