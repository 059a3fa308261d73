import LoupeCore

/// The passes that mend the tagger's mentions (``EntityRecognizer/modelMentions``), one function each, in
/// the order they run: each span is trimmed and retyped on its own (``mention(tagged:type:sentence:in:)``),
/// then the passes over all the document's mentions retype them from what the other mentions and the words
/// around them say, and add the few the tagger misses.
extension EntityRecognizer {
    // MARK: one span

    /// A person's span that runs on over "des" is a person and the team, party or company they belong to:
    /// "Warren Spahn des Braves d'Atlanta", "Marc Dupont des Républicains". French persons' names hold "de",
    /// "du" and "d'" but almost never "des": no person of WiNER 2016 or 2017 does, one of wikineural-fr-val's
    /// 7,349 ("Claude de Vin des Œillets", which this splits). The part after the first "des" is an
    /// organisation when it starts with a capital, and is dropped when it does not ("Paul Dupont des écuries").
    func splitAtTeam(_ tagged: Range<Int>, type: EntityType, _ tokens: [Token]) -> [(Range<Int>, EntityType)] {
        guard type == .PER, let des = tokens[tagged].firstIndex(where: { $0.text == "des" }),
              des > tagged.lowerBound, des + 1 < tagged.upperBound else { return [(tagged, type)] }
        let person = tagged.lowerBound..<des, rest = (des + 1)..<tagged.upperBound
        return tokens[rest.lowerBound].isCapitalized ? [(person, .PER), (rest, .ORG)] : [(person, .PER)]
    }

    /// A tagged span as a mention: trimmed to the name (``trimmedToName(_:sentence:_:)``), narrowed to the
    /// state in "l'État de Washington" (``federatedState(_:_:)``), an organisation extended to the adjectives
    /// that close it (``withClosingAdjectives(_:type:sentence:_:)``) and the lower-case rest of its name
    /// (``withLowerCaseTail(_:type:sentence:_:)``), a ministry's domain extended to "ministère"
    /// (``withMinistry(_:sentence:_:)``), and retyped (``correctedType(_:tagged:key:isState:_:)``).
    /// Nil when what is left starts on punctuation.
    func mention(tagged: Range<Int>, type taggedType: EntityType, sentence s: Int, in doc: Document) -> Mention? {
        let tokens = doc.tokens
        let sentence = doc.sentences[s].tokens
        var r = trimmedToName(tagged, sentence: sentence, tokens)
        if tokens[r.lowerBound].kind == .punctuation { return nil }
        var stateOf = false
        if let state = Self.federatedState(r, tokens) { r = state; stateOf = true }
        r = withClosingAdjectives(r, type: taggedType, sentence: sentence, tokens)
        r = withLowerCaseTail(r, type: taggedType, sentence: sentence, tokens)
        let headed = withMinistry(r, sentence: sentence, tokens)
        let span = Span(tokens[headed.lowerBound].span.start, tokens[headed.upperBound - 1].span.end)
        let text = doc.text(of: span)
        let key = Folding.fold(text)
        let type = headed != r ? .ORG : correctedType(r, tagged: taggedType, key: key, isState: stateOf, tokens)
        return Mention(span: span, tokens: headed, type: type, text: text, key: key, sentence: s)
    }

    /// Never starting on an elided article or punctuation (l'Afrique → Afrique), nor on a sentence-initial
    /// function word ("Pour Huawei"; an article may stay: "Le Monde"), nor on a contracted preposition
    /// ("du Canard enchaîné"); never ending on punctuation but a period, a lower-case function word or a
    /// conjugated verb ("Haute Autorité pour", "l'Union choisit", "Insee communiquera").
    func trimmedToName(_ tagged: Range<Int>, sentence: Range<Int>, _ tokens: [Token]) -> Range<Int> {
        var r = tagged
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
        return r
    }

    static let stateWords: Set<String> = ["etat", "etats"]
    static let stateLinks: Set<String> = ["de", "du", "des", "d'", "la", "l'"]

    /// "l'État de Washington", "l'État du Rajasthan": a federated state, the place named after "de"
    /// (the span from there), or nil.
    static func federatedState(_ r: Range<Int>, _ tokens: [Token]) -> Range<Int>? {
        guard r.count >= 3, stateWords.contains(Folding.fold(tokens[r.lowerBound].text)), tokens[r.lowerBound].isCapitalized else { return nil }
        var k = r.lowerBound + 1
        while k < r.upperBound - 1 && stateLinks.contains(Folding.fold(tokens[k].text)) { k += 1 }
        return k > r.lowerBound + 1 && tokens[k].isCapitalized ? k..<r.upperBound : nil
    }

