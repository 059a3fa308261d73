import LoupeCore

/// Gives each token its lemma (dictionary form) and its stop-word flag.
///
/// A word is looked up lower-cased in the embedded form → lemma table (see
/// `Sources/FrenchData/data/SOURCES.md`); a word the table does not know goes through the suffix
/// rules of `LEMMA_RULES.md` for plurals and verb and adjective endings (``LemmaRules``).
/// Acronyms and capitalised words inside a sentence that the table does not know are names and
/// keep their form. Elided forms take their full form (l' → le, qu' → que).
public struct Lemmatizer: Stage {
    public let name = "lemmas"
    public let requires: Set<Annotation> = [.tokens, .sentences]
    public let provides: Set<Annotation> = [.lemmas]

    public let stopWords: StopWords
    private let lexicon: LemmaLexicon
    private let isName: @Sendable (String) -> Bool
    /// The lemmas of a lower-cased form's noun, adjective and verb readings that the table does not give, if any.
    private let readings: @Sendable (String) -> (noun: String?, adjective: String?, verb: String?)?
    /// Names this lemmatizer's memo in a ``Workspace`` (another stop-word list, another memo).
    private let memoName = MemoName("lemmas")

    /// - Parameter isName: whether a folded word is a known name (a place, a person), which keeps its form.
    /// - Parameter readings: the lemmas of a lower-cased form's noun, adjective and verb readings where the
    ///   table's lemma is not theirs; with a part of speech on the token (the tagger runs first), its
    ///   reading's lemma wins: "le compte" NOUN → compte, "une date" NOUN → date, "il date" VERB → dater.
    public init(stopWords: StopWords = .builtIn, isName: @escaping @Sendable (String) -> Bool = { _ in false },
                readings: @escaping @Sendable (String) -> (noun: String?, adjective: String?, verb: String?)? = { _ in nil }) {
        self.stopWords = stopWords
        self.lexicon = LemmaLexicon.shared
        self.isName = isName
        self.readings = readings
    }

    /// Loads the lemma table (332,000 forms, the largest part of start-up) now, so that a caller can do
    /// it on another thread while the other stages' data loads.
    public static func loadTable() {
        _ = LemmaLexicon.shared
    }

    public func process(_ document: inout Document) { process(&document, in: Workspace()) }

    public func process(_ document: inout Document, in workspace: Workspace) {
        var sentenceStart = [Bool](repeating: false, count: document.tokens.count + 1)
        for s in document.sentences where s.tokens.lowerBound < sentenceStart.count { sentenceStart[s.tokens.lowerBound] = true }
        // A lemma and the stop-word flag depend only on the form, its kind and sentence-initial
        // position: each is worked out once per workspace, not once per document (a tenth of the
        // forms of 100 articles are new).
        let memo = workspace.memo(memoName, of: Known.self)
        var previous = ContextWord.none
        // Tokens read and written in place: a copy of each cost two retains and two releases.
        document.tokens.withUnsafeMutableBufferPointer { tokens in
            for i in tokens.indices {
                var initial = sentenceStart[i]
                // After an opening quote or dash, a capital is still sentence-initial.
                if !initial, i > 0, tokens[i - 1].kind == .punctuation, sentenceStart[i - 1] { initial = true }
                let key = tokens[i].memoKey(salt: initial ? 1 : 0)
                let known: Known
                if let k = memo.cached(key) {
                    known = k
                } else {
                    let lower = tokens[i].kind == .word ? Folding.lower(tokens[i].text) : ""
                    known = Known(lemma: lemma(tokens[i], sentenceInitial: initial), stop: stopWords.contains(tokens[i].text),
                                  lower: lower, context: Self.determiners.contains(lower) ? .determiner : Self.subjects.contains(lower) ? .subject : .none,
                                  readings: lower.isEmpty ? nil : readings(lower).map { ReadingLemmas(noun: $0.noun, adjective: $0.adjective, verb: $0.verb) })
                    memo.store(known, for: key)
                }
                let isWord = tokens[i].kind == .word
                var l = known.lemma
                // The word before settles some noun/verb readings; only after a determiner or a subject.
                if previous != .none, isWord, initial || !tokens[i].isCapitalized {
                    l = disambiguate(known.lower, lemma: l, after: previous)
                }
                // The tagger's part of speech picks the reading (not for names inside a sentence).
                if let r = known.readings, isWord, initial || !tokens[i].isCapitalized {
                    let lemma: String? = switch tokens[i].pos {
                    case .NOUN: r.noun
                    case .ADJ: r.adjective
                    case .VERB, .AUX: r.verb
                    default: nil
                    }
                    if let lemma { l = lemma }
                }
                // A capitalised word the table makes a verb is a name when it follows a word inside a sentence
                // ("avec Marie", "à Moussa") or comes before another capital ("René Angélil meurt"); after
                // a quote or a dash it stays a verb ("« Viens").
                if isWord, l != known.lower, Self.isInfinitive(l), tokens[i].isCapitalized, !tokens[i].text.isAllCaps {
                    let afterWord = !initial && i > 0 && tokens[i - 1].kind == .word
                    let beforeName = i + 1 < tokens.count && tokens[i + 1].kind == .word && tokens[i + 1].isCapitalized && !tokens[i + 1].text.isAllCaps
                    if afterWord || beforeName { l = tokens[i].text }
                }
                tokens[i].lemma = l
                tokens[i].isStopword = known.stop
                previous = isWord ? known.context : .none
            }
        }
    }

