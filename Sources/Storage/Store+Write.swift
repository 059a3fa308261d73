import Foundation
import GRDB
import LoupeCore

extension Store {
    /// The hash that decides whether a document needs analysing again: its text, its metadata and
    /// the analysis version, so that a new Loupe re-analyses what it would now annotate differently.
    public static func hash(of text: String, metadata: DocumentMetadata, version: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ s: String?) {
            var s = s ?? "\u{1}"
            s.withUTF8 { bytes in  // the bytes in place: iterating `utf8` cost 30 instructions a byte
                for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            }
            h = (h ^ 0xFF) &* 0x100_0000_01b3
        }
        mix(text); mix(metadata.title); mix(metadata.date); mix(metadata.source); mix(metadata.url)
        // Mixed in only when known, so that documents without an author keep the hash an older Loupe gave them.
        if let author = metadata.author { mix(author) }
        mix(version)
        return String(h, radix: 16)
    }

    /// Stores analysed documents in one transaction, replacing any earlier version of each.
    ///
    /// The entity names of the documents, and of the versions they replace, are noted in `link_pending`
    /// in the same transaction, so that the corpus linker revisits them even if this run is stopped
    /// before it links.
    public func save(_ documents: [(document: Document, hash: String)]) throws {
        do {
            try pool.write { db in
                let now = ISO8601DateFormatter().string(from: Date())
                let statements = try preparedInserts(db)
                statements.discardPending()  // rows a failed transaction left buffered
                var names = Set<String>()
                for (doc, hash) in documents {
                    try insert(doc, hash: hash, at: now, statements, db, replaced: &names)
                    for m in doc.mentions { names.insert(m.key) }
                    for a in doc.acronyms { names.insert(a.acronym) }
                }
                try statements.finish()
                let pending = try db.cachedStatement(sql: "INSERT OR IGNORE INTO link_pending VALUES (?)")
                for name in names { try pending.execute(arguments: [name]) }
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
    ///
    /// `OR FAIL`: with the default ABORT, SQLite keeps a statement journal for each multi-row INSERT so
    /// that a failing row can undo the rows before it, copying every page the statement touches first
    /// (17,000 instructions a statement). A failure throws out of the write and GRDB rolls the whole
    /// transaction back anyway, so the statement-level undo bought nothing.
    struct Inserts {
        let sentence, cue, tokens, mention, acronym, keyword, keyphrase: BulkStatement

        init(_ db: Database) throws {
            sentence = try BulkStatement(db, insert: "INSERT OR FAIL INTO sentence", columns: 9)
            tokens = try BulkStatement(db, insert: "INSERT OR FAIL INTO document_tokens", columns: 2)
            cue = try BulkStatement(db, insert: "INSERT OR REPLACE INTO sentiment_cue", columns: 4)
            mention = try BulkStatement(db, insert: """
                INSERT OR FAIL INTO mention (document_id, idx, start, "end", text, type, key, sentence, sentiment)
                """, columns: 9)
            acronym = try BulkStatement(db, insert: "INSERT OR REPLACE INTO acronym", columns: 3)
            keyword = try BulkStatement(db, insert: "INSERT OR FAIL INTO keyword", columns: 3)
            keyphrase = try BulkStatement(db, insert: "INSERT OR FAIL INTO keyphrase", columns: 4)
        }

        private var all: [BulkStatement] { [sentence, cue, tokens, mention, acronym, keyword, keyphrase] }

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

    /// Indices of `keywords` in the byte order of their terms (SQLite's BINARY collation): the first
    /// eight bytes as one big-endian number, then the rest where those are equal.
    static func keyOrder(_ keywords: [Keyword]) -> [Int] {
        var prefixes = [UInt64](repeating: 0, count: keywords.count)
        for (i, k) in keywords.enumerated() {
            var term = k.term
            prefixes[i] = term.withUTF8 { bytes in
                var key: UInt64 = 0
                for j in 0..<min(8, bytes.count) { key |= UInt64(bytes[j]) << (56 - 8 * UInt64(j)) }
                return key
            }
        }
        return keywords.indices.sorted { a, b in
            if prefixes[a] != prefixes[b] { return prefixes[a] < prefixes[b] }
            return keywords[a].term.utf8.lexicographicallyPrecedes(keywords[b].term.utf8)
        }
    }

    /// Tables whose rows belong to one document (cleared by hand: foreign keys are not enforced, see `Store.init`).
    static let documentTables = ["sentence", "document_tokens", "mention", "acronym", "keyword", "keyphrase", "sentiment_cue"]

    private func insert(_ doc: Document, hash: String, at now: String, _ rows: Inserts, _ db: Database, replaced: inout Set<String>) throws {
        // Cached statements: compiling these two for every document cost 150,000 instructions each time.
        let existing = try db.cachedStatement(sql: "SELECT id FROM document WHERE name = ?")
        if let old = try Int.fetchOne(existing, arguments: [doc.id]) {
            try rows.finish()  // the old version may be earlier in this very batch, its rows still buffered
            replaced.formUnion(try String.fetchAll(db, sql: "SELECT key FROM mention WHERE document_id = ?", arguments: [old]))
            replaced.formUnion(try String.fetchAll(db, sql: "SELECT acronym FROM acronym WHERE document_id = ?", arguments: [old]))
            for table in Self.documentTables {
                try db.execute(sql: "DELETE FROM \(table) WHERE document_id = ?", arguments: [old])
            }
            try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [old])
        }
        try db.cachedStatement(sql: """
            INSERT INTO document (name, title, date, source, url, author, text, hash, characters, words, sentences,
                                  sentiment, subjectivity, analyzed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [doc.id, doc.metadata.title, doc.metadata.date, doc.metadata.source, doc.metadata.url,
                             doc.metadata.author, doc.text, hash, doc.scalars.count, doc.wordCount, doc.sentences.count,
                             doc.sentiment, doc.subjectivity, now])
        let id = Int(db.lastInsertedRowID)
        for (i, s) in doc.sentences.enumerated() {
            let sentence = rows.sentence
            sentence.add(id); sentence.add(i); sentence.add(s.span.start); sentence.add(s.span.end)
            sentence.add(s.tokens.lowerBound); sentence.add(s.tokens.upperBound - 1); sentence.add(s.isBoilerplate)
            sentence.add(s.sentiment); sentence.add(s.subjectivity)
            try sentence.endRow()
            for c in s.sentimentCues {
                rows.cue.add(id); rows.cue.add(i); rows.cue.add(c.token); rows.cue.add(c.weight)
                try rows.cue.endRow()
            }
        }
        rows.tokens.add(id)
        TokenJSON.withJSON(of: doc) { rows.tokens.add(utf8: $0) }
        try rows.tokens.endRow()
        let mention = rows.mention
        for (i, m) in doc.mentions.enumerated() {
            mention.add(id); mention.add(i); mention.add(m.span.start); mention.add(m.span.end); mention.add(m.text)
            mention.add(m.type.rawValue); mention.add(m.key); mention.add(m.sentence); mention.add(m.sentiment)
            try mention.endRow()
        }
        for a in doc.acronyms {
            rows.acronym.add(id); rows.acronym.add(a.acronym); rows.acronym.add(a.expansionKey)
            try rows.acronym.endRow()
        }
        // In the order of the table's key (the term's bytes), so that each row is appended to the
        // B-tree instead of splitting pages in the middle of the document's range.
        for k in Self.keyOrder(doc.keywords) {
            rows.keyword.add(id); rows.keyword.add(doc.keywords[k].term); rows.keyword.add(doc.keywords[k].count)
            try rows.keyword.endRow()
        }
        for (rank, p) in doc.keyphrases.enumerated() {
            rows.keyphrase.add(id); rows.keyphrase.add(rank + 1); rows.keyphrase.add(p.phrase); rows.keyphrase.add(p.score)
            try rows.keyphrase.endRow()
        }
    }
}
