import LoupeCore

/// Accent- and case-folding of a token into bytes, fast for Latin text (no ICU, no allocation):
/// the same folding as ``Folding/fold(_:)`` for the Latin-1 and Latin Extended-A letters that
/// French news uses, lower-casing elsewhere.
public enum FastFold {
    /// Folded UTF-8 of U+00C0…U+017F, computed once through ``Folding``.
    static let latin: [[UInt8]] = (0xC0...0x17F).map { v in
        Array(Folding.fold(String(Unicode.Scalar(UInt32(v))!)).utf8)
    }

    @inline(__always) public static func fold(_ text: String, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? UInt8(v + 32) : UInt8(v))
            } else if v >= 0xC0 && v <= 0x17F {
                out.append(contentsOf: latin[Int(v - 0xC0)])
            } else {
                switch v {
                case 0x2019, 0x2018, 0x02BC, 0x00B4, 0x2032: out.append(UInt8(ascii: "'"))
                case 0x2010, 0x2011, 0x2012, 0x2013: out.append(UInt8(ascii: "-"))
                default:
                    if s.properties.generalCategory == .nonspacingMark { continue }
                    out.append(contentsOf: s.properties.lowercaseMapping.utf8)
                }
            }
        }
    }

    public static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        fold(text, into: &out)
        return out
    }
}

/// Word lists the tagger consults: places and bodies from ICU, names learnt from the training
/// data, first names, and the cue words of ``EntityCues``. Every entry is kept as the hash of its
/// folded tokens, so lookups never build strings.
public struct NERLexicon: Sendable {
    /// Hash of a folded token sequence → type code (1 PER, 2 LOC, 3 ORG, 4 MISC), learnt from data.
    var names = HashMap64<UInt8>()
    /// ICU (CLDR) countries, regions and international bodies: hash → type code.
    var places = HashMap64<UInt8>()
    var firstNames = HashMap64<Bool>()
    /// Folded capitalised word → bit mask of the types (1 PER, 2 LOC, 3 ORG, 4 MISC) of the learnt names it is part of.
    var wordTypes = HashMap64<UInt8>()
    /// Hashes of first tokens of any multi-token entry (a quick filter before longer lookups).
    var starts = HashMap64<Bool>()
    var maxTokens = 1
    var cueClass = HashMap64<UInt8>()

    /// Sets the first names and word types learnt from training data.
    public mutating func setLearnt(firstNames: Set<UInt64>, wordTypes: [UInt64: UInt8]) {
        self.firstNames = HashMap64()
        for h in firstNames { self.firstNames.insert(h) }
        self.wordTypes = HashMap64(wordTypes)
    }

    public static let cuePerson: UInt8 = 1, cueOrg: UInt8 = 2, cuePlace: UInt8 = 4, orgHead: UInt8 = 8, placeHead: UInt8 = 16,
               orgWord: UInt8 = 32, connector: UInt8 = 64, notName: UInt8 = 128

    public init() {}

    /// The lexicon with ICU's places and the cue words; learnt names are added by training or loading.
    public static func base(_ gazetteer: Gazetteer) -> NERLexicon {
        var lex = NERLexicon()
        for (key, type) in gazetteer.types where !gazetteer.regional.contains(key) {
            let tokens = splitName(key)
            let code = typeCode(type)
            lex.places[tokens.hash] = code
            if tokens.count > 1 { lex.starts.insert(tokens.first) }
            lex.maxTokens = max(lex.maxTokens, tokens.count)
        }
        func mark(_ words: Set<String>, _ flag: UInt8) {
            for w in words { lex.cueClass[FeatureHash.bytes(FastFold.fold(w)), default: 0] |= flag }
        }
        mark(EntityCues.personCues, cuePerson)
        mark(EntityCues.organisationCues, cueOrg)
        mark(EntityCues.placeCues, cuePlace)
        mark(EntityCues.organisationHeads, orgHead)
        mark(EntityCues.placeHeads, placeHead)
        mark(EntityCues.organisationWords, orgWord)
        mark(EntityCues.connectors, connector)
        mark(EntityCues.notNames, notName)
        return lex
    }

    public static func typeCode(_ t: EntityType) -> UInt8 {
        switch t { case .PER: 1; case .LOC: 2; case .ORG: 3; case .MISC: 4 }
    }