    /// An organisation headed by a cue noun takes the adjectives that close it and that the tagger
    /// left out (two at most, on the same line): "Parquet national financier", "Parti du peuple pakistanais",
    /// "Autorité de sûreté nucléaire".
    func withClosingAdjectives(_ tagged: Range<Int>, type: EntityType, sentence: Range<Int>, _ tokens: [Token]) -> Range<Int> {
        var r = tagged
        if type == .ORG && tokens[r].contains(where: { EntityCues.organisationHeads.contains(Folding.fold($0.text)) }) {
            var added = 0
            while added < 2 && r.upperBound < sentence.upperBound && tokens[r.upperBound].lineBreaksBefore == 0
                    && isClosingAdjective(tokens[r.upperBound]) {
                r = r.lowerBound..<(r.upperBound + 1)
                added += 1
            }
        }
        return r
    }

    /// An organisation headed by a cue noun goes on over the lower-case part of its name that the tagger left
    /// out: "Association française de normalisation", "Fédération internationale de football association",
    /// "Société suisse de construction de locomotives et de machines". Each group is a preposition (de, du,
    /// des, d', pour), an article at most, a lower-case word the part-of-speech tagger calls a noun and its
    /// adjectives; "et" only before another group; eight words at most, on the same line. A capitalised
    /// word ends it ("Ligue des champions de l'UEFA": UEFA is a name of its own), and so does a noun of the
    /// text's context (``contextNouns``: "la Cour suprême du pays", "le Parlement de mercredi"; WiNER 2017
    /// 0.871 → 0.872 with a WiNER 2016 model, a figure from the errors that showed the need).
    func withLowerCaseTail(_ tagged: Range<Int>, type: EntityType, sentence: Range<Int>, _ tokens: [Token]) -> Range<Int> {
        guard type == .ORG, tokens[tagged].prefix(2).contains(where: { EntityCues.organisationHeads.contains(Folding.fold($0.text)) }) else {
            return tagged
        }
        func lowerWord(_ k: Int) -> Bool {
            k < sentence.upperBound && tokens[k].kind == .word && !tokens[k].isCapitalized && tokens[k].lineBreaksBefore == 0
        }
        var end = tagged.upperBound
        // The adjectives of a lower-case noun the tagger ended on: "Union des villes taurines françaises".
        if !tokens[end - 1].isCapitalized && tokens[end - 1].pos == .NOUN {
            while end - tagged.upperBound < 3 && lowerWord(end) && tokens[end].pos == .ADJ { end += 1 }
        }
        while end - tagged.upperBound < 8 {
            var k = end
            if lowerWord(k) && tokens[k].text == "et" { k += 1 }
            guard lowerWord(k), Self.tailPrepositions.contains(tokens[k].text) else { break }
            k += 1
            if lowerWord(k), Self.tailArticles.contains(tokens[k].text) { k += 1 }
            guard lowerWord(k), tokens[k].pos == .NOUN, !Self.contextNouns.contains(Folding.fold(tokens[k].text)) else { break }
            k += 1
            while lowerWord(k) && tokens[k].pos == .ADJ { k += 1 }
            end = k
        }
        return tagged.lowerBound..<end
    }

    /// A ministry's domain goes back over "ministère" and is an organisation: the tagger finds "Justice" or
    /// "Environnement" (capitalised) and leaves out the lower-case head, which Wikinews' annotators keep:
    /// "ministère de la Justice", "ministère français de l'Environnement". The head, an adjective at most,
    /// then de, du, des or d' (and la, l'), on the same line. Measured with a WiNER 2016 model: WiNER 2017
    /// 0.870 → 0.871 (ORG 0.761 → 0.764), wikineural-fr-val 0.789 (ORG 0.480 → 0.481). The same with the
    /// other heads of organisations (``EntityCues/organisationHeads``: "gouvernement du Qatar", "police de
    /// Chicago") took in "centre de l'Italie", "cabinet de Sarkozy": 0.865 / 0.782.
    func withMinistry(_ tagged: Range<Int>, sentence: Range<Int>, _ tokens: [Token]) -> Range<Int> {
        func lowerWord(_ k: Int) -> Bool {
            k >= sentence.lowerBound && tokens[k].kind == .word && !tokens[k].isCapitalized && tokens[k].lineBreaksBefore == 0
        }
        guard tokens[tagged.lowerBound].lineBreaksBefore == 0 else { return tagged }
        var k = tagged.lowerBound - 1
        if lowerWord(k), Self.tailArticles.contains(tokens[k].text) { k -= 1 }
        guard lowerWord(k), Self.tailPrepositions.contains(tokens[k].text), tokens[k].text != "pour" else { return tagged }
        k -= 1
        if lowerWord(k), tokens[k].pos == .ADJ, lowerWord(k - 1), Folding.fold(tokens[k - 1].text) == "ministere" { k -= 1 }
        guard lowerWord(k), Folding.fold(tokens[k].text) == "ministere" else { return tagged }
        return k..<tagged.upperBound
    }

    /// Nouns that point at the text's context rather than name part of a body ("la Cour suprême du pays",
    /// "le Parlement de mercredi"): time and the country spoken of.
    static let contextNouns: Set<String> = [
        "pays", "fait", "jour", "semaine", "mois", "an", "annee", "matin", "soir", "lundi", "mardi", "mercredi", "jeudi",
        "vendredi", "samedi", "dimanche", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
        "septembre", "octobre", "novembre", "decembre",
    ]
    static let tailPrepositions: Set<String> = ["de", "du", "des", "d'", "d’", "pour"]
    static let tailArticles: Set<String> = ["la", "l'", "l’", "les"]

