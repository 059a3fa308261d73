import Foundation
import GRDB
import LoupeCore

extension Store {
    /// Rebuilds the corpus entities from every stored mention: one entity per real-world thing.
    ///
    /// Mentions already carry a document-level key (folded name, acronyms and short names resolved
    /// within the document). Across documents: an acronym that some document defines or spells out
    /// (UA ↔ Union africaine) joins its expansion; a one-word person name joins the only full name
    /// that ends with it. Each entity's name is its best written form (accented spellings first, then
    /// the most frequent); the other forms are its aliases. Runs in one transaction after each analysis.
    public func linkEntities() throws {
        do {
            try pool.write { db in try Self.link(db) }
        } catch let error as DatabaseError {
            throw StoreError(path: path, error: error)
        }
    }

    struct Form {
        var key: String
        var type: String
        var text: String
        var count: Int
    }

    static func link(_ db: Database) throws {
        var forms: [Form] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT key, type, text, COUNT(*) AS n FROM mention GROUP BY key, type, text")
        while let row = try rows.next() { forms.append(Form(key: row["key"], type: row["type"], text: row["text"], count: row["n"])) }

        var expansions: [String: (key: String, count: Int)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT acronym, expansion_key, COUNT(*) AS n FROM acronym GROUP BY 1, 2 ORDER BY n DESC, 2") {
            let acronym: String = row["acronym"]
            if expansions[acronym] == nil { expansions[acronym] = (row["expansion_key"], row["n"]) }
        }
        // Majority type of each key, and full person names by their last word.
        var typeCounts: [String: [String: Int]] = [:]
        for f in forms { typeCounts[f.key, default: [:]][f.type, default: 0] += f.count }
        func majority(_ counts: [String: Int]) -> String {
            counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
        }
        var fullNames: [String: Set<String>] = [:]
        for (key, counts) in typeCounts where majority(counts) == "PER" && key.contains(" ") {
            if let last = key.split(separator: " ").last { fullNames[String(last), default: []].insert(key) }
        }
        func canonical(_ key: String) -> String {
            if let e = expansions[key], e.key != key, typeCounts[e.key] != nil { return e.key }
            if !key.contains(" "), let counts = typeCounts[key], majority(counts) == "PER",
               let names = fullNames[key], names.count == 1 { return names.first! }
            return key
        }

        struct Group {
            var forms: [Form] = []
            var keys: Set<String> = []
        }
        var groups: [String: Group] = [:]
        for f in forms {
            let c = canonical(f.key)
            groups[c, default: Group()].forms.append(f)
            groups[c]!.keys.insert(f.key)
        }

        try db.execute(sql: "DELETE FROM entity_key")
        try db.execute(sql: "DELETE FROM entity")
        let insertEntity = try db.cachedStatement(sql: "INSERT INTO entity (name, type, mentions, documents, sentiment, aliases) VALUES (?, ?, ?, 0, NULL, ?)")
        let insertKey = try db.cachedStatement(sql: "INSERT INTO entity_key VALUES (?, ?)")
        for (canonicalKey, group) in groups.sorted(by: { $0.key < $1.key }) {
            var textCounts: [String: Int] = [:]
            var ownTextCounts: [String: Int] = [:]
            var types: [String: Int] = [:]
            for f in group.forms {
                textCounts[f.text, default: 0] += f.count
                if f.key == canonicalKey { ownTextCounts[f.text, default: 0] += f.count }
                types[f.type, default: 0] += f.count
            }
            let pool = ownTextCounts.isEmpty ? textCounts : ownTextCounts
            // Forms of one key differ only in case and accents: the accented spelling (États-Unis) wins, then the most frequent.
            let name = pool.max { a, b in
                (accents(a.key), a.value, a.key.count, b.key) < (accents(b.key), b.value, b.key.count, a.key)
            }!.key
            let aliases = textCounts.filter { $0.key != name }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
            try insertEntity.execute(arguments: [name, majority(types), group.forms.reduce(0) { $0 + $1.count },
                                                 aliases.joined(separator: "; ")])
            let id = db.lastInsertedRowID
            for key in group.keys.sorted() { try insertKey.execute(arguments: [key, id]) }
        }
        // One pass over the mentions for both (two UPDATEs made it twice; this runs after every analysis),
        // in the order of `mention_key` (key, then document): the sum inside AVG depends on the order,
        // and `mention_key_form` would change the fourth decimal of some averages.
        try db.execute(sql: """
            UPDATE entity SET documents = x.documents, sentiment = x.sentiment FROM (
                SELECT k.entity_id AS id, COUNT(DISTINCT m.document_id) AS documents, round(AVG(m.sentiment), 4) AS sentiment
                FROM mention m INDEXED BY mention_key JOIN entity_key k ON k.key = m.key GROUP BY k.entity_id
            ) AS x WHERE x.id = entity.id
            """)
    }

    private static func accents(_ s: String) -> Int { s.unicodeScalars.filter { $0.value > 0x7F }.count }
}
