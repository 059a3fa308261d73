import LoupeCore

/// Finds named entities and gives each a type and a document-level key.
///
/// A first, rule-based recogniser: capitalised sequences (joined by name connectors such as
/// "de", "des", "d'"), organisation heads followed by their adjectives ("Union africaine"), acronyms
/// (UA, ART, IoT); types from ICU's gazetteer (``Gazetteer``), the words inside the name and the
/// words before it (``EntityCues``). Boilerplate sentences are skipped; spans never start on an
/// elided article (l'Afrique → Afrique). ``EntityLinker`` then resolves acronyms and short names.
public struct EntityRecognizer: Stage {
    public let name = "entities"
    public let requires: Set<Annotation> = [.tokens, .sentences, .boilerplate, .lemmas]
    public let provides: Set<Annotation> = [.entities]

    let gazetteer: Gazetteer
    let words: DictionaryWords
    let isStopWord: @Sendable (String) -> Bool
    /// The trained tagger that proposes spans and types; without one, the rules below do.
    let model: NERModel?
    /// ``placeStems(_:)`` of the gazetteer, for ``dropDemonyms(_:_:)``.
    let placeStems: Set<String>

    /// - Parameters:
    ///   - words: what the dictionaries say of a word (``DictionaryWords``): whether it is an ordinary French
    ///     word (so that a capitalised sentence start such as "Notamment" is not taken for a name unless it is
    ///     capitalised elsewhere), a person's name or a given name; the model must have been trained with the same.
    ///   - isStopWord: whether it is a stop word ("La", "Dans"), never a name on its own.
    ///   - model: the statistical tagger (``NERModel``), such as ``NERModel/builtIn`` (the one compiled into the
    ///     binary, which may fail to load: so it is no default); nil: the rules alone.
    public init(gazetteer: Gazetteer = .french, words: DictionaryWords,
                isStopWord: @escaping @Sendable (String) -> Bool, model: NERModel?) {
        self.gazetteer = gazetteer
        self.words = words
        self.isStopWord = isStopWord
        self.model = model
        placeStems = Self.placeStems(gazetteer)
    }

    public func process(_ document: inout Document) { process(&document, in: Workspace()) }

    public func process(_ document: inout Document, in workspace: Workspace) {
        if let model {
            document.mentions = complementTagger(document, modelMentions(document, model, workspace))
            mendCapitalisedNames(&document.mentions, document)
            addLowerCaseVariants(&document.mentions, document)
            EntityLinker(gazetteer: gazetteer).link(&document)
            return
        }
        var found: [Mention] = []
        let midSentenceCapitals = capitalsSeenMidSentence(document)
        for (s, sentence) in document.sentences.enumerated() where !sentence.isBoilerplate {
            found += recognize(document, sentence: s, midSentenceCapitals: midSentenceCapitals)
        }
        document.mentions = found
        EntityLinker(gazetteer: gazetteer).link(&document)
    }

    /// The tagger's spans outside boilerplate, mended and retyped by the passes of
    /// `EntityRecognizer+TaggerPasses.swift`, in this order, then sorted.
    private func modelMentions(_ doc: Document, _ model: NERModel, _ workspace: Workspace) -> [Mention] {
        let tokens = doc.tokens
        var covered = [Bool](repeating: false, count: tokens.count)
        var out: [Mention] = []
        for found in model.tag(doc, include: { !doc.sentences[$0].isBoilerplate }, words: words, in: workspace) {
            for (r, type) in splitAtTeam(found.tokens, type: found.type, tokens) {
                guard let m = mention(tagged: r, type: type, sentence: found.sentence, in: doc) else { continue }
                for k in m.tokens { covered[k] = true }
                out.append(m)
            }
        }
        let placeEvidence = Self.placeEvidence(tokens)
        retypeAffiliationsAfterPeople(&out, tokens)
        addAffiliationsAfterPeople(&out, tokens, covered: &covered)
        retypeLonePersons(&out, doc, placeEvidence: placeEvidence, lexicon: model.lexicon)
        voteOnInconsistentWords(&out, doc, placeEvidence: placeEvidence, lexicon: model.lexicon)
        retypeAfterMiscCues(&out, doc)
        retypeCompanies(&out, doc, lexicon: model.lexicon)
        retypePersonsByName(&out, placeEvidence: placeEvidence, lexicon: model.lexicon)
        retypeShortNames(&out, doc, placeEvidence: placeEvidence)
        addCapitalisedPlaces(&out, doc, covered: covered, lexicon: model.lexicon)
        addDictionaryPersons(&out, doc, placeEvidence: placeEvidence, lexicon: model.lexicon)
        joinClubNames(&out, doc)
        retypeClubsOfTowns(&out, doc, lexicon: model.lexicon)
        roadsArePlaces(&out, doc)
        dropDemonyms(&out, doc)
        out.sort { $0.span < $1.span }
        return out
    }

