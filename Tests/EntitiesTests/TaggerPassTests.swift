@testable import Entities
import Lemmas
import LoupeCore
import Pipeline
import XCTest

/// Each pass that mends the tagger's mentions (`EntityRecognizer+TaggerPasses.swift`) on its own, on
/// documents analysed up to the entities and mentions written by hand (no tagger involved).
final class TaggerPassTests: XCTestCase {
    private let recognizer = EntityRecognizer(words: Pipeline.dictionaryWords(), isStopWord: { StopWords.builtIn.contains($0) }, model: nil)
    private let lexicon = NERLexicon.base(.french)

    private func prepared(_ text: String) throws -> Document {
        try Pipeline.french(nerModel: nil).preprocess(text, id: "t")
    }

    /// The tokens of the `occurrence`-th occurrence of `phrase` (whole tokens).
    private func tokens(_ doc: Document, _ phrase: String, occurrence: Int = 0) -> Range<Int> {
        let scalars = Array(doc.text.unicodeScalars), needle = Array(phrase.unicodeScalars)
        var seen = 0
        for start in 0...(scalars.count - needle.count) where Array(scalars[start..<(start + needle.count)]) == needle {
            if seen < occurrence { seen += 1; continue }
            let a = doc.tokens.firstIndex { $0.span.start == start }!
            let b = doc.tokens.lastIndex { $0.span.end == start + needle.count }!
            return a..<(b + 1)
        }
        fatalError("\(phrase) not in \(doc.text)")
    }

    private func mention(_ doc: Document, _ phrase: String, _ type: EntityType, occurrence: Int = 0) -> Mention {
        let r = tokens(doc, phrase, occurrence: occurrence)
        let span = Span(doc.tokens[r.lowerBound].span.start, doc.tokens[r.upperBound - 1].span.end)
        let text = doc.text(of: span)
        let sentence = doc.sentences.firstIndex { $0.tokens.contains(r.lowerBound) }!
        return Mention(span: span, tokens: r, type: type, text: text, key: Folding.fold(text), sentence: sentence)
    }

    private func texts(_ doc: Document, _ r: Range<Int>) -> String {
        doc.text(of: Span(doc.tokens[r.lowerBound].span.start, doc.tokens[r.upperBound - 1].span.end))
    }

    // MARK: one span

    func testTrimmedToName() throws {
        let doc = try prepared("Pour Huawei, l'Union africaine choisit la paix. Le Monde le dit.")
        let s0 = doc.sentences[0].tokens, s1 = doc.sentences[1].tokens
        func trimmed(_ phrase: String, _ sentence: Range<Int>) -> String {
            texts(doc, recognizer.trimmedToName(tokens(doc, phrase), sentence: sentence, doc.tokens))
        }
        XCTAssertEqual(trimmed("Pour Huawei,", s0), "Huawei", "a sentence-initial function word and a comma")
        XCTAssertEqual(trimmed("l'Union africaine choisit", s0), "Union africaine", "an elided article and a conjugated verb")
        XCTAssertEqual(trimmed("Le Monde", s1), "Le Monde", "an article opening a sentence may be part of the name")
    }

    func testWithMinistry() throws {
        let doc = try prepared("Le ministère de la Justice et le ministère français de l'Environnement répondent au centre de l'Italie.")
        let s = doc.sentences[0].tokens
        func extended(_ phrase: String) -> String { texts(doc, recognizer.withMinistry(tokens(doc, phrase), sentence: s, doc.tokens)) }
        XCTAssertEqual(extended("Justice"), "ministère de la Justice")
        XCTAssertEqual(extended("Environnement"), "ministère français de l'Environnement")
        XCTAssertEqual(extended("Italie"), "Italie", "another head is left out")
    }

    func testFederatedState() throws {
        let doc = try prepared("Il vit dans l'État de Washington et admire l'État islamique.")
        let state = EntityRecognizer.federatedState(tokens(doc, "État de Washington"), doc.tokens)
        XCTAssertEqual(state.map { texts(doc, $0) }, "Washington")
        XCTAssertNil(EntityRecognizer.federatedState(tokens(doc, "État islamique"), doc.tokens), "no place named after a link word")
    }

