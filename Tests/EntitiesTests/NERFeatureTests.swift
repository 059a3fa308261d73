@testable import Entities
import LoupeCore
import Pipeline
import XCTest

/// The tagger sums the weights of a word's own templates once per form (a per-thread memo): that is
/// only right if those templates never look at the context, and training must still see every
/// template in its fixed order.
final class NERFeatureTests: XCTestCase {
    private func analysed(_ text: String) throws -> Document {
        var doc = Document(id: "t", text: text)
        try Pipeline.french().process(&doc)
        return doc
    }

    /// A capitalised word the dictionary knows as a person's name carries the flag the tagger learns from:
    /// Wikipedia names people by one word ("selon Aristote") far more than the news it was trained on.
    func testPersonsNamesTheDictionaryKnowsAreFlagged() throws {
        let doc = try analysed("Selon Aristote, Goethe et Huawei partagent une maison, dit goethe.")
        let model = try XCTUnwrap(try NERModel.builtIn)
        let flagged = { (words: DictionaryWords?) -> [String] in
            let infos = NERFeatureExtractor(lexicon: model.lexicon, words: words).tokenInfo(doc)
            return doc.tokens.indices.filter { infos[$0].flags.contains(.personName) }.map { doc.tokens[$0].text }
        }
        // Lower case is no name; Huawei and maison are no person's names.
        XCTAssertEqual(flagged(Pipeline.dictionaryWords()), ["Aristote", "Goethe"])
        XCTAssertEqual(flagged(nil), [])
        XCTAssertEqual(flagged(.none), [])
    }

    /// Given names of other countries, which the training news never wrote, carry a flag of their own;
    /// accents do not matter (the list is folded), and only capitalised words are flagged.
    func testGivenNamesOfManyCountriesAreFlagged() throws {
        let doc = try analysed("Magdalena Rybáriková bat Lewis, puis Magdaléna rencontre lewis au Sénégal.")
        let model = try XCTUnwrap(try NERModel.builtIn)
        let infos = NERFeatureExtractor(lexicon: model.lexicon, words: Pipeline.dictionaryWords()).tokenInfo(doc)
        let flagged = doc.tokens.indices.filter { infos[$0].flags.contains(.givenName) }.map { doc.tokens[$0].text }
        XCTAssertEqual(flagged, ["Magdalena", "Lewis", "Magdaléna"])
        XCTAssertTrue(Gazetteer.french.isGivenName("lewis"))
        XCTAssertFalse(Gazetteer.french.isGivenName("senegal"))
    }

    func testWordTemplatesDependOnTheWordAloneAndKeepTheirPlaces() throws {
        let doc = try analysed("Huawei ouvre un centre à Dakar. Selon le ministre, Huawei investira encore au Sénégal.")
        let model = try XCTUnwrap(try NERModel.builtIn)
        let extractor = NERFeatureExtractor(lexicon: model.lexicon)
        let infos = extractor.tokenInfo(doc)
        let occurrences = doc.tokens.indices.filter { doc.tokens[$0].text == "Huawei" }
        XCTAssertEqual(occurrences.count, 2)
        // Sentence-initial in one sentence, after a comma in the other: the word's templates agree…
        var first: [UInt64] = [], second: [UInt64] = []
        extractor.wordFeatures(infos[occurrences[0]], into: &first)
        extractor.wordFeatures(infos[occurrences[1]], into: &second)
        XCTAssertEqual(first, second)
        // …while the full feature lists differ, and hold the word's templates at their template numbers.
        let sentences = occurrences.map { i in doc.sentences.first { $0.tokens.contains(i) }!.tokens }
        var all: [[UInt64]] = []
        for (i, range) in zip(occurrences, sentences) {
            var features: [UInt64] = []
            extractor.features(infos, i, range, into: &features)
            XCTAssertEqual(features.count, NERFeatureExtractor.templateCount)
            all.append(features)
        }
        XCTAssertNotEqual(all[0], all[1])
        let places = NERFeatureExtractor.wordTemplates.sorted().map { $0 - 1 }
        XCTAssertEqual(places.map { all[0][$0] }, first)
        XCTAssertEqual(places.map { all[1][$0] }, first)
    }

