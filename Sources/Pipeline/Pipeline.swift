import Dispatch
import LoupeCore
import Tokenization
import Sentences
import Boilerplate
import Lemmas
import PartOfSpeech
import Entities
import Keywords
import Sentiment

/// The stages of French analysis in order, checked once when built.
///
/// ```swift
/// let pipeline = try Pipeline.french()
/// var doc = Document(id: "seed", text: text)
/// pipeline.process(&doc)
/// doc.mentions   // Huawei ORG, Union africaine ORG, UA → Union africaine…
/// ```
public struct Pipeline: Sendable {
    public let stages: [any Stage]

    public init(stages: [any Stage]) throws {
        try validateStageOrder(stages)
        self.stages = stages
    }

    /// Tokens → sentences → boilerplate → parts of speech → lemmas → entities → keywords → sentiment, entities tagged with
    /// the model compiled into the binary (or `LOUPE_NER_MODEL`'s); throws if that model cannot be loaded.
    public static func french(stopWords: StopWords = .builtIn) throws -> Pipeline {
        // Start-up runs before any document can: the lemma table with its key index (~100 M
        // instructions) loads beside the tagger's model (with the gazetteer it is built on, 80 M)
        // and the sentiment lexicons.
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 { Lemmatizer.loadTable() } else { _ = try? NERModel.builtIn; _ = try? POSModel.builtIn; _ = SentimentLexicon.shared }
        }
        return try stages(nerModel: NERModel.builtIn, posModel: POSModel.builtIn, stopWords: stopWords)
    }

    /// The French pipeline with a given entity model (nil: the rules alone).
    public static func french(nerModel: NERModel?, stopWords: StopWords = .builtIn) throws -> Pipeline {
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 { Lemmatizer.loadTable() } else { _ = try? POSModel.builtIn; _ = SentimentLexicon.shared }
        }
        return try stages(nerModel: nerModel, posModel: POSModel.builtIn, stopWords: stopWords)
    }

    /// The French pipeline with given entity and part-of-speech models (nil: no tagger; what
    /// `loupe train pos` runs, so that a model made for other features does not stop it).
    public static func french(nerModel: NERModel?, posModel: POSModel?, stopWords: StopWords = .builtIn) throws -> Pipeline {
        Lemmatizer.loadTable()
        return try stages(nerModel: nerModel, posModel: posModel, stopWords: stopWords)
    }

    private static func stages(nerModel: NERModel?, posModel: POSModel?, stopWords: StopWords) throws -> Pipeline {
        let gazetteer = Gazetteer.french
        let lemmatizer = Lemmatizer(stopWords: stopWords, isName: { gazetteer.type(of: $0) != nil },
                                    readings: { WordClasses.shared.readingLemmas(of: $0) })
        // Without a part-of-speech model (a build without one), tokens keep `.none`.
        let tagger: [any Stage] = posModel.map { [POSTagger(model: $0, lexicon: posLexicon)] } ?? []
        return try Pipeline(stages: [
            Tokenizer(),
            SentenceSegmenter(),
            BoilerplateDetector(),
        ] + tagger + [
            lemmatizer,
            EntityRecognizer(words: dictionaryWords(lemmatizer), isStopWord: { stopWords.contains($0) }, model: nerModel),
            KeywordExtractor(),
            SentimentScorer(),
        ])
    }

    /// What the part-of-speech tagger reads of the language data for a lower-cased form: the lemma table
    /// and (for a capitalised word) the gazetteer's names. Training (`loupe train pos`) uses the same.
    public static let posLexicon: @Sendable (String, Bool) -> POSFeatures.Lexical = { lower, capitalized in
        POSFeatures.Lexical(lemma: Lemmatizer.tableLemma(of: lower), isLemma: Lemmatizer.tableIsLemma(lower),
                            isName: capitalized && Gazetteer.french.type(of: Folding.fold(lower)) != nil,
                            classes: WordClasses.shared.classes(of: lower))
    }

    /// Runs every stage on `document`. A caller that analyses many documents passes one ``Workspace``
    /// per worker, so that word facts are looked up once per run rather than once per document.
    public func process(_ document: inout Document, in workspace: Workspace = Workspace()) {
        for stage in stages { stage.process(&document, in: workspace) }
    }

    /// Runs the stages and returns the seconds each took (for `loupe bench`).
    public func processTimed(_ document: inout Document, in workspace: Workspace, clock: () -> Double) -> [Double] {
        stages.map { stage in
            let start = clock()
            stage.process(&document, in: workspace)
            return clock() - start
        }
    }
}
