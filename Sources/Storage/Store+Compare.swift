import Foundation
import GRDB
import LoupeCore

/// A document's metadata and totals, as listed by comparisons.
public struct DocumentInfo: Sendable, Equatable {
    public var name: String
    public var title: String?
    public var date: String?
    public var source: String?
    public var words: Int
    public var sentiment: Double
}

/// An entity as met in one document (or group): its mentions there and their mean sentiment.
public struct EntityInDocuments: Sendable, Equatable {
    public var name: String
    public var type: String
    public var mentions: Int
    public var documents: Int
    public var sentiment: Double
}

/// One mention of an entity with the date of its document, for trends.
public struct DatedMention: Sendable {
    public var document: String
    public var date: String?
    public var sentiment: Double
}

/// A canonical entity found by name or alias.
public struct EntityRef: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var type: String
    public var mentions: Int
}

extension Store {
    /// Documents with their metadata, in the order they were stored.
    public func documentInfos(_ filter: DocumentFilter = DocumentFilter()) throws -> [DocumentInfo] {
        try pool.read { db in
            let (condition, args) = filter.sql(alias: "d")
            return try Row.fetchAll(db, sql: "SELECT name, title, date, source, words, sentiment FROM document d WHERE \(condition) ORDER BY id",
                                    arguments: args).map {
                DocumentInfo(name: $0["name"], title: $0["title"], date: $0["date"], source: $0["source"], words: $0["words"], sentiment: $0["sentiment"])
            }
        }
    }

    /// Each document's TF-IDF weights by term (the `weight` of the `keywords` view), by document name.
    public func tfidfVectors() throws -> [String: [String: Double]] {
        try pool.read { db in
            var out: [String: [String: Double]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT document, term, weight FROM keywords")
            while let row = try rows.next() { out[row["document"], default: [:]][row["term"]] = row["weight"] }
            return out
        }
    }

    /// The canonical entities mentioned in the documents of `filter`, with their mentions and mean sentiment there.
    public func entities(in filter: DocumentFilter) throws -> [EntityInDocuments] {
        try pool.read { db in
            let (condition, args) = filter.sql(alias: "d")
            return try Row.fetchAll(db, sql: """
                SELECT e.name, e.type, COUNT(*) AS n, COUNT(DISTINCT m.document_id) AS docs, AVG(m.sentiment) AS sentiment
                FROM mention m JOIN document d ON d.id = m.document_id
                JOIN entity_key k ON k.key = m.key JOIN entity e ON e.id = k.entity_id
                WHERE \(condition) GROUP BY e.id ORDER BY n DESC, e.name
                """, arguments: args).map {
                EntityInDocuments(name: $0["name"], type: $0["type"], mentions: $0["n"], documents: $0["docs"],
                                  sentiment: (($0["sentiment"] as Double) * 10000).rounded() / 10000)
            }
        }
    }

    /// Keyword counts summed over the documents of `filter`.
    public func termCounts(_ filter: DocumentFilter) throws -> [String: Int] {
        try pool.read { db in
            let (condition, args) = filter.sql(alias: "d")
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT k.term, SUM(k.count) AS n FROM keyword k JOIN document d ON d.id = k.document_id WHERE \(condition) GROUP BY k.term
                """, arguments: args) { out[row["term"]] = row["n"] }
            return out
        }
    }

    /// The sources of the corpus (nil for documents without one) with their document counts.
    public func sources() throws -> [(source: String?, documents: Int)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT source, COUNT(*) AS n FROM document GROUP BY source ORDER BY n DESC, source")
                .map { (source: $0["source"], documents: $0["n"]) }
        }
    }

    /// The canonical entity named `query`, or having it as an alias (case and accents ignored).
    public func findEntity(_ query: String) throws -> EntityRef? {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, name, type, mentions, aliases FROM entity ORDER BY mentions DESC, name")
            let folded = Folding.fold(query)
            func ref(_ r: Row) -> EntityRef { EntityRef(id: r["id"], name: r["name"], type: r["type"], mentions: r["mentions"]) }
            if let r = rows.first(where: { ($0["name"] as String) == query }) { return ref(r) }
            if let r = rows.first(where: { Folding.fold($0["name"]) == folded }) { return ref(r) }
            if let r = rows.first(where: { ($0["aliases"] as String).components(separatedBy: "; ").contains { Folding.fold($0) == folded } }) { return ref(r) }
            return nil
        }
    }

    /// Every mention of an entity with its document's date and the mention's sentiment.
    public func datedMentions(of entity: EntityRef) throws -> [DatedMention] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.name, d.date, m.sentiment FROM mention m JOIN document d ON d.id = m.document_id
                JOIN entity_key k ON k.key = m.key WHERE k.entity_id = ? ORDER BY d.date, d.id, m.idx
                """, arguments: [entity.id]).map { DatedMention(document: $0["name"], date: $0["date"], sentiment: $0["sentiment"]) }
        }
    }

