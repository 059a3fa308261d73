import ArgumentParser
import Dispatch
import Foundation
import Ingest

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the article text and metadata of web pages, without storing anything.",
        discussion: """
            PATH is an .html or .htm file, a folder (its pages, read recursively) or - for standard input. For each page: \
            a header (title, date and where it was read, canonical URL, site, author, words kept of the page's words), \
            a blank line, then the text exactly as `loupe analyze` would store it: the article's paragraphs separated by \
            blank lines (the headline is the title, stored apart). --json prints one JSON object a line instead, with the keys \
            file, title, date, date_source, url, site, author, language, words, page_words, warnings and text.
            """)

    @Argument(help: ArgumentHelp("Pages, folders of pages, or - for standard input.", valueName: "path"))
    var paths: [String]

    @Flag(name: .long, help: "One JSON object a line (JSONL) instead of text.")
    var json = false

    @Flag(name: .long, help: "Only the text, without the metadata header.")
    var textOnly = false

    @Flag(name: .long, help: "At the end, on standard error: pages, megabytes of HTML and the time spent decoding and extracting them (one core), as MB/s and pages/s.")
    var timing = false

    @Flag(name: .long, help: "Every block of the page with its verdict: + kept, - dropped; content, short or links; F inside furniture, C inside the chosen container.")
    var explain = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one page or folder (or - for standard input).") }
    }

    func run() throws {
        let (found, walkErrors) = InputFiles.collect(paths, stdinFormat: .html)
        var failed = walkErrors.count
        for e in walkErrors { FileHandle.standardError.write("error: \(e.description)\n".data(using: .utf8)!) }
        let files = found.filter { $0.format == .html }
        if files.isEmpty && failed == 0 { throw failure("no .html or .htm page found in \(paths.joined(separator: ", ")).") }
        let out = FileHandle.standardOutput
        var seconds = 0.0, bytes = 0, pages = 0
        for (k, file) in files.enumerated() {
            let page: HTMLExtractor.Extracted
            do {
                let data = file.path == "-" ? Array(FileHandle.standardInput.readDataToEndOfFile()) : Array(try Data(contentsOf: URL(fileURLWithPath: file.path)))
                let started = DispatchTime.now().uptimeNanoseconds
                page = try HTMLExtractor.extract(data: data)
                seconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                bytes += data.count
                pages += 1
            } catch {
                FileHandle.standardError.write("error: \(file.path): \(error)\n".data(using: .utf8)!)
                failed += 1
                continue
            }
            if explain, let data = try? Data(contentsOf: URL(fileURLWithPath: file.path)), let text = try? TextDecoding.decodeHTML(Array(data)).text {
                out.write((HTMLExtractor.explain(text) + "\n").data(using: .utf8)!)
                continue
            }
            for w in page.warnings { FileHandle.standardError.write("warning: \(file.path): \(w)\n".data(using: .utf8)!) }
            if json {
                var object: [String: Any] = ["file": file.id, "text": page.text, "words": page.words, "page_words": page.pageWords, "warnings": page.warnings]
                for (key, value) in [("title", page.title), ("date", page.date), ("date_source", page.dateSource), ("url", page.url),
                                     ("site", page.siteName), ("author", page.author), ("language", page.language)] {
                    object[key] = value ?? NSNull()
                }
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                out.write(data)
                out.write("\n".data(using: .utf8)!)
            } else {
                var s = ""
                if k > 0 { s += "\n" }
                if !textOnly {
                    if files.count > 1 { s += "file: \(file.id)\n" }
                    s += "title: \(page.title ?? "")\n"
                    s += "date: \(page.date.map { "\($0) (\(page.dateSource ?? ""))" } ?? "")\n"
                    s += "url: \(page.url ?? "")\nsite: \(page.siteName ?? "")\nauthor: \(page.author ?? "")\n"
                    s += "words: \(page.words) of \(page.pageWords)\n\n"
                }
                s += page.text + "\n"
                out.write(s.data(using: .utf8)!)
            }
        }
        if timing {
            let mb = Double(bytes) / 1_000_000
            let line = String(format: "%d pages, %.1f MB of HTML decoded and extracted in %.2f s: %.1f MB/s, %.0f pages/s (one core)\n",
                              pages, mb, seconds, mb / max(seconds, 1e-9), Double(pages) / max(seconds, 1e-9))
            FileHandle.standardError.write(line.data(using: .utf8)!)
        }
        if failed > 0 { throw ExitCode.failure }
    }
}
