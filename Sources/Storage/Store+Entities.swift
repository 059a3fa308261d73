import Foundation
import GRDB
import LoupeCore

extension Store {
    /// Runs `body` in one write transaction with access to the rows the corpus entity linker reads and
    /// writes; the linking rules themselves live in the Entities module (`CorpusLinker`).
    public func updateEntities<T>(_ body: (EntityRows) throws -> T) throws -> T {
        do {
            return try pool.write { db in try body(EntityRows(db: db)) }
        } catch let error as DatabaseError {
            throw StoreError(path: path, error: error)
        }
    }
}

/// The rows behind the corpus entities, inside one write transaction (``Store/updateEntities(_:)``).
///
/// Keys are document-level mention keys; each `keys:` argument restricts a read to those keys, and nil
/// reads them all.
public struct EntityRows {
    let db: Database

    /// Written forms of the mentions: (key, type, text) with their counts, in the order of the
    /// `mention_key_form` index.
    public func nameForms(keys: [String]? = nil) throws -> [NameForm] {
        var forms: [NameForm] = []
        try forEachChunk(keys) { condition, arguments in
            let rows = try Row.fetchCursor(db, sql: "SELECT key, type, text, COUNT(*) AS n FROM mention \(condition.isEmpty ? "" : "WHERE key IN \(condition)") GROUP BY key, type, text",
                                           arguments: arguments)
            while let row = try rows.next() {
                forms.append(NameForm(key: row["key"], type: EntityType(rawValue: row["type"]) ?? .MISC, text: row["text"], count: row["n"]))
            }
        }
        return forms
    }

    /// Acronym definitions: each (acronym, expansion key) with the number of documents giving it.
    public func acronymDefinitions(acronyms: [String]? = nil) throws -> [(acronym: String, expansionKey: String, documents: Int)] {
        var out: [(acronym: String, expansionKey: String, documents: Int)] = []
        try forEachChunk(acronyms) { condition, arguments in
            for row in try Row.fetchAll(db, sql: "SELECT acronym, expansion_key, COUNT(*) AS n FROM acronym \(condition.isEmpty ? "" : "WHERE acronym IN \(condition)") GROUP BY 1, 2",
                                        arguments: arguments) {
                out.append((row["acronym"], row["expansion_key"], row["n"]))
            }
        }
        return out
    }

    /// The acronyms some document expands to one of `keys`.
    public func acronyms(expandingTo keys: [String]) throws -> Set<String> {
        var out = Set<String>()
        try forEachChunk(keys) { condition, arguments in
            for acronym in try String.fetchAll(db, sql: "SELECT DISTINCT acronym FROM acronym WHERE expansion_key IN \(condition)", arguments: arguments) {
                out.insert(acronym)
            }
        }
        return out
    }

    /// For stored keys: the canonical key of their entity (nil for entities an older Loupe made).
    public func canonicalKeys(of keys: [String]) throws -> [String: String?] {
        var out: [String: String?] = [:]
        try forEachChunk(keys) { condition, arguments in
            for row in try Row.fetchAll(db, sql: "SELECT k.key, e.key AS canonical FROM entity_key k JOIN entity e ON e.id = k.entity_id WHERE k.key IN \(condition)",
                                        arguments: arguments) {
                out[row["key"] as String] = row["canonical"] as String?
            }
        }
        return out
    }

