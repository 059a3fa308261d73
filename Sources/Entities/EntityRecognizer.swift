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
    let commonWords: @Sendable (String) -> Bool
    let isStopWord: @Sendable (String) -> Bool
    /// The trained tagger that proposes spans and types; without one, the rules below do.
    let model: NERModel?

    /// - Parameters:
    ///   - isCommonWord: whether a lower-cased word is an ordinary French word (so that a capitalised
    ///     sentence start such as "Notamment" is not taken for a name unless it is capitalised elsewhere).
    ///   - isStopWord: whether it is a stop word ("La", "Dans"), never a name on its own.
    ///   - model: the statistical tagger (``NERModel``), such as ``NERModel/builtIn`` (the one compiled into the
    ///     binary, which may fail to load: so it is no default); nil: the rules alone.
    public init(gazetteer: Gazetteer = .french, isCommonWord: @escaping @Sendable (String) -> Bool,
                isStopWord: @escaping @Sendable (String) -> Bool, model: NERModel?) {
        self.gazetteer = gazetteer
        self.commonWords = isCommonWord
        self.isStopWord = isStopWord
        self.model = model
    }

    public func process(_ document: inout Document) { process(&document, in: Workspace()) }

    public func process(_ document: inout Document, in workspace: Workspace) {
        if let model {
            document.mentions = complementTagger(document, modelMentions(document, model, workspace))
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

    /// The longest place cue, in bytes of its (ASCII) folded form.
    private static let longestPlaceCue = EntityCues.placeCues.union(["dans"]).map(\.utf8.count).max() ?? 0

    /// The tagger's spans outside boilerplate, never starting on an elided article or punctuation
    /// (l'Afrique → Afrique); ICU's places and international bodies keep their type.
    private func modelMentions(_ doc: Document, _ model: NERModel, _ workspace: Workspace) -> [Mention] {
        var out: [Mention] = []
        var covered = [Bool](repeating: false, count: doc.tokens.count)
        let tokens = doc.tokens
        // Words that some occurrence shows to be a place: after à, en, au, dans…
        var placeEvidence = Set<String>()
        tokens.withUnsafeBufferPointer { tokens in  // read in place: a copied token costs two retains
            for i in tokens.indices.dropFirst() where tokens[i].isCapitalized {
                // Folding keeps the length of ASCII words: a longer one is no cue, without folding it.
                let previous = tokens[i - 1].text.utf8
                if previous.count > Self.longestPlaceCue && previous.allSatisfy({ $0 < 0x80 }) { continue }
                let before = Folding.fold(tokens[i - 1].text)
                if EntityCues.placeCues.contains(before) || before == "dans" { placeEvidence.insert(Folding.fold(tokens[i].text)) }
            }
        }
        for found in model.tag(doc, include: { !doc.sentences[$0].isBoilerplate }, isCommonWord: commonWords, in: workspace) {
            var r = found.tokens
            let sentence = doc.sentences[found.sentence].tokens
            while r.count > 1 && (tokens[r.lowerBound].text.hasSuffix("'") || tokens[r.lowerBound].kind == .punctuation) {
                r = (r.lowerBound + 1)..<r.upperBound
            }
            // A sentence-initial function word is not part of the name ("Pour Huawei"), an article may be ("Le Monde").
            if r.count > 1 && isSentenceInitial(tokens, r.lowerBound, sentence) {
                let lower = Folding.lower(tokens[r.lowerBound].text)
                if isStopWord(lower) && !Self.articles.contains(lower) { r = (r.lowerBound + 1)..<r.upperBound }
            }
            while r.count > 1 && tokens[r.upperBound - 1].kind == .punctuation && tokens[r.upperBound - 1].text != "." {
                r = r.lowerBound..<(r.upperBound - 1)
            }
            // A name does not begin on a contracted preposition ("du Canard enchaîné") nor end on a lower-case
            // function word or a conjugated verb ("Haute Autorité pour", "l'Union choisit", "Insee communiquera").
            while r.count > 1 && !tokens[r.lowerBound].isCapitalized && Self.leadingNonName.contains(tokens[r.lowerBound].text) {
                r = (r.lowerBound + 1)..<r.upperBound
            }
            while r.count > 1 && !tokens[r.upperBound - 1].isCapitalized && Self.isTrailingNonName(tokens[r.upperBound - 1], isStopWord) {
                r = r.lowerBound..<(r.upperBound - 1)
            }
            if tokens[r.lowerBound].kind == .punctuation { continue }
            // "l'État de Washington", "l'État du Rajasthan": a federated state, the place named after "de".
            var stateOf = false
            if r.count >= 3, ["etat", "etats"].contains(Folding.fold(tokens[r.lowerBound].text)), tokens[r.lowerBound].isCapitalized {
                var k = r.lowerBound + 1
                while k < r.upperBound - 1 && ["de", "du", "des", "d'", "la", "l'"].contains(Folding.fold(tokens[k].text)) { k += 1 }
                if k > r.lowerBound + 1 && tokens[k].isCapitalized { r = k..<r.upperBound; stateOf = true }
            }
            // An organisation headed by a cue noun takes the adjectives that close it and that the tagger
            // left out: "Parquet national financier", "Parti du peuple pakistanais", "Autorité de sûreté nucléaire".
            if found.type == .ORG && tokens[r].contains(where: { EntityCues.organisationHeads.contains(Folding.fold($0.text)) }) {
                var added = 0
                while added < 2 && r.upperBound < sentence.upperBound && tokens[r.upperBound].lineBreaksBefore == 0
                        && isClosingAdjective(tokens[r.upperBound]) {
                    r = r.lowerBound..<(r.upperBound + 1)
                    added += 1
                }
            }
            let span = Span(tokens[r.lowerBound].span.start, tokens[r.upperBound - 1].span.end)
            let text = doc.text(of: span)
            let key = Folding.fold(text)
            var type = found.type
            // The tagger's type stands even when unsure (a negative margin: its first word alone scores
            // another type higher): the rules' guess (`classify`) then costs F1 on WiNER 2017 with a 2016
            // model (micro 0.847 → 0.850, ORG 0.718 → 0.723 without it).
            if let known = gazetteer.types[key], known != .MISC {
                type = known
            } else if stateOf {
                type = .LOC
            } else if type == .PER || type == .LOC, r.count > 1,
                      tokens[r].contains(where: { $0.isCapitalized && $0.text != "Port" && EntityCues.organisationWords.contains(Folding.fold($0.text)) }) {
                // A word only companies and clubs hold: "Juventus FC", "North Oil", "New York Times".
                type = .ORG
            }
            for k in r { covered[k] = true }
            out.append(Mention(span: span, tokens: r, type: type, text: text, key: key, sentence: found.sentence))
        }
        // An acronym in parentheses right after a person's name is their party or employer: "Benoît Hamon (PS)".
        // (Not one the tagger calls a place: "Serena Williams (USA)".)
        for k in out.indices.dropFirst() where (out[k].type == .PER || out[k].type == .MISC) && out[k].tokens.count == 1 {
            let i = out[k].tokens.lowerBound
            if isAffiliation(tokens, i), out[k - 1].type == .PER, out[k - 1].tokens.upperBound == i - 1 { out[k].type = .ORG }
        }
        for m in out where m.type == .PER {
            let i = m.tokens.upperBound + 1
            guard i < m.tokens.upperBound + 2, i < tokens.count, !covered[i], isAffiliation(tokens, i) else { continue }
            covered[i] = true
            out.append(Mention(span: tokens[i].span, tokens: i..<(i + 1), type: .ORG, text: tokens[i].text, key: Folding.fold(tokens[i].text), sentence: m.sentence))
        }
        // A lone unknown word typed as a person although no longer person name in the document holds it:
        // news introduce people by their full names ("Emmanuel Macron", then "Macron"), so a bare word is
        // more likely a company or a body ("Huawei ouvre un centre…"): the cue words and the rules decide.
        do {
            var inFullNames = Set<String>()
            for m in out where m.type == .PER && m.tokens.count > 1 {
                for k in m.tokens { inFullNames.insert(Folding.fold(tokens[k].text)) }
            }
            func isSure(_ m: Mention) -> Bool {
                m.type == .PER && (m.tokens.count > 1 || inFullNames.contains(m.key) || gazetteer.isFirstName(m.key) || model.lexicon.knows(word: m.key))
            }
            // A list of names ("Hollande, Mélenchon, Estrosi ou Juppé") holding a sure person is a list of people.
            var listed = [Bool](repeating: false, count: out.count)
            var g = 0
            while g < out.count {
                var e = g + 1
                while e < out.count && out[e].sentence == out[e - 1].sentence && out[e].tokens.lowerBound == out[e - 1].tokens.upperBound + 1
                    && [",", "et", "ou"].contains(tokens[out[e - 1].tokens.upperBound].text) && out[e].type == .PER && out[e - 1].type == .PER { e += 1 }
                if e - g > 1 && out[g..<e].contains(where: isSure) { for q in g..<e { listed[q] = true } }
                g = e
            }
            for k in out.indices where out[k].type == .PER && out[k].tokens.count == 1 && !inFullNames.contains(out[k].key) && !listed[k] {
                let m = out[k]
                if gazetteer.types[m.key] != nil || gazetteer.isFirstName(m.key) || model.lexicon.knows(word: m.key)
                    || !tokens[m.tokens.lowerBound].isCapitalized { continue }
                // Seen after a place preposition somewhere in the document ("à Douai"): a place.
                let ruled = placeEvidence.contains(m.key) ? .LOC : classify(doc, m.tokens, text: m.text)
                if ruled != .MISC { out[k].type = ruled }
            }
        }
        // One word the tagger types inconsistently across the document, unknown to the gazetteers and
        // never seen after a place preposition: the tagger is unsure, the rules' vote over its occurrences decides.
        do {
            var typesOf: [String: Set<EntityType>] = [:]
            for m in out where m.tokens.count == 1 && m.type != .MISC { typesOf[m.key, default: []].insert(m.type) }
            var votes: [String: [EntityType: Int]] = [:]
            for m in out where m.tokens.count == 1 && (typesOf[m.key]?.count ?? 0) > 1 && gazetteer.types[m.key] == nil
                && !placeEvidence.contains(m.key) && !model.lexicon.knows(word: m.key) {
                votes[m.key, default: [:]][classify(doc, m.tokens, text: m.text), default: 0] += 1
            }
            for k in out.indices {
                guard let v = votes[out[k].key], let best = v.max(by: { $0.value < $1.value || $0.value == $1.value && $0.key.rawValue > $1.key.rawValue })?.key, best != .MISC else { continue }
                out[k].type = best
            }
        }
        // A name right after a noun for a storm, a product or a program is no organisation, place or person:
        // "la tempête Egon", "le rançongiciel WannaCry", "la fusée Falcon 9".
        for k in out.indices where out[k].type != .MISC && out[k].tokens.lowerBound > doc.sentences[out[k].sentence].tokens.lowerBound
            && gazetteer.types[out[k].key] == nil {
            let before = tokens[out[k].tokens.lowerBound - 1]
            if !before.isCapitalized && EntityCues.miscCues.contains(Folding.fold(before.text)) { out[k].type = .MISC }
        }
        // A name typed MISC (an event or a product) that some occurrence shows to be a company: after an
        // organisation cue ("le constructeur automobile Renault", "chez Airbus"), or the subject of what
        // companies and bodies do ("Airbus a annoncé", "Amundi supprime 134 emplois"). Products rarely announce.
        do {
            var companies = Set<String>()
            for m in out where (m.type == .MISC || m.type == .LOC) && gazetteer.types[m.key] == nil {
                let r = m.tokens
                let s = doc.sentences[m.sentence].tokens
                func word(_ k: Int) -> String? { s.contains(k) && tokens[k].kind == .word ? Folding.fold(tokens[k].text) : nil }
                var evidence = false
                if let p1 = word(r.lowerBound - 1) {
                    if EntityCues.organisationCues.contains(p1) || p1 == "chez" { evidence = true }
                    if !tokens[r.lowerBound - 1].isCapitalized, !isStopWord(p1), let p2 = word(r.lowerBound - 2), EntityCues.organisationCues.contains(p2) { evidence = true }
                }
                var k = r.upperBound
                // A place name only when no list knows it: a known place announcing is a government ("Paris a annoncé").
                let unknown = m.type == .MISC || gazetteer.type(of: m.key) == nil && !model.lexicon.knows(word: m.key)
                if !unknown { if evidence { companies.insert(m.key) }; continue }
                if let n = word(k), n == "a" || n == "ont" || n == "va" || n == "vont" { k += 1 }
                // Right after the name, a finite verb ("Amundi supprime"), not a participle ("les îles de Titan expliquées").
                if word(k) != nil, k > r.upperBound || !Self.isPastParticiple(tokens[k].text),
                   EntityCues.agentVerbs.contains(Folding.fold(tokens[k].lemma)) { evidence = true }
                // A source or an owner: "selon Greenpeace", "a confié au Monde", "le rachat de Pixar".
                if let p1 = word(r.lowerBound - 1) {
                    let p2 = word(r.lowerBound - 2)
                    if p1 == "selon" || p2 == "selon" && Self.articles.contains(p1) { evidence = true }
                    if ["a", "au", "aux"].contains(p1), let p2, EntityCues.speechVerbs.contains(Folding.fold(tokens[r.lowerBound - 2].lemma)) || p2 == "journaliste" {
                        evidence = true
                    }
                    if ["de", "d'", "du"].contains(p1), let p2, EntityCues.ownershipNouns.contains(p2) { evidence = true }
                }
                if evidence { companies.insert(m.key) }
            }
            for k in out.indices where (out[k].type == .MISC || out[k].type == .LOC) && companies.contains(out[k].key) { out[k].type = .ORG }
        }
        // Places and international bodies ICU knows, written in capitals, that the tagger left out (ETATS-UNIS).
        for (s, sentence) in doc.sentences.enumerated() where !sentence.isBoilerplate {
            var i = sentence.tokens.lowerBound
            while i < sentence.tokens.upperBound {
                guard !covered[i], tokens[i].isCapitalized, tokens[i].kind == .word, model.lexicon.mayStartPlace(tokens[i].text)
                        || gazetteer.regionalStarts.contains(Folding.fold(tokens[i].text)) else { i += 1; continue }
                var best: (end: Int, type: EntityType)?
                var end = i
                while end < sentence.tokens.upperBound && end - i < gazetteer.maxWords + 2 && !covered[end] {
                    end += 1
                    let span = Span(tokens[i].span.start, tokens[end - 1].span.end)
                    if let t = gazetteer.types[Folding.fold(doc.text(of: span))], t != .MISC, tokens[end - 1].kind == .word { best = (end, t) }
                }
                guard let found = best else { i += 1; continue }
                // "le Nord de la France", "Centre de recherche": a direction or a head, not the département or region.
                if found.end < sentence.tokens.upperBound, ["de", "du", "des", "d'"].contains(Folding.fold(tokens[found.end].text)),
                   gazetteer.regional.contains(Folding.fold(doc.text(of: Span(tokens[i].span.start, tokens[found.end - 1].span.end)))) {
                    i += 1; continue
                }
                let span = Span(tokens[i].span.start, tokens[found.end - 1].span.end)
                let text = doc.text(of: span)
                out.append(Mention(span: span, tokens: i..<found.end, type: found.type, text: text, key: Folding.fold(text), sentence: s))
                i = found.end
            }
        }
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
                if stopWord || commonWords(lower) && !gazetteer.isPlace(folded) && !midSentenceCapitals.contains(t.text) || EntityCues.notNames.contains(folded) {
                    i = end
                    continue
                }
            }
            if end - i == 1 && (EntityCues.notNames.contains(Folding.fold(t.text)) || isInitial(t)) { i = end; continue }
            // Drop a leading sentence-initial common word joined to a name ("Pour Huawei").
            var start = i
            if sentenceInitial && end - i > 1 && commonWords(Folding.lower(t.text)) && !EntityCues.organisationHeads.contains(head)
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
    private func isClosingAdjective(_ t: Token) -> Bool {
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
