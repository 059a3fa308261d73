import ArgumentParser
import Keywords
import Storage

struct KeywordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keywords",
        abstract: "Keywords of the corpus or of documents, and the terms that set documents apart.",
        discussion: """
            Without --doc: the corpus's terms by document frequency. With --doc: that document's terms by TF-IDF weight, and its keyphrases.

            --distinctive compares the documents given with --doc (one or several, a group), or the documents of a --source, against the rest of the corpus with Dunning's log-likelihood G² (keyness): terms over-represented first, with their significance (G² ≥ 3.84: p < 0.05; ≥ 10.83: p < 0.001).
            """)

    @Option(name: .customLong("doc"), help: ArgumentHelp("A document (id or file name); repeat for a group.", valueName: "doc"))
    var documents: [String] = []

    @Option(name: .long, help: "With --distinctive: the documents of this source against the rest.")
    var source: String?

    @Option(name: .long, help: "How many terms to show.")
    var top: Int = 20

    @Flag(name: .long, help: "Show the terms that distinguish the documents from the rest of the corpus.")
    var distinctive = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1.") }
        if distinctive && documents.isEmpty && source == nil {
            throw ValidationError("--distinctive needs the documents to compare: --doc DOC (repeatable) or --source SOURCE.")
        }
    }

    func run() throws {
        let store = try openExisting(database.db)
        var names: [String] = []
        for d in documents {
            let matches = try store.resolveDocument(d)
            guard matches.count == 1 else {
                throw failure(matches.isEmpty ? "no document \"\(d)\" in \(database.db)." : "\"\(d)\" matches several documents: \(matches.joined(separator: ", ")).")
            }
            names.append(matches[0])
        }
        if distinctive {
            let target = try store.termCounts(documents: names.isEmpty ? nil : names, source: source)
            let rows = Keyness.rank(targetCounts: target, corpusCounts: try store.termCounts()).filter { $0.logLikelihood > 0 }.prefix(top)
            if rows.isEmpty { print("No term stands out (each needs at least 2 occurrences in the documents compared)."); return }
            print(Format.table(["term", "here", "rest", "per 10k here", "per 10k rest", "G²", "p"],
                               rows.map { [$0.term, String($0.target), String($0.rest), String($0.targetPer10k), String($0.restPer10k),
                                           String(format: "%.2f", $0.logLikelihood), $0.significance] },
                               rightAligned: [1, 2, 3, 4, 5]))
        } else if let name = names.first {
            let rows = try store.documentKeywords(name, top: top)
            print(Format.table(["term", "count", "tf-idf"], rows.map { [$0.term, String($0.count), String(format: "%.2f", $0.weight)] }, rightAligned: [1, 2]))
            if let doc = try store.document(name, keywordCount: 10), !doc.keyphrases.isEmpty {
                print("\nKeyphrases: " + doc.keyphrases.joined(separator: " · "))
            }
        } else {
            let rows = try store.corpusKeywords(top: top)
            print(Format.table(["term", "count", "docs", "mean tf-idf"], rows.map { [$0.term, String($0.count), String($0.documents), String(format: "%.2f", $0.weight)] },
                               rightAligned: [1, 2, 3]))
        }
    }
}