    /// Splits a folded name the way the tokenizer splits text: on spaces, and after elisions (l'ouest).
    static func splitName(_ folded: String) -> (hash: UInt64, first: UInt64, count: Int) {
        var parts: [[UInt8]] = []
        for word in folded.split(separator: " ") {
            var bytes = Array(word.utf8)
            if let q = bytes.firstIndex(of: UInt8(ascii: "'")), q + 1 < bytes.count, q <= 3 {
                parts.append(Array(bytes[...q]))
                bytes = Array(bytes[(q + 1)...])
            }
            parts.append(bytes)
        }
        var h: UInt64 = 0
        for p in parts { h = sequenceStep(h, FeatureHash.bytes(p)) }
        return (h, parts.isEmpty ? 0 : FeatureHash.bytes(parts[0]), parts.count)
    }

    @inline(__always) public static func sequenceStep(_ h: UInt64, _ token: UInt64) -> UInt64 {
        FeatureHash.mix(h &* 31 ^ token)
    }

    /// Whether a single folded word is in the learnt names or ICU's places.
    public func knows(word folded: String) -> Bool {
        let h = Self.wordKey(folded)
        return names[h] != nil || places[h] != nil
    }

    /// The key of a one-word entry of `names` and `places`.
    private static func wordKey(_ folded: String) -> UInt64 { sequenceStep(0, FeatureHash.bytes(FastFold.fold(folded))) }

    /// Whether the folded word is one of ICU's places or a learnt place's name.
    public func knowsAsPlace(word folded: String) -> Bool {
        let h = Self.wordKey(folded)
        return places[h] == Self.typeCode(.LOC) || names[h] == Self.typeCode(.LOC)
    }

    /// Whether the folded word is a learnt name of another type than a person's, or one of ICU's places.
    public func knowsAsOtherThanPerson(word folded: String) -> Bool {
        let h = Self.wordKey(folded)
        if places[h] != nil { return true }
        if let type = names[h] { return type != Self.typeCode(.PER) }
        return false
    }

    /// Whether a word may begin one of ICU's place names (a quick filter before folding longer spans).
    public func mayStartPlace(_ word: String) -> Bool {
        let h = FeatureHash.bytes(FastFold.fold(word))
        return places[NERLexicon.sequenceStep(0, h)] != nil || starts.contains(h)
    }

    /// Adds learnt names (hash of folded token sequence → type).
    public mutating func addNames(_ entries: [(hash: UInt64, first: UInt64, count: Int, type: UInt8)]) {
        for e in entries {
            names[e.hash] = e.type
            if e.count > 1 { starts.insert(e.first) }
            maxTokens = max(maxTokens, e.count)
        }
    }
}

/// What the tagger knows about one token before looking at its neighbours.
public struct TokenInfo: Sendable {
    var word: UInt64 = 0
    var folded: UInt64 = 0
    var lemma: UInt64 = 0
    var shape: UInt64 = 0
    var prefixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var suffixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var flags: TokenFlags = []
    var cue: UInt8 = 0
    /// Dictionary match codes: type × (B/I) for the learnt names and for ICU places.
    var learnt: UInt8 = 0
    var place: UInt8 = 0
    var lengthBucket: UInt8 = 0
    /// What the other occurrences of the same capitalised word in the document say: the cue words
    /// before them, whether a first name or another capitalised word precedes or follows them.
    var docContext: UInt32 = 0
    /// Dictionary codes met by any occurrence of the word in the document, one bit per code.
    var docLearnt: UInt32 = 0
    /// Types of the learnt names this word is part of (bit mask).
    var wordTypes: UInt8 = 0
    /// The number of the folded word in the document (0, 1, 2… in order of first occurrence).
    var wordID: Int32 = 0
    /// The cue class of the nearest cue word to the left across the name this token may be part of
    /// (capitalised words and connectors), its distance and capitalisation: "ministère de la Justice".
    var chainLeft: UInt16 = 0
    /// An organisation word ("Bank", "Airlines", "SA") to the right across capitalised words and connectors, and its distance.
    var chainRight: UInt8 = 0
    /// Whether the word has an upper-case letter anywhere (iPhone); not a feature.
    var hasUppercase = false
    /// ``NERFeatureExtractor/WordFacts`` for the word lists, read by their matching; not features.
    var nameCode: UInt8 = 0
    var placeCode: UInt8 = 0
    var startsEntry = false
}

/// What a token is, as bits (``TokenInfo/flags``). The raw values go into the feature hashes (template 13
/// hashes them all, others a subset), so a flag's bit is part of the feature schema (``NERFeatureSchema``):
/// moving one means retraining.
struct TokenFlags: OptionSet, Sendable {
    let rawValue: UInt32

