import Foundation
import GRDB

extension Store {
    /// Why the file at `path` cannot be a Loupe database, or nil when it can (it does not exist yet, is
    /// empty, or is one). Checked before opening, so that Loupe never adds its tables to another
    /// program's SQLite file, nor takes a folder or a text file for a database.
    public static func problem(at path: String) -> String? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return nil }
        if isDir.boolValue { return "\(path) is a folder; give a database file, such as \((path as NSString).appendingPathComponent("loupe.sqlite"))." }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }  // permissions: left to SQLite's message
        let head = handle.readData(ofLength: 16)
        try? handle.close()
        if head.isEmpty { return nil }
        guard head == Data("SQLite format 3\0".utf8) else {
            return "\(path) is not a Loupe database (not an SQLite file); choose another file with --db (Loupe creates it)."
        }
        var config = Configuration()
        config.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: config),
              let tables = try? queue.read({ try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") })
        else { return nil }
        if tables.isEmpty || tables.contains("grdb_migrations") && tables.contains("document") { return nil }
        let shown = tables.prefix(4).joined(separator: ", ") + (tables.count > 4 ? "…" : "")
        return "\(path) is an SQLite database of another program (tables \(shown)); Loupe does not add its tables to it. Choose another file with --db."
    }
}