    static func isPastParticiple(_ word: String) -> Bool {
        let lower = Folding.lower(word)
        return ["é", "ée", "és", "ées"].contains { lower.hasSuffix($0) }
    }

    static let leadingNonName: Set<String> = ["du", "des", "au", "aux", "pour", "par", "et", "sur", "dans"]

    /// A lower-case word that cannot close a name: a function word, an elided article, or a conjugated
    /// verb (a finite ending, and a lemma that is an infinitive it differs from: "choisit", "rouvrira",
    /// "atteignent", but not the participles and adjectives names keep: "Nations unies", "Canard enchaîné").
    static func isTrailingNonName(_ t: Token, _ isStopWord: (String) -> Bool) -> Bool {
        let lower = Folding.lower(t.text)
        if t.text.hasSuffix("'") || t.text.hasSuffix("’") || isStopWord(lower) { return true }
        let lemma = t.lemma
        guard t.kind == .word, !lemma.isEmpty, lemma != lower,
              lemma.hasSuffix("er") || lemma.hasSuffix("ir") || lemma.hasSuffix("re") || lemma.hasSuffix("oir") else { return false }
        if finiteEndings.contains(where: { lower.hasSuffix($0) }) { return true }
        // "demande", "annonce" (lemmas in -er), not the adjectives "étrangère", "financière" nor participles.
        return lemma.hasSuffix("er") && lower.hasSuffix("e") && !lower.hasSuffix("ée") && !lower.hasSuffix("ère")
    }

    static let finiteEndings = ["ent", "ont", "ra", "rait", "raient", "ait", "aient", "it", "ut"]

    /// An acronym of two to six capitals alone in parentheses: "(PS)", "(EELV)", not a country code ("(USA)").
    func isAffiliation(_ tokens: [Token], _ i: Int) -> Bool {
        guard i > 0, i + 1 < tokens.count, tokens[i - 1].text == "(", tokens[i + 1].text == ")", tokens[i].kind == .word, tokens[i].isAllCaps else { return false }
        let n = tokens[i].text.unicodeScalars.count
        return n >= 2 && n <= 6 && tokens[i].text.unicodeScalars.allSatisfy { $0.properties.isUppercase } && !Self.countryCodes3.contains(tokens[i].text)
    }

    static let articles: Set<String> = ["le", "la", "les", "l'", "un", "une", "el", "al", "the", "los", "las", "il", "lo"]

    /// Words that appear capitalised somewhere other than at a sentence start: evidence that a
    /// sentence-initial occurrence is a name too.
    private func capitalsSeenMidSentence(_ document: Document) -> Set<String> {
        var seen = Set<String>()
        for sentence in document.sentences {
            for i in sentence.tokens.dropFirst() where isNameToken(document.tokens[i]) {
                if document.tokens[i - 1].kind == .punctuation && i - 1 == sentence.tokens.lowerBound { continue }
                seen.insert(document.tokens[i].text)
            }
        }
        return seen
    }

