import Evaluation
import Foundation
import LoupeCore
import PartOfSpeech
import Pipeline
import Testing
@testable import Training

@Suite struct POSTaggerTests {
    @Test func tagsAHandMadeSentence() throws {
        let pipeline = try Pipeline.french()
        var doc = Document(id: "t", text: "Le président du Sénégal a signé un accord avec Huawei à Dakar.")
        pipeline.process(&doc)
        let tags = doc.tokens.map { "\($0.text)/\($0.pos.name)" }
        #expect(tags == ["Le/DET", "président/NOUN", "du/ADP", "Sénégal/PROPN", "a/AUX", "signé/VERB", "un/DET", "accord/NOUN",
                         "avec/ADP", "Huawei/PROPN", "à/ADP", "Dakar/PROPN", "./PUNCT"])
    }

    @Test func everyTokenIsTagged() throws {
        let pipeline = try Pipeline.french()
        var doc = Document(id: "t", text: "Il porte la porte. « Bonjour ! » 3,5 % de 2019, https://example.org 😀")
        pipeline.process(&doc)
        #expect(doc.tokens.allSatisfy { $0.pos != .none })
        #expect(doc.tokens.filter { $0.text == "porte" }.map(\.pos) == [.VERB, .NOUN])
        #expect(doc.tokens.first { $0.text == "%" }?.pos == .SYM)
        #expect(doc.tokens.first { $0.kind == .url }?.pos == .X)
        #expect(doc.tokens.first { $0.kind == .emoji }?.pos == .SYM)
    }

    /// The treebanks the model learns from hold no "tu": the second person singular is PRON wherever it stands,
    /// a sentence's first word after the first paragraph or after a colon included.
    @Test func secondPersonPronounsArePronouns() throws {
        let pipeline = try Pipeline.french()
        var doc = Document(id: "t", text: "Il arrive.\n\nTu ne sais rien, Jean. Il dit : Tu viendras. Je te vois, toi.")
        pipeline.process(&doc)
        let pronouns = doc.tokens.filter { ["tu", "te", "toi"].contains($0.text.lowercased()) }
        #expect(pronouns.count == 4)
        #expect(pronouns.allSatisfy { $0.pos == .PRON })
    }

    /// The second pass reads the first pass's tags of the words after, which the first pass cannot see:
    /// "fortes" before a noun is its adjective, "consistant" before "en" a participle.
    @Test func secondPassRetagsFromTheRightContext() throws {
        let model = try #require(try POSModel.builtIn)
        #expect(model.second != nil && model.gate > 0)
        let untagged = try Pipeline.french(nerModel: nil, posModel: nil)
        for (text, word, tag) in [("Les lacs, séparés par de fortes chaussées, montraient trois îles.", "fortes", UPOS.ADJ),
                                  ("Le reste, consistant en sept cents louis, fut partagé.", "consistant", .VERB)] {
            var doc = Document(id: "t", text: text)
            untagged.process(&doc)
            func tags(_ model: POSModel) -> [UPOS] {
                var tagged = doc
                POSTagger(model: model, lexicon: Pipeline.posLexicon).process(&tagged)
                return tagged.tokens.map(\.pos)
            }
            let at = try #require(doc.tokens.firstIndex { $0.text == word })
            let first = tags(model.firstPass), both = tags(model)
            #expect(first[at] != tag, "the first pass alone errs on \(word)")
            #expect(both[at] == tag, "\(word)")
            // The second pass keeps the tags the first pass was sure of.
            #expect(zip(first, both).filter { $0 != $1 }.count <= 2, "\(text)")
        }
    }

    /// The dictionary's classes, which the tagger reads as its ambiguity-class features.
    @Test func wordClassesSayWhatAFormCanBe() {
        func letters(_ form: String) -> String {
            let bits = WordClasses.shared.classes(of: form)
            return String(WordClasses.letters.enumerated().filter { bits & (1 << UInt16($0.offset)) != 0 }.map(\.element))
        }
        #expect(letters("portée") == "NAP", "a noun, an adjective or a past participle; never a finite verb")
        #expect(letters("mangeaient") == "V")
        #expect(letters("sous").contains("S"))
        #expect(letters("xqzw") == "", "unknown forms have no class")
        // Read on lower-cased keys with the lemma table's apostrophe: the tagger asks for "aujourd'hui".
        #expect(letters("aujourd'hui").contains("R"))
    }

    @Test func modelRoundTripsThroughItsFile() throws {
        let model = try #require(try POSModel.builtIn)
        let bytes = model.serialized()
        let again = try bytes.withUnsafeBufferPointer { try POSModel(bytes: $0) }
        #expect(again.serialized() == bytes)
        #expect(again.gate == model.gate && again.second?.quantized == model.second?.quantized)
        let one = model.firstPass.serialized()
        #expect(try one.withUnsafeBufferPointer { try POSModel(bytes: $0) }.second == nil)
        var bad = bytes
        bad[12] ^= 1  // the feature-schema fingerprint
        #expect(throws: POSModel.FormatError.self) { try bad.withUnsafeBufferPointer { try POSModel(bytes: $0) } }
    }

    @Test func trainingIsByteReproducible() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data/tiny.conllu")
        let text = try String(contentsOf: url, encoding: .utf8)
        let a = try POSTraining.train(train: [text], dev: [], epochs: 3, bits: 12, seed: 7) { _ in }
        let b = try POSTraining.train(train: [text], dev: [], epochs: 3, bits: 12, seed: 7) { _ in }
        #expect(a.serialized() == b.serialized())
        #expect(a.first.weights.contains { $0 != 0 })
        #expect(a.second != nil, "two passes by default")
        let sentences = Treebank.read(text)
        #expect(sentences.count == 3)
        // "du" is one surface token tagged as its first word.
        #expect(sentences[0].tokens.contains { $0.form == "du" && $0.upos == "ADP" && $0.isContraction })
    }
}
