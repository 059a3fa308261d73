import ArgumentParser
import Foundation
import Lemmas
import Pipeline
import Streaming

struct Stream: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse JSONL documents from standard input into JSON lines on standard output, touching no database (for Spark, Hadoop Streaming, GNU parallel).",
        discussion: """
            Input: one JSON object a line, as `analyze` reads .jsonl ("text" or "html" required; "id", "title", "date", "source", "url", "author" optional; without "id", named from its content as by `analyze -`, or FILE:LINE with --origins). Output: one JSON object a non-blank input line, in input order:

              {"line":N,"document":ID,"tables":{"documents":[…],"sentences":[…],"tokens":[…],"mentions":[…],"keywords":[…],"keyphrases":[…]},"acronyms":[…],"store":{…},"warnings":[…]}

            Each table's rows are those `loupe export TABLE --format jsonl` writes after a local analyze, except the corpus-level columns: mentions.entity and keywords.weight are null, and each mention row carries its "key" for the corpus step. A line that cannot be read gives {"line":N,"error":"reason"} and the stream goes on. The same input gives the same output, whatever --jobs is.

            --link is the corpus step: it reads the corpus's name forms {"key","type","text","count"} and acronym definitions {"acronym","expansion_key","documents"} and writes its entities {"key","entity","type","mentions","aliases","keys"} by the rules a local analyze links with.

            `loupe import` loads the records into a database. See the README, "More than one machine".
            """)

    @Option(name: .long, help: "Documents analysed in parallel; the default is the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Each line starts with FILE:LINE and a tab: the id of a line without \"id\" (as `analyze FILE` names it), and what its error record names.")
    var origins = false

    @Flag(name: .long, help: "Link name forms and acronym definitions into entities (the corpus step) instead of analysing documents.")
    var link = false

    @Flag(name: .long, help: "Print no summary on standard error.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
    }

    func run() async throws {
        let input = LineReader()
        let output = StandardOutput()
        defer { output.flush() }
        if link {
            do { try NameLinking.link(lines: input.next, write: output.write) } catch { throw failure("\(error)") }
            return
        }
        let started = Date()
        var stream = DocumentStream(pipeline: try Pipeline.french(stopWords: StopWords.builtIn), jobs: jobs)
        stream.origins = origins
        let summary: DocumentStream.Summary
        do { summary = try await stream.run(next: input.next, write: output.write) } catch { throw failure("\(error)") }
        output.flush()
        if !quiet {
            let line = String(format: "stream: %d documents, %d error records; %@ words; %.1f s\n", summary.documents, summary.errors,
                              Format.thousands(summary.words), Date().timeIntervalSince(started))
            FileHandle.standardError.write(line.data(using: .utf8)!)
        }
    }
}

/// Standard output through one buffer: records are written whole, in order.
final class StandardOutput {
    private var buffer: [UInt8] = []

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        buffer.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = Foundation.write(1, bytes.baseAddress! + done, bytes.count - done)
                if n <= 0 { break }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