    func testWithClosingAdjectives() throws {
        let doc = try prepared("Le Parti du peuple pakistanais gagne.")
        let r = tokens(doc, "Parti du peuple"), sentence = doc.sentences[0].tokens
        XCTAssertEqual(texts(doc, recognizer.withClosingAdjectives(r, type: .ORG, sentence: sentence, doc.tokens)), "Parti du peuple pakistanais")
        XCTAssertEqual(texts(doc, recognizer.withClosingAdjectives(r, type: .PER, sentence: sentence, doc.tokens)), "Parti du peuple", "organisations only")
    }

    func testWithLowerCaseTail() throws {
        // The part-of-speech tagger runs in `prepared`: the tail's nouns are its NOUNs.
        let doc = try prepared("L’Association française de normalisation et la Société suisse de construction de locomotives et de machines ont signé. La Ligue des champions de l’UEFA reprend.")
        func tail(_ phrase: String, _ type: EntityType = .ORG) -> String {
            let r = tokens(doc, phrase)
            let sentence = doc.sentences.first { $0.tokens.contains(r.lowerBound) }!.tokens
            return texts(doc, recognizer.withLowerCaseTail(r, type: type, sentence: sentence, doc.tokens))
        }
        XCTAssertEqual(tail("Association française"), "Association française de normalisation")
        XCTAssertEqual(tail("Société suisse"), "Société suisse de construction de locomotives et de machines")
        XCTAssertEqual(tail("Association française", .LOC), "Association française", "organisations only")
        XCTAssertEqual(tail("Ligue des champions"), "Ligue des champions", "a capitalised name after de is a name of its own")
        let court = try prepared("La Cour suprême du pays a tranché, puis la Cour suprême de justice a confirmé.")
        func courtTail(_ occurrence: Int) -> String {
            let r = tokens(court, "Cour suprême", occurrence: occurrence)
            return texts(court, recognizer.withLowerCaseTail(r, type: .ORG, sentence: court.sentences[0].tokens, court.tokens))
        }
        XCTAssertEqual(courtTail(0), "Cour suprême", "the country spoken of is no part of the name")
        XCTAssertEqual(courtTail(1), "Cour suprême de justice")
    }

    func testCorrectedType() throws {
        let doc = try prepared("La Juventus FC bat Jean Dupont en France, le Hambourg SV signe chez Paramount Pictures.")
        func corrected(_ phrase: String, _ tagged: EntityType, isState: Bool = false) -> EntityType {
            recognizer.correctedType(tokens(doc, phrase), tagged: tagged, key: Folding.fold(phrase), isState: isState, doc.tokens)
        }
        XCTAssertEqual(corrected("France", .PER), .LOC, "the gazetteer's type stands")
        XCTAssertEqual(corrected("Jean Dupont", .PER, isState: true), .LOC, "a federated state is a place")
        XCTAssertEqual(corrected("Juventus FC", .PER), .ORG, "a word only clubs and companies hold")
        XCTAssertEqual(corrected("Hambourg SV", .LOC), .ORG, "a word of clubs' names")
        XCTAssertEqual(corrected("Paramount Pictures", .PER), .ORG, "a word of companies' names")
        XCTAssertEqual(corrected("Jean Dupont", .PER), .PER, "else the tagger's type")
    }

    func testMentionFromATaggedSpan() throws {
        let doc = try prepared("Il vit dans l'État de Washington.")
        let m = try XCTUnwrap(recognizer.mention(tagged: tokens(doc, "l'État de Washington"), type: .ORG, sentence: 0, in: doc))
        XCTAssertEqual(m.text, "Washington")
        XCTAssertEqual(m.type, .LOC)
        XCTAssertEqual(m.key, "washington")
        XCTAssertNil(recognizer.mention(tagged: tokens(doc, "."), type: .ORG, sentence: 0, in: doc), "punctuation alone is no mention")
    }

    // MARK: all the mentions