    /// ICU's places and international bodies keep their type; a federated state is a place; a person or a
    /// place holding a word only companies and clubs hold (``EntityCues/organisationWords``, ``EntityCues/clubWords``,
    /// ``EntityCues/companyWords``) is an organisation ("Juventus FC", "Hambourg SV", "Paramount Pictures", "North Oil",
    /// "New York Times"). Otherwise the tagger's type stands, even when unsure (a negative margin: its
    /// first word alone scores another type higher): the rules' guess (`classify`) then costs F1 on WiNER
    /// 2017 with a 2016 model (micro 0.847 → 0.850, ORG 0.718 → 0.723 without it).
    func correctedType(_ r: Range<Int>, tagged: EntityType, key: String, isState: Bool, _ tokens: [Token]) -> EntityType {
        if let known = gazetteer.types[key], known != .MISC { return known }
        if isState { return .LOC }
        func bodyWord(_ t: Token) -> Bool {
            guard t.isCapitalized, t.text != "Port" else { return false }
            let folded = Folding.fold(t.text)
            return EntityCues.organisationWords.contains(folded) || EntityCues.clubWords.contains(folded) || EntityCues.companyWords.contains(folded)
        }
        if tagged == .PER || tagged == .LOC, r.count > 1, tokens[r].contains(where: bodyWord) { return .ORG }
        return tagged
    }

    // MARK: all the mentions

    /// Names in capitals (a headline, a signature) mended from the names the document writes in ordinary case:
    /// without case to go by, the tagger runs on over a verb and its object ("CHEIKH OUMAR ANNE SALUE UN
    /// PARTENARIAT") or misses the name ("ORANGE SIGNE"). A mention in capitals is narrowed to the longest name
    /// inside it that the document writes in ordinary case or the gazetteer knows, with that name's type; a
    /// run of words in capitals outside any mention that is such a name becomes one. Runs last, on the mentions
    /// the rules of `EntityRecognizer+News.swift` have completed (they add names opening a sentence).
    func mendCapitalisedNames(_ out: inout [Mention], _ doc: Document) {
        let tokens = doc.tokens
        func inCapitals(_ m: Mention) -> Bool { !m.text.unicodeScalars.contains { $0.properties.isLowercase } }
        var written: [String: EntityType] = [:]
        for m in out where !inCapitals(m) && written[m.key] == nil { written[m.key] = m.type }
        for k in out.indices where out[k].tokens.count > 1 && inCapitals(out[k]) && out[k].text.unicodeScalars.contains(where: \.properties.isUppercase) {
            let r = out[k].tokens
            search: for length in stride(from: r.count - 1, through: 1, by: -1) {
                for a in r.lowerBound...(r.upperBound - length) {
                    let span = Span(tokens[a].span.start, tokens[a + length - 1].span.end)
                    let text = doc.text(of: span)
                    let key = Folding.fold(text)
                    guard tokens[a].kind == .word, let type = written[key] ?? gazetteer.types[key].flatMap({ $0 == .MISC ? nil : $0 }) else { continue }
                    out[k] = Mention(span: span, tokens: a..<(a + length), type: type, text: text, key: key, sentence: out[k].sentence)
                    break search
                }
            }
        }
        guard !written.isEmpty else { return }
        let covered = Self.covered(by: out, tokenCount: tokens.count)
        func capitalWord(_ i: Int) -> Bool {
            i < tokens.count && !covered[i] && tokens[i].kind == .word && tokens[i].isAllCaps
        }
        var added: [Mention] = []
        var i = 0
        while i < tokens.count {
            guard capitalWord(i), let s = doc.sentenceIndex(ofToken: i) else { i += 1; continue }
            var run = i
            while run < doc.sentences[s].tokens.upperBound && capitalWord(run) && run - i < 8 { run += 1 }
            var next = i + 1
            for end in stride(from: run, to: i, by: -1) {
                let span = Span(tokens[i].span.start, tokens[end - 1].span.end)
                let text = doc.text(of: span)
                let key = Folding.fold(text)
                guard let type = written[key] else { continue }
                added.append(Mention(span: span, tokens: i..<end, type: type, text: text, key: key, sentence: s))
                next = end
                break
            }
            i = next
        }
        Self.replace(&out, with: added)  // they overlap none
    }

    /// The longest place cue, in bytes of its (ASCII) folded form.
    private static let longestPlaceCue = EntityCues.placeCues.union(["dans"]).map(\.utf8.count).max() ?? 0

    /// Folded words that some occurrence shows to be a place: capitalised after à, en, au, dans…
    static func placeEvidence(_ tokens: [Token]) -> Set<String> {
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
        return placeEvidence
    }

