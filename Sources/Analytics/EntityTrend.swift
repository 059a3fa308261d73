import Foundation
import Storage

/// An entity's mentions and mean mention sentiment per period: what `loupe trends` prints.
public struct EntityTrend: Sendable {
    public enum Period: String, Sendable, CaseIterable { case week, month, year }

    public struct Bucket: Sendable, Equatable {
        public var period: String
        public var mentions = 0
        public var documents = 0
        /// Mean sentiment of the period's mentions; nil when it has none.
        public var sentiment: Double?
    }

    public var entity: EntityRef
    public var period: Period
    /// Every period from the first dated mention to the last, empty ones included.
    public var buckets: [Bucket]
    public var mentions: Int
    public var documents: Int
    /// Mentions in documents without a usable date.
    public var undated: Int

    public init(_ entity: EntityRef, in store: Store, by period: Period) throws {
        self.entity = entity
        self.period = period
        let all = try store.datedMentions(of: entity)
        var sums: [String: (mentions: Int, docs: Set<String>, sentiment: Double)] = [:]
        var undated = 0
        for m in all {
            guard let p = m.date.flatMap({ Self.period(of: $0, by: period) }) else { undated += 1; continue }
            sums[p, default: (0, [], 0)].mentions += 1
            sums[p]!.docs.insert(m.document)
            sums[p]!.sentiment += m.sentiment
        }
        mentions = all.count
        documents = Set(all.map(\.document)).count
        self.undated = undated
        guard let first = sums.keys.min(), let last = sums.keys.max() else { buckets = []; return }
        buckets = Self.periods(from: first, to: last, by: period).map { p in
            guard let s = sums[p] else { return Bucket(period: p) }
            return Bucket(period: p, mentions: s.mentions, documents: s.docs.count, sentiment: s.sentiment / Double(s.mentions))
        }
    }

    /// The period a date (`YYYY-MM-DD` or `YYYY-MM`) falls in, or nil when it cannot say.
    public static func period(of date: String, by: Period) -> String? {
        let parts = date.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count >= 1, (1000...2999).contains(parts[0]) else { return nil }
        switch by {
        case .year: return String(format: "%04d", parts[0])
        case .month:
            guard parts.count >= 2, (1...12).contains(parts[1]) else { return nil }
            return String(format: "%04d-%02d", parts[0], parts[1])
        case .week:
            guard parts.count >= 3, let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return nil }
            let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: day)
            return String(format: "%04d-W%02d", c.yearForWeekOfYear!, c.weekOfYear!)
        }
    }

    static let calendar: Calendar = {
        var c = Calendar(identifier: .iso8601)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    /// Every period from `first` to `last`, gaps included.
    public static func periods(from first: String, to last: String, by: Period) -> [String] {
        var out: [String] = []
        switch by {
        case .year:
            for y in Int(first)!...Int(last)! { out.append(String(format: "%04d", y)) }
        case .month:
            var (y, m) = (Int(first.prefix(4))!, Int(first.suffix(2))!)
            let end = (Int(last.prefix(4))!, Int(last.suffix(2))!)
            while (y, m) <= end {
                out.append(String(format: "%04d-%02d", y, m))
                m += 1
                if m > 12 { m = 1; y += 1 }
            }
        case .week:
            func monday(_ p: String) -> Date {
                calendar.date(from: DateComponents(weekday: 2, weekOfYear: Int(p.suffix(2))!, yearForWeekOfYear: Int(p.prefix(4))!))!
            }
            var day = monday(first)
            let end = monday(last)
            while day <= end {
                let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: day)
                out.append(String(format: "%04d-W%02d", c.yearForWeekOfYear!, c.weekOfYear!))
                day = calendar.date(byAdding: .day, value: 7, to: day)!
            }
        }
        return out
    }
}
