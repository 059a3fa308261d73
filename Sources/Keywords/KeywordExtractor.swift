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
        let content = document.tokens.withUnsafeBufferPointer { tokens in tokens.indices.map { Self.isContent(tokens[$0]) } }  // no token copied
        var terms = Terms(tokenCount: document.tokens.count)
        for sentence in document.sentences where !sentence.isBoilerplate {
            for i in sentence.tokens where content[i] { terms.add(Folding.lower(document.tokens[i].lemma), token: i) }
        }
        document.keywords = terms.names.indices.map { Keyword(term: terms.names[$0], count: terms.counts[$0]) }
            .sorted { ($0.count, $1.term) > ($1.count, $0.term) }
        // Keyphrases are noun phrases: a verb, an adverb or a number cuts a candidate as a stop word does (keyphrase
        // F1@10 on the Wikinews set 0.356 → 0.388). Keywords still count every content lemma.
        let phraseContent = document.tokens.indices.map { content[$0] && Self.isPhraseWord(document.tokens[$0].pos) }
        document.keyphrases = KeyphraseRanker(limit: keyphraseCount).rank(document, terms: terms, content: phraseContent)
    }

    /// The document's distinct lower-cased content lemmas, numbered in order of first occurrence, with
    /// their counts and the number of each content token's lemma: the ranker then works on numbers, not
    /// on strings it would hash again for every candidate phrase.
    struct Terms {
        private(set) var names: [String] = []
        private(set) var counts: [Int] = []
        /// The term number of each token outside boilerplate that is content, else -1.
        private(set) var ofToken: [Int]
        /// Term numbers by a hash of the term's bytes: a `String` key was hashed with SipHash and
        /// Unicode normalisation for every content token.
        private var numbers = HashMap64<Int>()

        init(tokenCount: Int) {
            ofToken = [Int](repeating: -1, count: tokenCount)
        }

        mutating func add(_ term: String, token: Int) {
            let n: Int
            let key = FeatureHash.string(term)
            if let known = numbers[key] {
                n = known
                counts[n] += 1
            } else {
                n = names.count
                numbers[key] = n
                names.append(term)
                counts.append(1)
            }
            ofToken[token] = n
        }
    }

    /// Nouns, proper nouns, adjectives and foreign words make keyphrases; an untagged token (no
    /// part-of-speech model) counts as one, as before the tagger.
    @inline(__always) static func isPhraseWord(_ pos: UPOS) -> Bool {
        switch pos {
        case .NOUN, .PROPN, .ADJ, .X, .none: true
        default: false
        }
    }

    /// A token that carries meaning for keyword counts.
    @inline(__always) public static func isContent(_ t: Token) -> Bool {
        guard t.kind == .word || t.kind == .hashtag, !t.isStopword else { return false }
        guard !t.text.unicodeScalars.dropFirst().isEmpty || t.isCapitalized else { return false }  // two scalars, without counting them all
        guard t.text.utf8.first != UInt8(ascii: "-") else { return false }
        // An ASCII letter settles it without a Unicode property lookup.
        return t.text.unicodeScalars.contains { s in
            s.value < 0x80 ? (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A : s.properties.isAlphabetic
        }
    }
}
