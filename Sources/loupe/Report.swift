import ArgumentParser
import Foundation
import Export
import Storage

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one document's analysis, or an overview of the corpus.",
        discussion: """
            With --html FILE, the whole corpus as one self-contained HTML page: overview, bar charts of the top entities and keywords, sentiment over time, the entity table, and every article with its entities highlighted and each sentence's score (inline SVG; no script, font or image fetched). With DOC (its id, or just its file name), shows the title, sentiment, entities by type with their counts and the top keywords and keyphrases; with --explain, every sentence with its score and the words that moved it. Without DOC, an overview of the corpus.
            """)

    @Argument(help: ArgumentHelp("The document to show (its id or file name).", valueName: "doc"))
    var document: String?

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .long, help: "Show each sentence's sentiment and the words behind it.")
    var explain = false

    @Option(name: .long, help: ArgumentHelp("Write the corpus report as one self-contained HTML page (charts, entity table, every article annotated).", valueName: "file"))
    var html: String?

    func run() throws {
        let store = try openExisting(database.db)
        if let html {
            if document != nil { throw failure("--html writes the whole corpus; give no document with it.") }
            let page = try HTMLReport(store: store).render(title: "Loupe report: " + ((database.db as NSString).lastPathComponent))
            do { try page.write(toFile: html, atomically: true, encoding: .utf8) } catch {
                throw failure("cannot write \(html): check the folder exists and is writable.")
            }
            FileHandle.standardError.write("report (\(page.utf8.count / 1024) KiB) → \(html)\n".data(using: .utf8)!)
            return
        }
        guard let document else { return try corpus(store) }
        let matches = try store.resolveDocument(document)
        guard let name = matches.first else {
            throw failure("no document \"\(document)\" in \(database.db). `loupe export documents` lists them.")
        }
        if matches.count > 1 {
            throw failure("\"\(document)\" matches several documents: \(matches.joined(separator: ", ")). Give the full id.")
        }
        guard let doc = try store.document(name) else { return }
        var out = Style.bold(doc.title ?? doc.name) + "\n"
        out += "  document: \(doc.name)"
        if let date = doc.date { out += "   date: \(date)" }
        if let source = doc.source { out += "   source: \(source)" }
        out += "\n  \(Format.count(doc.words, "word")), \(Format.count(doc.sentences, "sentence")); sentiment \(Style.score(Format.score(doc.sentiment))), subjectivity \(String(format: "%.2f", doc.subjectivity))\n"
        out += "\n" + Style.heading("Entities") + "\n"
        for type in ["PER", "LOC", "ORG", "MISC"] {
            let ofType = doc.entities.filter { $0.type == type }
            if ofType.isEmpty { continue }
            out += "  \(type.padding(toLength: 5, withPad: " ", startingAt: 0))" + Format.fit(ofType.map { "\($0.name) (\($0.count))" }.joined(separator: ", "), 92) + "\n"
        }
        out += "\n" + Style.heading("Keywords") + "\n  " + Format.fit(doc.keywords.map { "\($0.term) (\($0.count))" }.joined(separator: ", "), 97) + "\n"
        out += "\n" + Style.heading("Keyphrases") + "\n"
        for (i, p) in doc.keyphrases.enumerated() { out += String(format: "  %2d. ", i + 1) + p + "\n" }
        if explain {
            out += "\n" + Style.heading("Sentences") + " (score, then the words that moved it)\n"
            let width = max(60, Format.terminalWidth)
            for s in try store.explain(name) {
                let mark = s.boilerplate ? "  [boilerplate]" : ""
                // The whole sentence, wrapped to the terminal under its text column (12 columns in).
                let text = s.text.replacingOccurrences(of: "\n", with: " ") + mark
                out += String(format: "  %3d ", s.index) + Style.score(Format.score(s.sentiment)) + "  "
                    + Format.wrap(text, width: width, indent: 13, firstUsed: 13) + "\n"
                if !s.cues.isEmpty {
                    out += "        → " + Format.wrap(s.cues.map { "\($0.word) \(Format.score($0.weight))" }.joined(separator: ", "), width: width, indent: 10, firstUsed: 10) + "\n"
                }
            }
        }
        print(out, terminator: "")
    }

    private func corpus(_ store: Store) throws {
        let c = try store.corpus(top: 10)
        var out = "Corpus \(database.db): \(Format.count(c.documents, "document")), \(Format.count(c.words, "word")), "
        out += "\(Format.count(c.sentences, "sentence")); \(Format.count(c.mentions, "entity mention")) of \(Format.count(c.entities, "entity", plural: "entities")); "
        out += "mean sentiment \(Format.score(c.sentiment))\n\n"
        out += Style.heading("Top entities") + "\n" + Format.table(["entity", "type", "mentions", "docs", "sentiment"],
                                              c.topEntities.map { [$0.name, $0.type, String($0.mentions), String($0.documents), Format.score($0.sentiment)] },
                                              rightAligned: [2, 3, 4], scores: [4]) + "\n\n"
        out += Style.heading("Top keywords") + " (by documents)\n" + Format.table(["term", "count", "docs"], c.topKeywords.map { [$0.term, String($0.count), String($0.documents)] },
                                                            rightAligned: [1, 2]) + "\n"
        print(out, terminator: "")
    }
}

/// Opens a database that must already exist (reports never create one).
func openExisting(_ path: String) throws -> Store {
    guard FileManager.default.fileExists(atPath: path) else {
        throw failure("no database at \(path). Run `loupe analyze PATH --db \(path)` first.")
    }
    if let problem = Store.problem(at: path) { throw failure(problem) }
    do { return try Store.open(path: path) } catch { throw failure("\(error)") }
}
