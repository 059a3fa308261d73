import ArgumentParser
import Dispatch
import Foundation
import Ingest
import Lemmas
import LoupeCore
import Pipeline
import Storage

struct Analyze: ParsableCommand {
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

    func run() throws {
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
        var failures = walkErrors.count
        let known = try store.storedHashes()

        var stats = (stored: 0, unchanged: 0, words: 0, mentions: 0)
        let progress = ProgressBar(total: files.count, enabled: !quiet && isatty(2) != 0)
        // 16 documents a worker: each batch ends when its slowest document does, and is one transaction
        // (8 a worker: 898 articles took 0.1 s longer, 0.08 s of it system time; 32: +15 MB for no more).
        let batchSize = max(8, jobs * 16)
        var seen = Set<String>()
        /// Reports what could not be analysed and counts and returns what is to be stored.
        func take(_ outcomes: [Outcome]) -> [(document: Document, hash: String)] {
            var toStore: [(document: Document, hash: String)] = []
            for item in outcomes {
                switch item {
                case .failure(let error):
                    messages.error(error.description)
                    failures += 1
                case .unchanged(let id):
                    seen.insert(id)
                    stats.unchanged += 1
                case .analysed(let doc, let hash, let warnings, let origin):
                    for w in warnings { messages.warning("\(origin): \(w)") }
                    if !seen.insert(doc.id).inserted {
                        messages.warning("\(origin): document id \"\(doc.id)\" was already used in this run; this one replaces it")
                        toStore.removeAll { $0.document.id == doc.id }
                    }
                    toStore.append((doc, hash))
                    stats.words += doc.wordCount
                    stats.mentions += doc.mentions.count
                }
            }
            return toStore
        }
        // One writer thread stores batch N while the workers analyse batch N+1; at most four batches wait.
        let writer = BatchWriter(store: store)
        for batchStart in stride(from: 0, to: files.count, by: batchSize) {
            if let error = writer.error { return try stop(error, writer: writer, progress: progress) }
            let batch = Array(files[batchStart..<min(files.count, batchStart + batchSize)])
            // Large files are read alone and analysed part by part, so memory stays bounded.
            let large = batch.map(Self.isLarge)
            for (file, isLarge) in zip(batch, large) where isLarge {
                let parts = DocumentReader.read(file)
                for chunk in stride(from: 0, to: parts.count, by: jobs) {
                    writer.submit(take(analyzeParts(Array(parts[chunk..<min(parts.count, chunk + jobs)]), pipeline: pipeline, known: known)))
                }
            }
            let results = analyzeBatch(zip(batch, large).filter { !$0.1 }.map(\.0), pipeline: pipeline, known: known)
            writer.submit(take(results.flatMap { $0 }))
            progress.advance(by: batch.count)
        }
        writer.finish()
        if let error = writer.error { return try stop(error, writer: writer, progress: progress) }
        stats.stored = writer.stored
        progress.finish()
        do { try store.linkEntities() } catch { throw failure("\(error)") }

        let seconds = Date().timeIntervalSince(started)
        let entityCount = (try? store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entity") ?? 0 }) ?? 0
        var summary = "\(stats.stored) document\(stats.stored == 1 ? "" : "s") analysed"
        if stats.unchanged > 0 { summary += ", \(stats.unchanged) unchanged" }
        if failures > 0 { summary += ", \(failures) failed" }
        summary += String(format: "; %@ words, %@ entity mentions (%@ entities in the corpus); %.1f s → %@",
                          Format.thousands(stats.words), Format.thousands(stats.mentions), Format.thousands(entityCount), seconds, database.db)
        FileHandle.standardError.write((summary + "\n").data(using: .utf8)!)
        if failures > 0 { throw ExitCode(1) }
    }

    private func stop(_ error: Error, writer: BatchWriter, progress: ProgressBar) throws {
        progress.finish()
        throw failure("\(error)\n\(writer.stored) documents stored before this error are kept.")
    }

    enum Outcome {
        case analysed(Document, hash: String, warnings: [String], origin: String)
        case unchanged(String)
        case failure(LoupeError)
    }

    /// Files over 8 MiB are analysed part by part (see ``DocumentReader/partSize``).
    static func isLarge(_ file: InputFile) -> Bool {
        guard file.path != "-", file.format != .jsonl,
              let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int else { return false }
        return size > 8 << 20
    }

    /// Analyses already-read documents in parallel; results keep their order.
    func analyzeParts(_ items: [Result<SourceDocument, LoupeError>], pipeline: Pipeline, known: [String: String]) -> [Outcome] {
        let results = ResultSlots<Outcome>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            switch items[i] {
            case .failure(let error): results.set(i, .failure(error))
            case .success(let source):
                let hash = Store.hash(of: source.text, metadata: source.metadata, version: LoupeVersion.analysis)
                if known[source.id] == hash { results.set(i, .unchanged(source.id)); return }
                var doc = source.document
                pipeline.process(&doc, in: Workspace())
                results.set(i, .analysed(doc, hash: hash, warnings: source.warnings, origin: source.origin))
            }
        }
        return results.values
    }

    /// Reads and analyses a batch of files in parallel; results keep the files' order.
    func analyzeBatch(_ files: [InputFile], pipeline: Pipeline, known: [String: String]) -> [[Outcome]] {
        let results = ResultSlots<[Outcome]>(count: files.count)
        let workers = min(jobs, files.count)
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let workspace = Workspace()
            while true {
                let i = next.increment()
                if i >= files.count { break }
                var outcomes: [Outcome] = []
                for item in DocumentReader.read(files[i]) {
                    switch item {
                    case .failure(let error): outcomes.append(.failure(error))
                    case .success(let source):
                        let hash = Store.hash(of: source.text, metadata: source.metadata, version: LoupeVersion.analysis)
                        if known[source.id] == hash { outcomes.append(.unchanged(source.id)); continue }
                        var doc = source.document
                        pipeline.process(&doc, in: workspace)
                        outcomes.append(.analysed(doc, hash: hash, warnings: source.warnings, origin: source.origin))
                    }
                }
                results.set(i, outcomes)
            }
        }
        return results.values
    }
}
