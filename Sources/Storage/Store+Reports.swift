import Foundation
import GRDB
import LoupeCore

/// What the reports show, read from the database.
public struct EntitySummary: Sendable {
    public var name: String
    public var type: String
    public var mentions: Int
    public var documents: Int
    public var sentiment: Double?
    public var aliases: [String]
    /// Entities met in the same documents, most frequent first.
    public var cooccurring: [String]
}

public struct DocumentSummary: Sendable {
    public var name: String
    public var title: String?
    public var date: String?
    public var source: String?
    public var characters: Int
    public var words: Int
    public var sentences: Int
    public var sentiment: Double
    public var subjectivity: Double
    public var entities: [(type: String, name: String, count: Int)]
    public var keywords: [(term: String, count: Int)]
    public var keyphrases: [String]
}

public struct SentenceExplanation: Sendable {
    public var index: Int
    public var text: String
    public var sentiment: Double
    public var boilerplate: Bool
    public var cues: [(word: String, weight: Double)]
}

public struct CorpusSummary: Sendable {
    public var documents: Int
    public var words: Int
    public var sentences: Int
    public var mentions: Int
    public var entities: Int
    public var sentiment: Double?
    public var topEntities: [EntitySummary]
    public var topKeywords: [(term: String, count: Int, documents: Int)]
}

extension Store {
    public func entities(type: String?, top: Int) throws -> [EntitySummary] {
        try pool.read { db in
            var sql = "SELECT id, name, type, mentions, documents, sentiment, aliases FROM entity"
            var args: StatementArguments = []
            if let type { sql += " WHERE type = ?"; args += [type] }
            sql += " ORDER BY mentions DESC, documents DESC, name LIMIT ?"
            args += [top]
            return try Row.fetchAll(db, sql: sql, arguments: args).map { row in
                let id: Int64 = row["id"]
                let co = try String.fetchAll(db, sql: """
                    SELECT e2.name FROM
                        (SELECT DISTINCT m.document_id FROM mention m JOIN entity_key k ON k.key = m.key WHERE k.entity_id = ?) d
                    JOIN mention m2 ON m2.document_id = d.document_id
                    JOIN entity_key k2 ON k2.key = m2.key JOIN entity e2 ON e2.id = k2.entity_id
                    WHERE e2.id != ?
                    GROUP BY e2.id ORDER BY COUNT(DISTINCT m2.document_id) DESC, COUNT(*) DESC, e2.name LIMIT 3
                    """, arguments: [id, id])
                let aliases: String = row["aliases"]
                return EntitySummary(name: row["name"], type: row["type"], mentions: row["mentions"], documents: row["documents"],
                                     sentiment: row["sentiment"], aliases: aliases.isEmpty ? [] : aliases.components(separatedBy: "; "),
                                     cooccurring: co)
            }
        }
    }

