import ArgumentParser
import Keywords
import Storage
import LoupeCore

struct KeywordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keywords",
        abstract: "Keywords of the corpus or of documents, and the terms that set documents apart.",
        discussion: """
            Without --doc: what characterises the corpus (or the documents of --source) against ordinary French: its terms (lemmas) ranked by Dunning's log-likelihood G² against a reference frequency list built into Loupe (French Wikinews and as many words of public-domain novels), with their counts, document frequencies and frequencies per 10,000 terms here and in the reference. With --doc: that document's terms by TF-IDF weight, and its keyphrases.

            --distinctive compares the documents given with --doc (one or several, a group), or the documents of a --source, against the rest of the corpus with Dunning's log-likelihood G² (keyness): terms over-represented first, with their significance (G² ≥ 3.84: p < 0.05; ≥ 10.83: p < 0.001).
            """)

    @Option(name: .customLong("doc"), help: ArgumentHelp("A document (id or file name); repeat for a group.", valueName: "doc"))
    var documents: [String] = []

    @Option(name: .long, help: "The documents of this source (case and accents ignored): their keywords against ordinary French, or with --distinctive against the rest of the corpus.")
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
        if !distinctive && !documents.isEmpty && source != nil {
            throw ValidationError("--doc and --source together need --distinctive (the documents of the source among those given); without it, give one or the other.")
        }
        if !distinctive && documents.count > 1 {
            throw ValidationError("several --doc need --distinctive (the group against the rest of the corpus); without it, give one document.")
        }
    }

    func run() throws {
        let store = try openExisting(database.db)
        var names: [String] = []
        for d in documents { names.append(try resolveOne(store, d, database.db)) }
        let source = try self.source.map { try resolveSource(store, $0, database.db) }
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
            let stats = try store.termStatistics(DocumentFilter(source: source))
            let reference = ReferenceFrequencies.french
            let rows = Keyness.rank(corpusCounts: stats.mapValues(\.count), reference: reference,
                                    minimum: 2).filter { $0.logLikelihood > 0 }.prefix(top)
            if rows.isEmpty { print("No term stands out against ordinary French (each needs at least 2 occurrences)."); return }
            print(Format.table(["term", "count", "docs", "per 10k", "per 10k French", "G²"],
                               rows.map { [$0.term, String($0.target), String(stats[$0.term]?.documents ?? 0), String($0.targetPer10k),
                                           String($0.restPer10k), String(format: "%.1f", $0.logLikelihood)] },
                               rightAligned: [1, 2, 3, 4, 5]))
        }
    }
}
