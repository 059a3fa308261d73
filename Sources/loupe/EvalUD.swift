import ArgumentParser
import Evaluation
import Foundation
import Pipeline

struct EvalUD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ud",
        abstract: "Score tokens, sentences, lemmas and parts of speech on a Universal Dependencies treebank (CoNLL-U).",
        discussion: """
            The treebank's sentences are joined by a space into documents of 20 (as ../shared/eval/ud_make_docs.py does), analysed, and scored on exact spans: token F1, sentence F1, the lemma accuracy of gold NOUN, VERB, ADJ and ADV tokens, and UPOS accuracy (contractions du/des/au left out, a missing token counting as an error). Example: loupe eval ud ../shared/data/ud-fr-gsd/fr_gsd-ud-dev.conllu
            """)

    @Argument(help: ArgumentHelp("A CoNLL-U file.", valueName: "file.conllu"))
    var file: String

    @Option(name: .long, help: "Show this many of the most frequent lemma errors.")
    var errors: Int = 0

    func run() throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw failure("cannot read \(file) as UTF-8 text.")
        }
        let started = Date()
        let scores = UDEvaluation().evaluate(conllu: text, pipeline: try Pipeline.french())
        guard scores.sentenceCount > 0 else { throw failure("\(file): no sentences with a '# text = ' line; is it CoNLL-U?") }
        print(String(format: "tokens     P=%.3f R=%.3f F1=%.3f", scores.tokens.precision, scores.tokens.recall, scores.tokens.f1))
        print(String(format: "sentences  P=%.3f R=%.3f F1=%.3f", scores.sentences.precision, scores.sentences.recall, scores.sentences.f1))
        print(String(format: "content-word lemma accuracy %.3f (NOUN, VERB, ADJ, ADV: %d words)", scores.lemmaAccuracy, scores.contentWords))
        if scores.uposTokens > 0 {
            print(String(format: "UPOS accuracy %.3f (%d tokens, contractions du/des/au left out)", scores.uposAccuracy, scores.uposTokens))
        }
        print(String(format: "%d sentences in %.1f s", scores.sentenceCount, Date().timeIntervalSince(started)))
        if errors > 0 {
            print("\nmost frequent lemma errors (form, gold, Loupe, count)")
            for e in scores.lemmaErrors.prefix(errors) { print("  \(e.form)\t\(e.gold)\t\(e.predicted)\t\(e.count)") }
            if scores.uposTokens > 0 {
                print("\nmost frequent part-of-speech errors (gold, Loupe, count)")
                for e in scores.uposErrors.prefix(errors) { print("  \(e.gold)\t\(e.predicted)\t\(e.count)") }
            }
        }
    }
}
