import LoupeCore

/// The features the part-of-speech tagger scores, shared by tagging (``POSTagger``) and training
/// (`POSTraining`), so that both make the same hashes.
///
/// A token's own features (its lower-cased form, suffixes, prefixes, shape, and what the lemma table
/// says of the form) depend only on the token and whether it starts a sentence: the tagger adds their
/// weights once per form and workspace. The context features (the forms of the words around, the two tags before) are added per token.
public enum POSFeatures {
    /// Tag slots: the 17 UPOS tags (raw value - 1) and, for positions before a sentence, `start`.
    public static let tagCount = 17
    public static let start: UInt64 = 17

    /// Template numbers (a feature is ``FeatureHash/feature(_:_:_:)`` of one of these and its values).
    @usableFromInline enum T: UInt64, CaseIterable {
        case bias = 1, form, suffix1, suffix2, suffix3, suffix4, suffix5, prefix1, prefix2, prefix3, shape, shapeInitial,
             lexicon, lemmaEnding, formLemmaEndings, lexicalFlags, wordClasses
        // 25 (the form two before), 27 and 28 (the suffixes of the words either side) and 30 (the tag before
        // with the next form) are left out: without them, the tagger is a third faster at the same accuracy
        // (UD French-GSD dev 0.9500 → 0.9496 as training scores it).
        case previousTag = 20, twoTags, previousTagForm, previousForm, nextForm
        case next2Form = 26
        case nextShape = 29
        case previousFormForm = 31
        case previousClasses = 32, nextClasses, next2Classes, previousTagClasses
        // The second pass's: the first pass's tags of the two words after. 40 and 46 (the first pass's tag of
        // the word itself, alone and with its classes) are left out: without them, GSD dev 0.9645 → 0.9648 as
        // training scores it (the second pass copied the first pass's tag more).
        case nextTag = 41, nextTags, nextTagForm, nextTagClasses, previousNextTags
    }

    /// What the language data says of a lower-cased word form.
    public struct Lexical: Sendable {
        /// The lemma table's lemma of the form, nil when the table does not know it.
        public var lemma: String?
        /// Whether the form is itself a lemma of the table (porte: the noun, and a form of porter).
        public var isLemma: Bool
        /// Whether the form is a known name (a place, a first name, an organisation); asked of capitalised
        /// words only.
        public var isName: Bool
        /// The classes the dictionary gives the form (``WordClasses``), 0 when it does not know it.
        public var classes: UInt16
        public init(lemma: String?, isLemma: Bool, isName: Bool, classes: UInt16 = 0) {
            self.lemma = lemma; self.isLemma = isLemma; self.isName = isName; self.classes = classes
        }
    }

    /// What a token's neighbours read of it.
    public struct Word: Sendable {
        public var form: UInt64
        public var shape: UInt32
        /// A tag slot the token always takes (``fixedTag(text:kind:)``), or -1.
        public var fixed: Int8
        /// The dictionary's classes of a word (0 for other tokens and unknown words).
        public var classes: UInt16
        public init(form: UInt64, shape: UInt32, fixed: Int8 = -1, classes: UInt16 = 0) {
            self.form = form; self.shape = shape; self.fixed = fixed; self.classes = classes
        }
        /// Beyond the sentence's ends.
        public static let outside = Word(form: 0x5eed, shape: 99)
    }

    /// The tag a token takes whatever its context, as UD's guidelines have it: punctuation is PUNCT, emoji
    /// SYM, web and e-mail addresses X, and
    /// the percent, degree, per-mille, currency and slash signs are SYM (UD French-Sequoia, which the model
    /// learns from, has % as NOUN and / as ADP, against the guidelines and UD French-GSD). The pronouns of the
    /// second person singular (tu, te, toi, t') are PRON: the treebanks the model learns from (news, questions)
    /// never hold them, and it took a sentence-initial "Tu" for a noun ("tu", the participle of "taire", "il
    /// s'est tu", is far rarer).
    public static func fixedTag(text: String, kind: TokenKind) -> UPOS? {
        if kind == .word, text.utf8.count <= 4, secondPerson.contains(Folding.lower(text)) { return .PRON }
        if symbols.contains(text) { return .SYM }
        switch kind {
        case .punctuation: return .PUNCT
        case .emoji: return .SYM
        case .url, .email: return .X
        default: break
        }
        if text.unicodeScalars.count == 1, text.unicodeScalars.first!.properties.generalCategory == .currencySymbol { return .SYM }
        return nil
    }

    static let symbols: Set<String> = ["%", "‰", "°", "/", "§", "+", "=", "×", "±"]
    static let secondPerson: Set<String> = ["tu", "te", "toi", "t'", "t’"]

