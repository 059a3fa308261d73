import Foundation
import GRDB
import LoupeCore

/// A Loupe database: one SQLite file (WAL mode) holding documents, their annotations and the corpus entities.
///
/// Open it with ``Store/open(path:)``; migrations run on open, so databases written by older
/// versions of Loupe stay readable. Writes happen in transactions: a document is stored whole or
/// not at all, and an interrupted run loses only the documents of its last batch.
/// `@unchecked Sendable`: GRDB's pool serialises writes and isolates reads; `writeStatements` is only
/// touched inside `pool.write`, which runs one write at a time.
public final class Store: @unchecked Sendable {
    public let path: String
    let pool: any DatabaseWriter
    /// True when the file could only be opened for reading (a read-only disk or folder): reports and
    /// exports work, `analyze` refuses before doing any work.
    public let isReadOnly: Bool
    /// The writer connection's prepared inserts (see `preparedInserts`), finalized with the store.
    var writeStatements: Inserts?

    /// Opens (creating if needed) the database at `path`.
    public static func open(path: String) throws -> Store {
        try Store(path: path)
    }

    deinit {
        // Before the pool closes its connections: an unfinalized statement keeps a connection open.
        writeStatements?.finalize()
    }

    init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(30)  // another `loupe analyze` on the same file: wait for it
        // Foreign-key checks cost 14 % of storing (a parent lookup for each of ~150 rows per document);
        // rows are only ever written with their document, and a replaced document's rows are deleted
        // explicitly (`Store.insert`). The schema keeps its ON DELETE CASCADE for other tools.
        config.foreignKeysEnabled = false
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Statement journals and temporary b-trees in memory: the row inserts once kept a statement
            // journal on disk (900,000 small pwrite calls for 900 articles, twice the system time); they are
            // INSERT OR FAIL now (`Store.Inserts`), but the OR REPLACE inserts and linking's GROUP BY still
            // use temporary storage.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // 16 MB of page cache: index pages (keyword terms, entity keys) are hit at random; with
            // SQLite's default 2 MB a run re-read 139,000 pages, with this 39,000.
            try db.execute(sql: "PRAGMA cache_size = -16384")
            // Checkpoint every 32 MB of WAL rather than 4 MB: pages rewritten by several batches are copied
            // once; 898 articles: pwrite64 129,000 -> 109,000, pread64 39,000 -> 18,000, fdatasync 115 -> 22.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
        }
        do {
            let writable = try DatabasePool(path: path, configuration: config)
            let applied = try writable.read { try Schema.migrator.appliedIdentifiers($0) }
            try Schema.migrator.migrate(writable)
            if !applied.isEmpty && !applied.contains(Schema.packedTokens) {
                // Moving token rows into one array a document left their pages free (a 59 MB database
                // of 900 articles grew to 98 MB): rewritten once, on the upgrade.
                try writable.vacuum()
            }
            pool = writable
            isReadOnly = false
        } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode.primaryResultCode)
                    && FileManager.default.fileExists(atPath: path) && !FileManager.default.isWritableFile(atPath: path) {
            pool = try Self.openForReading(path, error)
            isReadOnly = true
        } catch let error as DatabaseError {
            throw StoreError(path: path, error: error)
        }
    }

    /// A store on a database GRDB has already opened (``Store/inMemory()``); migrations run here.
    init(queue: DatabaseQueue) throws {
        try Schema.migrator.migrate(queue)
        path = ":memory:"
        pool = queue
        isReadOnly = false
    }

    /// A database on read-only media, opened as immutable: WAL mode needs a writable `-shm` file
    /// beside the database otherwise. Its schema must be current, since no migration can run.
    private static func openForReading(_ path: String, _ cause: DatabaseError) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
        do {
            let queue = try DatabaseQueue(path: "file:\(encoded)?immutable=1", configuration: config)
            guard try queue.read({ try Schema.migrator.hasCompletedMigrations($0) }) else {
                throw StoreError(path: path, error: cause)
            }
            return queue
        } catch let error as DatabaseError {
            throw StoreError(path: path, error: error)
        }
    }

    /// The documents already stored, by name, with the hash of what was analysed.
    public func storedHashes() throws -> [String: String] {
        try pool.read { db in
            var out: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT name, hash FROM document INDEXED BY document_name_hash")
            while let row = try rows.next() { out[row["name"]] = row["hash"] }
            return out
        }
    }

    /// The stored hash of one document, if it is stored.
    public func storedHash(of name: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db.cachedStatement(sql: "SELECT hash FROM document WHERE name = ?"), arguments: [name]) }
    }

    /// Canonical entities of the corpus.
    public func entityCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entity") ?? 0 }
    }

    public var documentCount: Int {
        (try? pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") ?? 0 }) ?? 0
    }

    /// Read access for reports and exports.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }
}

/// A database problem, with the file and what to do about it.
public struct StoreError: Error, CustomStringConvertible {
    public var path: String
    public var error: DatabaseError

    public var description: String {
        switch error.resultCode {
        case .SQLITE_FULL: return "\(path): the disk is full; nothing of the last batch was stored. Free some space and run again."
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            return "\(path): cannot write the database (\(error.message ?? "read-only")); check the folder's permissions or choose another file with --db."
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "\(path): the database is busy: another `loupe analyze` is writing to it. Wait for it to finish, or use another --db."
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return "\(path): not a Loupe database (or a damaged one). Choose another file with --db."
        default:
            return "\(path): \(error.message ?? "database error \(error.resultCode)")"
        }
    }
}
