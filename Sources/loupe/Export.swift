import ArgumentParser
import Export
import Foundation
import Storage

extension ExportTable: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a table as CSV, JSONL or GraphML, for R, pandas, Excel, Gephi or any tool.",
        discussion: """
            Tables and their columns:
              documents      document,title,date,source,characters,words,sentences,
                             sentiment,subjectivity,url,author (and text with --text)
              sentences      document,index,start,end,sentiment,text,boilerplate,subjectivity
              tokens         document,sentence,start,end,text,lemma,pos,stopword,kind
              mentions       document,start,end,text,type,entity,sentence,sentiment
              entities       entity,type,mentions,documents,sentiment,aliases
              keywords       document,term,count,weight
              keyphrases     document,rank,phrase,score
              cooccurrences  entity_a,entity_b,documents,sentences (pairs of entities met in the same
                             documents; --format graphml writes the network for Gephi or networkx:
                             nodes = entities with type and mentions, edges weighted by documents)
              conllu         tokens and sentences as CoNLL-U (ID, FORM, LEMMA, UPOS where
                             known, MISC with SpaceAfter=No and TokenRange=start:end)

            CSV is RFC 4180 (UTF-8, a header row, CRLF line ends). For Excel or LibreOffice in a French locale: --excel-fr (fields separated by ';', a byte-order mark, decimal commas: -0,075), so that numbers arrive as numbers and accents as accents.

            Spreadsheet formulas: in CSV, a text cell that starts with =, +, -, @, a tab or a carriage return gets a leading ' so that Excel or LibreOffice show it instead of running it (OWASP "CSV injection"). This changes such cells, for instance the clitic token "-il" is written '-il; numeric columns (sentiment -0.25) are never changed. --raw writes every cell as stored. JSONL is never changed.

            Filters: --doc (repeatable), --source, --since and --until (YYYY, YYYY-MM or YYYY-MM-DD, inclusive; undated documents are left out) keep the rows of those documents; for entities, the entities mentioned in them; for cooccurrences, the pairs counted over them. --type keeps mentions and entities of that type, and pairs whose two entities have it.

            start and end count Unicode characters (code points) from 0 in the document's stored text: text[start:end] in Python. weight is TF-IDF: count × (ln((1 + N) / (1 + df)) + 1) over the N documents stored.
            """)

    @Argument(help: ArgumentHelp("The table to export.", valueName: "table"))
    var table: ExportTable

    @Option(name: .long, help: "csv, jsonl, or graphml (cooccurrences only).")
    var format: ExportFormat = .csv

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("CSV field separator: one character, such as ';', or 'tab' (or $'\\t' in bash) for a tab.", valueName: "char"))
    var delimiter: String = ","

    @Flag(name: .long, help: "Start the CSV with a UTF-8 byte-order mark (Excel then reads accents right).")
    var bom = false

    @Flag(name: .customLong("excel-fr"), help: "For Excel or LibreOffice in a French locale: ';' between fields, a byte-order mark and decimal commas (-0,075).")
    var excelFrench = false

    @Flag(name: .long, help: "Write text cells as stored, without the ' that stops spreadsheets running them as formulas.")
    var raw = false

    @Flag(name: .long, help: "documents only: add a last column, text, each document's text as stored (for a web page, the extracted article).")
    var text = false

    @Option(name: .customLong("doc"), help: ArgumentHelp("Only this document (id or file name); repeatable.", valueName: "doc"))
    var documents: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only entities of this type: PER, LOC, ORG or MISC; repeatable.", valueName: "type"))
    var type: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only documents dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only documents dated on or before this date (inclusive).", valueName: "date"))
    var until: String?

    @Option(name: .long, help: "Only documents of this source.")
    var source: String?

    @OptionGroup var database: DatabaseOptions

    /// The field separator: "tab" (or "\t") names a tab, which a shell makes hard to type.
    var separator: String {
        if excelFrench { return ";" }
        return ["tab", "\\t", "TAB"].contains(delimiter) ? "\t" : delimiter
    }

    func validate() throws {
        if separator.unicodeScalars.count != 1 || ["\"", "\r", "\n"].contains(separator) {
            throw ValidationError("--delimiter must be one character other than a quote or line break, such as ';', or tab for a tab; not \"\(delimiter)\".")
        }
        if excelFrench && (delimiter != "," || format != .csv) {
            throw ValidationError("--excel-fr sets the CSV dialect itself (';', byte-order mark, decimal commas): give it without --delimiter, with --format csv.")
        }
        for t in type where !["PER", "LOC", "ORG", "MISC"].contains(t.uppercased()) {
            throw ValidationError("--type must be PER, LOC, ORG or MISC, not \(t).")
        }
        if !type.isEmpty && !table.hasEntityType {
            throw ValidationError("--type applies to mentions, entities and cooccurrences, not \(table.rawValue).")
        }
        try validateDates(since: since, until: until)
        if format == .graphml && table != .cooccurrences {
            throw ValidationError("--format graphml writes the co-occurrence network: use it with the cooccurrences table.")
        }
        if text && table != .documents {
            throw ValidationError("--text adds the stored text to the documents table; other tables have their own text columns.")
        }
        if table == .conllu && (!type.isEmpty || since != nil || until != nil || source != nil || !documents.isEmpty) {
            throw ValidationError("the conllu table takes no filters.")
        }
    }

    func run() throws {
        let store = try openExisting(database.db)
        var names: [String] = []
        for d in documents { names.append(try resolveOne(store, d, database.db)) }
        let source = try self.source.map { try resolveSource(store, $0, database.db) }
        let filter = DocumentFilter(documents: names, source: source, since: since, until: until)
        if !filter.isEmpty, try store.documentCount(filter) == 0 {
            throw failure("no document matches " + describe(filter) + " in \(database.db): nothing to export.")
        }
        let options = ExportOptions(format: format, delimiter: separator, byteOrderMark: bom || excelFrench, raw: raw,
                                    filter: filter, types: type, decimalComma: excelFrench, withText: text)
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
        let rows = try Exporter(store: store).export(table, options: options, to: handle)
        if let temporary, let output {
            try handle.close()
            _ = try? FileManager.default.removeItem(atPath: output)
            try FileManager.default.moveItem(atPath: temporary, toPath: output)
            let what = format == .graphml ? "edge" : "row"
            FileHandle.standardError.write("\(Format.count(rows, what)) → \(output)\n".data(using: .utf8)!)
        }
        if rows == 0 && !type.isEmpty {
            throw failure("no \(table.rawValue) of type \(type.joined(separator: ", ")) in the documents chosen.")
        }
    }
}