    /// The token's own features, passed to `add`, and what its neighbours read of it.
    /// - Parameter lexicon: the lemma the lemma table gives a lower-cased form, if any.
    public static func word(text: String, kind: TokenKind, initial: Bool, lexicon: (_ lower: String, _ capitalized: Bool) -> Lexical, add: (UInt64) -> Void) -> Word {
        let lower = kind == .word ? Folding.lower(text) : text
        let s = Array(lower.unicodeScalars)
        func hash(_ part: ArraySlice<Unicode.Scalar>) -> UInt64 {
            var h = FeatureHash.seed
            for c in part { h = (h ^ UInt64(c.value)) &* FeatureHash.prime }
            return FeatureHash.mix(h)
        }
        let kindCode = UInt64(TokenKind.allCases.firstIndex(of: kind)!)
        // Numbers and the like by kind and shape, not by their digits.
        let formHash = kind == .number ? FeatureHash.mix(0x4e55 ^ UInt64(min(s.count, 5))) : hash(s[...])
        func suffix(_ n: Int) -> UInt64 { hash(s[max(0, s.count - n)...]) }
        func prefix(_ n: Int) -> UInt64 { hash(s[..<min(s.count, n)]) }
        // Shape: case, digits, hyphen, apostrophe, kind.
        var caps: UInt64 = 0
        if let first = text.unicodeScalars.first, first.properties.isUppercase { caps = text.isAllCaps ? 2 : 1 }
        var digit: UInt64 = 0, hyphen: UInt64 = 0
        for c in s {
            if c.value >= 0x30 && c.value <= 0x39 { digit = 1 }
            if c == "-" { hyphen = 1 }
        }
        let apostrophe: UInt64 = s.last == "'" ? 1 : 0
        let length: UInt64 = UInt64(min(s.count, 4))
        let shape = kindCode | caps << 4 | digit << 6 | hyphen << 7 | apostrophe << 8 | length << 9
        add(FeatureHash.feature(T.bias.rawValue, 0))
        add(FeatureHash.feature(T.form.rawValue, formHash))
        if kind == .word {
            add(FeatureHash.feature(T.suffix1.rawValue, suffix(1)))
            add(FeatureHash.feature(T.suffix2.rawValue, suffix(2)))
            add(FeatureHash.feature(T.suffix3.rawValue, suffix(3)))
            add(FeatureHash.feature(T.suffix4.rawValue, suffix(4)))
            add(FeatureHash.feature(T.suffix5.rawValue, suffix(5)))
            add(FeatureHash.feature(T.prefix1.rawValue, prefix(1)))
            add(FeatureHash.feature(T.prefix2.rawValue, prefix(2)))
            add(FeatureHash.feature(T.prefix3.rawValue, prefix(3)))
        }
        add(FeatureHash.feature(T.shape.rawValue, shape))
        add(FeatureHash.feature(T.shapeInitial.rawValue, shape, initial ? 1 : 0))
        var classes: UInt16 = 0
        if kind == .word {
            let lexical = lexicon(lower, caps != 0)
            classes = lexical.classes
            add(FeatureHash.feature(T.wordClasses.rawValue, UInt64(classes), caps))
            add(FeatureHash.feature(T.lexicalFlags.rawValue, (lexical.isLemma ? 1 : 0) | (lexical.isName ? 2 : 0) | (lexical.lemma == nil ? 4 : 0), caps << 1 | (initial ? 1 : 0)))
            if let lemma = lexical.lemma {
                let l = Array(lemma.unicodeScalars)
                let status: UInt64 = lemma == lower ? 1 : 2
                let ending = hash(l[max(0, l.count - 2)...])
                add(FeatureHash.feature(T.lexicon.rawValue, status, caps))
                add(FeatureHash.feature(T.lemmaEnding.rawValue, status, ending))
                add(FeatureHash.feature(T.formLemmaEndings.rawValue, suffix(2), hash(l[max(0, l.count - 3)...])))
            } else {
                add(FeatureHash.feature(T.lexicon.rawValue, 0, caps))
            }
        }
        return Word(form: formHash, shape: UInt32(shape), fixed: fixedTag(text: text, kind: kind).map { Int8($0.rawValue) - 1 } ?? -1,
                    classes: classes)
    }

    /// The features of a position that depend on its neighbours and the tags before it: what the
    /// previous, next and next-but-one words contribute alone (``asPrevious(_:add:)``, ``asNext(_:add:)``,
    /// ``asNext2(_:add:)``, which the tagger memoises per form) and what depends on the tags or on two words
    /// (``sequence(previous:current:tag1:tag2:add:)``).
    @inlinable @inline(__always)
    public static func context(previous: Word, current: Word, next: Word, next2: Word,
                               tag1: UInt64, tag2: UInt64, add: (UInt64) -> Void) {
        tags(tag1: tag1, tag2: tag2, add: add)
        words(previous: previous, current: current, tag1: tag1, add: add)
        asPrevious(previous, add: add)
        asNext(next, add: add)
        asNext2(next2, add: add)
    }

    @inlinable @inline(__always)
    public static func sequence(previous: Word, current: Word, tag1: UInt64, tag2: UInt64, add: (UInt64) -> Void) {
        tags(tag1: tag1, tag2: tag2, add: add)
        words(previous: previous, current: current, tag1: tag1, add: add)
    }