    func testPlaceEvidence() throws {
        let doc = try prepared("Pierre Trifouillis est né à Douai, puis a vécu en Bretagne et dans Lens.")
        let evidence = EntityRecognizer.placeEvidence(doc.tokens)
        XCTAssertEqual(evidence, ["douai", "bretagne", "lens"])
    }

    func testAffiliationsAfterPeople() throws {
        let doc = try prepared("Benoît Hamon (PS) répond à Serena Williams (USA) et à Yannick Jadot (EELV).")
        var out = [mention(doc, "Benoît Hamon", .PER), mention(doc, "PS", .PER), mention(doc, "Serena Williams", .PER), mention(doc, "USA", .PER),
                   mention(doc, "Yannick Jadot", .PER)]
        recognizer.retypeAffiliationsAfterPeople(&out, doc.tokens)
        XCTAssertEqual(out.map(\.type), [.PER, .ORG, .PER, .PER, .PER], "a party after a person; not a country code")
        var covered = [Bool](repeating: false, count: doc.tokens.count)
        for m in out { for k in m.tokens { covered[k] = true } }
        recognizer.addAffiliationsAfterPeople(&out, doc.tokens, covered: &covered)
        XCTAssertEqual(out.count, 6)
        XCTAssertEqual(out.last.map { "\($0.text) \($0.type)" }, "EELV ORG", "the acronym the tagger left out")
        XCTAssertTrue(covered[tokens(doc, "EELV").lowerBound])
    }

    func testRetypeLonePersons() throws {
        let doc = try prepared("Emmanuel Macron vit à Trifouillis. Macron aime Trifouillis.")
        var out = [mention(doc, "Emmanuel Macron", .PER), mention(doc, "Macron", .PER, occurrence: 1), mention(doc, "Trifouillis", .PER, occurrence: 1)]
        recognizer.retypeLonePersons(&out, doc, placeEvidence: EntityRecognizer.placeEvidence(doc.tokens), lexicon: lexicon)
        XCTAssertEqual(out.map(\.type), [.PER, .PER, .LOC], "a last name of a full name stays a person; a word seen after « à » is a place")
    }

    func testALonePersonsNameTheDictionaryKnowsIsNotRetyped() throws {
        let doc = try prepared("Selon Aristote, le monde est éternel.")
        var out = [mention(doc, "Aristote", .PER)]
        recognizer.retypeLonePersons(&out, doc, placeEvidence: [], lexicon: lexicon)
        XCTAssertEqual(out.map(\.type), [.PER], "« selon » would make an unknown word a body")
        // The dictionary has Metz as a family name only: a place preposition still makes it a place.
        let town = try prepared("Il vit à Metz. Metz est une belle ville.")
        var found = [mention(town, "Metz", .PER, occurrence: 1)]
        recognizer.retypeLonePersons(&found, town, placeEvidence: EntityRecognizer.placeEvidence(town.tokens), lexicon: lexicon)
        XCTAssertEqual(found.map(\.type), [.LOC])
    }

    func testMentionsInCapitalsAreNarrowedToTheNamesInside() throws {
        let doc = try prepared("CHEIKH OUMAR ANNE SALUE UN PARTENARIAT\n\nDONNÉES EN FRANCE\n\nL'UNION AFRICAINE APPROUVE\n\nPour Cheikh Oumar Anne, c'est un succès.")
        var out = [mention(doc, "CHEIKH OUMAR ANNE SALUE UN PARTENARIAT", .PER), mention(doc, "DONNÉES EN FRANCE", .MISC),
                   mention(doc, "UNION AFRICAINE", .ORG), mention(doc, "Cheikh Oumar Anne", .PER)]
        recognizer.mendCapitalisedNames(&out, doc)
        XCTAssertEqual(out.map(\.text), ["CHEIKH OUMAR ANNE", "FRANCE", "UNION AFRICAINE", "Cheikh Oumar Anne"],
                       "the name the article writes in ordinary case, a place the gazetteer knows; no known name inside: unchanged")
        XCTAssertEqual(out.map(\.type), [.PER, .LOC, .ORG, .PER])
        XCTAssertEqual(out[1].key, "france")

        let headline = try prepared("LE SÉNÉGAL ET ORANGE SIGNENT AVEC MACKY SALL\n\nLe président Macky Sall a reçu les dirigeants d'Orange.")
        var found = [mention(headline, "Macky Sall", .PER), mention(headline, "Orange", .ORG)]
        recognizer.mendCapitalisedNames(&found, headline)
        XCTAssertEqual(found.map(\.text), ["ORANGE", "MACKY SALL", "Macky Sall", "Orange"], "names the article writes, found in its headline")
        XCTAssertEqual(found.map(\.type), [.ORG, .PER, .PER, .ORG])
    }