    /// Stored multi-word keys whose majority type is PER, by their last word (one of `words`).
    public func personKeys(endingWith words: [String]) throws -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        try forEachChunk(words) { condition, arguments in
            for row in try Row.fetchAll(db, sql: "SELECT key, last_word FROM entity_key WHERE last_word IN \(condition) AND type = 'PER'",
                                        arguments: arguments) {
                out[row["last_word"] as String, default: []].insert(row["key"])
            }
        }
        return out
    }

    /// The keys stored under each of these canonical keys.
    public func keys(linkedTo canonicalKeys: [String]) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        try forEachChunk(canonicalKeys) { condition, arguments in
            for row in try Row.fetchAll(db, sql: "SELECT e.key AS canonical, k.key FROM entity e JOIN entity_key k ON k.entity_id = e.id WHERE e.key IN \(condition)",
                                        arguments: arguments) {
                out[row["canonical"] as String, default: []].append(row["key"])
            }
        }
        return out
    }

    /// Names of the documents stored or replaced since the last linking (``Store/save(_:)`` notes them).
    public func pendingNames() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT key FROM link_pending"))
    }

    /// Forgets the pending names, once linked.
    public func clearPending() throws {
        try db.execute(sql: "DELETE FROM link_pending")
    }

    /// Whether the store holds entities without a canonical key (made before `v6-entity-keys`) or
    /// none at all: then only a full relink is right.
    public func needsFullRelink() throws -> Bool {
        let unkeyed = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM entity WHERE key IS NULL)") ?? false
        let none = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entity") == 0
        return unkeyed || none
    }

    /// Replaces every entity with `entities` (ids in their order), then counts documents and sentiment.
    public func replaceAll(with entities: [CorpusEntity], keyTypes: [String: KeyTypes]) throws {
        try db.execute(sql: "DELETE FROM entity_key")
        try db.execute(sql: "DELETE FROM entity")
        for entity in entities { try write(entity, keyTypes: keyTypes) }
        try refreshDocumentsAndSentiment(of: nil)
    }

    /// Writes these entities in place of the stored ones with the same canonical keys, deletes the
    /// entities of `removed` canonical keys and the key rows of `orphanKeys` (keys no mention has now),
    /// then counts the documents and sentiment of the entities written.
    public func update(writing entities: [CorpusEntity], removing removed: [String], orphanKeys: [String],
                       keyTypes: [String: KeyTypes]) throws {
        try forEachChunk(orphanKeys) { condition, arguments in
            try db.execute(sql: "DELETE FROM entity_key WHERE key IN \(condition)", arguments: arguments)
        }
        try forEachChunk(removed) { condition, arguments in
            try db.execute(sql: "DELETE FROM entity_key WHERE entity_id IN (SELECT id FROM entity WHERE key IN \(condition))", arguments: arguments)
            try db.execute(sql: "DELETE FROM entity WHERE key IN \(condition)", arguments: arguments)
        }
        var ids: [Int64] = []
        for entity in entities { ids.append(try write(entity, keyTypes: keyTypes)) }
        try refreshDocumentsAndSentiment(of: ids)
    }

    /// Inserts or updates one entity (by canonical key) and points its keys at it; returns its id.
    @discardableResult
    private func write(_ entity: CorpusEntity, keyTypes: [String: KeyTypes]) throws -> Int64 {
        let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM entity WHERE key = ?"), arguments: [entity.canonicalKey])
        let id: Int64
        if let existing {
            try db.cachedStatement(sql: "UPDATE entity SET name = ?, type = ?, mentions = ?, aliases = ? WHERE id = ?")
                .execute(arguments: [entity.name, entity.type.rawValue, entity.mentions, entity.aliases.joined(separator: "; "), existing])
            id = existing
        } else {
            try db.cachedStatement(sql: "INSERT INTO entity (name, type, mentions, documents, sentiment, aliases, key) VALUES (?, ?, ?, 0, NULL, ?, ?)")
                .execute(arguments: [entity.name, entity.type.rawValue, entity.mentions, entity.aliases.joined(separator: "; "), entity.canonicalKey])
            id = db.lastInsertedRowID
        }
        let upsert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO entity_key (key, entity_id, type, last_word) VALUES (?, ?, ?, ?)")
        for key in entity.keys {
            try upsert.execute(arguments: [key, id, keyTypes[key]?.majority?.rawValue, NameForm.lastWord(ofKey: key)])
        }
        return id
    }

    /// Documents and mean mention sentiment of these entities (nil: all), in one pass over their
    /// mentions in the order of `mention_key` (key, then document): the sum inside AVG depends on the
    /// order, and `mention_key_form` would change the fourth decimal of some averages.
    private func refreshDocumentsAndSentiment(of ids: [Int64]?) throws {
        let sql = """
            UPDATE entity SET documents = x.documents, sentiment = x.sentiment FROM (
                SELECT k.entity_id AS id, COUNT(DISTINCT m.document_id) AS documents, round(AVG(m.sentiment), 4) AS sentiment
                FROM mention m INDEXED BY mention_key JOIN entity_key k ON k.key = m.key %@ GROUP BY k.entity_id
            ) AS x WHERE x.id = entity.id
            """
        guard let ids else { return try db.execute(sql: sql.replacingOccurrences(of: "%@", with: "")) }
        try forEachChunk(ids) { condition, arguments in
            try db.execute(sql: sql.replacingOccurrences(of: "%@", with: "WHERE k.entity_id IN \(condition)"), arguments: arguments)
        }
    }

    /// Runs `body` with `(?, ?, …)` and its arguments for chunks of `values` (SQLite limits the
    /// number of parameters of a statement); once with an empty condition when `values` is nil.
    private func forEachChunk<V: DatabaseValueConvertible>(_ values: [V]?, _ body: (String, StatementArguments) throws -> Void) throws {
        guard let values else { return try body("", []) }
        for start in stride(from: 0, to: values.count, by: 500) {
            let chunk = Array(values[start..<min(values.count, start + 500)])
            try body("(" + Array(repeating: "?", count: chunk.count).joined(separator: ", ") + ")", StatementArguments(chunk))
        }
    }
}
