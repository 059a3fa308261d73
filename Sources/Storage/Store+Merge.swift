import Foundation
import GRDB
import LoupeCore

extension Store {
    /// Appends every document of the database at `path` (a shard written by `analyze --shard I/N`) after this
    /// store's documents, in their order, in one transaction: its rows are copied as they are, with new
    /// document ids. A document already here under the same name is replaced, as a later file replaces an
    /// earlier one in a single run. The documents' names wait in `link_pending` for the corpus linker.
    /// Returns the number of documents copied.
    @discardableResult
    public func merge(from path: String) throws -> Int {
        // Open it as a store first: its migrations run, so both files have the same tables and columns.
        _ = try Store.open(path: path)
        do {
            return try pool.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS shard", arguments: [path])
                defer { try? db.execute(sql: "DETACH DATABASE shard") }
                var copied = 0
                try db.inTransaction {
                    // Names stored twice: the copy replaces the earlier version.
                    for table in Self.documentTables {
                        try db.execute(sql: "DELETE FROM main.\(table) WHERE document_id IN (SELECT id FROM main.document WHERE name IN (SELECT name FROM shard.document))")
                    }
                    try db.execute(sql: "DELETE FROM main.document WHERE name IN (SELECT name FROM shard.document)")
                    let offset = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM main.document") ?? 0
                    for table in ["document"] + Self.documentTables {
                        let columns = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]).map { $0["name"] as String }
                        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                        let values = columns.map { $0 == "id" && table == "document" || $0 == "document_id" ? "\"\($0)\" + \(offset)" : "\"\($0)\"" }
                            .joined(separator: ", ")
                        let order = table == "document" ? " ORDER BY id" : ""
                        try db.execute(sql: "INSERT INTO main.\(table) (\(list)) SELECT \(values) FROM shard.\(table)\(order)")
                    }
                    try db.execute(sql: "INSERT OR IGNORE INTO main.link_pending SELECT DISTINCT key FROM shard.mention")
                    try db.execute(sql: "INSERT OR IGNORE INTO main.link_pending SELECT DISTINCT acronym FROM shard.acronym")
                    copied = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM shard.document") ?? 0
                    return .commit
                }
                return copied
            }
        } catch let error as DatabaseError {
            throw StoreError(path: path, error: error)
        }
    }
}
