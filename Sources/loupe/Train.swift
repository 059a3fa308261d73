import ArgumentParser
import Foundation
import Training

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a statistical model.",
        subcommands: [TrainNER.self])
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
