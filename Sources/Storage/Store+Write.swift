import Foundation
import GRDB
import LoupeCore

extension Store {
    /// The hash that decides whether a document needs analysing again: its text, its metadata and
    /// the analysis version, so that a new Loupe re-analyses what it would now annotate differently.
    public static func hash(of text: String, metadata: DocumentMetadata, version: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ s: String?) {
            for b in (s ?? "\u{1}").utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            h = (h ^ 0xFF) &* 0x100_0000_01b3
        }
        mix(text); mix(metadata.title); mix(metadata.date); mix(metadata.source); mix(metadata.url); mix(version)
        return String(h, radix: 16)
    }

    /// Stores analysed documents in one transaction, replacing any earlier version of each.
    public func save(_ documents: [(document: Document, hash: String)]) throws {
        do {
            try pool.write { db in
                let now = ISO8601DateFormatter().string(from: Date())
                let statements = try preparedInserts(db)
                statements.discardPending()  // rows a failed transaction left buffered
                for (doc, hash) in documents { try insert(doc, hash: hash, at: now, statements, db) }
                try statements.finish()
            }
        } catch let error as DatabaseError {
            throw StoreError(path: path, error: error)
        }
    }

    /// The inserts, prepared on the first write and kept for the next ones: compiling the 64-row
    /// statements took 7 M instructions a transaction. Only called inside `pool.write`, which
    /// serialises writes on one connection.
    private func preparedInserts(_ db: Database) throws -> Inserts {
        if let inserts = writeStatements { return inserts }
        let inserts = try Inserts(db)
        writeStatements = inserts
        return inserts
    }

    /// The row inserts, prepared once for every transaction of this store's writer connection.
    struct Inserts {
        let sentence, cue, token, mention, acronym, keyword, keyphrase: BulkStatement

        init(_ db: Database) throws {
            sentence = try BulkStatement(db, insert: "INSERT INTO sentence", columns: 9)
            cue = try BulkStatement(db, insert: "INSERT OR REPLACE INTO sentiment_cue", columns: 4)
            token = try BulkStatement(db, insert: "INSERT INTO token", columns: 9)
            mention = try BulkStatement(db, insert: """
                INSERT INTO mention (document_id, idx, start, "end", text, type, key, sentence, sentiment)
                """, columns: 9)
            acronym = try BulkStatement(db, insert: "INSERT OR REPLACE INTO acronym", columns: 3)
            keyword = try BulkStatement(db, insert: "INSERT INTO keyword", columns: 3)
            keyphrase = try BulkStatement(db, insert: "INSERT INTO keyphrase", columns: 4)
        }

        private var all: [BulkStatement] { [sentence, cue, token, mention, acronym, keyword, keyphrase] }

        /// Writes the rows still buffered; before the transaction commits.
        func finish() throws {
            for s in all { try s.finish() }
        }

        func discardPending() {
            for s in all { s.discardPending() }
        }

        func finalize() {
            for s in all { s.finalize() }
        }
    }

    /// Tables whose rows belong to one document (cleared by hand: foreign keys are not enforced, see `Store.init`).
    static let documentTables = ["sentence", "token", "mention", "acronym", "keyword", "keyphrase", "sentiment_cue"]

    private func insert(_ doc: Document, hash: String, at now: String, _ rows: Inserts, _ db: Database) throws {
        if let old = try Int.fetchOne(db, sql: "SELECT id FROM document WHERE name = ?", arguments: [doc.id]) {
            try rows.finish()  // the old version may be earlier in this very batch, its rows still buffered
            for table in Self.documentTables {
                try db.execute(sql: "DELETE FROM \(table) WHERE document_id = ?", arguments: [old])
            }
            try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [old])
        }
        try db.execute(sql: """
            INSERT INTO document (name, title, date, source, url, text, hash, characters, words, sentences,
                                  sentiment, subjectivity, analyzed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [doc.id, doc.metadata.title, doc.metadata.date, doc.metadata.source, doc.metadata.url,
                             doc.text, hash, doc.scalars.count, doc.wordCount, doc.sentences.count,
                             doc.sentiment, doc.subjectivity, now])
        let id = Int(db.lastInsertedRowID)
        for (i, s) in doc.sentences.enumerated() {
            try rows.sentence.run(.int(id), .int(i), .int(s.span.start), .int(s.span.end), .int(s.tokens.lowerBound),
                                  .int(s.tokens.upperBound - 1), .int(s.isBoilerplate ? 1 : 0), .double(s.sentiment), .double(s.subjectivity))
            for c in s.sentimentCues { try rows.cue.run(.int(id), .int(i), .int(c.token), .double(c.weight)) }
            for k in s.tokens {
                let t = doc.tokens[k]
                try rows.token.run(.int(id), .int(k), .int(i), .int(t.span.start), .int(t.span.end), .text(doc.text(of: t.span)),
                                   .text(t.lemma), .int(t.isStopword ? 1 : 0), .text(t.kind.rawValue))
            }
        }
        for (i, m) in doc.mentions.enumerated() {
            try rows.mention.run(.int(id), .int(i), .int(m.span.start), .int(m.span.end), .text(m.text), .text(m.type.rawValue),
                                 .text(m.key), .int(m.sentence), .double(m.sentiment))
        }
        for a in doc.acronyms { try rows.acronym.run(.int(id), .text(a.acronym), .text(a.expansionKey)) }
        for k in doc.keywords { try rows.keyword.run(.int(id), .text(k.term), .int(k.count)) }
        for (rank, p) in doc.keyphrases.enumerated() { try rows.keyphrase.run(.int(id), .int(rank + 1), .text(p.phrase), .double(p.score)) }
    }
}
