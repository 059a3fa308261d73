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
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

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
        for (i, v) in values.enumerated() {
            let index = Int32(i + 1)
            switch v {
            case .int(let n): sqlite3_bind_int64(statement, index, sqlite3_int64(n))
            case .double(let d): sqlite3_bind_double(statement, index, d)
            case .text(let s):
                var s = s
                s.withUTF8 { buffer in
                    if let base = buffer.baseAddress {
                        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                            _ = sqlite3_bind_text(statement, index, $0, Int32(buffer.count), Self.transient)
                        }
                    } else {
                        _ = sqlite3_bind_text(statement, index, "", 0, Self.transient)
                    }
                }
            }
        }
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
        }
    }
}