    /// First letter upper-case.
    static let capitalized = TokenFlags(rawValue: 1 << 0)
    /// Two or more upper-case letters and no lower-case one (ONU).
    static let allCaps = TokenFlags(rawValue: 1 << 1)
    static let hasDigit = TokenFlags(rawValue: 1 << 2)
    static let hasHyphen = TokenFlags(rawValue: 1 << 3)
    static let hasPeriod = TokenFlags(rawValue: 1 << 4)
    static let punctuation = TokenFlags(rawValue: 1 << 5)
    /// The first token of its sentence that is not punctuation.
    static let sentenceStart = TokenFlags(rawValue: 1 << 6)
    /// After a line break.
    static let lineStart = TokenFlags(rawValue: 1 << 7)
    static let stopword = TokenFlags(rawValue: 1 << 8)
    /// The word occurs in lower case somewhere in the document.
    static let seenLower = TokenFlags(rawValue: 1 << 9)
    /// The word occurs capitalised in the middle of a sentence somewhere in the document.
    static let seenCapMid = TokenFlags(rawValue: 1 << 10)
    /// A first name learnt from the training data.
    static let firstName = TokenFlags(rawValue: 1 << 11)
    /// Ends with an apostrophe (l', d').
    static let elision = TokenFlags(rawValue: 1 << 12)
    static let number = TokenFlags(rawValue: 1 << 13)
    static let quote = TokenFlags(rawValue: 1 << 14)
    static let paren = TokenFlags(rawValue: 1 << 15)
    /// Two or more upper-case letters and lower-case ones too (iPhone, McDonald).
    static let mixedCaps = TokenFlags(rawValue: 1 << 16)
    /// Capitalised, and an ordinary French word in lower case (the lemma table).
    static let commonWord = TokenFlags(rawValue: 1 << 17)
    /// Capitalised, and a person's name the dictionary knows (Aristote, Goethe).
    static let personName = TokenFlags(rawValue: 1 << 18)
    /// Capitalised, and a given name of some country (Lewis, Magdaléna).
    static let givenName = TokenFlags(rawValue: 1 << 19)

    /// Capitalisation and position, which many templates pair with another feature.
    static let capitalisation: TokenFlags = [.capitalized, .allCaps, .sentenceStart, .lineStart, .hasDigit, .punctuation]

    /// Every flag with its name, in bit order (for ``NERFeatureSchema``).
    static let named: [(name: String, flag: TokenFlags)] = [
        ("capitalized", .capitalized), ("allCaps", .allCaps), ("hasDigit", .hasDigit), ("hasHyphen", .hasHyphen),
        ("hasPeriod", .hasPeriod), ("punctuation", .punctuation), ("sentenceStart", .sentenceStart), ("lineStart", .lineStart),
        ("stopword", .stopword), ("seenLower", .seenLower), ("seenCapMid", .seenCapMid), ("firstName", .firstName),
        ("elision", .elision), ("number", .number), ("quote", .quote), ("paren", .paren), ("mixedCaps", .mixedCaps),
        ("commonWord", .commonWord), ("personName", .personName),
        ("givenName", .givenName),
    ]
}

/// The characters of a word's shape (``NERFeatureExtractor/WordFacts/shape``): one per character, runs of
/// more than two collapsed. Part of the feature schema (``NERFeatureSchema``), like the flags.
enum ShapeCode {
    /// An upper-case letter: X.
    static let upper = UInt8(ascii: "X")
    /// A lower-case letter: x.
    static let lower = UInt8(ascii: "x")
    /// An ASCII digit: d.
    static let digit = UInt8(ascii: "d")
    /// A letter without case (non-ASCII): a.
    static let caselessLetter = UInt8(ascii: "a")
    /// The typographic apostrophe (U+2019), as the ASCII one.
    static let apostrophe = UInt8(ascii: "'")
    /// Any other non-ASCII character: ?. (Other ASCII characters stand for themselves.)
    static let other = UInt8(ascii: "?")
    static let hyphen = UInt8(ascii: "-")
    static let period = UInt8(ascii: ".")

    /// Every code with its name (for ``NERFeatureSchema``).
    static let named: [(name: String, code: UInt8)] = [
        ("upper", upper), ("lower", lower), ("digit", digit), ("caselessLetter", caselessLetter),
        ("apostrophe", apostrophe), ("other", other), ("hyphen", hyphen), ("period", period),
    ]
}