/// The filter in words, for messages: `--source "Tech Sahel" --since 2030`.
func describe(_ filter: DocumentFilter) -> String {
    var parts: [String] = filter.documents.map { "--doc \"\($0)\"" }
    if let s = filter.source { parts.append("--source \"\(s)\"") }
    if let s = filter.since { parts.append("--since \(s)") }
    if let u = filter.until { parts.append("--until \(u)") }
    return parts.joined(separator: " ")
}

/// `--since` and `--until` must be real dates (2019, 2019-05, 2019-05-31), in order.
func validateDates(since: String?, until: String?) throws {
    for (name, value) in [("--since", since), ("--until", until)] {
        if let value, !DocumentFilter.isValidDate(value) {
            throw ValidationError("\(name) must be a date such as 2019, 2019-05 or 2019-05-31, not \(value).")
        }
    }
    if let since, let until, since > until, !until.hasPrefix(since), !since.hasPrefix(until) {
        throw ValidationError("--since \(since) is after --until \(until): no date can match.")
    }
}

/// The one stored document that `name` (an id or a file name) designates, or a failure naming the problem.
func resolveOne(_ store: Store, _ name: String, _ db: String) throws -> String {
    let matches = try store.resolveDocument(name)
    guard let first = matches.first else {
        let near = closest(name, among: try store.documentNames())
        throw failure("no document \"\(name)\" in \(db)." + (near.isEmpty ? "" : " Closest: " + near.joined(separator: ", ") + ".") + " `loupe export documents` lists them.")
    }
    if matches.count > 1 {
        throw failure("\"\(name)\" matches several documents: \(matches.joined(separator: ", ")). Give the full id.")
    }
    return first
}