    /// The features of the two tags before alone (18 × 18 pairs: the tagger adds them up once).
    @inlinable @inline(__always)
    public static func tags(tag1: UInt64, tag2: UInt64, add: (UInt64) -> Void) {
        add(FeatureHash.feature(T.previousTag.rawValue, tag1))
        add(FeatureHash.feature(T.twoTags.rawValue, tag1 << 8 | tag2))
    }

    @inlinable @inline(__always)
    public static func words(previous: Word, current: Word, tag1: UInt64, add: (UInt64) -> Void) {
        add(FeatureHash.feature(T.previousTagForm.rawValue, tag1, current.form))
        add(FeatureHash.feature(T.previousFormForm.rawValue, previous.form, current.form))
        add(FeatureHash.feature(T.previousTagClasses.rawValue, tag1, UInt64(current.classes)))
    }

    @inlinable @inline(__always)
    public static func asPrevious(_ word: Word, add: (UInt64) -> Void) {
        add(FeatureHash.feature(T.previousForm.rawValue, word.form))
        add(FeatureHash.feature(T.previousClasses.rawValue, UInt64(word.classes), UInt64(word.shape & 0x3F)))
    }

    @inlinable @inline(__always)
    public static func asNext(_ word: Word, add: (UInt64) -> Void) {
        add(FeatureHash.feature(T.nextForm.rawValue, word.form))
        add(FeatureHash.feature(T.nextShape.rawValue, UInt64(word.shape)))
        add(FeatureHash.feature(T.nextClasses.rawValue, UInt64(word.classes), UInt64(word.shape & 0x3F)))
    }

    @inlinable @inline(__always)
    public static func asNext2(_ word: Word, add: (UInt64) -> Void) {
        add(FeatureHash.feature(T.next2Form.rawValue, word.form))
        add(FeatureHash.feature(T.next2Classes.rawValue, UInt64(word.classes), UInt64(word.shape & 0x3F)))
    }

    /// What the second pass adds: the first pass's tags of the two words after (``start`` beyond the
    /// sentence), alone (``followingTags(next:next2:)``) and with the tag before (``aroundTags(tag1:next:)``),
    /// which the tagger adds up once per pair, and the next one with the word and its classes.
    @inlinable @inline(__always)
    public static func stacked(current: Word, tag1: UInt64, next: UInt64, next2: UInt64, add: (UInt64) -> Void) {
        followingTags(next: next, next2: next2, add: add)
        aroundTags(tag1: tag1, next: next, add: add)
        nextTagWord(current, next: next, add: add)
    }

    @inlinable @inline(__always)
    public static func nextTagWord(_ current: Word, next: UInt64, add: (UInt64) -> Void) {
        add(FeatureHash.feature(T.nextTagForm.rawValue, next, current.form))
        add(FeatureHash.feature(T.nextTagClasses.rawValue, next, UInt64(current.classes)))
    }

    @inlinable @inline(__always)
    public static func followingTags(next: UInt64, next2: UInt64, add: (UInt64) -> Void) {
        add(FeatureHash.feature(T.nextTag.rawValue, next))
        add(FeatureHash.feature(T.nextTags.rawValue, next << 8 | next2))
    }

    @inlinable @inline(__always)
    public static func aroundTags(tag1: UInt64, next: UInt64, add: (UInt64) -> Void) {
        add(FeatureHash.feature(T.previousNextTags.rawValue, tag1 << 8 | next))
    }

    /// A fingerprint of the templates and of what they make of probe words, stored in a model file and
    /// checked on loading: a model trained for other features would tag silently worse.
    public static let fingerprint: UInt64 = {
        var h = FeatureHash.string("loupe-pos-features-7")
        func fold(_ v: UInt64) { h = FeatureHash.mix(h ^ v) }
        for t in T.allCases { fold(t.rawValue) }
        let lexicon: (String, Bool) -> Lexical = { w, capitalized in
            Lexical(lemma: w == "mangeaient" ? "manger" : w == "la" ? "la" : nil, isLemma: w == "la", isName: capitalized && w == "huawei",
                    classes: w == "la" ? 0x301 : w == "mangeaient" ? 4 : 0)
        }
        var words: [Word] = []
        for (text, kind) in [("La", TokenKind.word), ("mangeaient", .word), ("Huawei", .word), ("2019", .number), (",", .punctuation), ("%", .symbol)] {
            fold(UInt64(bitPattern: Int64(fixedTag(text: text, kind: kind).map { Int($0.rawValue) } ?? -1)))
            words.append(word(text: text, kind: kind, initial: text == "La", lexicon: lexicon, add: fold))
        }
        context(previous: words[0], current: words[1], next: words[2], next2: words[3], tag1: 5, tag2: start, add: fold)
        stacked(current: words[1], tag1: 5, next: 11, next2: start, add: fold)
        return h
    }()
}