/// The bits of ``TokenInfo/docContext`` above the previous word's cue class (its low 8 bits), pooled over
/// the occurrences of a capitalised word in the document.
enum DocContextBit {
    /// A capitalised first name before it.
    static let firstNameBefore: UInt32 = 1 << 8
    /// A capitalised word before it, not at a sentence start.
    static let capitalizedBefore: UInt32 = 1 << 9
    /// A capitalised word after it.
    static let capitalizedAfter: UInt32 = 1 << 10
    /// Neither at a sentence start nor at a line start.
    static let midSentence: UInt32 = 1 << 11

    static let named: [(name: String, bit: UInt32)] = [
        ("firstNameBefore", firstNameBefore), ("capitalizedBefore", capitalizedBefore),
        ("capitalizedAfter", capitalizedAfter), ("midSentence", midSentence),
    ]
}

/// Turns a document's tokens into hashed features for the tagger: the word, its folded form,
/// shape, affixes, capitalisation, dictionary hits, cue words and a ±2 window.
public struct NERFeatureExtractor: Sendable {
    let lexicon: NERLexicon
    static let boundary = FeatureHash.string("<S>")
    /// What the ±2 window sees past a sentence's ends: the boundary for every word hash, no flags,
    /// codes or types.
    static let outside: TokenInfo = {
        var t = TokenInfo()
        t.word = boundary
        t.folded = boundary
        t.lemma = boundary
        t.shape = boundary
        return t
    }()

    /// What the dictionaries say of a capitalised word (nil: nothing).
    let words: DictionaryWords?

    public init(lexicon: NERLexicon, words: DictionaryWords? = nil) {
        self.lexicon = lexicon
        self.words = words
    }

    /// What a token's features need that depends on its text and kind alone: worked out once per word
    /// form and worker thread when tagging (``NERModel`` passes its memo), since most tokens of a document
    /// repeat a form already met: folding, ten affix hashes, the shape and four word-list lookups.
    struct WordFacts {
        var word: UInt64 = 0
        var folded: UInt64 = 0
        var shape: UInt64 = 0
        var prefixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var suffixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        /// The flags that follow from the text (capitals, digits, punctuation, first name, common word…).
        var flags: TokenFlags = []
        var cue: UInt8 = 0
        var wordTypes: UInt8 = 0
        var lengthBucket: UInt8 = 0
        var hasLetters = false
        var hasUppercase = false
        /// The word alone in the learnt names and in the places (type codes, 0: absent), and whether a
        /// longer entry starts with it: most tokens need no other word-list lookup.
        var nameCode: UInt8 = 0
        var placeCode: UInt8 = 0
        var startsEntry = false
    }

