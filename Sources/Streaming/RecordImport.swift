import CorpusAnalysis
import Foundation
import LoupeCore
import Storage

/// `loupe import`: loads ``DocumentRecord`` lines (the output of `loupe stream`, from a cluster or
/// anywhere) into a store, as `analyze` would have stored the same documents, then links the corpus
/// entities with ``CorpusLinking``. Each record becomes the ``Document`` it was made from (text,
/// tokens, sentences with their cues, mentions with their keys, acronyms, keywords, keyphrases,
/// scores) and is stored by ``Store/save(_:)``, the one writer of documents; so every export, report
/// and comparison of the store equals a local `analyze` of the same documents.
public enum RecordImport {
    public struct Summary: Sendable {
        public var stored = 0
        /// Error records (input lines the stream could not read), reported by line.
        public var errorRecords: [(line: Int, reason: String)] = []
    }

    /// Imports the records read with `next` (one line's bytes a call; nil at the end). A line that is
    /// not a record stops the import with an error naming `origin` and the line; documents of earlier
    /// batches stay stored.
    public static func load(next: () -> [UInt8]?, origin: String, into store: Store, batchSize: Int = 64) throws -> Summary {
        var summary = Summary()
        var batch: [(document: Document, hash: String)] = []
        var number = 0
        let decoder = JSONDecoder()
        while let bytes = next() {
            number += 1
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let record: Record
            do { record = try decoder.decode(Record.self, from: Data(bytes)) } catch {
                throw StreamError("\(origin):\(number): not a record of `loupe stream` (\(error))")
            }
            if let reason = record.error {
                summary.errorRecords.append((record.line ?? number, reason))
                continue
            }
            do { batch.append(try record.rebuilt()) } catch {
                throw StreamError("\(origin):\(number): \(error)")
            }
            if batch.count >= batchSize {
                try store.save(batch)
                summary.stored += batch.count
                batch = []
            }
        }
        if !batch.isEmpty {
            try store.save(batch)
            summary.stored += batch.count
        }
        return summary
    }

    /// Links the entities of the documents imported (incrementally, as after `analyze`).
    public static func link(_ store: Store) throws { try CorpusLinking.relink(in: store) }

    // MARK: - The record, decoded

    struct Record: Decodable {
        var line: Int?
        var error: String?
        var document: String?
        var tables: Tables?
        var acronyms: [Acronym]?
        var store: Stored?

        struct Tables: Decodable {
            var documents: [DocumentRow]
            var sentences: [SentenceRow]
            var tokens: [TokenRow]
            var mentions: [MentionRow]
            var keywords: [KeywordRow]
            var keyphrases: [KeyphraseRow]
        }
        struct DocumentRow: Decodable {
            var document: String
            var title, date, source, url, author: String?
            var sentiment, subjectivity: Double
        }
        struct SentenceRow: Decodable {
            var index, start, end, boilerplate: Int
            var sentiment, subjectivity: Double
        }
        struct TokenRow: Decodable {
            var sentence, start, end, stopword: Int
            var text, lemma, kind: String
            /// "" (or absent, in records of a Loupe before the part-of-speech stage) when untagged.
            var pos: String?
        }
        struct MentionRow: Decodable {
            var start, end, sentence: Int
            var text, type, key: String
            var sentiment: Double
        }
        struct KeywordRow: Decodable { var term: String; var count: Int }
        struct KeyphraseRow: Decodable { var rank: Int; var phrase: String; var score: Double }
        struct Acronym: Decodable { var acronym: String; var expansion_key: String }
        struct Stored: Decodable {
            var hash: String
            var text: String
            var sentence_tokens: [[Int]]
            var cues: [[Double]]
        }

        /// The document this record was made from, with its hash.
        func rebuilt() throws -> (document: Document, hash: String) {
            guard let tables, let stored = store, let row = tables.documents.first, tables.documents.count == 1 else {
                throw StreamError("a document record needs \"tables\" with one \"documents\" row and \"store\"")
            }
            var doc = Document(id: row.document, text: stored.text,
                               metadata: DocumentMetadata(title: row.title, date: row.date, source: row.source, url: row.url, author: row.author))
            let n = doc.scalars.count
            func span(_ start: Int, _ end: Int) throws -> Span {
                guard 0 <= start, start <= end, end <= n else { throw StreamError("offsets \(start)-\(end) outside the text (\(n) characters)") }
                return Span(start, end)
            }
            doc.tokens = try tables.tokens.map { t in
                guard let kind = TokenKind(rawValue: t.kind) else { throw StreamError("unknown token kind \"\(t.kind)\"") }
                return Token(span: try span(t.start, t.end), text: t.text, kind: kind, lemma: t.lemma, isStopword: t.stopword != 0,
                             pos: t.pos.flatMap { UPOS(name: $0) } ?? .none)
            }
            guard stored.sentence_tokens.count == tables.sentences.count else { throw StreamError("\"sentence_tokens\" and \"sentences\" differ in number") }
            doc.sentences = try zip(tables.sentences, stored.sentence_tokens).map { s, range in
                guard range.count == 2, 0 <= range[0], range[0] <= range[1], range[1] <= doc.tokens.count else {
                    throw StreamError("sentence \(s.index): token range \(range) outside the tokens")
                }
                var sentence = Sentence(span: try span(s.start, s.end), tokens: range[0]..<range[1])
                sentence.isBoilerplate = s.boilerplate != 0
                sentence.sentiment = s.sentiment
                sentence.subjectivity = s.subjectivity
                return sentence
            }
            for cue in stored.cues {
                guard cue.count == 3, let s = Int(exactly: cue[0]), let t = Int(exactly: cue[1]), doc.sentences.indices.contains(s) else {
                    throw StreamError("a cue is [sentence, token, weight] of a sentence of the document")
                }
                doc.sentences[s].sentimentCues.append(SentimentCue(token: t, weight: cue[2]))
            }
            doc.mentions = try tables.mentions.map { m in
                guard let type = EntityType(rawValue: m.type) else { throw StreamError("unknown entity type \"\(m.type)\"") }
                return Mention(span: try span(m.start, m.end), tokens: 0..<0, type: type, text: m.text, key: m.key,
                               sentence: m.sentence, sentiment: m.sentiment)
            }
            doc.acronyms = (acronyms ?? []).map { AcronymDefinition(acronym: $0.acronym, expansionKey: $0.expansion_key) }
            doc.keywords = tables.keywords.map { Keyword(term: $0.term, count: $0.count) }
            doc.keyphrases = tables.keyphrases.sorted { $0.rank < $1.rank }.map { Keyphrase(phrase: $0.phrase, score: $0.score) }
            doc.sentiment = row.sentiment
            doc.subjectivity = row.subjectivity
            return (doc, stored.hash)
        }
    }
}