    /// Mean document sentiment by month (`YYYY-MM`) over the dated documents.
    public func sentimentByMonth() throws -> [(month: String, documents: Int, sentiment: Double)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT substr(date, 1, 7) AS month, COUNT(*) AS n, AVG(sentiment) AS s FROM document
                WHERE date GLOB '[12][0-9][0-9][0-9]-[01][0-9]*' GROUP BY month ORDER BY month
                """).map { (month: $0["month"], documents: $0["n"], sentiment: $0["s"]) }
        }
    }

    /// The SQL of the co-occurrence table over the documents of `filter`: pairs of canonical entities
    /// met in the same documents, with the number of documents and of sentences. The `cooccurrences`
    /// view is this query over every document (migration `v6-entity-keys` made it so; a change here
    /// needs a migration that recreates the view).
    public static func cooccurrenceSQL(_ filter: DocumentFilter) -> (sql: String, arguments: StatementArguments) {
        let (condition, args) = filter.sql(alias: "d")
        let sql = """
            WITH em AS (
                SELECT DISTINCT m.document_id, m.sentence, k.entity_id
                FROM mention m JOIN entity_key k ON k.key = m.key JOIN document d ON d.id = m.document_id WHERE \(condition)
            ), ed AS (
                SELECT DISTINCT document_id, entity_id FROM em
            ), docs AS (
                SELECT a.entity_id AS a, b.entity_id AS b, COUNT(*) AS documents
                FROM ed a JOIN ed b ON b.document_id = a.document_id AND b.entity_id > a.entity_id GROUP BY 1, 2
            ), sents AS (
                SELECT a.entity_id AS a, b.entity_id AS b, COUNT(*) AS sentences
                FROM em a JOIN em b ON b.document_id = a.document_id AND b.sentence = a.sentence AND b.entity_id > a.entity_id
                GROUP BY 1, 2
            )
            SELECT CASE WHEN ea.name <= eb.name THEN ea.name ELSE eb.name END AS entity_a,
                   CASE WHEN ea.name <= eb.name THEN eb.name ELSE ea.name END AS entity_b,
                   d.documents, COALESCE(s.sentences, 0) AS sentences, ea.type AS type_a, eb.type AS type_b
            FROM docs d JOIN entity ea ON ea.id = d.a JOIN entity eb ON eb.id = d.b
            LEFT JOIN sents s ON s.a = d.a AND s.b = d.b
            """
        return (sql, args)
    }

    /// The recorded schema version: the newest migration applied to this database.
    public func schemaVersion() throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1") }
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }
}

/// One article as the HTML report shows it: its text, sentence scores and entity mentions (scalar offsets).
public struct AnnotatedArticle: Sendable {
    public var info: DocumentInfo
    public var text: String
    public var url: String?
    public var sentences: [(start: Int, end: Int, sentiment: Double, boilerplate: Bool)]
    public var mentions: [(start: Int, end: Int, type: String, entity: String?, sentiment: Double)]
}

extension Store {
    public func annotatedArticle(_ name: String) throws -> AnnotatedArticle? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, name, title, date, source, url, words, sentiment, text FROM document WHERE name = ?",
                                             arguments: [name]) else { return nil }
            let id: Int64 = row["id"]
            let sentences = try Row.fetchAll(db, sql: "SELECT start, \"end\", sentiment, boilerplate FROM sentence WHERE document_id = ? ORDER BY idx",
                                             arguments: [id]).map { (start: $0["start"] as Int, end: $0["end"] as Int, sentiment: $0["sentiment"] as Double, boilerplate: $0["boilerplate"] as Bool) }
            let mentions = try Row.fetchAll(db, sql: """
                SELECT m.start, m."end", COALESCE(e.type, m.type) AS type, e.name, m.sentiment FROM mention m
                LEFT JOIN entity_key k ON k.key = m.key LEFT JOIN entity e ON e.id = k.entity_id
                WHERE m.document_id = ? ORDER BY m.start, m."end" DESC
                """, arguments: [id]).map { (start: $0["start"] as Int, end: $0["end"] as Int, type: $0["type"] as String, entity: $0["name"] as String?, sentiment: $0["sentiment"] as Double) }
            return AnnotatedArticle(info: DocumentInfo(name: row["name"], title: row["title"], date: row["date"], source: row["source"],
                                                       words: row["words"], sentiment: row["sentiment"]),
                                    text: row["text"], url: row["url"], sentences: sentences, mentions: mentions)
        }
    }
}
