import Foundation
import Ingest
import LoupeCore
import Pipeline
import Storage

/// Analyses input files into a store: the corpus loop behind `loupe analyze`, usable by any front end.
///
/// ```swift
/// let analyzer = CorpusAnalyzer(pipeline: try Pipeline.french(), jobs: 2)
/// let (files, _) = InputFiles.collect(["corpus/"])
/// let summary = try await analyzer.analyze(files, into: try Store.open(path: "loupe.sqlite")) { event in print(event) }
/// ```
///
/// - Incremental: a document whose text, metadata and ``analysisVersion`` hash is already stored is
///   skipped; a changed one is replaced.
/// - Parallel: `jobs` tasks at a time read files, analyse documents (the parts of a long text and the
///   lines of a JSONL file in parallel too) or store finished documents — one write at a time, in input
///   order, one transaction a batch, while the other tasks go on. Results are therefore the same
///   whatever `jobs` is.
/// - Bounded: documents analysed but not yet stored are limited by count and by text size, so memory
///   stays flat whether the inputs are tweets or novels.
/// - Robust: a file or line that cannot be read is reported (``AnalysisEvent/failure(_:)``) and skipped;
///   a store error stops the run with ``AnalysisStorageError``, keeping every committed batch.
/// - Then the corpus-wide entities are rebuilt from the stored mentions (``CorpusLinking``, incrementally).
public struct CorpusAnalyzer: Sendable {
    /// Part of each document's hash: a new analysis version re-analyses stored documents.
    public static let analysisVersion = "loupe-analysis-2"

    public let pipeline: Pipeline
    public let jobs: Int
    /// Documents a transaction holds at most; a transaction ends sooner once its text passes
    /// ``batchTextBytes``. 16 documents a worker: 8 took longer on 898 articles, 32 cost memory for nothing.
    public var batchSize: Int
    public var batchTextBytes = 1 << 20
    /// Text (UTF-8 bytes) of the documents analysed or being analysed but not yet stored. A document's
    /// annotations take about 100 bytes a byte of text: 1.5 MiB keeps them near 150 MB even for novels.
    /// At least `jobs` documents are always allowed, so a single large part never stops the run.
    public var unstoredTextBytes = 3 << 19

    public init(pipeline: Pipeline, jobs: Int) {
        precondition(jobs >= 1, "at least one worker")
        self.pipeline = pipeline
        self.jobs = jobs
        batchSize = max(8, jobs * 16)
    }

    /// What one document became.
    enum Outcome: Sendable {
        case analysed(Document, hash: String, warnings: [String], origin: String)
        case unchanged(String)
        case failure(LoupeError)
    }

    /// What a child task of the run finished.
    enum Finished: Sendable {
        case read(file: Int, [Result<SourceDocument, LoupeError>])
        case analysed(InOrder<Outcome>.Position, Outcome, textBytes: Int, worker: Int)
        case saved(count: Int, textBytes: Int)
    }

