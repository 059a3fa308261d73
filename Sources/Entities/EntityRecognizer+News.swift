import ICUBridge
import LoupeCore

/// What the tagger, trained on Wikinews, misses in other news: company names built on a country
/// ("Orange Cameroun", "MTN Cameroon"), names opening a sentence ("Huawei ouvre un centre…"), where
/// its context features say little, and ordinary words used as names after a cue ("le groupe Orange").
extension EntityRecognizer {
    /// Country names in the languages company names borrow from (CLDR, through ICU), folded.
    static let countryNames: Set<String> = {
        var names = Set<String>()
        for locale in ["fr", "en"] {
            for i in 0..<loupe_region_count() {
                let code = String(cString: loupe_region_code(i))
                if let name = Gazetteer.regionName(code, locale) { names.insert(Folding.fold(name)) }
            }
        }
        return names
    }()

    /// Three-letter ISO 3166 country codes ("USA", "FRA"), from ICU: in parentheses after an athlete, a country.
    static let countryCodes3: Set<String> = {
        var codes = Set<String>()
        for i in 0..<loupe_region_count() {
            let code = String(cString: loupe_region_iso3(i))
            if code.count == 3 { codes.insert(code) }
        }
        return codes
    }()

    func complementTagger(_ doc: Document, _ tagged: [Mention]) -> [Mention] {
        let tokens = doc.tokens
        var out: [Mention] = []
        // 1. A name followed by a country, as one span or as two adjacent ones, is a company: Orange Cameroun.
        var k = 0
        while k < tagged.count {
            var m = tagged[k]
            if k + 1 < tagged.count, tagged[k + 1].tokens.lowerBound == m.tokens.upperBound, tagged[k + 1].sentence == m.sentence,
               isCountry(tagged[k + 1].text), !isCountry(m.text), gazetteer.types[Folding.fold(m.text)] == nil, tokens[m.tokens.lowerBound].kind == .word {
                let span = Span(m.span.start, tagged[k + 1].span.end)
                let text = doc.text(of: span)
                m = Mention(span: span, tokens: m.tokens.lowerBound..<tagged[k + 1].tokens.upperBound, type: .ORG, text: text,
                            key: Folding.fold(text), sentence: m.sentence)
                k += 1
            } else if m.tokens.count >= 2, isCountry(tokens[m.tokens.upperBound - 1].text), m.type != .ORG,
                      gazetteer.types[m.key] == nil, !isCountry(tokens[m.tokens.lowerBound].text),
                      !gazetteer.isFirstName(Folding.fold(tokens[m.tokens.lowerBound].text)),
                      !tokens[m.tokens].contains(where: { EntityCues.connectors.contains(Folding.fold($0.text)) }) {
                m.type = .ORG
            }
            out.append(m)
            k += 1
        }
        // 1b. A capitalised article inside a sentence belongs to the name: "selon Le Parisien", "Marine Le Pen".
        for k in out.indices {
            let first = out[k].tokens.lowerBound
            guard first > 1, doc.sentences[out[k].sentence].tokens.lowerBound < first - 1 else { continue }
            let article = tokens[first - 1]
            guard ["Le", "La", "Les"].contains(article.text), article.span.end < out[k].span.start, tokens[first - 2].kind == .word else { continue }
            let span = Span(article.span.start, out[k].span.end)
            let text = doc.text(of: span)
            out[k] = Mention(span: span, tokens: (first - 1)..<out[k].tokens.upperBound, type: out[k].type, text: text,
                             key: Folding.fold(text), sentence: out[k].sentence)
        }
        // 1c. At a sentence start too, when the document writes the name with its article elsewhere:
        // "Le Parisien précise…" after "selon Le Parisien".
        let withArticle = Set(out.filter { ["Le", "La", "Les"].contains(tokens[$0.tokens.lowerBound].text) && $0.tokens.count > 1 }.map(\.key))
        if !withArticle.isEmpty {
            for k in out.indices {
                let first = out[k].tokens.lowerBound
                guard first > 0, ["Le", "La", "Les"].contains(tokens[first - 1].text), tokens[first - 1].span.end < out[k].span.start else { continue }
                let span = Span(tokens[first - 1].span.start, out[k].span.end)
                let text = doc.text(of: span)
                let key = Folding.fold(text)
                guard withArticle.contains(key) else { continue }
                out[k] = Mention(span: span, tokens: (first - 1)..<out[k].tokens.upperBound, type: out[k].type, text: text, key: key, sentence: out[k].sentence)
            }
        }
        // 2. A sentence that opens on a word French does not know, capitalised: a name ("Huawei ouvre…").
        var covered = Self.covered(by: out, tokenCount: tokens.count)
        for (s, sentence) in doc.sentences.enumerated() where !sentence.isBoilerplate {
            var i = sentence.tokens.lowerBound
            while i < sentence.tokens.upperBound && tokens[i].kind == .punctuation { i += 1 }
            guard i < sentence.tokens.upperBound, !covered[i], isNameToken(tokens[i]) else { continue }
            let lower = Folding.lower(tokens[i].text)
            if isStopWord(lower) || words.isCommonWord(lower) || EntityCues.notNames.contains(Folding.fold(tokens[i].text)) { continue }
            var end = i + 1
            while end < sentence.tokens.upperBound, !covered[end], tokens[end].lineBreaksBefore == 0, isNameToken(tokens[end]) { end += 1 }
            let span = Span(tokens[i].span.start, tokens[end - 1].span.end)
            let text = doc.text(of: span)
            let key = Folding.fold(text)
            var type = classify(doc, i..<end, text: text)
            if end - i == 1, let known = out.first(where: { $0.key == key })?.type { type = known }
            out.append(Mention(span: span, tokens: i..<end, type: type, text: text, key: key, sentence: s))
        }
        // 3. A capitalised word right after a cue noun or title the tagger left out: "le groupe Orange", "M. Sall".
        for (s, sentence) in doc.sentences.enumerated() where !sentence.isBoilerplate {
            for i in sentence.tokens.dropFirst() where !covered[i] && isNameToken(tokens[i]) {
                let before = Folding.fold(tokens[i - 1].text)
                let type: EntityType
                if EntityCues.organisationCues.contains(before) { type = .ORG } else if EntityCues.personCues.contains(before) { type = .PER } else { continue }
                if isStopWord(Folding.lower(tokens[i].text)) { continue }
                var end = i + 1
                while end < sentence.tokens.upperBound, !covered[end], tokens[end].lineBreaksBefore == 0, isNameToken(tokens[end]) { end += 1 }
                for k in i..<end { covered[k] = true }
                let span = Span(tokens[i].span.start, tokens[end - 1].span.end)
                let text = doc.text(of: span)
                out.append(Mention(span: span, tokens: i..<end, type: type, text: text, key: Folding.fold(text), sentence: s))
            }
        }
        // 4. An organisation's name written in lower case, defined by its acronym: "le parquet national
        // financier (PNF)", "l'école de formation du barreau (EFB)", when the acronym is an organisation.
        for m in out where m.type == .ORG && m.tokens.count == 1 {
            let i = m.tokens.lowerBound
            guard i >= 3, i + 1 < tokens.count, tokens[i - 1].text == "(", tokens[i + 1].text == ")",
                  EntityLinker.isAcronym(m.text), !covered[i - 2] else { continue }
            let key = m.key
            var letters: [Character] = []
            var k = i - 2
            var start = -1
            while k >= doc.sentences[m.sentence].tokens.lowerBound && letters.count < key.count && !covered[k]
                    && tokens[k].kind == .word && !tokens[k].isCapitalized {
                let w = Folding.fold(tokens[k].text)
                if !EntityCues.connectors.contains(w) && !["et", "pour", "sur", "en", "a"].contains(w) {
                    for part in w.split(separator: "-").reversed() { if let c = part.first { letters.append(c) } }
                    start = k
                }
                k -= 1
            }
            guard start >= 0, String(letters.reversed()) == key, i - 1 - start >= 2 else { continue }
            let span = Span(tokens[start].span.start, tokens[i - 2].span.end)
            let text = doc.text(of: span)
            for q in start..<(i - 1) { covered[q] = true }
            out.append(Mention(span: span, tokens: start..<(i - 1), type: .ORG, text: text, key: Folding.fold(text), sentence: m.sentence))
        }
        out.sort { $0.span < $1.span }
        return out
    }

    private func isCountry(_ text: String) -> Bool { Self.countryNames.contains(Folding.fold(text)) }
}