    /// An acronym in parentheses right after a person's name is their party or employer: "Benoît Hamon (PS)".
    /// (Not one the tagger calls a place: "Serena Williams (USA)".)
    func retypeAffiliationsAfterPeople(_ out: inout [Mention], _ tokens: [Token]) {
        for k in out.indices.dropFirst() where (out[k].type == .PER || out[k].type == .MISC) && out[k].tokens.count == 1 {
            let i = out[k].tokens.lowerBound
            if isAffiliation(tokens, i), out[k - 1].type == .PER, out[k - 1].tokens.upperBound == i - 1 { out[k].type = .ORG }
        }
    }

    /// The same acronym when the tagger left it out: added as an organisation.
    func addAffiliationsAfterPeople(_ out: inout [Mention], _ tokens: [Token], covered: inout [Bool]) {
        for m in out where m.type == .PER {
            let i = m.tokens.upperBound + 1
            guard i < m.tokens.upperBound + 2, i < tokens.count, !covered[i], isAffiliation(tokens, i) else { continue }
            covered[i] = true
            out.append(Mention(span: tokens[i].span, tokens: i..<(i + 1), type: .ORG, text: tokens[i].text, key: Folding.fold(tokens[i].text), sentence: m.sentence))
        }
    }

    /// A lone unknown word typed as a person although no longer person name in the document holds it:
    /// news introduce people by their full names ("Emmanuel Macron", then "Macron"), so a bare word is
    /// more likely a company or a body ("Huawei ouvre un centre…"): the cue words and the rules decide.
    func retypeLonePersons(_ out: inout [Mention], _ doc: Document, placeEvidence: Set<String>, lexicon: NERLexicon) {
        let tokens = doc.tokens
        var inFullNames = Set<String>()
        for m in out where m.type == .PER && m.tokens.count > 1 {
            for k in m.tokens { inFullNames.insert(Folding.fold(tokens[k].text)) }
        }
        func isSure(_ m: Mention) -> Bool {
            m.type == .PER && (m.tokens.count > 1 || inFullNames.contains(m.key) || gazetteer.isFirstName(m.key) || lexicon.knows(word: m.key))
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
            if gazetteer.types[m.key] != nil || gazetteer.isFirstName(m.key) || lexicon.knows(word: m.key)
                || !tokens[m.tokens.lowerBound].isCapitalized { continue }
            // Seen after a place preposition somewhere in the document ("à Douai"): a place.
            if placeEvidence.contains(m.key) { out[k].type = .LOC; continue }
            // A person's name the dictionary knows ("selon Aristote") is left to the tagger.
            if words.personName(Folding.lower(m.text)) != .no { continue }
            let ruled = classify(doc, m.tokens, text: m.text)
            if ruled != .MISC { out[k].type = ruled }
        }
    }

    /// One word the tagger types inconsistently across the document, unknown to the gazetteers and
    /// never seen after a place preposition: the tagger is unsure, the rules' vote over its occurrences decides.
    func voteOnInconsistentWords(_ out: inout [Mention], _ doc: Document, placeEvidence: Set<String>, lexicon: NERLexicon) {
        var typesOf: [String: Set<EntityType>] = [:]
        for m in out where m.tokens.count == 1 && m.type != .MISC { typesOf[m.key, default: []].insert(m.type) }
        var votes: [String: [EntityType: Int]] = [:]
        for m in out where m.tokens.count == 1 && (typesOf[m.key]?.count ?? 0) > 1 && gazetteer.types[m.key] == nil
            && !placeEvidence.contains(m.key) && !lexicon.knows(word: m.key) {
            votes[m.key, default: [:]][classify(doc, m.tokens, text: m.text), default: 0] += 1
        }
        for k in out.indices {
            guard let v = votes[out[k].key], let best = v.max(by: { $0.value < $1.value || $0.value == $1.value && $0.key.rawValue > $1.key.rawValue })?.key, best != .MISC else { continue }
            out[k].type = best
        }
    }

    /// A name right after a noun for a storm, a product or a program is no organisation, place or person:
    /// "la tempête Egon", "le rançongiciel WannaCry", "la fusée Falcon 9".
    func retypeAfterMiscCues(_ out: inout [Mention], _ doc: Document) {
        let tokens = doc.tokens
        for k in out.indices where out[k].type != .MISC && out[k].tokens.lowerBound > doc.sentences[out[k].sentence].tokens.lowerBound
            && gazetteer.types[out[k].key] == nil {
            let before = tokens[out[k].tokens.lowerBound - 1]
            if !before.isCapitalized && EntityCues.miscCues.contains(Folding.fold(before.text)) { out[k].type = .MISC }
        }
    }