    /// Sentences the tagger skips must be those where it never finds a name: no capital letter anywhere
    /// (a stop word opening the sentence aside), no head word, no listed name.
    func testSentencesThatMayHoldANameAreTagged() throws {
        let model = try XCTUnwrap(try NERModel.builtIn)
        let extractor = NERFeatureExtractor(lexicon: model.lexicon)
        func mayHoldName(_ text: String) throws -> Bool {
            let doc = try analysed(text)
            return NERModel.mayHoldName(extractor.tokenInfo(doc), doc.sentences[0].tokens)
        }
        XCTAssertFalse(try mayHoldName("il pleut depuis trois jours et personne ne sort."))
        XCTAssertFalse(try mayHoldName("Elle pense que tout ira bien demain."))
        XCTAssertTrue(try mayHoldName("Il a rencontré le ministre à Dakar."))
        XCTAssertTrue(try mayHoldName("les frappes de l'armée syrienne ont repris."))  // a head word, in lower case
        XCTAssertTrue(try mayHoldName("le nouvel iPhone sort demain."))  // a capital inside the word
        XCTAssertTrue(try mayHoldName("Soudain, les marchés ont rouvert."))  // not a stop word: may be a name
        XCTAssertTrue(try mayHoldName("il pleut depuis trois jours sur la ville."))  // "ville" heads place names
    }

    /// Tagging only the windows around possible name words must give the tags that tagging whole
    /// sentences gives, on real articles (the seed and the sample corpus), while leaving words out.
    func testWindowsGiveTheTagsOfWholeSentences() throws {
        let model = try XCTUnwrap(try NERModel.builtIn)
        let extractor = NERFeatureExtractor(lexicon: model.lexicon)
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("corpus")
        let files = try FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil).filter { $0.pathExtension == "txt" }
        XCTAssertGreaterThan(files.count, 3)
        // Names whose lower-case words run far from their capital.
        let tails = """
            Selon un rapport de l'Organisation mondiale de la santé publié hier, la Banque africaine de développement \
            et le Programme des Nations unies pour le développement financeront le projet. Le Parti communiste de la \
            fédération de Russie a protesté, comme la Confédération générale du travail et l'Agence nationale de \
            réglementation des télécommunications.
            """
        var tagged = 0, windowed = 0, names = 0
        for text in try files.map({ try String(contentsOf: $0, encoding: .utf8) }) + [tails] {
            let doc = try analysed(text)
            let infos = extractor.tokenInfo(doc)
            // The sentences tagging looks at (the others are left out whether windowed or not).
            let include = { (s: Int) in NERModel.mayHoldName(infos, doc.sentences[s].tokens) }
            let whole = model.firstPass(doc, infos, extractor, include: include)
            let parts = model.firstPass(doc, infos, extractor, include: include, windowed: true)
            XCTAssertEqual(parts.tags, whole.tags, String(text.prefix(60)))
            tagged += doc.tokens.count
            windowed += parts.parts.reduce(0) { $0 + $1.tokens.count }
            names += whole.tags.filter { $0 != 0 }.count
        }
        XCTAssertGreaterThan(names, 50)
        XCTAssertLessThan(windowed, tagged * 9 / 10, "the windows leave words out")
    }

    func testWindowsSurroundPossibleNameWords() throws {
        let model = try XCTUnwrap(try NERModel.builtIn)
        let extractor = NERFeatureExtractor(lexicon: model.lexicon)
        let doc = try analysed("Il a longtemps pensé que le vent tournerait avant la nuit, puis il s'en est allé vers Dakar avec son frère.")
        let range = doc.sentences[0].tokens
        let dakar = try XCTUnwrap(doc.tokens.firstIndex { $0.text == "Dakar" })
        let windows = NERModel.windows(extractor.tokenInfo(doc), range)
        let r = NERModel.windowRadius
        XCTAssertEqual(windows, [(dakar - r)..<min(range.upperBound, dakar + r + 1)], "the opening \"Il\" is no reason to tag")
    }
}