    func testRetypeShortNames() throws {
        let doc = try prepared("Marine Le Pen et George Washington arrivent. Le Pen parle à Washington, puis Le Mans gagne.")
        var out = [mention(doc, "Marine Le Pen", .PER), mention(doc, "George Washington", .PER), mention(doc, "Le Pen", .LOC, occurrence: 1),
                   mention(doc, "Washington", .LOC, occurrence: 1), mention(doc, "Le Mans", .LOC)]
        recognizer.retypeShortNames(&out, doc, placeEvidence: EntityRecognizer.placeEvidence(doc.tokens))
        XCTAssertEqual(out.map(\.type), [.PER, .PER, .PER, .LOC, .LOC], "a place shown by « à » stays a place")
    }

    func testRoadsArePlaces() throws {
        let doc = try prepared("Un camion a bloqué l'A8 puis la RN 79 et l'autoroute A86. Il conduit une Audi A8 et Lyon joue en D1 comme la D1. L'A320 décolle.")
        var out = [mention(doc, "RN 79", .MISC), mention(doc, "autoroute A86", .LOC), mention(doc, "Audi A8", .MISC), mention(doc, "Lyon", .LOC)]
        recognizer.roadsArePlaces(&out, doc)
        XCTAssertEqual(out.map(\.text), ["A8", "RN 79", "A86", "Audi A8", "Lyon"], "the number alone; a car model, a football division and an aircraft are no roads")
        XCTAssertEqual(out.map(\.type), [.LOC, .LOC, .LOC, .MISC, .LOC])
    }

    func testDropDemonyms() throws {
        let doc = try prepared("Les Russes et l'Australien Smith battent les Espagnols. La Suisse, Le Parisien, les Républicains et Bourges suivent.")
        var out = [mention(doc, "Russes", .ORG), mention(doc, "Australien", .LOC), mention(doc, "Smith", .PER), mention(doc, "Espagnols", .ORG),
                   mention(doc, "Suisse", .LOC), mention(doc, "Parisien", .ORG), mention(doc, "Républicains", .ORG), mention(doc, "Bourges", .LOC)]
        recognizer.dropDemonyms(&out, doc)
        XCTAssertEqual(out.map(\.text), ["Smith", "Suisse", "Parisien", "Républicains", "Bourges"],
                       "peoples go; a country, a newspaper's title, a party (République is no one-word country) and a town stay")
    }

    func testRetypePersonsByName() throws {
        let doc = try prepared("Selon Hegel, Racine et Huawei, le roi de Metz a raison, comme le neveu de Strabon.")
        var out = [mention(doc, "Hegel", .ORG), mention(doc, "Racine", .ORG), mention(doc, "Huawei", .ORG), mention(doc, "Metz", .LOC),
                   mention(doc, "Strabon", .LOC)]
        let learnt = try XCTUnwrap(try NERModel.builtIn).lexicon  // Metz is a place in the news it learnt from
        recognizer.retypePersonsByName(&out, placeEvidence: EntityRecognizer.placeEvidence(doc.tokens), lexicon: learnt)
        XCTAssertEqual(out.map(\.type), [.PER, .ORG, .ORG, .LOC, .PER],
                       "only a word the dictionary knows as nothing but a person's name (racine is a noun too, Huawei another name); places the names learnt from the news know stay")
    }

