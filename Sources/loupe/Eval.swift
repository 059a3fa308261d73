import ArgumentParser
import Entities
import Evaluation
import Foundation
import LoupeCore
import Pipeline

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score an analysis on annotated data.",
        subcommands: [EvalNER.self, EvalUD.self])
}

struct EvalNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Score entities on a BRAT folder: PER/LOC/ORG, outermost gold spans, exact match.",
        discussion: """
            The convention of ../shared/eval/ner_score.py: predictions overlapping a gold span of another
            kind (Date, Event, Product…) are ignored. Without --model, the built-in model is used.
            Also prints tagging speed (tokens/s of the tagger alone, one thread's CPU time, best of three passes).
            """)

    @Argument(help: ArgumentHelp("Folder of .txt + .ann files.", valueName: "gold"))
    var gold: String

    @Option(name: .long, help: ArgumentHelp("A model written by `loupe train ner`.", valueName: "file"))
    var model: String?

    @Flag(name: .long, help: "Print every false positive and false negative.")
    var errors = false

    func run() throws {
        let nerModel: NERModel?
        if let model {
            do { nerModel = try NERModel.load(path: model) } catch { throw ValidationError("\(error)") }  // the error names the file
        } else {
            nerModel = try NERModel.builtIn
        }
        let pipeline = try Pipeline.french(nerModel: nerModel)
        let score = try NEREvaluation.evaluate(folder: gold, pipeline: pipeline, errors: errors ? { print($0) } : nil)
        for line in score.lines { print(line) }
        if let nerModel {
            // Speed of the tagger alone on the same documents, after the earlier stages.
            let docs = try BratLoader.load(gold).map { pipeline.preprocess($0.text, id: $0.name) }
            let tokens = docs.reduce(0) { $0 + $1.tokens.count }
            let words = Pipeline.dictionaryWords()
            var found = 0
            var best = Double.infinity
            // CPU time of this thread, so that other processes on the machine do not count.
            func cpu() -> Double {
                var t = timespec()
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
                return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
            }
            for _ in 0..<3 {
                // One workspace for the pass, as `analyze` keeps one per worker: a form's word facts are
                // worked out once, not once per document.
                let workspace = Workspace()
                let start = cpu()
                found = 0
                for d in docs { found += nerModel.tag(d, words: words, in: workspace).count }
                best = min(best, cpu() - start)
            }
            print(String(format: "tagging speed: %.0f tokens/s (%d tokens, best of 3 passes: %.3f s thread CPU time, %d spans)", Double(tokens) / best, tokens, best, found))
        }
    }
}
