import CSQLite
import GRDB

/// An INSERT run for many rows on GRDB's connection through SQLite's C API, several rows a statement.
///
/// GRDB's `Statement.execute(arguments:)` does a great deal per call (argument checks, observation
/// bookkeeping): profiled at half of all instructions of `loupe analyze`. Every row of a document
/// but the document's own goes through this instead, inside GRDB's transaction, on its connection.
/// Rows are buffered and written `batchRows` at a time with one multi-row `VALUES` list, which
/// spreads SQLite's per-statement work (step, halt, reset) over the batch; ``finish()`` writes the
/// rest and must run before the transaction commits.
final class BulkStatement {
    /// Bindable values.
    enum Value {
        case int(Int)
        case double(Double)
        case text(String)
    }

    private let single: OpaquePointer
    private let batch: OpaquePointer
    private let columns: Int
    private let batchRows: Int
    private var pending: [Value] = []
    /// The text of the values being bound, copied end to end: bound without a further copy
    /// (SQLITE_STATIC) since the arena outlives the step that reads it.
    private var arena: [UInt8] = []

    /// - Parameters:
    ///   - insert: the statement up to `VALUES`, such as `INSERT INTO token`.
    ///   - columns: values per row.
    init(_ db: Database, insert: String, columns: Int, batchRows: Int = 64) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "no connection") }
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        func prepare(_ rows: Int) throws -> OpaquePointer {
            let sql = insert + " VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
            var statement: OpaquePointer?
            let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
            guard code == SQLITE_OK, let statement else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
            }
            return statement
        }
        single = try prepare(1)
        batch = try prepare(batchRows)
        self.columns = columns
        self.batchRows = batchRows
        pending.reserveCapacity(columns * batchRows)
    }

    func finalize() {
        sqlite3_finalize(single)
        sqlite3_finalize(batch)
    }

    /// Adds one row (values in column order); written when the batch is full or at ``finish()``.
    func run(_ values: Value...) throws {
        precondition(values.count == columns, "a row of \(columns) values")
        pending.append(contentsOf: values)
        if pending.count == columns * batchRows {
            try write(pending[...], with: batch)
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// Forgets buffered rows (those of a transaction that failed).
    func discardPending() {
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes the rows still buffered, one statement each.
    func finish() throws {
        var start = 0
        while start < pending.count {
            try write(pending[start..<start + columns], with: single)
            start += columns
        }
        pending.removeAll(keepingCapacity: true)
    }

    private func write(_ values: ArraySlice<Value>, with statement: OpaquePointer) throws {
        arena.removeAll(keepingCapacity: true)
        var spans: [(Int, Int)] = []
        for v in values {
            guard case .text(var s) = v else { continue }
            let start = arena.count
            s.withUTF8 { arena.append(contentsOf: $0) }
            spans.append((start, arena.count - start))
        }
        arena.append(0)  // so that "" at the very end still has a valid, non-null address
        let code = arena.withUnsafeBufferPointer { bytes -> Int32 in
            let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            var text = 0
            for (k, v) in values.enumerated() {
                let index = Int32(k + 1)
                switch v {
                case .int(let n): sqlite3_bind_int64(statement, index, sqlite3_int64(n))
                case .double(let d): sqlite3_bind_double(statement, index, d)
                case .text:
                    let (start, count) = spans[text]
                    text += 1
                    sqlite3_bind_text(statement, index, base + start, Int32(count), nil)
                }
            }
            let code = sqlite3_step(statement)
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)  // the text pointers die with this closure
            return code
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
        }
    }
}
