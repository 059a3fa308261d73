import LoupeCore

/// Splits tokens into sentences with French rules.
///
/// A sentence ends at `.`, `!`, `?`, `…` or `...` (with any closing quote or bracket that follows)
/// when the next token can start a sentence (a capital, a digit, an opening quote or dash), and at
/// every blank line (headlines, list items). Abbreviations and initials never end a sentence, since
/// the tokeniser keeps their point (M., Mme, J.-P.); `etc.` ends one only before a capital.
/// A `!` or `?` inside quotes followed by a small letter (« Quoi ? » dit-il) does not end it.
public struct SentenceSegmenter: Stage {
    public let name = "sentences"
    public let requires: Set<Annotation> = [.tokens]
    public let provides: Set<Annotation> = [.sentences]

    public init() {}

    public func process(_ document: inout Document) {
        document.sentences = segment(document.tokens).map { range in
            let tokens = document.tokens
            return Sentence(span: Span(tokens[range.lowerBound].span.start, tokens[range.upperBound - 1].span.end), tokens: range)
        }
    }

    /// Token ranges of the sentences.
    public func segment(_ tokens: [Token]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < tokens.count {
            if i > start && startsNewBlock(tokens, i) {
                ranges.append(start..<i)
                start = i
                continue
            }
            if i > start, i + 1 < tokens.count, endsWithInitial(tokens, i) || tokens[i].text == ";" && tokens[i + 1].isCapitalized
                && tokens[i + 1].kind == .word && tokens[i + 1].lineBreaksBefore == 0 {
                ranges.append(start..<(i + 1))
                start = i + 1
                i += 1
                continue
            }
            if isTerminal(tokens[i]) {
                var end = i + 1
                while end < tokens.count && tokens[end].lineBreaksBefore == 0 && isCloser(tokens[end]) { end += 1 }
                if end == tokens.count || canStartSentence(tokens, end, after: tokens[i]) {
                    ranges.append(start..<end)
                    start = end
                }
                i = end
                continue
            }
            i += 1
        }
        if start < tokens.count { ranges.append(start..<tokens.count) }
        return ranges
    }

    /// "… sous Mac OS X. Une version …": a point-final initial or dotted abbreviation followed by a
    /// word that starts sentences (a determiner, a pronoun) ends the sentence; "J. Sartre" does not.
    private func endsWithInitial(_ tokens: [Token], _ i: Int) -> Bool {
        // The last byte first: this runs for every token, and few end with a point.
        guard tokens[i].kind == .word, tokens[i].text.utf8.last == UInt8(ascii: "."), tokens[i].text.utf8.count >= 2,
              !FrenchSentenceRules.titles.contains(Folding.lower(tokens[i].text)) else { return false }
        guard tokens[i + 1].isCapitalized, tokens[i + 1].lineBreaksBefore == 0 else { return false }
        return FrenchSentenceRules.sentenceStarters.contains(Folding.lower(tokens[i + 1].text))
    }

    private func isTerminal(_ t: Token) -> Bool {
        if t.kind == .punctuation {
            guard let first = t.text.unicodeScalars.first else { return false }
            return first == "." || first == "!" || first == "?" || first == "…"
        }
        // Those abbreviations all end with a point: test the last byte before lower-casing and hashing.
        return t.kind == .word && t.text.utf8.last == UInt8(ascii: ".")
            && FrenchSentenceRules.sentenceFinalAbbreviations.contains(Folding.lower(t.text))
    }

    private func isCloser(_ t: Token) -> Bool {
        t.kind == .punctuation && ["»", "”", "\"", ")", "]", "'", "’"].contains(t.text)
    }

    /// Paragraph and list structure: a blank line always breaks; a single line break breaks before a
    /// list marker or dash, or after a line that reads as a heading (no closing punctuation, capital next).
    private func startsNewBlock(_ tokens: [Token], _ i: Int) -> Bool {
        let t = tokens[i]
        if t.lineBreaksBefore >= 2 { return true }
        guard t.lineBreaksBefore == 1 else { return false }
        if ["-", "–", "—", "•", "*", "·", "►", "▪"].contains(t.text) { return true }
        let previous = tokens[i - 1]
        if previous.kind == .punctuation && [",", ";", ":", "(", "«", "-", "–"].contains(previous.text) { return false }
        if previous.kind == .word, previous.text.hasSuffix("'") { return false }
        guard let first = t.text.unicodeScalars.first else { return false }
        return !first.properties.isLowercase
    }

    private func canStartSentence(_ tokens: [Token], _ i: Int, after terminal: Token) -> Bool {
        let t = tokens[i]
        if t.lineBreaksBefore > 0 { return true }
        guard let first = t.text.unicodeScalars.first else { return false }
        if first.properties.isUppercase { return true }
        if t.kind == .number || t.kind == .emoji || t.kind == .hashtag || t.kind == .mention || t.kind == .url { return true }
        if first.properties.isLowercase { return false }
        // Opening quotes, dashes and brackets start a sentence after a full stop, not after ! or ? inside quotes.
        return ["«", "“", "\"", "(", "[", "-", "–", "—"].contains(t.text)
    }
}

/// French data for sentence splitting.
enum FrenchSentenceRules {
    /// Abbreviation tokens that may end a sentence (when a capital follows).
    /// Each ends with a point (``SentenceSegmenter`` relies on it).
    static let sentenceFinalAbbreviations: Set<String> = ["etc.", "ex.", "al.", "inc.", "ltd.", "cie.", "co."]

    /// Titles, always followed by a name.
    static let titles: Set<String> = ["m.", "mm.", "mme.", "mlle.", "dr.", "pr.", "mgr.", "me.", "st.", "ste."]

    /// Words that begin sentences and are seldom part of a name: after "X." they mark a new sentence.
    static let sentenceStarters: Set<String> = [
        "le", "la", "les", "l'", "un", "une", "des", "ce", "cet", "cette", "ces", "il", "ils", "elle", "elles", "on", "nous",
        "vous", "je", "j'", "en", "dans", "pour", "par", "mais", "et", "sur", "au", "aux", "du", "cependant", "puis", "ainsi",
        "selon", "après", "avant", "lors", "son", "sa", "ses", "leur", "leurs", "c'", "d'", "qu'", "depuis", "alors", "enfin",
    ]
}