    func testVoteOnInconsistentWords() throws {
        let doc = try prepared("Zorglub a signé. Puis Zorglub a parlé à la France, et la France a répondu.")
        var out = [mention(doc, "Zorglub", .PER), mention(doc, "Zorglub", .ORG, occurrence: 1), mention(doc, "France", .PER),
                   mention(doc, "France", .LOC, occurrence: 1)]
        recognizer.voteOnInconsistentWords(&out, doc, placeEvidence: [], lexicon: lexicon)
        XCTAssertEqual(out[0].type, out[1].type, "one word, one type")
        XCTAssertEqual(out[2].type, .PER, "a word the gazetteer knows is left alone")
        XCTAssertEqual(out[3].type, .LOC)
    }

    func testRetypeAfterMiscCues() throws {
        let doc = try prepared("La tempête Egon a frappé la Normandie.")
        var out = [mention(doc, "Egon", .ORG), mention(doc, "Normandie", .LOC)]
        recognizer.retypeAfterMiscCues(&out, doc)
        XCTAssertEqual(out.map(\.type), [.MISC, .LOC])
    }

    func testRetypeCompanies() throws {
        let doc = try prepared("Le constructeur Zorglux a annoncé une usine. Selon Greenpix, Zorglux a menti. Le Krakatoa dort.")
        var out = [mention(doc, "Zorglux", .MISC), mention(doc, "Greenpix", .MISC), mention(doc, "Zorglux", .LOC, occurrence: 1),
                   mention(doc, "Krakatoa", .MISC)]
        recognizer.retypeCompanies(&out, doc, lexicon: lexicon)
        XCTAssertEqual(out.map(\.type), [.ORG, .ORG, .ORG, .MISC], "after a cue, a source, every occurrence; not without evidence")
    }

    func testJoinClubNames() throws {
        let doc = try prepared("Les Bruins de Boston ont battu le Lightning de Tampa Bay devant les Français de Paris et Sanchez de Madrid.")
        var out = [mention(doc, "Boston", .LOC), mention(doc, "Lightning", .MISC), mention(doc, "Tampa Bay", .LOC),
                   mention(doc, "Paris", .LOC), mention(doc, "Sanchez", .PER), mention(doc, "Madrid", .LOC)]
        recognizer.joinClubNames(&out, doc)
        XCTAssertEqual(out.sorted { $0.span < $1.span }.map { "\($0.text) \($0.type)" },
                       ["Bruins de Boston ORG", "Lightning de Tampa Bay ORG", "Paris LOC", "Sanchez PER", "Madrid LOC"],
                       "French words (Français) and names without an article (Sanchez) are no clubs")
    }

    func testRetypeClubsOfTowns() throws {
        let doc = try prepared("Le Bayern Munich bat le Sporting Paris dans le Grand Paris, puis Marc Paris arrive à New York.")
        var out = [mention(doc, "Bayern Munich", .LOC), mention(doc, "Sporting Paris", .LOC), mention(doc, "Grand Paris", .LOC), mention(doc, "Marc Paris", .LOC),
                   mention(doc, "New York", .LOC)]
        let learnt = try XCTUnwrap(try NERModel.builtIn).lexicon  // Munich and Paris are places in the news it learnt from
        recognizer.retypeClubsOfTowns(&out, doc, lexicon: learnt)
        XCTAssertEqual(out.map { "\($0.text) \($0.type)" }, ["Bayern Munich ORG", "Sporting Paris ORG", "Grand Paris LOC", "Marc Paris LOC", "New York LOC"],
                       "a French word (Grand), a first name (Marc) or a known whole name (New York) keeps the place")
    }

