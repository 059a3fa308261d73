import ArgumentParser
import Foundation
import Storage
import Streaming

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the records of `loupe stream` (a cluster's output) into a database.",
        discussion: """
            FILE is a JSONL file of `loupe stream` records (or - for standard input). Each document is stored as `analyze` would store it, replacing a stored document of the same id; then the corpus entities are linked. report, entities, compare, similar, trends, export and report --html then work as after a local analyze, with the same results. Error records (lines the stream could not read) are reported with their line; the exit status is then 1.
            """)

    @Argument(help: ArgumentHelp("Files of stream records, or - for standard input.", valueName: "file"))
    var files: [String]

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one file of `loupe stream` records (or - for standard input).") }
    }

    func run() throws {
        let started = Date()
        let store: Store
        do { store = try Store.open(path: database.db) } catch { throw failure("\(error)") }
        if store.isReadOnly { throw failure("\(database.db): cannot write the database (read-only disk or folder).") }
        var stored = 0, errors = 0
        for path in files {
            guard let reader = LineReader(path: path) else { throw failure("\(path): cannot read") }
            do {
                let summary = try RecordImport.load(next: reader.next, origin: path, into: store)
                stored += summary.stored
                for (line, reason) in summary.errorRecords {
                    FileHandle.standardError.write("error: \(path): input line \(line): \(reason)\n".data(using: .utf8)!)
                }
                errors += summary.errorRecords.count
            } catch {
                throw failure("\(error)")
            }
        }
        do { try RecordImport.link(store) } catch { throw failure("\(error)") }
        let line = String(format: "%d documents imported%@; %@ entities in the corpus; %.1f s → %@\n", stored,
                          errors > 0 ? ", \(errors) error records" : "", Format.thousands((try? store.entityCount()) ?? 0),
                          Date().timeIntervalSince(started), database.db)
        FileHandle.standardError.write(line.data(using: .utf8)!)
        if errors > 0 { throw ExitCode(1) }
    }
}
