import LoupeCore

/// Counts content lemmas and ranks keyphrases for each document.
///
/// Keywords: lower-cased lemmas of word tokens outside boilerplate, without stop words, punctuation,
/// numbers or one-letter words. Corpus weights (TF-IDF) are computed by the store, which knows the corpus.
///
/// Keyphrases (``KeyphraseRanker``): candidate phrases are runs of content words, and the named
/// entities the document mentions.
public struct KeywordExtractor: Stage {
    public let name = "keywords"
    public let requires: Set<Annotation> = [.tokens, .sentences, .boilerplate, .lemmas, .entities]
    public let provides: Set<Annotation> = [.keywords]

    /// How many keyphrases to keep per document.
    public var keyphraseCount = 15

    public init() {}

    public func process(_ document: inout Document) {
        // Asked once per token: the ranker looks at each token several times.
        let content = document.tokens.map(Self.isContent)
        var counts: [String: Int] = [:]
        for sentence in document.sentences where !sentence.isBoilerplate {
            for i in sentence.tokens where content[i] {
                counts[Folding.lower(document.tokens[i].lemma), default: 0] += 1
            }
        }
        document.keywords = counts.map { Keyword(term: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.term) > ($1.count, $0.term) }
        document.keyphrases = KeyphraseRanker(limit: keyphraseCount).rank(document, termCounts: counts, content: content)
    }

    /// A token that carries meaning for keyword counts.
    public static func isContent(_ t: Token) -> Bool {
        guard t.kind == .word || t.kind == .hashtag, !t.isStopword else { return false }
        guard t.text.unicodeScalars.count > 1 || t.isCapitalized else { return false }
        guard t.text.utf8.first != UInt8(ascii: "-") else { return false }
        // An ASCII letter settles it without a Unicode property lookup.
        return t.text.unicodeScalars.contains { s in
            s.value < 0x80 ? (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A : s.properties.isAlphabetic
        }
    }
}
