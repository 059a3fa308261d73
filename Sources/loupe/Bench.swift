import ArgumentParser
import Foundation
import Ingest
import LoupeCore
import Pipeline
import Tokenization

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure speed and memory: words per second per stage and end to end, and peak memory.",
        discussion: """
            The texts under PATH are cut into articles of about --split characters (at paragraph ends), then:

            1. each stage runs alone, on one core, over every article: tokens per second per stage (ICU word breaking alone is shown for reference);
            2. `loupe analyze` runs three times on the articles written to a temporary folder, with --jobs workers and a new SQLite database each time: words per second end to end (each run, then the best and the median: a shared machine makes single runs vary), and the peak resident memory.

            Example: loupe bench ../shared/data/eltec-fra
            """)

    @Argument(help: ArgumentHelp("Files or folders of French text.", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: "Cut texts into articles of about this many characters (0: keep them whole).")
    var split: Int = 5000

    @Option(name: .long, help: "Workers for the end-to-end run; the default is the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let (files, errors) = InputFiles.collect(paths)
        for e in errors { FileHandle.standardError.write("warning: \(e)\n".data(using: .utf8)!) }
        var texts: [String] = []
        // Web pages: reading them is decoding, parsing and extracting the article, timed on its own.
        var pages = 0, pageBytes = 0, pageSeconds = 0.0
        for file in files {
            let started = Self.now()
            let documents = DocumentReader.read(file)
            if file.format == .html {
                pageSeconds += Self.now() - started
                pages += 1
                pageBytes += ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int) ?? 0
            }
            for case .success(let doc) in documents { texts += split > 0 ? Self.cut(doc.text, at: split) : [doc.text] }
        }
        guard !texts.isEmpty else { throw failure("no text to measure under \(paths.joined(separator: " ")).") }
        let characters = texts.reduce(0) { $0 + $1.unicodeScalars.count }
        print("\(Format.thousands(texts.count)) articles, \(Format.thousands(characters)) characters")
        if pages > 0 {
            print(String(format: "web pages (one core): %@ pages, %.1f MB of HTML read and extracted in %.2f s: %.1f MB/s, %.0f pages/s",
                         Format.thousands(pages), Double(pageBytes) / 1e6, pageSeconds, Double(pageBytes) / 1e6 / max(pageSeconds, 1e-9),
                         Double(pages) / max(pageSeconds, 1e-9)))
        }

        // 1. Stages alone, one core.
        let pipeline = try Pipeline.french()
        var seconds = [Double](repeating: 0, count: pipeline.stages.count)
        var tokens = 0, words = 0
        let workspace = Workspace()
        for text in texts {
            var doc = Document(id: "bench", text: text)
            let times = pipeline.processTimed(&doc, in: workspace, clock: Self.now)
            for (i, t) in times.enumerated() { seconds[i] += t }
            tokens += doc.tokens.count
            words += doc.wordCount
        }
        let icu = Self.icuWordBreaking(texts)
        print("\nstage (one core)         tokens/s      share")
        let total = seconds.reduce(0, +)
        func row(_ name: String, _ perSecond: Double, _ tail: String) {
            let rate = Format.thousands(Int(perSecond))
            print(name.padding(toLength: 22, withPad: " ", startingAt: 0) + String(repeating: " ", count: max(0, 13 - rate.count)) + rate + tail)
        }
        row("icu word breaking", Double(tokens) / icu.seconds, String(format: "        (%.0f MiB/s of UTF-16)", icu.mibPerSecond))
        for (stage, s) in zip(pipeline.stages, seconds) { row(stage.name, Double(tokens) / max(s, 1e-9), String(format: "     %5.1f %%", 100 * s / total)) }
        row("all stages", Double(tokens) / total, String(format: "     %5.1f %%", 100.0))
        let lexical = zip(pipeline.stages, seconds).filter { ["tokenizer", "sentences", "lemmas"].contains($0.0.name) }.reduce(0) { $0 + $1.1 }
        row("tokens+sentences+lemmas", Double(tokens) / lexical, "")
        if let k = pipeline.stages.firstIndex(where: { $0.name == "keywords" }) {
            print(String(format: "keywords add %.1f %% to the other stages' time", 100 * seconds[k] / (total - seconds[k])))
        }

        // 2. End to end: the real command on the articles, as a child process.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (i, text) in texts.enumerated() {
            try text.write(to: folder.appendingPathComponent(String(format: "doc%05d.txt", i)), atomically: false, encoding: .utf8)
        }
        // Three runs, each on a new database: on a shared machine one run can be a third slower than
        // the next; each is printed, then the best and the median.
        var executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        if !FileManager.default.isExecutableFile(atPath: executable.path) {
            executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        }
        print("\nend to end (loupe analyze, \(jobs) jobs, SQLite included), \(Format.thousands(words)) words:")
        var rates: [Double] = []
        for run in 1...Self.runs {
            let process = Process()
            process.executableURL = executable
            let database = folder.appendingPathComponent("bench-\(run).sqlite").path
            process.arguments = ["analyze", folder.path, "--db", database, "--jobs", String(jobs), "--quiet"]
            process.standardError = FileHandle.nullDevice
            let start = Self.now()
            try process.run()
            process.waitUntilExit()
            let wall = Self.now() - start
            if process.terminationStatus != 0 { throw failure("the end-to-end run exited with status \(process.terminationStatus)") }
            rates.append(Double(words) / wall)
            print(String(format: "  run %d: %.2f s = %@ words/s", run, wall, Format.thousands(Int(Double(words) / wall))))
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        }
        let sorted = rates.sorted()
        print("best \(Format.thousands(Int(sorted.last!))) words/s, median \(Format.thousands(Int(sorted[sorted.count / 2]))) words/s")
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)  // the largest of the runs
        print("peak resident memory: \(usage.ru_maxrss / 1024) MB")
    }

    /// End-to-end runs of `loupe analyze`.
    static let runs = 3

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Articles of about `size` characters, cut after a line break.
    static func cut(_ text: String, at size: Int) -> [String] {
        var out: [String] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            current += line + "\n"
            if current.count > size { out.append(current); current = "" }
        }
        if current.contains(where: { !$0.isWhitespace }) { out.append(current) }
        return out
    }

    static func icuWordBreaking(_ texts: [String]) -> (seconds: Double, mibPerSecond: Double) {
        let start = now()
        var units = 0
        for text in texts {
            let u = Array(text.utf16)
            units += u.count
            _ = TokenizerBenchmark.breakWords(u)
        }
        let s = now() - start
        return (s, Double(units * 2) / 1_048_576 / s)
    }
}
