import CSQLite
import GRDB

/// A prepared INSERT run many times on GRDB's connection through SQLite's C API.
///
/// GRDB's `Statement.execute(arguments:)` does a great deal per call (argument checks, observation
/// bookkeeping): profiled at half of all instructions of `loupe analyze`. Every row of a document
/// but the document's own goes through this instead, inside GRDB's transaction, on its connection.
struct BulkStatement {
    private let statement: OpaquePointer
    private let db: Database

    /// Bindable values.
    enum Value {
        case int(Int)
        case double(Double)
        case text(String)
    }

    init(_ db: Database, sql: String) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "no connection") }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.statement = statement
        self.db = db
    }

    func finalize() { sqlite3_finalize(statement) }

    /// Binds the values (1-based, in order) and runs the statement once.
    func run(_ values: Value...) throws {
        try bind(values, from: 0)
    }

    /// Binds value `i` and the ones after it, then steps. Text is bound without a copy (SQLITE_STATIC)
    /// inside `withUTF8`, so each string's bytes stay valid until the step that reads them, which
    /// runs in the innermost call; copying every token's text was 700 instructions a value.
    private func bind(_ values: [Value], from i: Int) throws {
        guard i < values.count else { return try step() }
        let index = Int32(i + 1)
        switch values[i] {
        case .int(let n): sqlite3_bind_int64(statement, index, sqlite3_int64(n))
        case .double(let d): sqlite3_bind_double(statement, index, d)
        case .text(var s):
            return try s.withUTF8 { buffer in
                // A non-null pointer even for "": SQLite binds NULL for a null pointer.
                let text = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? Self.empty
                sqlite3_bind_text(statement, index, text, Int32(buffer.count), nil)
                try bind(values, from: i + 1)
            }
        }
        try bind(values, from: i + 1)
    }

    private static let empty: UnsafePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()

    private func step() throws {
        let code = sqlite3_step(statement)
        // Unbinds too: the text pointers die with the closures that lent them.
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
        }
    }
}