    /// Analyses `inputs` into `store` and rebuilds the corpus entities; `progress` hears of every
    /// warning, failure and finished file, in input order.
    public func analyze(_ inputs: [InputFile], into store: Store,
                        progress: (AnalysisEvent) -> Void = { _ in }) async throws -> AnalysisSummary {
        // A few files are checked one document at a time; many, against every stored hash read at once
        // (on 100,000 stored articles, reading them all is most of the cost of adding one).
        let known: StoredHashes = inputs.count <= 64 ? .lookUp(store) : .all(try store.storedHashes())
        var run = Run(analyzer: self, fileCount: inputs.count)
        let pipeline = self.pipeline
        // One workspace a worker: its memos of word facts serve every document the worker analyses.
        let workspaces = WorkspacePool(count: jobs)

        try await withThrowingTaskGroup(of: Finished.self) { group in
            func schedule() {
                while run.busy + (run.saving ? 1 : 0) < jobs {
                    if let (position, source) = run.nextToAnalyse() {
                        let worker = workspaces.take()
                        group.addTask {
                            let outcome = Self.analyse(source, pipeline: pipeline, known: known, in: workspaces[worker])
                            return .analysed(position, outcome, textBytes: source.text.utf8.count, worker: worker)
                        }
                    } else if !run.hasDocumentsWaiting, run.nextFile < inputs.count {
                        // Read ahead only when every document read so far has a worker: documents held back
                        // by the memory bound must not pile up behind them.
                        let (index, file) = (run.nextFile, inputs[run.nextFile])
                        run.nextFile += 1
                        run.busy += 1
                        group.addTask { .read(file: index, DocumentReader.read(file)) }
                    } else {
                        return
                    }
                }
            }
            // A write takes a worker's place: `--jobs N` is N threads of work in all, so `--jobs 1` uses
            // one core and `--jobs 2` two, whatever share of the work is storing.
            func save(force: Bool) {
                guard run.busy < jobs, let (documents, bytes) = run.batchToSave(force: force) else { return }
                group.addTask {
                    try store.save(documents)
                    return .saved(count: documents.count, textBytes: bytes)
                }
            }

            schedule()
            while true {
                let finished: Finished?
                do { finished = try await group.next() } catch { throw AnalysisStorageError(cause: error, stored: run.summary.stored) }
                guard let finished else { break }
                switch finished {
                case .read(let file, let results): run.read(file: file, results)
                case .analysed(let position, let outcome, let bytes, let worker):
                    workspaces.give(back: worker)
                    run.analysed(outcome, at: position, textBytes: bytes)
                case .saved(let count, let bytes): run.saved(count: count, textBytes: bytes)
                }
                for event in run.handOn() { progress(event) }
                save(force: run.isDrained || run.isBlockedOnStore)
                schedule()
            }
        }
        // Every input must have been handed on; anything else is a bug in this loop, never a silent loss.
        guard run.order.isFinished, run.toAnalyse.isEmpty, run.batch.isEmpty else {
            throw AnalysisStorageError(cause: LoupeError(file: "", reason: "internal error: the corpus loop stopped with documents not stored (please report it)"),
                                       stored: run.summary.stored)
        }
        progress(.linking)
        do {
            try CorpusLinking.relink(in: store)
            run.summary.entities = try store.entityCount()
        } catch {
            throw AnalysisStorageError(cause: error, stored: run.summary.stored)
        }
        return run.summary
    }

    /// The hashes of the documents already stored, to skip those unchanged.
    enum StoredHashes: Sendable {
        case all([String: String])
        case lookUp(Store)

        func hash(of id: String) -> String? {
            switch self {
            case .all(let hashes): hashes[id]
            // A failed read only means the document is analysed again.
            case .lookUp(let store): (try? store.storedHash(of: id)) ?? nil
            }
        }
    }

    /// Analyses one document unless its hash is already stored.
    static func analyse(_ source: SourceDocument, pipeline: Pipeline, known: StoredHashes, in workspace: Workspace) -> Outcome {
        let hash = Store.hash(of: source.text, metadata: source.metadata, version: analysisVersion)
        if known.hash(of: source.id) == hash { return .unchanged(source.id) }
        var doc = source.document
        pipeline.process(&doc, in: workspace)
        return .analysed(doc, hash: hash, warnings: source.warnings, origin: source.origin)
    }

    /// The bookkeeping of one run, kept on the task that drives it: what is read, running, waiting
    /// for its turn, batched and stored.
    struct Run {
        let jobs: Int, batchSize: Int, batchTextBytes: Int, unstoredTextBytes: Int
        var summary = AnalysisSummary()
        var order: InOrder<Outcome>
        /// Documents read and waiting for a worker, in input order (files are read in parallel, and a later
        /// file's documents may arrive first: each file's are inserted at their place).
        var toAnalyse: [(InOrder<Outcome>.Position, SourceDocument)] = []
        var nextToAnalyseIndex = 0
        var nextFile = 0
        /// Workers reading or analysing.
        var busy = 0
        /// Documents being analysed, waiting for their turn or batched, not yet committed.
        var unstoredCount = 0, unstoredBytes = 0
        var batch: [(document: Document, hash: String)] = []
        var batchBytes = 0
        var saving = false
        var seen = Set<String>()
        var filesReported = 0

        init(analyzer: CorpusAnalyzer, fileCount: Int) {
            jobs = analyzer.jobs
            batchSize = analyzer.batchSize
            batchTextBytes = analyzer.batchTextBytes
            unstoredTextBytes = analyzer.unstoredTextBytes
            order = InOrder(fileCount: fileCount)
        }

        /// Nothing left to read or analyse: the last batch can go.
        var isDrained: Bool { nextFile == order.fileCount && nextToAnalyseIndex == toAnalyse.count && busy == 0 }
        /// Documents read and not yet given to a worker.
        var hasDocumentsWaiting: Bool { nextToAnalyseIndex < toAnalyse.count }

