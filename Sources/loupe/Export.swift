import ArgumentParser
import Export
import Foundation
import Storage

extension ExportTable: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a table as CSV or JSONL, for R, pandas, Excel or any tool.",
        discussion: """
            Tables and their columns:
              documents   document,title,date,source,characters,words,sentences,
                          sentiment,subjectivity,url
              sentences   document,index,start,end,sentiment,text,boilerplate,subjectivity
              tokens      document,sentence,start,end,text,lemma,stopword,kind
              mentions    document,start,end,text,type,entity,sentence,sentiment
              entities    entity,type,mentions,documents,sentiment,aliases
              keywords    document,term,count,weight
              keyphrases  document,rank,phrase,score
              conllu      tokens and sentences as CoNLL-U (ID, FORM, LEMMA, UPOS where known, MISC with SpaceAfter=No and TokenRange=start:end)

            CSV is RFC 4180 (UTF-8, a header row, CRLF line ends). start and end count Unicode characters (code points) from 0 in the document's stored text: text[start:end] in Python. weight is TF-IDF: count × (ln((1 + N) / (1 + df)) + 1) over the N documents stored.
            """)

    @Argument(help: ArgumentHelp("The table to export.", valueName: "table"))
    var table: ExportTable

    @Option(name: .long, help: "csv or jsonl.")
    var format: ExportFormat = .csv

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try openExisting(database.db)
        let handle: FileHandle
        var temporary: String?
        if let output {
            // Write next to the target and rename at the end, so a failed export never leaves half a file.
            let tmp = output + ".partial"
            guard FileManager.default.createFile(atPath: tmp, contents: nil), let h = FileHandle(forWritingAtPath: tmp) else {
                throw failure("cannot write \(output): check the folder exists and is writable.")
            }
            handle = h
            temporary = tmp
        } else {
            handle = FileHandle.standardOutput
        }
        let rows = try Exporter(store: store).export(table, format: format, to: handle)
        if let temporary, let output {
            try handle.close()
            _ = try? FileManager.default.removeItem(atPath: output)
            try FileManager.default.moveItem(atPath: temporary, toPath: output)
            FileHandle.standardError.write("\(rows) rows → \(output)\n".data(using: .utf8)!)
        }
    }
}
