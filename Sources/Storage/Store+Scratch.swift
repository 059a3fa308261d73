import GRDB
import LoupeCore

extension Store {
    /// A database in memory, with the full schema: where `loupe stream` stores one document at a time
    /// so that its rows come out of the same views and exporters as a stored corpus's.
    public static func inMemory() throws -> Store {
        try Store(queue: DatabaseQueue())
    }

    /// Deletes every document and its rows, and every entity (a scratch store between documents).
    public func removeAll() throws {
        try pool.write { db in
            for table in Self.documentTables + ["document", "entity_key", "entity", "link_pending"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
        }
    }

    /// Acronym definitions stored for `document` (one per acronym, as `save` keeps them).
    public func acronymDefinitions(of document: String) throws -> [AcronymDefinition] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.acronym, a.expansion_key FROM acronym a JOIN document d ON d.id = a.document_id
                WHERE d.name = ? ORDER BY a.acronym
                """, arguments: [document]).map { AcronymDefinition(acronym: $0[0], expansionKey: $0[1]) }
        }
    }

    /// The mention keys of `document`, in the order of its mentions (the `mentions` view's order).
    public func mentionKeys(of document: String) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT m.key FROM mention m JOIN document d ON d.id = m.document_id WHERE d.name = ? ORDER BY m.idx
                """, arguments: [document])
        }
    }
}
