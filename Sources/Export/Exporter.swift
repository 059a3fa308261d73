import CSV
import Foundation
import GRDB
import Storage

/// Writes an export table from the database to a file or standard output, streaming rows so that
/// memory stays flat however large the table.
public struct Exporter {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Writes `table` and returns the number of rows written.
    @discardableResult
    public func export(_ table: ExportTable, format: ExportFormat, to output: FileHandle) throws -> Int {
        let stream = FileHandleOutputStream(output)
        stream.open()
        defer { stream.flush() }
        if table == .conllu { return try CoNLLUWriter(store: store).write(to: stream) }
        let columns = table.columns
        let sql = "SELECT " + columns.map { "\"\($0)\"" }.joined(separator: ", ") + " FROM \(table.rawValue)"
        var count = 0
        switch format {
        case .csv:
            let writer = try CSVWriter(stream: stream, delimiter: ",", newline: .crlf)
            try writer.write(row: columns)
            try store.read { db in
                let rows = try Row.fetchCursor(db, sql: sql)
                while let row = try rows.next() {
                    try writer.write(row: (0..<columns.count).map { Self.text(row[$0] as DatabaseValue) })
                    count += 1
                }
            }
            stream.write("\r\n")
        case .jsonl:
            try store.read { db in
                let rows = try Row.fetchCursor(db, sql: sql)
                while let row = try rows.next() {
                    var line = "{"
                    for (i, column) in columns.enumerated() {
                        if i > 0 { line += "," }
                        line += JSONText.string(column) + ":" + Self.json(row[i] as DatabaseValue)
                    }
                    line += "}\n"
                    stream.write(line)
                    count += 1
                }
            }
        }
        return count
    }

    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return ""
        case .int64(let i): return String(i)
        case .double(let d): return Self.number(d)
        case .string(let s): return s
        case .blob(let b): return b.base64EncodedString()
        }
    }

    static func json(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "null"
        case .int64(let i): return String(i)
        case .double(let d): return d.isFinite ? Self.number(d) : "null"
        case .string(let s): return JSONText.string(s)
        case .blob(let b): return JSONText.string(b.base64EncodedString())
        }
    }

    /// Decimal notation without exponent, at most 4 decimals (the precision Loupe stores scores with).
    static func number(_ d: Double) -> String {
        if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
        var s = String(format: "%.4f", d)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}

/// JSON string escaping (RFC 8259).
enum JSONText {
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
