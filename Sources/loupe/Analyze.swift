import ArgumentParser
import Foundation
import Ingest
import CorpusAnalysis
import Lemmas
import LoupeCore
import Pipeline
import Storage

struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse French documents and store the results.",
        discussion: """
            PATH is a file, a folder (read recursively) or - for standard input. Files: .txt and .md (UTF-8, UTF-8 or UTF-16 with a byte-order mark; Windows-1252 is detected and decoded with a warning), .html and .htm (the article's text is extracted: title, headings, paragraphs; scripts, navigation, footers and comments dropped; the stored text is the extracted text), and .jsonl (one object a line: "text" or "html" required; "id", "title", "date", "source", "url", "author" optional).

            Runs are incremental: documents whose text and metadata are unchanged are skipped, changed ones are replaced. A file or line that cannot be read is reported with its name and skipped; the exit status is then 1.

            Document ids: a file's path relative to the folder given, or the path as given; a JSONL line's "id", else FILE:LINE. Standard input (-) is read as JSONL when it starts with {, else as text; its document gets --id, else a JSONL line's "id", else stdin- and a hash of its text (the same text, the same id).

            Dates: a JSONL "date" (2019-05-31, 2019-05-31T10:00:00Z, 2019-05, 2019, 31/05/2019, 31 mai 2019), else the first date written in the text, else one in the file name. A "date" that is not one is reported and stored as no date.

            Files of other types in a folder (.pdf, .docx…) are skipped, and the summary counts them by type.
            """)

    @Argument(help: ArgumentHelp("Files (.txt, .md, .html, .htm, .jsonl), folders (read recursively), or - for standard input.", valueName: "path"))
    var paths: [String]

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "Documents analysed in parallel; the default is the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: ArgumentHelp("Also treat as stop words the words of every *.txt file in this folder.", valueName: "folder"))
    var stopwords: String?

    @Option(name: .long, help: ArgumentHelp("The id of the document read from standard input (-).", valueName: "id"))
    var id: String?

    @Option(name: .long, help: ArgumentHelp("Analyse only the I-th of N equal runs of the input files (in the order listed), for N machines; `loupe merge` then joins the N databases into the one a single run gives.", valueName: "I/N"))
    var shard: Shard?

    @Flag(name: .long, help: "Print only errors and the summary.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
        if paths.isEmpty { throw ValidationError("Give at least one file or folder to analyse (or - for standard input).") }
        if let id {
            if !paths.contains("-") { throw ValidationError("--id names the document read from standard input: use it with - as PATH.") }
            if id.isEmpty || id == "-" { throw ValidationError("--id must be a name for the document, such as \"depeche-42\".") }
        }
    }

    func run() async throws {
        let started = Date()
        var stopWords = StopWords.builtIn
        if let stopwords {
            do { stopWords = try StopWords.builtIn(adding: URL(fileURLWithPath: stopwords)) } catch {
                throw ValidationError("cannot read stop words from \(stopwords): \(error.localizedDescription)")
            }
        }
        let pipeline = try Pipeline.french(stopWords: stopWords)
        if let problem = Store.problem(at: database.db) { throw failure(problem) }
        let store: Store
        do { store = try Store.open(path: database.db) } catch { throw failure("\(error)") }
        if store.isReadOnly {
            throw failure("\(database.db): cannot write the database (read-only disk or folder); reports and exports still read it. Choose another file with --db to analyse.")
        }

        let collected = InputFiles.collectAll(paths, stdinID: id)
        var (files, walkErrors) = (collected.files, collected.errors)
        if let shard { files = shard.part(of: files) }
        let messages = Messages(quiet: quiet)
        for error in walkErrors { messages.error(error.description) }
        let progress = ProgressBar(total: files.count, enabled: !quiet && isatty(2) != 0)
        var summary: AnalysisSummary
        do {
            summary = try await CorpusAnalyzer(pipeline: pipeline, jobs: jobs).analyze(files, into: store) { event in
                switch event {
                case .warning(let origin, let message): messages.warning("\(origin): \(message)")
                case .failure(let error): messages.error(error.description)
                case .progress(let done, _): progress.advance(to: done)
                case .linking: progress.finish()
                }
            }
        } catch {
            progress.finish()
            throw failure("\(error)")
        }
        summary.failed += walkErrors.count

        let seconds = Date().timeIntervalSince(started)
        var line = Format.count(summary.stored, "document") + " analysed"
        if summary.unchanged > 0 { line += ", \(summary.unchanged) unchanged" }
        if summary.failed > 0 { line += ", \(summary.failed) failed" }
        let skipped = collected.skipped.values.reduce(0, +)
        if skipped > 0 { line += ", " + Self.describeSkipped(collected.skipped) }
        line += String(format: "; %@, %@ (%@ in the corpus); %.1f s → %@",
                       Format.count(summary.words, "word"), Format.count(summary.mentions, "entity mention"),
                       Format.count(summary.entities, "entity", plural: "entities"), seconds, database.db)
        FileHandle.standardError.write((line + "\n").data(using: .utf8)!)
        if summary.failed > 0 { throw ExitCode(1) }
        if summary.stored + summary.unchanged == 0 {
            let hint = skipped > 0 ? "Loupe reads .txt, .md, .html, .htm and .jsonl files; convert the others to text first (pdftotext, pandoc)." : "no file to read was found."
            throw failure("nothing analysed: " + hint)
        }
    }

    /// "2 files of other types skipped (1 .pdf, 1 .docx)": the types Loupe does not read, commonest first.
    static func describeSkipped(_ skipped: [String: Int]) -> String {
        let total = skipped.values.reduce(0, +)
        let kinds = skipped.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .map { "\($0.value) " + ($0.key.isEmpty ? "without extension" : "." + $0.key) }
        return "\(Format.count(total, "file")) of \(skipped.count == 1 ? "another type" : "other types") skipped (\(kinds.joined(separator: ", ")))"
    }
}

/// One of N contiguous runs of the input files: `--shard 2/3`. Contiguous, so that merging the shards in order
/// stores the documents in the order one run stores them.
struct Shard: ExpressibleByArgument {
    let index: Int
    let count: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else { return nil }
        index = i
        count = n
    }

    func part<T>(of items: [T]) -> [T] {
        Array(items[(index - 1) * items.count / count ..< index * items.count / count])
    }
}