    func wordFacts(_ t: Token, _ buf: inout [UInt8], _ shapeBuf: inout [UInt8]) -> WordFacts {
        var info = WordFacts()
        FastFold.fold(t.text, into: &buf)
        info.folded = FeatureHash.bytes(buf)
        info.word = FeatureHash.string(t.text)
        let n = buf.count
        info.prefixes = (FeatureHash.bytes(buf, 0, min(1, n)), FeatureHash.bytes(buf, 0, min(2, n)),
                         FeatureHash.bytes(buf, 0, min(3, n)), FeatureHash.bytes(buf, 0, min(4, n)))
        info.suffixes = (FeatureHash.bytes(buf, max(0, n - 1), n), FeatureHash.bytes(buf, max(0, n - 2), n),
                         FeatureHash.bytes(buf, max(0, n - 3), n), FeatureHash.bytes(buf, max(0, n - 4), n))
        info.lengthBucket = UInt8(min(n, 12))
        // Shape: X x d or the character, runs longer than two collapsed.
        shapeBuf.removeAll(keepingCapacity: true)
        var flags: TokenFlags = []
        var upper = 0, lower = 0, letters = 0
        var first = true
        for s in t.text.unicodeScalars {
            let c: UInt8
            if s.value < 0x80 {
                let v = UInt8(s.value)
                if v >= 0x41 && v <= 0x5A {
                    c = ShapeCode.upper; upper += 1; letters += 1
                } else if v >= 0x61 && v <= 0x7A {
                    c = ShapeCode.lower; lower += 1; letters += 1
                } else if v >= 0x30 && v <= 0x39 {
                    c = ShapeCode.digit; flags.insert(.hasDigit)
                } else {
                    c = v
                }
            } else if s.properties.isUppercase {
                c = ShapeCode.upper; upper += 1; letters += 1
            } else if s.properties.isLowercase {
                c = ShapeCode.lower; lower += 1; letters += 1
            } else if s.properties.isAlphabetic {
                c = ShapeCode.caselessLetter; letters += 1
            } else if s.value == 0x2019 {
                c = ShapeCode.apostrophe
            } else {
                c = ShapeCode.other
            }
            if first { if c == ShapeCode.upper { flags.insert(.capitalized) }; first = false }
            if c == ShapeCode.hyphen { flags.insert(.hasHyphen) }
            if c == ShapeCode.period { flags.insert(.hasPeriod) }
            let m = shapeBuf.count
            if !(m >= 2 && shapeBuf[m - 1] == c && shapeBuf[m - 2] == c) && m < 12 { shapeBuf.append(c) }
        }
        info.shape = FeatureHash.bytes(shapeBuf)
        info.hasLetters = letters > 0
        info.hasUppercase = upper > 0
        if upper >= 2 && lower == 0 { flags.insert(.allCaps) }
        if upper >= 2 && lower > 0 { flags.insert(.mixedCaps) }
        if t.kind == .punctuation { flags.insert(.punctuation) }
        if t.kind == .number { flags.insert(.number) }
        if n > 0 && buf[n - 1] == UInt8(ascii: "'") { flags.insert(.elision) }
        if t.kind == .punctuation {  // String == per token was a fifth of this function
            if t.text == "«" || t.text == "»" || t.text == "\"" || t.text == "“" || t.text == "”" { flags.insert(.quote) }
            if t.text == "(" || t.text == ")" { flags.insert(.paren) }
        }
        if lexicon.firstNames.contains(info.folded) { flags.insert(.firstName) }
        if flags.contains(.capitalized), let words {
            let lower = Folding.lower(t.text)
            if words.isCommonWord(lower) { flags.insert(.commonWord) }
            if words.personName(lower) != .no { flags.insert(.personName) }
            if words.isGivenName(Folding.fold(t.text)) { flags.insert(.givenName) }
        }
        info.flags = flags
        info.cue = lexicon.cueClass[info.folded] ?? 0
        if flags.contains(.capitalized) { info.wordTypes = lexicon.wordTypes[info.folded] ?? 0 }
        let alone = NERLexicon.sequenceStep(0, info.folded)
        info.nameCode = lexicon.names[alone] ?? 0
        info.placeCode = lexicon.places[alone] ?? 0
        info.startsEntry = lexicon.starts.contains(info.folded)
        return info
    }

    /// Per-token facts for the whole document.
    public func tokenInfo(_ doc: Document) -> [TokenInfo] {
        tokenInfo(doc, memo: nil)
    }

