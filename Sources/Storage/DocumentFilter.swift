import GRDB

/// Which documents a report or an export covers: by name, source and date (all conditions must hold).
///
/// Dates are checked at ingest and stored as ISO 8601, which sorts as dates do, so `since` and `until` may be a year (`2019`), a month
/// (`2019-05`) or a day (`2019-05-31`); `until` includes the whole period it names. A date filter
/// leaves out the documents without a date.
public struct DocumentFilter: Sendable, Equatable {
    public var documents: [String]
    public var source: String?
    public var since: String?
    public var until: String?

    public init(documents: [String] = [], source: String? = nil, since: String? = nil, until: String? = nil) {
        self.documents = documents
        self.source = source
        self.since = since
        self.until = until
    }

    public var isEmpty: Bool { documents.isEmpty && source == nil && since == nil && until == nil }

    /// Whether `text` is a date the filters understand: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and one that
    /// exists (not `2019-13`, not `2019-02-30`).
    public static func isValidDate(_ text: String) -> Bool {
        guard text.range(of: #"^[12][0-9]{3}(-[01][0-9](-[0-3][0-9])?)?$"#, options: .regularExpression) != nil else { return false }
        let p = text.split(separator: "-").compactMap { Int($0) }
        if p.count >= 2 && !(1...12).contains(p[1]) { return false }
        if p.count == 3 {
            let leap = p[0] % 4 == 0 && (p[0] % 100 != 0 || p[0] % 400 == 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][p[1] - 1]
            if !(1...days).contains(p[2]) { return false }
        }
        return true
    }

    /// SQL conditions on the `document` table under `alias`, and their arguments.
    public func sql(alias: String = "document") -> (condition: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var args: StatementArguments = []
        if !documents.isEmpty {
            conditions.append("\(alias).name IN (" + documents.map { _ in "?" }.joined(separator: ", ") + ")")
            args += StatementArguments(documents)
        }
        if let source { conditions.append("\(alias).source = ?"); args += [source] }
        // Only stored values that are dates take part (a database written before dates were checked at
        // ingest may hold "pas une date", which as text sorts after every year).
        if since != nil || until != nil { conditions.append("\(alias).date GLOB '[12][0-9][0-9][0-9]*'") }
        if let since { conditions.append("\(alias).date >= ?"); args += [since] }
        if let until { conditions.append("substr(\(alias).date, 1, ?) <= ?"); args += [until.count, until] }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), args)
    }
}