        /// A document waits for memory that only a commit frees.
        var isBlockedOnStore: Bool {
            nextToAnalyseIndex < toAnalyse.count && !mayStart(toAnalyse[nextToAnalyseIndex])
        }

        /// Whether memory allows starting this document. The next document in input order always may:
        /// the documents finished after it wait for it to be stored, and holding it back would wait forever.
        private func mayStart(_ item: (InOrder<Outcome>.Position, SourceDocument)) -> Bool {
            item.0 == order.next || unstoredCount < jobs || unstoredBytes + item.1.text.utf8.count <= unstoredTextBytes
        }

        /// The next document to analyse, if one is read and memory allows it; counts it as running.
        mutating func nextToAnalyse() -> (InOrder<Outcome>.Position, SourceDocument)? {
            guard nextToAnalyseIndex < toAnalyse.count, mayStart(toAnalyse[nextToAnalyseIndex]) else { return nil }
            let size = toAnalyse[nextToAnalyseIndex].1.text.utf8.count
            let item = toAnalyse[nextToAnalyseIndex]
            toAnalyse[nextToAnalyseIndex].1.text = ""  // the text now lives in the task
            nextToAnalyseIndex += 1
            if nextToAnalyseIndex == toAnalyse.count {
                toAnalyse.removeAll()
                nextToAnalyseIndex = 0
            }
            busy += 1
            unstoredCount += 1
            unstoredBytes += size
            return item
        }

        mutating func read(file: Int, _ results: [Result<SourceDocument, LoupeError>]) {
            busy -= 1
            order.setPartCount(results.count, of: file)
            for (part, result) in results.enumerated() {
                let position = InOrder<Outcome>.Position(file: file, part: part)
                switch result {
                case .success(let source):
                    // After the last waiting document with an earlier position (usually at the end).
                    var at = toAnalyse.count
                    while at > nextToAnalyseIndex && position < toAnalyse[at - 1].0 { at -= 1 }
                    toAnalyse.insert((position, source), at: at)
                case .failure(let error): order.add(.failure(error), at: position)
                }
            }
        }

        mutating func analysed(_ outcome: Outcome, at position: InOrder<Outcome>.Position, textBytes: Int) {
            busy -= 1
            if case .analysed = outcome {} else { release(count: 1, bytes: textBytes) }
            order.add(outcome, at: position)
        }

        mutating func saved(count: Int, textBytes: Int) {
            saving = false
            summary.stored += count
            release(count: count, bytes: textBytes)
        }

        private mutating func release(count: Int, bytes: Int) {
            unstoredCount -= count
            unstoredBytes -= bytes
        }

        /// Takes the documents now in input order: counts and batches them, and says what to report.
        mutating func handOn() -> [AnalysisEvent] {
            var events: [AnalysisEvent] = []
            for outcome in order.ready() {
                switch outcome {
                case .failure(let error):
                    events.append(.failure(error))
                    summary.failed += 1
                case .unchanged(let id):
                    seen.insert(id)
                    summary.unchanged += 1
                case .analysed(let doc, let hash, let warnings, let origin):
                    for w in warnings { events.append(.warning(origin: origin, message: w)) }
                    if !seen.insert(doc.id).inserted {
                        events.append(.warning(origin: origin, message: "document id \"\(doc.id)\" was already used in this run; this one replaces it"))
                        // Still batched: dropped now; already stored: this one replaces it when saved.
                        if let k = batch.firstIndex(where: { $0.document.id == doc.id }) {
                            let bytes = batch[k].document.text.utf8.count
                            batch.remove(at: k)
                            batchBytes -= bytes
                            release(count: 1, bytes: bytes)
                        }
                    }
                    batch.append((doc, hash))
                    batchBytes += doc.text.utf8.count
                    summary.words += doc.wordCount
                    summary.mentions += doc.mentions.count
                }
            }
            if order.filesDone > filesReported {
                filesReported = order.filesDone
                events.append(.progress(done: filesReported, total: order.fileCount))
            }
            return events
        }

        /// The batch to commit now, if no commit is under way and it is full (or `force`).
        mutating func batchToSave(force: Bool) -> ([(document: Document, hash: String)], Int)? {
            guard !saving, !batch.isEmpty, force || batch.count >= batchSize || batchBytes >= batchTextBytes else { return nil }
            defer {
                batch = []
                batchBytes = 0
                saving = true
            }
            return (batch, batchBytes)
        }
    }
}