    /// A person's span running on over "des" is split into the person and what they belong to; "de" and "du"
    /// stay inside persons' names, and other types keep "des" ("Ligue des champions").
    func testSplitAtTeam() throws {
        let doc = try prepared("Warren Spahn des Braves d'Atlanta, Joachim du Bellay, la Ligue des champions et Paul Dupont des écuries.")
        let toks = doc.tokens
        func split(_ phrase: String, _ type: EntityType) -> [String] {
            recognizer.splitAtTeam(tokens(doc, phrase), type: type, toks).map { r, t in "\(texts(doc, r)) \(t)" }
        }
        XCTAssertEqual(split("Warren Spahn des Braves d'Atlanta", .PER), ["Warren Spahn PER", "Braves d'Atlanta ORG"])
        XCTAssertEqual(split("Joachim du Bellay", .PER), ["Joachim du Bellay PER"])
        XCTAssertEqual(split("Ligue des champions", .ORG), ["Ligue des champions ORG"])
        XCTAssertEqual(split("Paul Dupont des écuries", .PER), ["Paul Dupont PER"], "a lower-case rest is no name")
    }

    /// A word the dictionary knows only as a person's name and no mention holds becomes a person; not after a
    /// street's noun, not inside a longer capitalised name (even opening a sentence), not a word shown to be a
    /// place, not where a mention already is.
    func testAddDictionaryPersons() throws {
        let doc = try prepared("Selon Tertullien, Proust habitait rue Ionesco, près de Jean Strabon et de Goethe. "
                               + "Marcel Pagnol vit à Sevran, et Sevran le sait.")
        var out = [mention(doc, "Goethe", .ORG)]
        recognizer.addDictionaryPersons(&out, doc, placeEvidence: EntityRecognizer.placeEvidence(doc.tokens), lexicon: lexicon)
        XCTAssertEqual(out.map { "\($0.text) \($0.type)" }, ["Tertullien PER", "Proust PER", "Goethe ORG"])
    }

    /// A one-word name written in lower case elsewhere in the document is that name, with its type; not when
    /// the lower-case form is a French word.
    func testAddLowerCaseVariants() throws {
        let doc = try prepared("Huawei et Orange signent. Les clients de huawei et d'orange attendent, huawei répond.")
        var out = [mention(doc, "Huawei", .ORG), mention(doc, "Orange", .ORG)]
        recognizer.addLowerCaseVariants(&out, doc)
        XCTAssertEqual(out.map { "\($0.text) \($0.type)" }, ["Huawei ORG", "Orange ORG", "huawei ORG", "huawei ORG"])
        XCTAssertEqual(out.last?.key, "huawei")
    }

    /// "de la", "de l'" link a club to its place too; a whole club name the tagger typed as a product or a
    /// person is an organisation after a plural article, a race after a singular one stays what it was.
    func testJoinClubNamesOverArticlesAndWholeNames() throws {
        let doc = try prepared("Le joueur des Pacers de l'Indiana rejoint les Maple Leafs de Toronto avant l'Ironman de Kona, puis les Hawks d'Atlanta dans les Pays de la Loire.")
        var out = [mention(doc, "Indiana", .LOC), mention(doc, "Maple Leafs de Toronto", .MISC), mention(doc, "Ironman de Kona", .MISC),
                   mention(doc, "Hawks d'Atlanta", .LOC), mention(doc, "Pays de la Loire", .LOC)]
        recognizer.joinClubNames(&out, doc)
        XCTAssertEqual(out.sorted { $0.span < $1.span }.map { "\($0.text) \($0.type)" },
                       ["Pacers de l'Indiana ORG", "Maple Leafs de Toronto ORG", "Ironman de Kona MISC", "Hawks d'Atlanta ORG", "Pays de la Loire LOC"],
                       "a whole club the tagger called a place is a club; a place whose first word is a French word stays one")
    }

    func testAddCapitalisedPlaces() throws {
        let doc = try prepared("Les ETATS-UNIS et la France ont voté.")
        var out = [mention(doc, "France", .LOC)]
        var covered = [Bool](repeating: false, count: doc.tokens.count)
        for k in out[0].tokens { covered[k] = true }
        recognizer.addCapitalisedPlaces(&out, doc, covered: covered, lexicon: lexicon)
        XCTAssertEqual(out.map { "\($0.text) \($0.type)" }, ["France LOC", "ETATS-UNIS LOC"])
    }
}
