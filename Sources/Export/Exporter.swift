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
        try export(table, options: ExportOptions(format: format), to: output)
    }

    /// Writes `table` with `options` (format, CSV dialect, filters) and returns the number of rows written.
    @discardableResult
    public func export(_ table: ExportTable, options: ExportOptions, to output: FileHandle) throws -> Int {
        let stream = FileHandleOutputStream(output)
        stream.open()
        defer { stream.flush() }
        if table == .conllu { return try CoNLLUWriter(store: store).write(to: stream) }
        if options.format == .graphml { return try GraphMLWriter(store: store).write(options, to: stream) }
        let columns = table.columns(options)
        let (sql, arguments) = Self.query(table, options)
        var count = 0
        switch options.format {
        case .csv:
            if options.byteOrderMark { stream.write("\u{FEFF}") }
            let writer = try CSVWriter(stream: stream, delimiter: options.delimiter, newline: .crlf)
            try writer.write(row: columns)
            try store.read { db in
                let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try rows.next() {
                    try writer.write(row: (0..<columns.count).map { Self.text(row[$0] as DatabaseValue, raw: options.raw, decimalComma: options.decimalComma) })
                    count += 1
                }
            }
            stream.write("\r\n")
        case .jsonl, .graphml:
            try store.read { db in
                let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                let objects = JSONObjects(columns)
                while let row = try rows.next() {
                    stream.write(objects.object(row) + "\n")
                    count += 1
                }
            }
        }
        return count
    }

    /// Rows as JSON objects, keys in column order: the lines of `--format jsonl`. Columns in `nulls`
    /// are written as null (`loupe stream` leaves the corpus-level ones to the corpus step). The keys
    /// are escaped once, not once a row.
    struct JSONObjects {
        let keys: [String]
        let nulls: [Bool]

        init(_ columns: [String], nulls: Set<String> = []) {
            keys = columns.enumerated().map { ($0.offset == 0 ? "{" : ",") + JSONText.string($0.element) + ":" }
            self.nulls = columns.map { nulls.contains($0) }
        }

        func object(_ row: Row) -> String {
            var line = ""
            line.reserveCapacity(keys.count * 24)
            for i in keys.indices {
                line += keys[i]
                line += nulls[i] ? "null" : Exporter.json(row[i] as DatabaseValue)
            }
            line += "}"
            return line
        }
    }

    /// The rows of `table` (every row of the store) as the JSON objects `--format jsonl` writes, without
    /// line ends; the columns in `nulls` as null.
    public func jsonRows(_ table: ExportTable, nulls: Set<String> = []) throws -> [String] {
        let (sql, arguments) = Self.query(table, ExportOptions(format: .jsonl))
        return try store.read { db in
            var out: [String] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            let objects = JSONObjects(table.columns, nulls: nulls)
            while let row = try rows.next() { out.append(objects.object(row)) }
            return out
        }
    }

    /// `s` as a JSON string literal, escaped as the JSONL exports escape text.
    public static func jsonString(_ s: String) -> String { JSONText.string(s) }

    /// The SELECT for a table under the options' filters: the view of the same name, filtered.
    static func query(_ table: ExportTable, _ options: ExportOptions) -> (String, StatementArguments) {
        var columns = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        if table == .documents && options.withText {
            // The stored text is in the document table, not the view.
            columns += ", (SELECT t.text FROM document t WHERE t.name = documents.document) AS \"text\""
        }
        var conditions: [String] = []
        var args: StatementArguments = []
        let types = options.types.map { $0.uppercased() }
        let typeList = "(" + types.map { _ in "?" }.joined(separator: ", ") + ")"
        if table == .cooccurrences {
            // Recomputed over the chosen documents, so counts describe them.
            let (inner, innerArgs) = Store.cooccurrenceSQL(options.filter)
            args += innerArgs
            if !types.isEmpty {
                conditions.append("type_a IN \(typeList) AND type_b IN \(typeList)")
                args += StatementArguments(types)
                args += StatementArguments(types)
            }
            let where_ = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            return ("SELECT \(columns) FROM (\(inner))\(where_) ORDER BY documents DESC, sentences DESC, entity_a, entity_b", args)
        }
        if !options.filter.isEmpty {
            let (condition, filterArgs) = options.filter.sql(alias: "d")
            if table.hasDocumentColumn {
                conditions.append("document IN (SELECT d.name FROM document d WHERE \(condition))")
            } else {
                conditions.append("""
                    entity IN (SELECT e.name FROM mention m JOIN document d ON d.id = m.document_id
                               JOIN entity_key k ON k.key = m.key JOIN entity e ON e.id = k.entity_id WHERE \(condition))
                    """)
            }
            args += filterArgs
        }
        if !types.isEmpty && table.hasEntityType {
            conditions.append("type IN \(typeList)")
            args += StatementArguments(types)
        }
        let where_ = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return ("SELECT \(columns) FROM \(table.rawValue)\(where_)", args)
    }

    /// A CSV cell. Text that a spreadsheet would run as a formula (OWASP "CSV injection": a leading
    /// `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'` unless `raw`; numbers are never changed.
    static func text(_ value: DatabaseValue, raw: Bool = true, decimalComma: Bool = false) -> String {
        switch value.storage {
        case .null: return ""
        case .int64(let i): return String(i)
        case .double(let d): return decimalComma ? Self.number(d).replacingOccurrences(of: ".", with: ",") : Self.number(d)
        case .string(let s): return raw ? s : neutralised(s)
        case .blob(let b): return b.base64EncodedString()
        }
    }

    /// `s` with a `'` in front when it starts with a character that makes spreadsheets evaluate it.
    public static func neutralised(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + s
        default: return s
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
    /// Whether `s` holds a quote, a backslash, a control character or U+2028/U+2029.
    private static func needsEscape(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x20 || b == 0x22 || b == 0x5C { return true }
                if b == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) { return true }
                i += 1
            }
            return false
        }
    }

    static func string(_ s: String) -> String {
        // Most text needs no escape: copied whole (scalar by scalar, this was a sixth of `loupe stream`).
        if !needsEscape(s) { return "\"" + s + "\"" }
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
