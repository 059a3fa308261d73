/// The tables `loupe export` writes, each the view of the same name in the database.
public enum ExportTable: String, CaseIterable, Sendable {
    case documents, sentences, tokens, mentions, entities, keywords, keyphrases
    /// Tokens and sentences as CoNLL-U (the format option does not apply).
    case conllu

    /// The columns, in order (the contract other tools rely on).
    public var columns: [String] {
        switch self {
        case .documents: return ["document", "title", "date", "source", "characters", "words", "sentences", "sentiment", "subjectivity", "url"]
        case .sentences: return ["document", "index", "start", "end", "sentiment", "text", "boilerplate", "subjectivity"]
        case .tokens: return ["document", "sentence", "start", "end", "text", "lemma", "stopword", "kind"]
        case .mentions: return ["document", "start", "end", "text", "type", "entity", "sentence", "sentiment"]
        case .entities: return ["entity", "type", "mentions", "documents", "sentiment", "aliases"]
        case .keywords: return ["document", "term", "count", "weight"]
        case .keyphrases: return ["document", "rank", "phrase", "score"]
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
}
