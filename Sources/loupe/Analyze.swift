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
            PATH is a file, a folder (read recursively) or - for standard input. Files: .txt and .md (UTF-8, UTF-8 or UTF-16 with a byte-order mark; Windows-1252 is detected and decoded with a warning), .html and .htm (the article's text is extracted: title, headings, paragraphs; scripts, navigation, footers and comments dropped; the stored text is the extracted text), and .jsonl (one object a line: "text" or "html" required; "id", "title", "date", "source", "url" optional).

            Runs are incremental: documents whose text and metadata are unchanged are skipped, changed ones are replaced. A file or line that cannot be read is reported with its name and skipped; the exit status is then 1.

            Document ids: a file's path relative to the folder given, or the path as given; a JSONL line's "id", else FILE:LINE.
            """)

    @Argument(help: ArgumentHelp("Files, folders, or - for standard input.", valueName: "path"))
    var paths: [String]

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "Documents analysed in parallel; the default is the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: ArgumentHelp("Also treat as stop words the words of every *.txt file in this folder.", valueName: "folder"))
    var stopwords: String?

    @Flag(name: .long, help: "Print only errors and the summary.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
        if paths.isEmpty { throw ValidationError("Give at least one file or folder to analyse (or - for standard input).") }
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
        let store: Store
        do { store = try Store.open(path: database.db) } catch { throw failure("\(error)") }
        if store.isReadOnly {
            throw failure("\(database.db): cannot write the database (read-only disk or folder); reports and exports still read it. Choose another file with --db to analyse.")
        }

        let (files, walkErrors) = InputFiles.collect(paths)
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
        var line = "\(summary.stored) document\(summary.stored == 1 ? "" : "s") analysed"
        if summary.unchanged > 0 { line += ", \(summary.unchanged) unchanged" }
        if summary.failed > 0 { line += ", \(summary.failed) failed" }
        line += String(format: "; %@ words, %@ entity mentions (%@ entities in the corpus); %.1f s → %@",
                       Format.thousands(summary.words), Format.thousands(summary.mentions), Format.thousands(summary.entities), seconds, database.db)
        FileHandle.standardError.write((line + "\n").data(using: .utf8)!)
        if summary.failed > 0 { throw ExitCode(1) }
    }
}