    /// `memo`: the tagging model's memo of ``WordFacts`` (training goes without: its
    /// documents are read once).
    func tokenInfo(_ doc: Document, memo: Memo<WordFacts>?) -> [TokenInfo] {
        let tokens = doc.tokens
        var infos = [TokenInfo](repeating: TokenInfo(), count: tokens.count)
        var buf: [UInt8] = []
        buf.reserveCapacity(64)
        var shapeBuf: [UInt8] = []
        shapeBuf.reserveCapacity(16)
        var words = WordIndex(capacity: tokens.count)
        var seen: [UInt8] = []  // per word: 1 seen in lower case, 2 seen capitalised mid-sentence
        seen.reserveCapacity(tokens.count)
        var sentenceStarts = [Bool](repeating: false, count: tokens.count)
        for s in doc.sentences {
            var k = s.tokens.lowerBound
            while k < s.tokens.upperBound && tokens[k].kind == .punctuation { k += 1 }
            if k < s.tokens.upperBound { sentenceStarts[k] = true }
        }
        for i in tokens.indices {
            let facts: WordFacts
            if let memo {
                let key = tokens[i].memoKey()
                if let known = memo.cached(key) {
                    facts = known
                } else {
                    facts = wordFacts(tokens[i], &buf, &shapeBuf)
                    memo.store(facts, for: key)
                }
            } else {
                facts = wordFacts(tokens[i], &buf, &shapeBuf)
            }
            var info = TokenInfo()
            info.word = facts.word
            info.folded = facts.folded
            info.lemma = tokens[i].lemma.isEmpty ? facts.folded : FeatureHash.string(tokens[i].lemma)
            info.shape = facts.shape
            info.prefixes = facts.prefixes
            info.suffixes = facts.suffixes
            info.lengthBucket = facts.lengthBucket
            info.cue = facts.cue
            info.wordTypes = facts.wordTypes
            info.hasUppercase = facts.hasUppercase
            info.nameCode = facts.nameCode
            info.placeCode = facts.placeCode
            info.startsEntry = facts.startsEntry
            var flags = facts.flags
            if sentenceStarts[i] { flags.insert(.sentenceStart) }
            if tokens[i].lineBreaksBefore > 0 { flags.insert(.lineStart) }
            if tokens[i].isStopword { flags.insert(.stopword) }
            info.flags = flags
            info.wordID = words.id(info.folded)
            if Int(info.wordID) == seen.count { seen.append(0) }
            if facts.hasLetters {
                if !flags.contains(.capitalized) { seen[Int(info.wordID)] |= 1 } else if !sentenceStarts[i] && !flags.contains(.lineStart) {
                    seen[Int(info.wordID)] |= 2
                }
            }
            infos[i] = info
        }
        for i in infos.indices {
            let w = seen[Int(infos[i].wordID)]
            if w & 1 != 0 { infos[i].flags.insert(.seenLower) }
            if w & 2 != 0 { infos[i].flags.insert(.seenCapMid) }
        }
        // Dictionary matches, longest first, within sentences.
        for s in doc.sentences {
            markMatches(&infos, s.tokens, dictionary: lexicon.names, alone: \.nameCode, keyPath: \.learnt)
            markMatches(&infos, s.tokens, dictionary: lexicon.places, alone: \.placeCode, keyPath: \.place)
        }
        // Document-level evidence, pooled over the occurrences of each capitalised word.
        var context = [UInt32](repeating: 0, count: words.count), learnt = [UInt32](repeating: 0, count: words.count)
        for s in doc.sentences {
            for i in s.tokens where infos[i].flags.contains(.capitalized) {
                var c: UInt32 = 0
                if i > s.tokens.lowerBound {
                    let p = infos[i - 1]
                    c |= UInt32(p.cue)
                    if p.flags.contains(.firstName) && p.flags.contains(.capitalized) { c |= DocContextBit.firstNameBefore }
                    if p.flags.contains(.capitalized) && !p.flags.contains(.sentenceStart) { c |= DocContextBit.capitalizedBefore }
                }
                if i + 1 < s.tokens.upperBound && infos[i + 1].flags.contains(.capitalized) { c |= DocContextBit.capitalizedAfter }
                if infos[i].flags.isDisjoint(with: [.sentenceStart, .lineStart]) { c |= DocContextBit.midSentence }
                context[Int(infos[i].wordID)] |= c
                learnt[Int(infos[i].wordID)] |= 1 << UInt32(infos[i].learnt) | 1 << UInt32(16 + infos[i].place)
            }
        }
        // Name chains: the cue word heading the name to the left, an organisation word closing it to the right.
        let heads = NERLexicon.orgHead | NERLexicon.cueOrg | NERLexicon.placeHead | NERLexicon.cuePerson
        for s in doc.sentences {
            for i in s.tokens where !infos[i].flags.contains(.punctuation) {
                var k = i - 1, d: UInt16 = 1
                while k >= s.tokens.lowerBound && d <= 4 {
                    let c = infos[k]
                    if c.cue & heads != 0 {
                        infos[i].chainLeft = UInt16(c.cue & heads) | d << 8 | (c.flags.contains(.capitalized) ? 1 << 12 : 0)
                        break
                    }
                    guard c.cue & NERLexicon.connector != 0 || c.flags.contains(.capitalized) && !c.flags.contains(.punctuation) else { break }
                    k -= 1; d += 1
                }
                k = i + 1; d = 1
                while k < s.tokens.upperBound && d <= 4 {
                    let c = infos[k]
                    if c.cue & NERLexicon.orgWord != 0 && c.flags.contains(.capitalized) { infos[i].chainRight = UInt8(d); break }
                    guard c.cue & NERLexicon.connector != 0 || c.flags.contains(.capitalized) && !c.flags.contains(.punctuation) else { break }
                    k += 1; d += 1
                }
            }
        }
        for i in infos.indices where infos[i].flags.contains(.capitalized) {
            infos[i].docContext = context[Int(infos[i].wordID)]
            infos[i].docLearnt = learnt[Int(infos[i].wordID)]
        }
        return infos
    }

