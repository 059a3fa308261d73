import Storage

/// The tables `loupe export` writes, each the view of the same name in the database.
public enum ExportTable: String, CaseIterable, Sendable {
    case documents, sentences, tokens, mentions, entities, keywords, keyphrases, cooccurrences
    /// Tokens and sentences as CoNLL-U (the format option does not apply).
    case conllu

    /// The columns, in order (the contract other tools rely on).
    public var columns: [String] {
        switch self {
        case .documents: return ["document", "title", "date", "source", "characters", "words", "sentences", "sentiment", "subjectivity", "url", "author"]
        case .sentences: return ["document", "index", "start", "end", "sentiment", "text", "boilerplate", "subjectivity"]
        case .tokens: return ["document", "sentence", "start", "end", "text", "lemma", "pos", "stopword", "kind"]
        case .mentions: return ["document", "start", "end", "text", "type", "entity", "sentence", "sentiment"]
        case .entities: return ["entity", "type", "mentions", "documents", "sentiment", "aliases"]
        case .keywords: return ["document", "term", "count", "weight"]
        case .keyphrases: return ["document", "rank", "phrase", "score"]
        case .cooccurrences: return ["entity_a", "entity_b", "documents", "sentences"]
        case .conllu: return ["ID", "FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "HEAD", "DEPREL", "DEPS", "MISC"]
        }
    }
}

/// The file formats of `loupe export`.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// RFC 4180: comma-separated, fields with commas, quotes or line breaks quoted, CRLF line ends, UTF-8, a header row.
    case csv
    /// One JSON object a line, keys in column order.
    case jsonl
    /// GraphML (Gephi, networkx, yEd): the co-occurrence network only.
    case graphml
}

extension ExportTable {
    /// The columns written under `options`: ``columns``, then `text` for documents when asked.
    public func columns(_ options: ExportOptions) -> [String] {
        self == .documents && options.withText ? columns + ["text"] : columns
    }

    /// Whether rows belong to one document (a `document` column).
    public var hasDocumentColumn: Bool { columns.first == "document" }
    /// Whether `--type` applies (an entity type per row).
    public var hasEntityType: Bool { self == .mentions || self == .entities || self == .cooccurrences }
}

/// How a table is written: format, CSV dialect and which rows.
public struct ExportOptions: Sendable {
    public var format: ExportFormat
    /// The CSV field separator (`,` by default; `;` for French-locale Excel).
    public var delimiter: String
    /// Start the file with a UTF-8 byte-order mark, so Excel reads it as UTF-8.
    public var byteOrderMark: Bool
    /// Leave text cells as stored: no quote before a leading `=`, `+`, `-`, `@`, tab or carriage return.
    public var raw: Bool
    /// Only rows of the documents matching this filter (for tables without a document column:
    /// the entities, or pairs, met in those documents).
    public var filter: DocumentFilter
    /// Only these entity types (mentions, entities; both ends of a co-occurrence pair).
    public var types: [String]
    /// CSV numbers with a decimal comma (`-0,075`), as spreadsheets in a French locale read them; needs a
    /// delimiter other than a comma.
    public var decimalComma: Bool
    /// `documents` only: add a last column `text`, each document's text as stored (for HTML, the extracted article).
    public var withText = false

    public init(format: ExportFormat = .csv, delimiter: String = ",", byteOrderMark: Bool = false, raw: Bool = false,
                filter: DocumentFilter = DocumentFilter(), types: [String] = [], decimalComma: Bool = false, withText: Bool = false) {
        self.decimalComma = decimalComma
        self.withText = withText
        self.format = format
        self.delimiter = delimiter
        self.byteOrderMark = byteOrderMark
        self.raw = raw
        self.filter = filter
        self.types = types
    }
}