    func isNameToken(_ t: Token) -> Bool {
        guard t.kind == .word, t.isCapitalized, !t.text.hasSuffix("'"), !t.text.hasPrefix("-") else { return false }
        return !t.text.hasSuffix(".") || t.isAllCaps  // "M." and "J." are titles/initials, not names
    }

    private func recognize(_ doc: Document, sentence s: Int, midSentenceCapitals: Set<String>) -> [Mention] {
        let tokens = doc.tokens
        let range = doc.sentences[s].tokens
        var out: [Mention] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let t = tokens[i]
            guard isNameToken(t) || isInitial(t) && i + 1 < range.upperBound && isNameToken(tokens[i + 1]) else { i += 1; continue }
            // Extend over capitalised words, initials and connectors followed by a capitalised word.
            var end = i + 1
            while end < range.upperBound {
                let n = tokens[end]
                if n.lineBreaksBefore > 0 { break }
                if isNameToken(n) || isInitial(n) { end += 1; continue }
                if EntityCues.connectors.contains(Folding.fold(n.text)), end + 1 < range.upperBound {
                    var k = end + 1
                    if k < range.upperBound, EntityCues.connectors.contains(Folding.fold(tokens[k].text)) { k += 1 }
                    if k < range.upperBound, isNameToken(tokens[k]), tokens[k].lineBreaksBefore == 0, !tokens[k].isAllCaps || tokens[i].isAllCaps {
                        end = k + 1
                        continue
                    }
                }
                break
            }
            // An organisation head takes the adjectives after it: Union africaine, Banque mondiale.
            let head = Folding.fold(tokens[i].text)
            if EntityCues.organisationHeads.contains(head) || EntityCues.placeHeads.contains(head) {
                var adjectives = 0
                while end < range.upperBound, adjectives < 2, tokens[end].lineBreaksBefore == 0, isNameAdjective(tokens[end]) {
                    end += 1
                    adjectives += 1
                }
            }
            let sentenceInitial = isSentenceInitial(tokens, i, range)
            if end - i == 1 && sentenceInitial && !t.isAllCaps {
                let folded = Folding.fold(t.text)
                let lower = Folding.lower(t.text)
                let stopWord = isStopWord(lower)
                if stopWord || words.isCommonWord(lower) && !gazetteer.isPlace(folded) && !midSentenceCapitals.contains(t.text) || EntityCues.notNames.contains(folded) {
                    i = end
                    continue
                }
            }
            if end - i == 1 && (EntityCues.notNames.contains(Folding.fold(t.text)) || isInitial(t)) { i = end; continue }
            // Drop a leading sentence-initial common word joined to a name ("Pour Huawei").
            var start = i
            if sentenceInitial && end - i > 1 && words.isCommonWord(Folding.lower(t.text)) && !EntityCues.organisationHeads.contains(head)
                && gazetteer.type(of: Folding.fold(doc.text(of: Span(t.span.start, tokens[end - 1].span.end)))) == nil {
                start = i + 1
                if !isNameToken(tokens[start]) { i = end; continue }
            }
            let span = Span(tokens[start].span.start, tokens[end - 1].span.end)
            let text = doc.text(of: span)
            let type = classify(doc, start..<end, text: text)
            out.append(Mention(span: span, tokens: start..<end, type: type, text: text, key: Folding.fold(text), sentence: s))
            i = end
        }
        return out
    }

    /// "J." or "J.-P.", but not the titles "M." and "MM." (monsieur, messieurs).
    private func isInitial(_ t: Token) -> Bool {
        t.text != "M." && t.text != "MM." && t.kind == .word && t.text.hasSuffix(".") && t.text.unicodeScalars.first!.properties.isUppercase
            && t.text.unicodeScalars.filter { $0.properties.isAlphabetic }.count <= 2
    }

    /// A lower-case adjective that may close an organisation's name: "socialiste", "nucléaire", "sud-coréenne".
    /// Not a stop word ("mais") nor a verb ("rappelle", lemma rappeler; "financière", lemma financier, is kept).
    func isClosingAdjective(_ t: Token) -> Bool {
        guard t.kind == .word, !t.isCapitalized, !isStopWord(Folding.lower(t.text)) else { return false }
        let f = Folding.fold(t.text)
        guard f.count > 4 else { return false }
        let lemma = Folding.fold(t.lemma)
        if lemma != f && (lemma.hasSuffix("er") || lemma.hasSuffix("ir") || lemma.hasSuffix("oir")) && !(f.hasSuffix("iere") || f.hasSuffix("ieres") || f.hasSuffix("iers")) {
            return false
        }
        if Self.notClosingAdjectives.contains(lemma) { return false }
        return isNameAdjective(t) || f.count > 5 && (f.hasSuffix("iste") || f.hasSuffix("istes"))
    }

    /// Adjectives that follow a name without belonging to it: "le gouvernement français actuel".
    static let notClosingAdjectives: Set<String> = [
        "actuel", "ancien", "nouveau", "nouvel", "prochain", "dernier", "precedent", "officiel", "entier", "seul",
        "principal", "traditionnel", "historique", "habituel", "eventuel", "initial", "final", "local",
    ]

    private func isNameAdjective(_ t: Token) -> Bool {
        guard t.kind == .word, !t.isCapitalized else { return false }
        let f = Folding.fold(t.text)
        return f.count > 3 && EntityCues.adjectiveSuffixes.contains { f.hasSuffix($0) }
    }

    func isSentenceInitial(_ tokens: [Token], _ i: Int, _ range: Range<Int>) -> Bool {
        var k = i - 1
        while k >= range.lowerBound && tokens[k].kind == .punctuation { k -= 1 }
        return k < range.lowerBound || tokens[i].lineBreaksBefore > 0
    }

    /// The type of a name from the gazetteer, its own words, then the words before it.
    func classify(_ doc: Document, _ r: Range<Int>, text: String) -> EntityType {
        let tokens = doc.tokens
        let folded = Folding.fold(text)
        if let type = gazetteer.type(of: folded) { return type }
        let words = tokens[r].map { Folding.fold($0.text) }
        if EntityCues.organisationHeads.contains(words[0]) { return .ORG }
        if EntityCues.placeHeads.contains(words[0]) || words[0].hasPrefix("saint-") || words[0].hasPrefix("sainte-") { return .LOC }
        if words.contains(where: { EntityCues.organisationWords.contains($0) }) { return .ORG }
        if r.count >= 2 && gazetteer.isFirstName(words[0]) && !words.contains(where: { EntityCues.connectors.contains($0) }) { return .PER }
        // Context: up to two words before the name.
        let before = (max(0, r.lowerBound - 2)..<r.lowerBound).reversed().map { Folding.fold(tokens[$0].text) }
        if let w = before.first {
            if EntityCues.personCues.contains(w) { return .PER }
            if w == "par", before.count > 1, ["ecrit", "redige", "signe", "realise", "propos"].contains(before[1]) { return .PER }
            if EntityCues.organisationCues.contains(w) { return .ORG }
            if EntityCues.placeCues.contains(w) && r.count <= 2 { return .LOC }
        }
        if before.count > 1 && EntityCues.organisationCues.contains(before[1]) && ["chinois", "americain", "francais", "mondial", "local", "public", "national"].contains(before[0]) { return .ORG }
        let t = tokens[r.lowerBound]
        if r.count == 1 && (t.isAllCaps || t.text.unicodeScalars.filter({ $0.properties.isUppercase }).count >= 2) { return .ORG }
        if r.count >= 2 && r.count <= 4 && tokens[r].allSatisfy({ !EntityCues.connectors.contains(Folding.fold($0.text)) }) { return .PER }
        if r.count == 1 { return .ORG }
        return .MISC
    }
}