    /// A name typed MISC (an event or a product) that some occurrence shows to be a company: after an
    /// organisation cue ("le constructeur automobile Renault", "chez Airbus"), or the subject of what
    /// companies and bodies do ("Airbus a annoncé", "Amundi supprime 134 emplois"). Products rarely announce.
    func retypeCompanies(_ out: inout [Mention], _ doc: Document, lexicon: NERLexicon) {
        let tokens = doc.tokens
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
            let unknown = m.type == .MISC || gazetteer.type(of: m.key) == nil && !lexicon.knows(word: m.key)
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

    /// A lone word the dictionary knows only as a person's name ("Hegel", "Hergé", "Ptolémée") and typed
    /// as an organisation is a person: a tagger trained on news, where a bare unknown word is most often a
    /// company, reads "selon Hegel" as it reads "selon Greenpeace". Words that are also nouns or other names
    /// ("Racine", "Huawei") are left to the tagger, and so are the places the gazetteer knows or some
    /// occurrence shows. A word typed as a place is retyped only if the tagger's training data do not know
    /// it as anything but a person: the dictionary has some towns as family names only (Metz).
    /// Measured with a WiNER 2016 model: wikineural-fr-val 0.786 → 0.789 for organisations (0.791 with every
    /// place too, Metz a person), WiNER 2017 unchanged; places the training data do not know too (Dec 3 2026):
    /// wikineural-fr-val 0.796 → 0.800 (PER 0.880 → 0.885, LOC 0.812 → 0.816), both WiNER years unchanged
    /// ("Sevran" in 2016, unknown to a 2017 model, becomes a person, "Sagan" rightly).
    func retypePersonsByName(_ out: inout [Mention], placeEvidence: Set<String>, lexicon: NERLexicon) {
        for k in out.indices where out[k].tokens.count == 1 && (out[k].type == .ORG || out[k].type == .LOC)
            && gazetteer.types[out[k].key] == nil && !placeEvidence.contains(out[k].key)
            && words.personName(Folding.lower(out[k].text)) == .only
            && (out[k].type == .ORG || !lexicon.knowsAsOtherThanPerson(word: out[k].key)) {
            out[k].type = .PER
        }
    }

    /// The last words of a person's full name in the document, typed as a place or an organisation, are that
    /// person: "Le Pen" after "Marine Le Pen" (read as "Le Mans" is), "Fillon" after "François Fillon" ("l'affaire
    /// Fillon"). Not a place the gazetteer knows or some occurrence shows ("George Washington" then "à
    /// Washington"), nor a word in capitals. WiNER 2017 0.873 → 0.874 with a WiNER 2016 model,
    /// wikineural-fr-val unchanged.
    func retypeShortNames(_ out: inout [Mention], _ doc: Document, placeEvidence: Set<String>) {
        var endings = Set<String>()
        for m in out where m.type == .PER && m.tokens.count > 1 {
            for start in (m.tokens.lowerBound + 1)..<m.tokens.upperBound {
                endings.insert(Folding.fold(doc.text(of: Span(doc.tokens[start].span.start, m.span.end))))
            }
        }
        for k in out.indices where (out[k].type == .LOC || out[k].type == .ORG) && endings.contains(out[k].key)
            && !out[k].text.isAllCaps
            && gazetteer.types[out[k].key] == nil && !placeEvidence.contains(out[k].key) {
            out[k].type = .PER
        }
    }

    /// A club named by a nickname and its city, as French writes North American teams and some of its own:
    /// "les Clippers de Los Angeles", "les Girondins de Bordeaux", "le Lightning de Tampa Bay", "des Pacers de
    /// l'Indiana". One or two capitalised words that are no French words (so not "les Français de Paris"),
    /// after an article and before de (du, de la) + a place the tagger found: one organisation in place of the
    /// words and the place. The tagger also finds whole such names and calls them products, persons or places
    /// ("les Red Sox de Boston", "aux Hawks d'Atlanta"): after a plural article and with a place the gazetteer
    /// knows after the link, they are organisations too (a place only when the gazetteer does not know its
    /// first words). Measured with a WiNER 2016 model: wikineural-fr-val 0.789 → 0.791 (ORG 0.474 → 0.493),
    /// WiNER 2017 and 2016 (with a 2017 model) unchanged; whole places: wikineural-fr-val ORG 0.508 → 0.510
    /// (six names), WiNER unchanged.
    func joinClubNames(_ out: inout [Mention], _ doc: Document) {
        let tokens = doc.tokens
        /// The nickname before the link that ends at `link` (exclusive) and the article before it.
        func nickname(before link: Int, sentence: Range<Int>) -> (start: Int, article: String)? {
            var l = link
            if l - 1 > sentence.lowerBound, Self.clubLinkArticles.contains(tokens[l - 1].text), tokens[l - 2].text == "de" { l -= 1 }
            guard l - 1 > sentence.lowerBound, Self.clubLinks.contains(tokens[l - 1].text) else { return nil }
            var start = l - 1
            while start - 1 >= sentence.lowerBound, l - 1 - start < 2 {  // two words at most
                let t = tokens[start - 1]
                guard t.kind == .word, t.isCapitalized, !words.isCommonWord(Folding.lower(t.text)), !gazetteer.isPlace(Folding.fold(t.text)) else { break }
                start -= 1
            }
            guard start < l - 1, start - 1 >= sentence.lowerBound else { return nil }
            let article = Folding.lower(tokens[start - 1].text)
            return Self.clubArticles.contains(article) ? (start, article) : nil
        }
        var joined: [Mention] = []
        for m in out {
            let sentence = doc.sentences[m.sentence].tokens
            if m.type == .LOC, let start = nickname(before: m.tokens.lowerBound, sentence: sentence)?.start {
                let r = start..<m.tokens.upperBound
                let span = Span(tokens[r.lowerBound].span.start, tokens[r.upperBound - 1].span.end)
                let text = doc.text(of: span)
                joined.append(Mention(span: span, tokens: r, type: .ORG, text: text, key: Folding.fold(text), sentence: m.sentence))
            } else if m.type == .MISC || m.type == .PER || m.type == .LOC, m.tokens.count >= 3,
                      // The place: the rest of the mention from its first capitalised word after the nickname's link.
                      let p = m.tokens.dropFirst(2).first(where: { tokens[$0].isCapitalized }),
                      let club = nickname(before: p, sentence: sentence), club.start == m.tokens.lowerBound,
                      Self.pluralArticles.contains(club.article),  // "l'Ironman de Kona" is a race
                      gazetteer.type(of: Folding.fold(doc.text(of: Span(tokens[p].span.start, m.span.end)))) == .LOC,
                      // A whole place stays one when its first words are a name the gazetteer knows ("les Alpes du Sud").
                      m.type != .LOC || (club.start..<p).allSatisfy({ gazetteer.type(of: Folding.fold(tokens[$0].text)) == nil }) {
                var named = m
                named.type = .ORG
                joined.append(named)
            }
        }
        Self.replace(&out, with: joined)  // in place of the words and the place
    }

    /// A club named by a name of its own and its town, as European clubs are ("Bayern Munich", "Feyenoord
    /// Rotterdam", "Werder Brême"): a mention the tagger typed a place, whose last word is a place the tagger's
    /// data or ICU know, and whose words before it are capitalised and unknown: no French word by either
    /// dictionary, no known name, no first or given name. Not when the whole is a name the gazetteer knows
    /// ("New York").
    func retypeClubsOfTowns(_ out: inout [Mention], _ doc: Document, lexicon: NERLexicon) {
        let tokens = doc.tokens
        for k in out.indices where out[k].type == .LOC && out[k].tokens.count >= 2 {
            let r = out[k].tokens
            let town = Folding.fold(tokens[r.upperBound - 1].text)
            guard lexicon.knowsAsPlace(word: town), gazetteer.type(of: out[k].key) == nil else { continue }
            let own = r.lowerBound..<(r.upperBound - 1)
            guard own.allSatisfy({ i in
                let t = tokens[i], folded = Folding.fold(t.text), lower = Folding.lower(t.text)
                return t.kind == .word && t.isCapitalized && !t.text.isAllCaps && !words.isDictionaryWord(lower) && !isStopWord(lower)
                    && !lexicon.knows(word: folded) && gazetteer.type(of: folded) == nil
                    && !gazetteer.isFirstName(folded) && !words.isGivenName(folded) && words.personName(lower) == .no
            }) else { continue }
            out[k].type = .ORG
        }
    }

    /// A word the dictionary knows only as a person's name (hunspell-fr: "Proust", "Ionesco", "Tertullien") that
    /// no mention holds is a person: Wikipedia names people by one word far more than the news the tagger
    /// learnt from, and the tagger leaves many of them out. Not a name the training data or ICU know as
    /// something else ("Metz"), nor one some occurrence shows to be a place ("à Sevran"), nor a word inside a
    /// longer capitalised name ("Marcel Proust" the tagger missed: the opening word of a sentence counts as a
    /// name when it is a person's name or no French word, "Selon" does not), nor one after a noun heading a street, a school, a prize or a
    /// work ("rue Proust", ``EntityCues/namingNouns``).
    func addDictionaryPersons(_ out: inout [Mention], _ doc: Document, placeEvidence: Set<String>, lexicon: NERLexicon) {
        let tokens = doc.tokens
        let covered = Self.covered(by: out, tokenCount: tokens.count)
        func nameWord(_ k: Int, _ sentence: Range<Int>) -> Bool {
            let t = tokens[k]
            guard t.kind == .word, t.isCapitalized else { return false }
            guard isSentenceInitial(tokens, k, sentence) else { return true }
            let lower = Folding.lower(t.text)
            return words.personName(lower) != .no || words.isGivenName(Folding.fold(t.text)) || (!isStopWord(lower) && !words.isCommonWord(lower))
        }
        var found: [Mention] = []
        for (s, sentence) in doc.sentences.enumerated() where !sentence.isBoilerplate {
            for i in sentence.tokens where !covered[i] {
                let t = tokens[i]
                guard t.kind == .word, t.isCapitalized, !t.text.isAllCaps, t.text.count >= 3,
                      i + 1 == sentence.tokens.upperBound || !nameWord(i + 1, sentence.tokens),
                      i == sentence.tokens.lowerBound || (!nameWord(i - 1, sentence.tokens) && !EntityCues.namesSomethingElse(Folding.fold(tokens[i - 1].text)))
                else { continue }
                let folded = Folding.fold(t.text)
                guard words.personName(Folding.lower(t.text)) == .only, gazetteer.types[folded] == nil, !placeEvidence.contains(folded),
                      !lexicon.knowsAsOtherThanPerson(word: folded) else { continue }
                found.append(Mention(span: t.span, tokens: i..<(i + 1), type: .PER, text: t.text, key: folded, sentence: s))
            }
        }
        Self.replace(&out, with: found)  // they overlap none
    }

    /// A name the document writes capitalised is the same name where it writes it in lower case ("Huawei …
    /// huawei", "WhatsApp … whatsapp", as tweets and hurried copy do), when the lower-case form is no French
    /// word by either dictionary ("orange", "total", "actrice" are) nor a stop word: one-word names only, with
    /// the type of their capitalised mentions (the most frequent; the first on a tie). The dev sets, edited
    /// text, hold few: unchanged on both WiNER years and wikineural-fr-val.
    func addLowerCaseVariants(_ out: inout [Mention], _ doc: Document) {
        let tokens = doc.tokens
        // Each name's types in the order met, with their counts; then its type, the first of the most frequent.
        var counts: [String: [(type: EntityType, count: Int)]] = [:]
        for m in out where m.tokens.count == 1 && tokens[m.tokens.lowerBound].isCapitalized {
            if let k = counts[m.key]?.firstIndex(where: { $0.type == m.type }) { counts[m.key]![k].count += 1 }
            else { counts[m.key, default: []].append((m.type, 1)) }
        }
        guard !counts.isEmpty else { return }
        let typeOf = counts.mapValues { types in types.max { $0.count < $1.count }!.type }
        let covered = Self.covered(by: out, tokenCount: tokens.count)
        var found: [Mention] = []
        for (s, sentence) in doc.sentences.enumerated() where !sentence.isBoilerplate {
            for i in sentence.tokens where !covered[i] && tokens[i].kind == .word && tokens[i].text.count >= 3 {
                let t = tokens[i]
                guard let first = t.text.unicodeScalars.first, first.properties.isLowercase else { continue }
                let key = Folding.fold(t.text)
                guard let type = typeOf[key] else { continue }
                let lower = Folding.lower(t.text)
                guard !words.isDictionaryWord(lower), !isStopWord(lower) else { continue }
                found.append(Mention(span: t.span, tokens: i..<(i + 1), type: type, text: t.text, key: key, sentence: s))
            }
        }
        Self.replace(&out, with: found)  // they overlap none
    }

    /// Whether each token lies inside one of `mentions`.
    static func covered(by mentions: [Mention], tokenCount: Int) -> [Bool] {
        var covered = [Bool](repeating: false, count: tokenCount)
        for m in mentions { for k in m.tokens { covered[k] = true } }
        return covered
    }

    /// `out` with `found` in place of the mentions they overlap, in text order.
    static func replace(_ out: inout [Mention], with found: [Mention]) {
        guard !found.isEmpty else { return }
        out.removeAll { m in found.contains { $0.tokens.overlaps(m.tokens) } }
        out = (out + found).sorted { $0.span < $1.span }
    }

    static let clubLinks: Set<String> = ["de", "d'", "d’", "du"]
    static let clubLinkArticles: Set<String> = ["la", "l'", "l’"]
    static let pluralArticles: Set<String> = ["les", "des", "aux"]
    static let clubArticles: Set<String> = ["les", "le", "la", "l'", "l’", "des", "aux", "au", "du"]

    /// A road named by its number after an article or a road noun is a place, the number alone: "l'A8", "la RN
    /// 79", "la D 680", "l'autoroute A86" (not "une Audi A8"). It replaces the
    /// mentions it overlaps: the tagger calls some roads products or runs on over the road noun. N and D take
    /// two digits at least ("la D1", "la N2" are football divisions), A two at most ("l'A320" is an aircraft).
    func roadsArePlaces(_ out: inout [Mention], _ doc: Document) {
        let tokens = doc.tokens
        func digits(_ s: Substring, _ count: ClosedRange<Int>) -> Bool { count.contains(s.count) && s.allSatisfy { $0.isASCII && $0.isNumber } }
        /// The road's letters and number in one token ("A8", "RD680") or the letters before a number token ("RN 79").
        func road(at i: Int, end: Int) -> Int? {
            let text = Substring(tokens[i].text)
            let letters = text.prefix { $0.isLetter && $0.isUppercase }
            guard let count = Self.roadLetters[String(letters)] else { return nil }
            let rest = text.dropFirst(letters.count)
            if !rest.isEmpty { return digits(rest, count) ? i + 1 : nil }
            return i + 1 < end && tokens[i + 1].kind == .number && digits(Substring(tokens[i + 1].text), count) ? i + 2 : nil
        }
        var found: [Mention] = []
        for s in doc.sentences.indices where !doc.sentences[s].isBoilerplate {
            let range = doc.sentences[s].tokens
            var i = range.lowerBound + 1
            while i < range.upperBound {
                // Most tokens fail on their first letter, before any folding.
                guard let first = tokens[i].text.utf8.first, Self.roadInitials.contains(first), tokens[i].lineBreaksBefore == 0,
                      Self.roadCues.contains(Folding.fold(tokens[i - 1].text)), let end = road(at: i, end: range.upperBound) else {
                    i += 1
                    continue
                }
                let span = Span(tokens[i].span.start, tokens[end - 1].span.end)
                let text = doc.text(of: span)
                found.append(Mention(span: span, tokens: i..<end, type: .LOC, text: text, key: Folding.fold(text), sentence: s))
                i = end
            }
        }
        Self.replace(&out, with: found)
    }

    /// The letters of French road numbers (autoroutes, routes nationales and départementales) and the
    /// how many digits each takes.
    static let roadLetters: [String: ClosedRange<Int>] = ["A": 1...2, "RN": 1...4, "RD": 1...4, "CD": 1...4, "N": 2...4, "D": 2...4]
    static let roadInitials: Set<UInt8> = Set("ARCND".utf8)
    /// Words right before a road's number.
    static let roadCues: Set<String> = ["l'", "la", "autoroute", "autoroutes", "route"]

    /// A people's name is no entity ("les Russes", "l'Australien", "le Français Antoine Griezmann"): neither
    /// WiNER's guidelines (persons are individuals) nor CoNLL's (nationalities are MISC) make it a person,
    /// place or organisation, and the tagger, which sees such words capitalised where names stand, types
    /// some of them. A one-word mention goes when its lower-case form is a noun and an adjective in hunspell-fr,
    /// it ends as French words for peoples end (-ien, -ais, -ois, -ain, -an, -ol, -in, -and, -e, and their
    /// feminines and plurals), and it starts with the first four letters of a country, region or département
    /// named by one word (Russie, Australie, France, Amérique, Gironde; not "République tchèque", whose first
    /// word would take "Républicains"); not when it is itself such a place or a name the training news knows
    /// ("Suisse", "Argentine"), nor after a capitalised article inside a sentence ("Le Parisien").
    func dropDemonyms(_ out: inout [Mention], _ doc: Document) {
        let tokens = doc.tokens
        out.removeAll { m in
            guard m.tokens.count == 1, m.type != .MISC else { return false }
            let i = m.tokens.lowerBound
            let t = tokens[i]
            guard t.kind == .word, t.isCapitalized, !t.isAllCaps, t.text.unicodeScalars.count >= 5 else { return false }
            let folded = Folding.fold(t.text)
            guard Self.hasDemonymEnding(folded), placeStems.contains(String(folded.prefix(4))),
                  gazetteer.type(of: folded) == nil, words.isNounAndAdjective(Folding.lower(t.text)) else { return false }
            let sentenceStart = doc.sentences[m.sentence].tokens.lowerBound
            // "Le Parisien" inside a sentence is a title; "Les Russes" opening one is not.
            if i - 1 > sentenceStart, tokens[i - 1].isCapitalized, isStopWord(Folding.lower(tokens[i - 1].text)) { return false }
            return true
        }
    }

    /// Whether a folded word ends as the French words for peoples do: ``dropDemonyms(_:_:)``.
    static func hasDemonymEnding(_ folded: String) -> Bool {
        if folded.hasSuffixBytes("ais") || folded.hasSuffixBytes("ois") { return true }
        let singular = folded.hasSuffixBytes("s") ? String(folded.dropLast()) : folded
        return demonymEndings.contains { singular.hasSuffixBytes($0) }
    }

    static let demonymEndings = ["ien", "ain", "an", "ol", "in", "and", "e"]

    /// The first four letters of every place of one word the gazetteer knows (countries, world regions,
    /// French regions and départements): "russ", "aust", "fran", "amer", "giro".
    static func placeStems(_ gazetteer: Gazetteer) -> Set<String> {
        var stems: Set<String> = []
        for (key, type) in gazetteer.types where type == .LOC && key.count >= 4 {
            if key.contains(where: { $0 == " " || $0 == "-" || $0 == "'" || $0 == "’" }) { continue }
            stems.insert(String(key.prefix(4)))
        }
        return stems
    }

    /// Places and international bodies ICU knows, written in capitals, that the tagger left out (ETATS-UNIS).
    func addCapitalisedPlaces(_ out: inout [Mention], _ doc: Document, covered: [Bool], lexicon: NERLexicon) {
        let tokens = doc.tokens
        for (s, sentence) in doc.sentences.enumerated() where !sentence.isBoilerplate {
            var i = sentence.tokens.lowerBound
            while i < sentence.tokens.upperBound {
                guard !covered[i], tokens[i].isCapitalized, tokens[i].kind == .word, lexicon.mayStartPlace(tokens[i].text)
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
    }
}
