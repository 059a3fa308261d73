import LoupeCore

/// The first stage: splits a document into tokens with French rules on top of ICU word breaking.
///
/// Pipeline, each step small and separately testable:
/// 1. ``NormalizedText`` normalises (NFC, apostrophes, spaces) and keeps the alignment to the source;
/// 2. ICU cuts words, numbers and punctuation; URLs, e-mails, hashtags and @mentions are kept whole;
/// 3. French rules: abbreviation points (M., Mme, etc.), hyphenated compounds kept (États-Unis,
///    peut-être) but clitic pronouns split (dit-il → dit + -il), elisions split (l'Union → l' + Union),
///    digit groups joined (1 000 000), runs of points joined (...);
/// 4. each token's span is mapped back to Unicode scalar offsets of the original text.
public struct Tokenizer: Stage {
    public let name = "tokenizer"
    public let requires: Set<Annotation> = []
    public let provides: Set<Annotation> = [.tokens]

    public init() {}

    public func process(_ document: inout Document) {
        document.tokens = tokenize(document.scalars)
    }

    /// Tokens of a text given as scalars (spans are offsets into it).
    public func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        let normalized = NormalizedText(scalars)
        let u = normalized.utf16
        var pieces = initialPieces(u)
        pieces = joinAbbreviations(pieces, u)
        pieces = joinPunctuationRuns(pieces, u)
        pieces = joinHyphenated(pieces, u)
        pieces = splitElisions(pieces, u)
        pieces = joinDigitGroups(pieces, u)