    /// `alone`: the token's own code in `dictionary` (looked up once per form), used when no longer
    /// entry starts with it.
    private func markMatches(_ infos: inout [TokenInfo], _ range: Range<Int>, dictionary: HashMap64<UInt8>,
                             alone: KeyPath<TokenInfo, UInt8>, keyPath: WritableKeyPath<TokenInfo, UInt8>) {
        if dictionary.isEmpty { return }
        var i = range.lowerBound
        while i < range.upperBound {
            if infos[i].flags.contains(.punctuation) { i += 1; continue }
            var best = 0
            var bestType: UInt8 = 0
            if infos[i].startsEntry {
                let maxLen = min(lexicon.maxTokens, range.upperBound - i)
                var h: UInt64 = 0
                for len in 1...maxLen {
                    h = NERLexicon.sequenceStep(h, infos[i + len - 1].folded)
                    if let t = dictionary[h] { best = len; bestType = t }
                }
            } else if infos[i][keyPath: alone] != 0 {
                best = 1
                bestType = infos[i][keyPath: alone]
            }
            if best > 0 {
                infos[i][keyPath: keyPath] = bestType * 2 - 1  // B
                for k in (i + 1)..<(i + best) { infos[k][keyPath: keyPath] = bestType * 2 }  // I
                i += best
            } else {
                i += 1
            }
        }
    }

    public static let templateCount = 60

    /// The hashed features of token `i` of a sentence covering `range`, appended to `out` in template
    /// order (1…60): training numbers features as they come, so the order is part of what makes a
    /// trained model reproducible byte for byte.
    public func features(_ infos: [TokenInfo], _ i: Int, _ range: Range<Int>, into out: inout [UInt64]) {
        var word: [UInt64] = [], context: [UInt64] = []
        word.reserveCapacity(Self.wordTemplates.count)
        context.reserveCapacity(Self.templateCount - Self.wordTemplates.count)
        wordFeatures(infos[i], into: &word)
        contextFeatures(infos, i, range, into: &context)
        var w = 0, c = 0
        for template in 1...Self.templateCount {
            if Self.wordTemplates.contains(template) { out.append(word[w]); w += 1 } else { out.append(context[c]); c += 1 }
        }
    }

