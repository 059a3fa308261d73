import Analytics
import ArgumentParser
import Foundation
import Keywords
import Storage

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two articles, or each source against the rest of the corpus.",
        discussion: """
            loupe compare DOC_A DOC_B: the similarity of the two (cosine of their TF-IDF keyword vectors: 1 same vocabulary, 0 nothing in common), the entities they share with each side's mentions and sentiment, the entities only one of them names, the keywords they share, and the distinctive terms of each side (Dunning's log-likelihood G² of one against the other; G² ≥ 3.84: p < 0.05).

            loupe compare --by source: for each source (documents without one form "(no source)"), its documents, words, mean sentiment and most mentioned entities, and the terms that set it apart from the rest of the corpus (G², p < 0.05).
            """)

    enum Grouping: String, ExpressibleByArgument { case source }

    @Argument(help: ArgumentHelp("The two documents to compare (ids or file names).", valueName: "doc"))
    var documents: [String] = []

    @Option(name: .long, help: "Compare groups instead: source.")
    var by: Grouping?

    @Option(name: .long, help: "How many distinctive terms and entities to show per side.")
    var top: Int = 8

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1.") }
        if by == nil && documents.count != 2 {
            throw ValidationError("give two documents (loupe compare DOC_A DOC_B) or a grouping (loupe compare --by source).")
        }
        if by != nil && !documents.isEmpty { throw ValidationError("--by source compares every source; give no documents with it.") }
    }

    func run() throws {
        let store = try openExisting(database.db)
        if by == .source { return try bySource(store) }
        let a = try resolveOne(store, documents[0], database.db)
        let b = try resolveOne(store, documents[1], database.db)
        if a == b { throw failure("both arguments name \(a): give two different documents.") }
        print(try Self.compare(store, a, b, top: top), terminator: "")
    }

    static func header(_ label: String, _ d: DocumentInfo) -> String {
        var line = "\(label)  \(d.name)"
        if let date = d.date { line += "  \(date)" }
        if let source = d.source { line += "  \(source)" }
        line += "  \(Format.count(d.words, "word"))  sentiment " + Style.score(Format.score(d.sentiment))
        return Style.bold(label) + line.dropFirst(label.count) + "\n" + (d.title.map { "   " + Format.fit($0, 97) + "\n" } ?? "")
    }

    static func compare(_ store: Store, _ a: String, _ b: String, top: Int) throws -> String {
        guard let c = try DocumentComparison(a, b, in: store, top: top) else { return "" }
        var out = header("A", c.a) + header("B", c.b)
        out += "\n" + Style.heading("Similarity") + String(format: " (cosine of TF-IDF vectors): %.3f\n", c.similarity)

        out += "\n" + Style.heading("Shared entities (\(c.sharedEntities.count))") + "\n"
        if c.sharedEntities.isEmpty {
            out += "  none\n"
        } else {
            out += Format.table(["entity", "type", "mentions A", "mentions B", "sentiment A", "sentiment B"],
                                c.sharedEntities.map { e, o in
                                    [Format.fit(e.name, 40), e.type, String(e.mentions), String(o.mentions), Format.score(e.sentiment), Format.score(o.sentiment)]
                                }, rightAligned: [2, 3, 4, 5], scores: [4, 5]) + "\n"
        }
        func only(_ list: [EntityInDocuments]) -> String {
            list.isEmpty ? "none" : list.map { "\($0.name) (\($0.mentions))" }.joined(separator: ", ")
        }
        out += Format.fit("Only in A (\(c.onlyInA.count)): " + only(c.onlyInA), 100) + "\n"
        out += Format.fit("Only in B (\(c.onlyInB.count)): " + only(c.onlyInB), 100) + "\n"

        out += "\n" + Style.heading("Keywords") + String(format: ": %d shared of %d in A and %d in B (Jaccard %.2f)\n",
                                                           c.sharedTerms.count, c.termsA.count, c.termsB.count, c.jaccard)
        if !c.sharedTerms.isEmpty {
            out += Format.fit("  " + c.sharedTerms.map { "\($0) (\(c.termsA[$0]!) · \(c.termsB[$0]!))" }.joined(separator: ", "), 100) + "\n"
        }

        out += "\n" + Style.heading("Distinctive terms") + " (log-likelihood G² of each side against the other)\n"
        let rows = (0..<max(c.distinctiveA.count, c.distinctiveB.count)).map { i -> [String] in
            func cells(_ side: [Keyness]) -> [String] {
                guard i < side.count else { return ["", "", "", ""] }
                let k = side[i]
                return [k.term, "\(k.target) · \(k.rest)", String(format: "%.2f", k.logLikelihood), k.significance]
            }
            return cells(c.distinctiveA) + [" "] + cells(c.distinctiveB)
        }
        if rows.isEmpty {
            out += "  none (a term needs at least 2 occurrences on its side)\n"
        } else {
            out += Format.table(["A", "A · B", "G²", "p", "", "B", "B · A", "G²", "p"], rows, rightAligned: [1, 2, 6, 7]) + "\n"
        }
        return out
    }

    private func bySource(_ store: Store) throws {
        let comparison = try SourceComparison(store, top: top)
        if comparison.sources.count < 2 {
            print("Only one source in \(database.db): nothing to compare. JSONL input can give each document a \"source\".")
            return
        }
        var summary: [[String]] = []
        var distinctive: [[String]] = []
        for source in comparison.sources {
            let label = source.name ?? "(no source)"
            summary.append([Format.fit(label, 24), String(source.documents), Format.thousands(source.words), Format.score(source.sentiment),
                            String(source.entities.count), source.entities.prefix(top).map { "\($0.name) (\($0.mentions))" }.joined(separator: ", ")])
            distinctive.append([Format.fit(label, 24), source.distinctive.isEmpty ? "none significant"
                                    : source.distinctive.map { String(format: "%@ (%.1f)", $0.term, $0.logLikelihood) }.joined(separator: ", ")])
        }
        print(Style.heading("Sources") + " (documents, words, mean document sentiment, distinct entities, most mentioned)")
        print(Format.table(["source", "docs", "words", "sentiment", "entities", "top entities"], summary, rightAligned: [1, 2, 3, 4], scores: [3]))
        print("\n" + Style.heading("Distinctive terms") + " of each source against the rest (G², p < 0.05)")
        print(Format.table(["source", "terms (G²)"], distinctive))
    }
}

struct Similar: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The articles nearest to a document, by cosine similarity of TF-IDF vectors.",
        discussion: """
            Each document is a vector of its keywords' TF-IDF weights (the weight column of the keywords table); similarity is the cosine of two vectors: 1 for the same vocabulary in the same proportions, 0 for no keyword in common.
            """)

    @Argument(help: ArgumentHelp("The document (id or file name).", valueName: "doc"))
    var document: String

    @Option(name: .long, help: "How many documents to show.")
    var top: Int = 5

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1.") }
    }

    func run() throws {
        let store = try openExisting(database.db)
        let name = try resolveOne(store, document, database.db)
        let title = try store.documentInfos(DocumentFilter(documents: [name])).first?.title
        print(Style.heading("Nearest to \(name)") + (title.map { " (\(Format.fit($0, 60)))" } ?? ""))
        let rows = try Similarity.nearest(to: name, in: store, top: top)
        print(Format.table(["#", "similarity", "document", "date", "title"],
                           rows.enumerated().map { i, r in
                               [String(i + 1), String(format: "%.3f", r.similarity), Format.fit(r.document.name, 28), r.document.date ?? "", r.document.title ?? ""]
                           }, rightAligned: [0, 1]))
    }
}
