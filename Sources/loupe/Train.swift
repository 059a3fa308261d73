import ArgumentParser
import Foundation
import PartOfSpeech
import Training

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a statistical model.",
        subcommands: [TrainNER.self, TrainPOS.self])
}

struct TrainNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Train the entity tagger on BRAT folders (.txt + .ann, WiNER style) or CoNLL files (a token and its tag a line).",
        discussion: """
            Person → PER, Location → LOC, Organization → ORG, Event and Product → MISC; Date and Hour
            are ignored and nested spans dropped (outermost spans only). Documents are analysed by the
            same stages as `loupe analyze` (tokens, sentences, lemmas) and the tags aligned to its tokens.
            Training is reproducible: the shuffling seed is fixed.

            A CoNLL file has one token a line with its tag in the last column (IOB1, IOB2 or BILOU:
            B-PER, I-LOC, L-ORG, U-MISC, O), a blank line between sentences and -DOCSTART- between
            documents; a team with a few hundred annotated articles can add them to the shipped data.

              loupe train ner --data ../shared/data/winer-fr/2016 --output ner-model.bin
              loupe train ner --data ../shared/data/winer-fr/2016 --data my-articles.conll -o ner-mine.bin
            """)

    @Option(name: .long, help: ArgumentHelp("A folder of .txt + .ann files or a CoNLL file (repeatable).", valueName: "path"))
    var data: [String]

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var output: String = "ner-model.bin"

    @Option(name: .long, help: "Passes over the training data.")
    var epochs: Int = 12

    @Option(name: .long, help: "Folds for the names learnt from the training data (each document sees the names of the other folds).")
    var folds: Int = 5

    @Option(name: .long, help: "Perceptrons trained with successive seeds and averaged into one model.")
    var runs: Int = 4

    @Option(name: .long, help: "Shuffling seed.")
    var seed: UInt64 = 42

    @Option(name: .long, help: "Drop features whose largest averaged weight is below this (model size).")
    var minWeight: Float = 0.5

    @Flag(inversion: .prefixedNo, help: "Train the second, document-level pass (consistency of a name's type within a document).")
    var documentPass = true

    func validate() throws {
        if data.isEmpty { throw ValidationError("Give at least one --data folder or CoNLL file.") }
        if epochs < 1 { throw ValidationError("--epochs must be at least 1.") }
        if folds < 2 { throw ValidationError("--folds must be at least 2.") }
    }

    func run() throws {
        let started = Date()
        let model = try NERTraining.train(folders: data, epochs: epochs, folds: folds, minWeight: minWeight, seed: seed, runs: runs, documentPass: documentPass) { line in
            FileHandle.standardError.write((line + "\n").data(using: .utf8)!)
        }
        try model.write(to: output)
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        FileHandle.standardError.write(String(format: "%ld features kept, %.1f MB → %@ (%.0f s)\n", model.featureCount,
                                              Double(size) / 1_048_576, output, Date().timeIntervalSince(started)).data(using: .utf8)!)
    }
}

struct TrainPOS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pos",
        abstract: "Train the part-of-speech tagger on Universal Dependencies treebanks (CoNLL-U).",
        discussion: """
            The treebank's sentences are tokenised by Loupe's own stages and each token whose span is a gold \
            surface token takes its UPOS (a contraction such as du takes its first word's, ADP). Two averaged \
            perceptrons: a greedy first pass, left to right, and a second pass, trained on first-pass tags of \
            held-out parts of the data, that retags the words the first pass is unsure of reading the tags it gave \
            the two words after; --dev files are only scored after each pass. Reproducible: the same data and seed \
            give the same model bytes. The shipped model (Sources/FrenchData/data/pos-model.bin; UD French-FQB's \
            test file is its third treebank, see SOURCES-pos.md):

              loupe train pos --data ../shared/data/ud-fr-sequoia/fr_sequoia-ud-train.conllu \\
                --data ../shared/data/ud-fr-sequoia/fr_sequoia-ud-dev.conllu --data fr_fqb-ud-test.conllu -o pos-model.bin
            """)

    @Option(name: .long, help: ArgumentHelp("A CoNLL-U file to train on (repeatable).", valueName: "file.conllu"))
    var data: [String]

    @Option(name: .long, help: ArgumentHelp("A CoNLL-U file to score after each pass (repeatable).", valueName: "file.conllu"))
    var dev: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var output: String = "pos-model.bin"

    @Option(name: .long, help: "Passes over the training data.")
    var epochs: Int = 10

    @Option(name: .long, help: "Hashed feature buckets: 2^bits rows of 17 weights.")
    var bits: Int = 16

    @Option(name: .long, help: "Shuffling seed.")
    var seed: UInt64 = 42

    func validate() throws {
        if data.isEmpty { throw ValidationError("Give at least one --data file.") }
        if epochs < 1 { throw ValidationError("--epochs must be at least 1.") }
        if !(10...24).contains(bits) { throw ValidationError("--bits must be between 10 and 24.") }
    }

    func run() throws {
        let started = Date()
        func read(_ path: String) throws -> String {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw failure("cannot read \(path) as UTF-8 text.") }
            return text
        }
        let model = try POSTraining.train(train: data.map(read), dev: dev.map(read), epochs: epochs, bits: bits, seed: seed) { line in
            FileHandle.standardError.write((line + "\n").data(using: .utf8)!)
        }
        let bytes = model.serialized()
        try Data(bytes).write(to: URL(fileURLWithPath: output))
        FileHandle.standardError.write(String(format: "%.1f MB → %@ (%.0f s)\n", Double(bytes.count) / 1_048_576, output,
                                              Date().timeIntervalSince(started)).data(using: .utf8)!)
    }
}