    /// The templates ``wordFeatures(_:into:)`` makes, in its order.
    static let wordTemplates: Set<Int> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 40, 54]

    /// The templates that depend on the word's text alone (the word, its folded form, shape, affixes,
    /// cue class, length, word types) and the bias: the tagger adds their weights up once per form.
    func wordFeatures(_ t: TokenInfo, into out: inout [UInt64]) {
        @inline(__always) func f(_ template: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> UInt64 { FeatureHash.feature(template, a, b) }
        out.append(f(1, 0))
        out.append(f(2, t.word))
        out.append(f(3, t.folded))
        out.append(f(4, t.shape))
        out.append(f(5, t.prefixes.0)); out.append(f(6, t.prefixes.1)); out.append(f(7, t.prefixes.2)); out.append(f(8, t.prefixes.3))
        out.append(f(9, t.suffixes.0)); out.append(f(10, t.suffixes.1)); out.append(f(11, t.suffixes.2)); out.append(f(12, t.suffixes.3))
        out.append(f(15, UInt64(t.cue)))
        out.append(f(40, UInt64(t.lengthBucket), UInt64(t.flags.intersection([.allCaps, .capitalized]).rawValue)))
        out.append(f(54, UInt64(t.wordTypes)))
    }

    /// The other templates: capitalisation in context, the ±2 window, word lists, document evidence.
    func contextFeatures(_ infos: [TokenInfo], _ i: Int, _ range: Range<Int>, into out: inout [UInt64]) {
        let t = infos[i]
        @inline(__always) func at(_ k: Int) -> TokenInfo { range.contains(k) ? infos[k] : Self.outside }
        let p1 = at(i - 1), p2 = at(i - 2), n1 = at(i + 1), n2 = at(i + 2)
        let capMask = TokenFlags.capitalisation
        @inline(__always) func f(_ template: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> UInt64 { FeatureHash.feature(template, a, b) }
        out.append(f(13, UInt64(t.flags.rawValue)))
        out.append(f(14, UInt64(t.flags.intersection(capMask).rawValue), UInt64(t.flags.intersection([.seenLower, .seenCapMid, .stopword, .commonWord, .personName, .givenName]).rawValue)))
        out.append(f(16, UInt64(t.learnt)))
        out.append(f(17, UInt64(t.place)))
        out.append(f(18, UInt64(t.learnt), UInt64(t.flags.intersection(capMask).rawValue)))
        out.append(f(19, p1.folded))
        out.append(f(20, p2.folded))
        out.append(f(21, n1.folded))
        out.append(f(22, n2.folded))
        out.append(f(23, p1.lemma))
        out.append(f(24, n1.lemma))
        out.append(f(25, p1.shape, t.shape))
        out.append(f(26, t.shape, n1.shape))
        out.append(f(27, (p1.shape) &+ 7 &* t.shape, n1.shape))
        out.append(f(28, p1.folded, t.folded))
        out.append(f(29, t.folded, n1.folded))
        out.append(f(30, UInt64(p1.cue)))
        out.append(f(31, UInt64(p2.cue)))
        out.append(f(32, UInt64(n1.cue)))
        out.append(f(33, UInt64(p1.learnt), UInt64(n1.learnt)))
        out.append(f(34, UInt64(p1.place), UInt64(n1.place)))
        out.append(f(35, UInt64(p1.flags.intersection(capMask).rawValue), UInt64(t.flags.intersection(capMask).rawValue) << 20 | UInt64(n1.flags.intersection(capMask).rawValue)))
        out.append(f(36, UInt64(p1.flags.intersection([.firstName, .personName, .givenName]).rawValue), UInt64(t.flags.intersection(capMask).rawValue)))
        out.append(f(37, t.suffixes.2, UInt64(t.flags.intersection(capMask).rawValue)))
        out.append(f(38, p1.folded, UInt64(t.flags.intersection(capMask).rawValue)))
        out.append(f(39, n1.folded, UInt64(t.flags.intersection(capMask).rawValue)))
        out.append(f(41, p2.folded, p1.folded))
        out.append(f(42, n1.folded, n2.folded))
        out.append(f(43, t.word, UInt64(t.flags.intersection([.sentenceStart, .lineStart]).rawValue)))
        out.append(f(44, UInt64(n1.flags.intersection(.firstName).rawValue), UInt64(n1.learnt)))
        out.append(f(45, UInt64(p2.learnt), UInt64(n2.learnt)))
        out.append(f(46, p1.word))
        out.append(f(47, n1.word))
        out.append(f(48, UInt64(t.cue), UInt64(t.flags.intersection(capMask).rawValue)))
        out.append(f(49, UInt64(t.docContext & 0xff)))
        out.append(f(50, UInt64(t.docContext >> 8), UInt64(t.flags.intersection(capMask).rawValue)))
        out.append(f(51, UInt64(t.docLearnt)))
        out.append(f(52, UInt64(t.docContext), UInt64(p1.flags.intersection(.capitalized).rawValue) | UInt64(n1.flags.intersection(.capitalized).rawValue) << 1))
        out.append(f(53, UInt64(t.docLearnt & 0xffff), UInt64(t.learnt)))
        out.append(f(55, UInt64(t.wordTypes), UInt64(t.flags.intersection(capMask).rawValue)))
        out.append(f(56, UInt64(p1.wordTypes), UInt64(n1.wordTypes)))
        out.append(f(57, UInt64(t.flags.intersection([.commonWord, .capitalized, .sentenceStart]).rawValue), UInt64(n1.flags.intersection([.commonWord, .capitalized]).rawValue)))
        out.append(f(58, UInt64(t.flags.intersection([.commonWord, .sentenceStart]).rawValue), UInt64(t.learnt)))
        out.append(f(59, UInt64(t.chainLeft), UInt64(t.flags.intersection([.capitalized, .allCaps]).rawValue)))
        out.append(f(60, UInt64(t.chainRight), UInt64(t.flags.intersection([.capitalized, .allCaps]).rawValue)))
    }
}

/// Numbers the distinct words of a document: open addressing over their (already mixed) 64-bit hashes,
/// cheaper than a `Dictionary`, which hashes its keys again.
struct WordIndex {
    private var keys: [UInt64]
    private var values: [Int32]
    private let mask: Int
    private(set) var count = 0

    init(capacity n: Int) {
        var c = 16
        while c < 2 * n { c <<= 1 }
        keys = [UInt64](repeating: 0, count: c)
        values = [Int32](repeating: -1, count: c)
        mask = c - 1
    }

    /// The number of `key`, given the next one when new. At most `capacity` distinct keys.
    @inline(__always) mutating func id(_ key: UInt64) -> Int32 {
        var slot = Int(truncatingIfNeeded: key) & mask
        while values[slot] >= 0 {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        values[slot] = Int32(count)
        count += 1
        return values[slot]
    }
}
