import CorpusAnalysis
import Foundation
import Ingest
import LoupeCore
import Pipeline
import Storage

/// The streaming mode behind `loupe stream`: JSONL documents in, one ``DocumentRecord`` line out per
/// input line, in input order, on `jobs` workers (``OrderedMap``, the corpus loop's pattern).
///
/// Nothing is written to disk: each worker stores its current document in its own database in memory
/// and reads the rows back through the exporters. Lines in flight are bounded, so memory stays flat
/// on a stream of any length. A line that cannot be read (bad JSON, no text, invalid UTF-8) gives an
/// error record and the stream goes on. The output depends only on the input: the same lines give the
/// same records, byte for byte, whatever `jobs` is (a retried Spark task gives the same rows).
public struct DocumentStream {
    public let pipeline: Pipeline
    public let jobs: Int
    /// Each line starts with its origin, `FILE:LINE` and a tab (the Spark job's input): a line
    /// without `id` is then named `FILE:LINE`, as `analyze FILE` names it, and its error record names
    /// it. Without origins, such a line is named from its content, as by `analyze -`.
    public var origins = false

    public init(pipeline: Pipeline, jobs: Int) {
        self.pipeline = pipeline
        self.jobs = jobs
    }

    /// What `loupe stream` did.
    public struct Summary: Sendable {
        public var documents = 0
        public var errors = 0
        public var words = 0
    }

    /// Reads lines with `next` (bytes without the line end; nil at the end) and writes one record a
    /// non-blank line with `write`.
    public func run(next: () -> [UInt8]?, write: (String) -> Void) async throws -> Summary {
        let scratch = try (0..<jobs).map { _ in try Store.inMemory() }
        let pipeline = self.pipeline, origins = self.origins
        var lineNumber = 0
        var summary = Summary()
        // Blank lines give no record but count, so line numbers are the input's.
        func nextLine() -> (Int, [UInt8])? {
            while let bytes = next() {
                lineNumber += 1
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                return (lineNumber, bytes)
            }
            return nil
        }
        await OrderedMap(jobs: jobs).run(next: nextLine, size: { $0.1.count }) { input, worker, workspace in
            let (line, bytes) = input
            // Without origins, standard input: a line without id is named from its content, as by `analyze -`.
            var (file, number, json) = (InputFile(path: "-", id: "-", format: .jsonl), line, bytes[...])
            var origin: String?
            if origins {
                guard let tab = bytes.firstIndex(of: 0x09) else {
                    return (DocumentRecord.error(line: line, "no origin: with --origins each line is FILE:LINE, a tab, then the JSON object"), false, 0)
                }
                let prefix = String(decoding: bytes[..<tab], as: UTF8.self)
                origin = prefix
                json = bytes[(tab + 1)...]
                var name = prefix
                if let colon = prefix.lastIndex(of: ":"), let n = Int(prefix[prefix.index(after: colon)...]) {
                    (name, number) = (String(prefix[..<colon]), n)
                }
                file = InputFile(path: name, id: name, format: .jsonl)
            }
            switch DocumentReader.jsonlLine(json, number: number, file: file) {
            case .none: return (DocumentRecord.error(line: line, origin: origin, "blank line"), false, 0)
            case .failure(let error)?: return (DocumentRecord.error(line: line, origin: origin, error.reason), false, 0)
            case .success(let source)?:
                let hash = Store.hash(of: source.text, metadata: source.metadata, version: CorpusAnalyzer.analysisVersion)
                var doc = source.document
                pipeline.process(&doc, in: workspace)
                do {
                    return (try DocumentRecord.record(doc, hash: hash, line: line, warnings: source.warnings, scratch: scratch[worker]), true, doc.wordCount)
                } catch {
                    return (DocumentRecord.error(line: line, origin: origin, "\(error)"), false, 0)
                }
            }
        } output: { (record: String, ok: Bool, words: Int) in
            write(record)
            if ok { summary.documents += 1; summary.words += words } else { summary.errors += 1 }
        }
        return summary
    }
}
