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
    /// A bound value: numbers as they are, text as a range of `arena`.
    private enum Slot {
        case int(Int64)
        case double(Double)
        case text(start: Int, count: Int)
    }

    private let single: OpaquePointer
    private let batch: OpaquePointer
    private let columns: Int
    private let batchRows: Int
    /// The buffered rows' values: a fixed buffer of `columns × batchRows` slots, filled up to `count`
    /// (an array's growth and uniqueness checks were a tenth of storing).
    private let pending: UnsafeMutablePointer<Slot>
    /// The fill level and the text of the buffered rows, behind a pointer: stored properties of a
    /// class are checked for exclusive access at run time, which cost 80 instructions a value.
    private let buffer: UnsafeMutablePointer<Buffer>

    private struct Buffer {
        var count = 0
        /// The text of the buffered rows, copied end to end as rows are added (no `String` is kept) and
        /// bound without a further copy (SQLITE_STATIC) since the arena outlives the step that reads it.
        var arena: [UInt8] = []
    }

    /// - Parameters:
    ///   - insert: the statement up to `VALUES`, such as `INSERT INTO sentence`.
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
        pending = .allocate(capacity: columns * batchRows)
        buffer = .allocate(capacity: 1)
        buffer.initialize(to: Buffer())
        buffer.pointee.arena.reserveCapacity(4096)
    }

    func finalize() {
        sqlite3_finalize(single)
        sqlite3_finalize(batch)
    }

    deinit {
        pending.deallocate()
        buffer.deinitialize(count: 1)
        buffer.deallocate()
    }

    // A row is given value by value in column order, then closed by `endRow()`: no array or
    // `String` copy per row, which the former variadic `run(_:)` cost on every token.

    func add(_ value: Int) { append(.int(Int64(value))) }
    func add(_ value: Double) { append(.double(value)) }
    func add(_ value: Bool) { append(.int(value ? 1 : 0)) }
    func add(_ value: String) {
        var value = value
        value.withUTF8 { add(utf8: $0) }
    }
    func add(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        append(.text(start: buffer.pointee.arena.count, count: bytes.count))
        buffer.pointee.arena.append(contentsOf: bytes)
    }

    @inline(__always) private func append(_ slot: Slot) {
        let count = buffer.pointee.count
        precondition(count < columns * batchRows, "a row of \(columns) values")
        pending[count] = slot
        buffer.pointee.count = count + 1
    }

    /// Closes the row given by the `add` calls since the last one; writes the batch when full, or the
    /// rows so far one by one when their text passes ``maxBufferedBytes``.
    func endRow() throws {
        let count = buffer.pointee.count
        precondition(count % columns == 0, "a row of \(columns) values")
        if count == columns * batchRows {
            try write(UnsafeBufferPointer(start: pending, count: count), with: batch)
            clear()
        } else if buffer.pointee.arena.count > Self.maxBufferedBytes {
            try finish()
        }
    }

    /// Text kept for the rows of one statement at most (about): a document's tokens are one row of
    /// ~40 bytes a token, and 64 rows of a 100 MB file's 256 KiB parts held 150 MB.
    static let maxBufferedBytes = 1 << 20

    /// Forgets buffered rows (those of a transaction that failed).
    func discardPending() {
        clear()
    }

    /// Writes the rows still buffered, one statement each.
    func finish() throws {
        var start = 0
        while start < buffer.pointee.count {
            try write(UnsafeBufferPointer(start: pending + start, count: columns), with: single)
            start += columns
        }
        clear()
    }

    private func clear() {
        buffer.pointee.count = 0
        buffer.pointee.arena.removeAll(keepingCapacity: true)
    }

    private func write(_ values: UnsafeBufferPointer<Slot>, with statement: OpaquePointer) throws {
        buffer.pointee.arena.append(0)  // so that "" at the very end still has a valid, non-null address
        defer { buffer.pointee.arena.removeLast() }
        let code = buffer.pointee.arena.withUnsafeBufferPointer { bytes -> Int32 in
            let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            var index: Int32 = 1
            for v in values {
                switch v {
                case .int(let n): sqlite3_bind_int64(statement, index, n)
                case .double(let d): sqlite3_bind_double(statement, index, d)
                case .text(let start, let count): sqlite3_bind_text(statement, index, base + start, Int32(count), nil)
                }
                index += 1
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
