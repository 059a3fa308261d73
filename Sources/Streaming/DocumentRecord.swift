import CorpusAnalysis
import Export
import Foundation
import Ingest
import LoupeCore
import Pipeline
import Storage

/// One line of `loupe stream`'s output: a document's rows of every per-document export table, or
/// the reason an input line could not be read.
///
/// A document record is a JSON object:
///
/// ```
/// {"line":3,"document":"a1",
///  "tables":{"documents":[…],"sentences":[…],"tokens":[…],"mentions":[…],"keywords":[…],"keyphrases":[…]},
///  "acronyms":[{"acronym":"ua","expansion_key":"union africaine"}],
///  "store":{"hash":"…","text":"…","sentence_tokens":[[0,12],…],"cues":[[0,3,0.5],…]},
///  "warnings":[]}
/// ```
///
/// Each table's rows are the objects `loupe export TABLE --format jsonl` writes after a local
/// `analyze`, made by the same code (the document is stored in a database in memory and read back
/// through the same views and ``Exporter``), except the corpus-level columns, which only the whole
/// corpus decides: `mentions.entity` and `keywords.weight` are null, `mentions.type` is the tagger's
/// type (what corpus linking counts; the `mentions` view gives the entity's type, where one is linked),
/// and each mention row carries the mention's `key` (its folded name in the document), which the corpus
/// step links to an entity (``NameLinking``) and then drops. `acronyms` are the document's acronym definitions (what corpus
/// linking reads besides the keys); `store` is what `loupe import` needs besides the rows to store the
/// document as `analyze` would (its text, hash, each sentence's token range and sentiment cues).
///
/// An error record is `{"line":3,"error":"invalid JSON: …"}` (with `"origin":"FILE:LINE"` under `--origins`).
public enum DocumentRecord {
    /// The per-document tables, in record order.
    public static let tables: [ExportTable] = [.documents, .sentences, .tokens, .mentions, .keywords, .keyphrases]

    /// The record of an analysed document, read back from `scratch` (a store holding nothing else),
    /// which is emptied again afterwards.
    static func record(_ doc: Document, hash: String, line: Int, warnings: [String], scratch: Store) throws -> String {
        try scratch.save([(doc, hash)])
        defer { try? scratch.removeAll() }
        let exporter = Exporter(store: scratch)
        var out = "{\"line\":\(line),\"document\":" + Exporter.jsonString(doc.id) + ",\"tables\":{"
        for (t, table) in tables.enumerated() {
            if t > 0 { out += "," }
            out += "\"\(table.rawValue)\":["
            var rows: [String]
            switch table {
            case .mentions:
                rows = try exporter.jsonRows(table, nulls: ["entity"])
                let keys = try scratch.mentionKeys(of: doc.id)
                guard keys.count == rows.count else { throw StreamError("mention keys and rows differ in number") }
                for i in rows.indices { rows[i] = rows[i].dropLast() + ",\"key\":" + Exporter.jsonString(keys[i]) + "}" }
            case .keywords:
                rows = try exporter.jsonRows(table, nulls: ["weight"])
            default:
                rows = try exporter.jsonRows(table)
            }
            out += rows.joined(separator: ",") + "]"
        }
        out += "},\"acronyms\":["
        out += try scratch.acronymDefinitions(of: doc.id).map {
            "{\"acronym\":" + Exporter.jsonString($0.acronym) + ",\"expansion_key\":" + Exporter.jsonString($0.expansionKey) + "}"
        }.joined(separator: ",")
        out += "],\"store\":{\"hash\":" + Exporter.jsonString(hash) + ",\"text\":" + Exporter.jsonString(doc.text)
        out += ",\"sentence_tokens\":[" + doc.sentences.map { "[\($0.tokens.lowerBound),\($0.tokens.upperBound)]" }.joined(separator: ",")
        out += "],\"cues\":["
        var cues: [String] = []
        for (i, s) in doc.sentences.enumerated() {
            for c in s.sentimentCues { cues.append("[\(i),\(c.token),\(number(c.weight))]") }
        }
        out += cues.joined(separator: ",") + "]},\"warnings\":["
        out += warnings.map(Exporter.jsonString).joined(separator: ",") + "]}"
        return out
    }

    /// The record of a line that could not be read or analysed.
    public static func error(line: Int, origin: String? = nil, _ reason: String) -> String {
        "{\"line\":\(line)," + (origin.map { "\"origin\":" + Exporter.jsonString($0) + "," } ?? "") + "\"error\":" + Exporter.jsonString(reason) + "}"
    }

    /// A double as JSON that reads back as the same double (Swift's shortest round-trip form).
    static func number(_ d: Double) -> String { d.isFinite ? "\(d)" : "0" }
}

/// A problem inside the streaming mode itself (not in its input).
public struct StreamError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