        var tokens: [Token] = []
        tokens.reserveCapacity(pieces.count)
        var previousEnd = 0
        for p in pieces {
            var breaks = 0
            var sawCR = false
            for k in previousEnd..<p.start {
                switch u[k] {
                case 0x0A: if !sawCR { breaks += 1 }; sawCR = false
                case 0x0D: breaks += 1; sawCR = true
                case 0x0B, 0x0C, 0x85, 0x2028, 0x2029: breaks += 1; sawCR = false
                default: sawCR = false
                }
            }
            tokens.append(Token(span: normalized.originalSpan(p.start, p.end), text: normalized.string(p.start, p.end),
                                kind: p.kind, lineBreaksBefore: breaks, spaceBefore: p.start > previousEnd))
            previousEnd = p.end
        }
        return tokens
    }

    // MARK: - Pieces

    /// A token in the making: a UTF-16 range of the normalised text.
    struct Piece {
        var start: Int
        var end: Int
        var kind: TokenKind
    }

    private func text(_ p: Piece, _ u: [UInt16]) -> String { String(utf16Units: u[p.start..<p.end]) }

    private func initialPieces(_ u: [UInt16]) -> [Piece] {
        let protected = ProtectedSpans.find(in: u)
        var pieces: [Piece] = []
        var p = 0  // next protected span
        for seg in WordBreaker.segments(of: u) {
            var start = seg.start
            while p < protected.count && protected[p].end <= start { p += 1 }
            if p < protected.count && protected[p].start <= start {
                let span = protected[p]
                if pieces.last.map({ $0.end <= span.start }) ?? true {
                    pieces.append(Piece(start: span.start, end: span.end, kind: span.kind))
                }
                if seg.end <= span.end { continue }
                start = span.end
            }
            var end = seg.end
            if p < protected.count && protected[p].start > start && protected[p].start < end { end = protected[p].start }
            // isSpace covers every ASCII white space, so only other units need the Unicode property.
            if (start..<end).allSatisfy({ ProtectedSpans.isSpace(u[$0]) || (u[$0] >= 0x80 && Unicode.Scalar(u[$0])?.properties.isWhitespace == true) }) { continue }
            pieces.append(Piece(start: start, end: end, kind: classify(u, start, end, seg.status)))
            if end < seg.end {  // the segment runs into a protected span
                let span = protected[p]
                pieces.append(Piece(start: span.start, end: span.end, kind: span.kind))
            }
        }
        return pieces
    }

    private func classify(_ u: [UInt16], _ start: Int, _ end: Int, _ status: Int32) -> TokenKind {
        if status >= 200 { return .word }
        if status >= 100 { return .number }
        if end - start == 1 && u[start] < 0x80 { return Self.asciiKinds[Int(u[start])] }
        return classifyByProperties(u, start, end)
    }

    /// ``classifyByProperties`` of each ASCII character, worked out once: most punctuation is ASCII.
    private static let asciiKinds: [TokenKind] = (0..<0x80).map { c in
        Tokenizer().classifyByProperties([UInt16(c)], 0, 1)
    }

    private func classifyByProperties(_ u: [UInt16], _ start: Int, _ end: Int) -> TokenKind {
        let scalars = String(utf16Units: u[start..<end]).unicodeScalars
        guard let first = scalars.first else { return .symbol }
        if first.properties.isEmojiPresentation || (first.properties.isEmoji && first.value > 0xFF && scalars.count > 1)
            || (first.value >= 0x1F000) { return .emoji }
        if first.properties.isAlphabetic { return .word }
        if first.properties.numericType != nil { return .number }
        switch first.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            return .punctuation
        default:
            return first.properties.isEmoji && first.value > 0x2000 ? .emoji : .symbol
        }
    }

    // MARK: - French rules

    private func adjacent(_ a: Piece, _ b: Piece) -> Bool { a.end == b.start }

    private func isUnit(_ p: Piece, _ u: [UInt16], _ c: UInt16) -> Bool { p.end - p.start == 1 && u[p.start] == c }

    /// `M` + `.` → `M.`; `J` + `.` → `J.`; `U.S.A` + `.` → `U.S.A.`
    private func joinAbbreviations(_ pieces: [Piece], _ u: [UInt16]) -> [Piece] {
        var out: [Piece] = []
        out.reserveCapacity(pieces.count)
        var i = 0
        while i < pieces.count {
            let p = pieces[i]
            if p.kind == .word, i + 1 < pieces.count, isUnit(pieces[i + 1], u, 0x2E), adjacent(p, pieces[i + 1]) {
                let word = text(p, u)
                let single = word.unicodeScalars.count == 1 && word.unicodeScalars.first!.properties.isUppercase
                let dotted = word.containsBytes(".")
                var listed = false
                // Only words that may be listed are lower-cased and looked up: the part after the last
                // apostrophe has at least as many scalars once lower-cased, so a longer one is no abbreviation.
                if !single && !dotted && word.unicodeScalars.reversed().prefix(while: { $0 != "'" }).count <= FrenchTokenRules.longestAbbreviation {
                    // "l'art." is checked as "art.": elisions are split later.
                    let lower = Folding.lower(word).split(separator: "'").last.map(String.init) ?? ""
                    let nextIsCapital = i + 2 < pieces.count && pieces[i + 2].kind == .word
                        && Unicode.Scalar(u[pieces[i + 2].start]).map { $0.properties.isUppercase } == true
                    let ambiguous = FrenchTokenRules.ambiguousAbbreviations.contains(lower) && !nextIsCapital
                    listed = ambiguous || FrenchTokenRules.abbreviations.contains(lower)
                }
                if single || dotted || listed {
                    out.append(Piece(start: p.start, end: pieces[i + 1].end, kind: .word))
                    i += 2
                    continue
                }
            }
            out.append(p)
            i += 1
        }
        return out
    }

    /// `...`, `!!!`, `?!`, `--` stay one token.
    private func joinPunctuationRuns(_ pieces: [Piece], _ u: [UInt16]) -> [Piece] {
        var out: [Piece] = []
        out.reserveCapacity(pieces.count)
        for p in pieces {
            if let last = out.last, last.kind == .punctuation, p.kind == .punctuation, adjacent(last, p),
               p.end - p.start == 1 {
                let a = u[last.end - 1], b = u[p.start]
                let terminal: Set<UInt16> = [0x21, 0x3F]
                if (a == b && (b == 0x2E || b == 0x2D || terminal.contains(b))) || (terminal.contains(a) && terminal.contains(b)) {
                    out[out.count - 1].end = p.end
                    continue
                }
            }
            out.append(p)
        }
        return out
    }

    /// États + - + Unis → États-Unis; dit + - + il → dit + -il; a + - + t + - + il → a + -t-il.
    private func joinHyphenated(_ pieces: [Piece], _ u: [UInt16]) -> [Piece] {
        var out: [Piece] = []
        out.reserveCapacity(pieces.count)
        func joinsNext(_ j: Int) -> Bool {
            j + 2 < pieces.count && isHyphen(pieces[j + 1], u) && adjacent(pieces[j], pieces[j + 1])
                && adjacent(pieces[j + 1], pieces[j + 2]) && canJoin(pieces[j], pieces[j + 2])
        }
        var i = 0
        while i < pieces.count {
            if !joinsNext(i) {  // most pieces: no array of parts to make
                out.append(pieces[i])
                i += 1
                continue
            }
            var parts = [pieces[i]]
            var j = i
            while joinsNext(j) {
                parts.append(pieces[j + 2])
                j += 2
            }
            // Split clitic pronouns off the end, right to left.
            var keep = parts.count
            let whole = Folding.lower(String(utf16Units: u[parts[0].start..<parts[parts.count - 1].end]))
            if !FrenchTokenRules.hyphenatedWords.contains(whole) {
                while keep > 1, FrenchTokenRules.clitics.contains(Folding.lower(text(parts[keep - 1], u))) {
                    keep -= 1
                    if keep > 1 && Folding.lower(text(parts[keep - 1], u)) == "t" { keep -= 1 }  // euphonic -t-
                }
                // Only a verb takes clitics; a proper name like Aix-la-Chapelle ends otherwise anyway.
            }
            out.append(Piece(start: parts[0].start, end: parts[keep - 1].end, kind: .word))
            var k = keep
            while k < parts.count {
                // "-t-il" is one token; every other clitic stands alone with its hyphen.
                let start = parts[k].start - 1
                if Folding.lower(text(parts[k], u)) == "t" && k + 1 < parts.count { k += 1 }
                out.append(Piece(start: start, end: parts[k].end, kind: .word))
                k += 1
            }
            i = j + 1
        }
        return out
    }

    private func isHyphen(_ p: Piece, _ u: [UInt16]) -> Bool { isUnit(p, u, 0x2D) }

    private func canJoin(_ a: Piece, _ b: Piece) -> Bool {
        switch (a.kind, b.kind) {
        case (.word, .word), (.word, .number), (.number, .word): return true
        default: return false
        }
    }

    /// `l'Union` → `l'` + `Union`; `l` + `'` → `l'` (when the next word follows a space).
    private func splitElisions(_ pieces: [Piece], _ u: [UInt16]) -> [Piece] {
        var out: [Piece] = []
        out.reserveCapacity(pieces.count + pieces.count / 8)
        var i = 0
        while i < pieces.count {
            var p = pieces[i]
            if p.kind == .word, i + 1 < pieces.count, isUnit(pieces[i + 1], u, 0x27), adjacent(p, pieces[i + 1]),
               FrenchTokenRules.elisions.contains(Folding.lower(text(p, u))) {
                out.append(Piece(start: p.start, end: pieces[i + 1].end, kind: .word))
                i += 2
                continue
            }
            // Numbers too: ICU makes one number of "l'A8" or "d'1,5".
            if p.kind == .word || p.kind == .number, (p.start..<p.end).contains(where: { u[$0] == 0x27 }),
               !FrenchTokenRules.hyphenatedWords.contains(Folding.lower(text(p, u))) {
                while let apostrophe = (p.start..<p.end).first(where: { u[$0] == 0x27 }), apostrophe + 1 < p.end,
                      FrenchTokenRules.elisions.contains(Folding.lower(String(utf16Units: u[p.start..<apostrophe]))) {
                    out.append(Piece(start: p.start, end: apostrophe + 1, kind: .word))
                    p.start = apostrophe + 1
                }
            }
            out.append(p)
            i += 1
        }
        return out
    }

    /// `1` + ` ` + `000` + ` ` + `000` → `1 000 000` (French thousands separators are spaces).
    private func joinDigitGroups(_ pieces: [Piece], _ u: [UInt16]) -> [Piece] {
        var out: [Piece] = []
        out.reserveCapacity(pieces.count)
        for p in pieces {
            if let last = out.last, last.kind == .number, p.kind == .number, p.start == last.end + 1, u[last.end] == 0x20 {
                let group = digitsBeforeSeparator(u, p.start, p.end)
                let isGroup = group == 3 && (p.end - p.start == 3 || u[p.start + 3] == 0x2C)
                let lastRange = last.start..<last.end
                let lastPlain = digitsBeforeSeparator(u, last.start, last.end) == last.end - last.start && (1...3).contains(last.end - last.start)
                let lastGrouped = lastRange.contains { u[$0] == 0x20 } && !lastRange.contains { u[$0] == 0x2C }
                if isGroup && (lastPlain || lastGrouped) {
                    out[out.count - 1].end = p.end
                    continue
                }
            }
            out.append(p)
        }
        return out
    }

    /// Digits at the start of `[start, end)` before any `,` decimal part; -1 if a non-digit comes first.
    private func digitsBeforeSeparator(_ u: [UInt16], _ start: Int, _ end: Int) -> Int {
        var n = 0
        for k in start..<end {
            let c = u[k]
            if c >= 0x30 && c <= 0x39 { n += 1; continue }
            if c == 0x2C && n > 0 { return n }
            return -1
        }
        return n
    }
}
