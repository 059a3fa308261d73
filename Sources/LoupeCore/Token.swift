/// What kind of thing a token is; decides which later stages look at it.
public enum TokenKind: String, Sendable, CaseIterable {
    case word, number, punctuation, symbol, url, email, hashtag, mention, emoji

    /// The case's number (its place in `allCases`) without building that array.
    @inlinable var ordinal: UInt64 {
        switch self {
        case .word: 0
        case .number: 1
        case .punctuation: 2
        case .symbol: 3
        case .url: 4
        case .email: 5
        case .hashtag: 6
        case .mention: 7
        case .emoji: 8
        }
    }
}

/// One surface token: a span of the original text plus what the stages learnt about it.
///
/// `text` is the token as the tokeniser saw it, after internal normalisation (NFC, typographic
/// apostrophes folded to `'`, no-break spaces to spaces); the source characters are always
/// `document.text(of: span)`.
public struct Token: Sendable, Equatable {
    public var span: Span
    public var text: String
    public var kind: TokenKind
    /// Line breaks in the whitespace just before the token: 1 is a new line, 2 or more a new paragraph.
    public var lineBreaksBefore: Int
    /// Whether whitespace separates this token from the previous one.
    public var spaceBefore: Bool
    /// Set by the lemmas stage; the form keyword counts group by.
    public var lemma: String
    public var isStopword: Bool
    /// Set by the part-of-speech stage (`.none` before it).
    public var pos: UPOS

    public init(span: Span, text: String, kind: TokenKind, lineBreaksBefore: Int = 0, spaceBefore: Bool = true,
                lemma: String = "", isStopword: Bool = false, pos: UPOS = .none) {
        self.span = span
        self.text = text
        self.kind = kind
        self.lineBreaksBefore = lineBreaksBefore
        self.spaceBefore = spaceBefore
        self.lemma = lemma
        self.isStopword = isStopword
        self.pos = pos
    }

    /// A 64-bit key for per-form memos (``Memo``): the text's bytes hashed with ``FeatureHash``,
    /// seeded with the kind and `salt` (what else the memoised value depends on, such as sentence-initial
    /// position).
    @inlinable @inline(__always) public func memoKey(salt: UInt64 = 0) -> UInt64 {
        var text = self.text
        let seed = FeatureHash.mix(kind.ordinal << 8 | salt)
        return text.withUTF8 { FeatureHash.bytes($0, seed: seed) }
    }

    /// True when the first character is an upper-case letter. Always inlined: as a call, the token
    /// it is asked of was copied first (two retains and two releases), more than the test itself.
    @inlinable @inline(__always) public var isCapitalized: Bool {
        // ASCII first: Unicode property lookups are a visible share of per-token work.
        guard let byte = text.utf8.first else { return false }
        if byte < 0x80 { return byte >= 0x41 && byte <= 0x5A }
        return text.unicodeScalars.first!.properties.isUppercase
    }

    /// True for words whose letters are all upper case (UA, TIC, ONU), at least two of them.
    @inlinable public var isAllCaps: Bool { text.isAllCaps }
}

extension String {
    /// True when the letters are all upper case (UA, TIC, ONU), at least two of them.
    @inlinable public var isAllCaps: Bool {
        var letters = 0
        for s in unicodeScalars {
            let v = s.value
            if v < 0x80 {
                if v >= 0x61 && v <= 0x7A { return false }
                if v >= 0x41 && v <= 0x5A { letters += 1 }
                continue
            }
            guard s.properties.isAlphabetic else { continue }
            if !s.properties.isUppercase { return false }
            letters += 1
        }
        return letters >= 2
    }
}