    /// What a form in a position always gets: its lemma, whether it is a stop word, its lower-case
    /// form and whether that is a determiner or subject before a noun/verb reading.
    private struct Known {
        let lemma: String
        let stop: Bool
        let lower: String
        let context: ContextWord
        /// The lemmas of readings the table does not give (``readings``), nil for most forms.
        let readings: ReadingLemmas?
    }

    /// A form's lemmas by reading, where they are not the table's; a reference, so that the memo's entries
    /// stay small for the many forms without (and frequent forms such as "est" are not parsed again).
    final class ReadingLemmas: Sendable {
        let noun, adjective, verb: String?
        init(noun: String?, adjective: String?, verb: String?) { self.noun = noun; self.adjective = adjective; self.verb = verb }
    }

    /// A word that settles the reading of the next one (``disambiguate(_:lemma:after:)``), found once
    /// per form rather than looked up in two sets for every word that follows one.
    enum ContextWord { case none, determiner, subject }

    /// The lemma of one token.
    public func lemma(_ token: Token, sentenceInitial: Bool = false) -> String {
        switch token.kind {
        case .word: return lemma(word: token.text, capitalized: token.isCapitalized, sentenceInitial: sentenceInitial)
        case .hashtag, .mention, .url, .email: return Folding.lower(token.text)
        default: return token.text
        }
    }

    public func lemma(word: String, capitalized: Bool, sentenceInitial: Bool) -> String {
        let key = Folding.lower(word)
        if let full = LemmaRules.elided[key] { return full }
        if key.hasPrefix("-") && key.count > 1 {  // clitic pronoun split off a verb: -il, -t-elle
            return String(key.hasPrefix("-t-") ? key.dropFirst(3) : key.dropFirst())
        }
        // The table first, also for capitalised words ("Allemands" → allemand), except known names
        // inside a sentence (Paris is not a form of pari) and words the table leaves unchanged.
        if let found = lexicon.lemma(of: key) {
            if capitalized && !sentenceInitial && (found == key || isName(Folding.fold(word))) { return word }
            return found
        }
        let isAcronym = word.isAllCaps
        // Names keep their form: acronyms, and capitalised words inside a sentence (Londres, Texas).
        if isAcronym || capitalized && !sentenceInitial { return word }
        if capitalized && !lexicon.isLemma(key) && !lexicon.isForm(key) && !stopWords.words.contains(key) { return word }
        return LemmaRules.apply(key, lexicon: lexicon) ?? key
    }
}

extension Lemmatizer {
    /// Whether a lemma has the shape of a French infinitive (-er, -ir, -re, -oir): the table's lemmas of
    /// verb forms.
    static func isInfinitive(_ lemma: String) -> Bool {
        lemma.count > 3 && (lemma.hasSuffixBytes("er") || lemma.hasSuffixBytes("ir") || lemma.hasSuffixBytes("re"))
    }

    private static let determiners: Set<String> = [
        "le", "la", "les", "l'", "un", "une", "du", "au", "aux", "ce", "cet", "cette", "ces", "mon", "ma", "mes", "ton", "ta",
        "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs", "chaque", "quelque",
    ]

    private static let subjects: Set<String> = [
        "je", "j'", "tu", "il", "elle", "on", "ils", "elles", "qui", "ne", "n'", "se", "s'", "me", "m'", "te", "t'", "nous", "vous",
    ]

    /// The table gives one lemma per form; the word before settles the commonest noun/verb ambiguities:
    /// after a determiner a form that is itself a lemma stays a noun ("le compte", "la mort"); after a
    /// subject or clitic pronoun an -e form whose infinitive exists is a verb ("il porte" → porter).
    func disambiguate(_ lower: String, lemma: String, after previous: ContextWord) -> String {
        if previous == .determiner, lemma != lower, lexicon.isLemma(lower) { return lower }
        if previous == .subject, lemma == lower, lower.count > 3 {
            let stem = lower.hasSuffixBytes("es") ? String(lower.dropLast(2)) : lower.hasSuffixBytes("e") ? String(lower.dropLast()) : nil
            if let stem, lexicon.isLemma(stem + "er") { return stem + "er" }
        }
        return lemma
    }

    /// Whether a lower-case word is an ordinary French word: a stop word or a form the lexicon knows.
    public func isKnownWord(_ lower: String) -> Bool {
        stopWords.words.contains(lower) || lexicon.isKnown(lower)
    }
}