    /// The stored names of documents matching `name` exactly, or ending with `/name` (so a file name is enough).
    /// Every document name, in storage order (for suggesting the closest to a name that matches none).
    public func documentNames() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM document ORDER BY id") }
    }

    /// How many documents `filter` keeps.
    public func documentCount(_ filter: DocumentFilter) throws -> Int {
        try pool.read { db in
            let (condition, args) = filter.sql(alias: "d")
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document d WHERE \(condition)", arguments: args) ?? 0
        }
    }

    public func resolveDocument(_ name: String) throws -> [String] {
        try pool.read { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM document WHERE name = ?", arguments: [name]) == true { return [name] }
            return try String.fetchAll(db, sql: "SELECT name FROM document WHERE name LIKE ? ESCAPE '\\' ORDER BY id LIMIT 10",
                                       arguments: ["%/" + name.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")])
        }
    }

    public func document(_ name: String, keywordCount: Int = 10) throws -> DocumentSummary? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM document WHERE name = ?", arguments: [name]) else { return nil }
            let id: Int64 = row["id"]
            let entities = try Row.fetchAll(db, sql: """
                SELECT e.type, e.name, COUNT(*) AS n FROM mention m JOIN entity_key k ON k.key = m.key JOIN entity e ON e.id = k.entity_id
                WHERE m.document_id = ? GROUP BY e.id ORDER BY e.type, n DESC, e.name
                """, arguments: [id]).map { (type: $0["type"] as String, name: $0["name"] as String, count: $0["n"] as Int) }
            let keywords = try Row.fetchAll(db, sql: "SELECT term, count FROM keyword WHERE document_id = ? ORDER BY count DESC, term LIMIT ?",
                                            arguments: [id, keywordCount]).map { (term: $0["term"] as String, count: $0["count"] as Int) }
            let phrases = try String.fetchAll(db, sql: "SELECT phrase FROM keyphrase WHERE document_id = ? ORDER BY rank LIMIT ?", arguments: [id, keywordCount])
            return DocumentSummary(name: row["name"], title: row["title"], date: row["date"], source: row["source"],
                                   characters: row["characters"], words: row["words"], sentences: row["sentences"],
                                   sentiment: row["sentiment"], subjectivity: row["subjectivity"],
                                   entities: entities, keywords: keywords, keyphrases: phrases)
        }
    }

    /// Each sentence of a document with its score and the words that moved it.
    public func explain(_ name: String) throws -> [SentenceExplanation] {
        try pool.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM document WHERE name = ?", arguments: [name]) else { return [] }
            var cues: [Int: [(String, Double)]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT c.sentence, json_extract(t.tokens, '$[' || c.token || '][3]') AS text, c.weight
                FROM sentiment_cue c JOIN document_tokens t ON t.document_id = c.document_id
                WHERE c.document_id = ? ORDER BY c.sentence, c.token
                """, arguments: [id]) {
                cues[row["sentence"], default: []].append((row["text"], row["weight"]))
            }
            return try Row.fetchAll(db, sql: """
                SELECT s.idx, substr(d.text, s.start + 1, s."end" - s.start) AS text, s.sentiment, s.boilerplate
                FROM sentence s JOIN document d ON d.id = s.document_id WHERE s.document_id = ? ORDER BY s.idx
                """, arguments: [id]).map { row in
                let idx: Int = row["idx"]
                return SentenceExplanation(index: idx, text: row["text"], sentiment: row["sentiment"], boilerplate: row["boilerplate"],
                                           cues: (cues[idx] ?? []).map { (word: $0.0, weight: $0.1) })
            }
        }
    }

    public func corpus(top: Int = 10) throws -> CorpusSummary {
        let topEntities = try entities(type: nil, top: top)
        return try pool.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, COALESCE(SUM(words), 0) AS w, COALESCE(SUM(sentences), 0) AS s, AVG(sentiment) AS sentiment FROM document")!
            let mentions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention") ?? 0
            let entities = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entity") ?? 0
            let keywords = try Row.fetchAll(db, sql: "SELECT term, SUM(count) AS n, COUNT(*) AS d FROM keyword GROUP BY term ORDER BY d DESC, n DESC, term LIMIT ?", arguments: [top])
                .map { (term: $0["term"] as String, count: $0["n"] as Int, documents: $0["d"] as Int) }
            let sentiment: Double? = row["sentiment"]
            return CorpusSummary(documents: row["n"], words: row["w"], sentences: row["s"], mentions: mentions, entities: entities,
                                 sentiment: sentiment.map { ($0 * 10000).rounded() / 10000 }, topEntities: topEntities, topKeywords: keywords)
        }
    }
}

extension Store {
    /// Keyword counts summed over the named documents (all documents when `documents` is nil).
    public func termCounts(documents: [String]? = nil, source: String? = nil) throws -> [String: Int] {
        try pool.read { db in
            var sql = "SELECT k.term, SUM(k.count) AS n FROM keyword k JOIN document d ON d.id = k.document_id"
            var args: StatementArguments = []
            var conditions: [String] = []
            if let documents {
                conditions.append("d.name IN (" + documents.map { _ in "?" }.joined(separator: ",") + ")")
                args += StatementArguments(documents)
            }
            if let source { conditions.append("d.source = ?"); args += [source] }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " GROUP BY k.term"
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: args) { out[row["term"]] = row["n"] }
            return out
        }
    }

    /// Each term's occurrences and document frequency over the documents `filter` keeps (all by default):
    /// what corpus keyness (against a reference of ordinary French) is computed from.
    public func termStatistics(_ filter: DocumentFilter = DocumentFilter()) throws -> [String: (count: Int, documents: Int)] {
        try pool.read { db in
            let (condition, args) = filter.sql(alias: "d")
            var out: [String: (count: Int, documents: Int)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT k.term, SUM(k.count) AS n, COUNT(*) AS df FROM keyword k JOIN document d ON d.id = k.document_id
                WHERE \(condition) GROUP BY k.term
                """, arguments: args) { out[row["term"]] = (count: row["n"], documents: row["df"]) }
            return out
        }
    }

    /// Corpus keywords: total count, document frequency and mean TF-IDF weight, by document frequency.
    public func corpusKeywords(top: Int) throws -> [(term: String, count: Int, documents: Int, weight: Double)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT term, SUM(count) AS n, COUNT(*) AS df, round(AVG(weight), 3) AS w FROM keywords
                GROUP BY term ORDER BY df DESC, n DESC, term LIMIT ?
                """, arguments: [top]).map { (term: $0["term"], count: $0["n"], documents: $0["df"], weight: $0["w"]) }
        }
    }

    /// One document's keywords with count and TF-IDF weight, heaviest first.
    public func documentKeywords(_ name: String, top: Int) throws -> [(term: String, count: Int, weight: Double)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT term, count, weight FROM keywords WHERE document = ? ORDER BY weight DESC, count DESC, term LIMIT ?",
                             arguments: [name, top]).map { (term: $0["term"], count: $0["count"], weight: $0["weight"]) }
        }
    }
}
