import ArgumentParser
import Foundation
import Storage

struct Trends: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "An entity's mentions and sentiment over time.",
        discussion: """
            ENTITY is a canonical name or an alias (case and accents ignored): "Union africaine", UA, "etats-unis". Dates are the documents' dates (JSONL "date", else the first date in the text, else one in the file name); periods without mentions are shown empty so the chart keeps its time scale, and mentions in undated documents are counted apart. With --by week, ISO weeks (2019-W21) of documents dated to the day.
            """)

    enum Period: String, ExpressibleByArgument, CaseIterable { case week, month, year }

    @Argument(help: ArgumentHelp("The entity (name or alias).", valueName: "entity"))
    var entity: String

    @Option(name: .long, help: "week, month or year.")
    var by: Period = .month

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try openExisting(database.db)
        guard let ref = try store.findEntity(entity) else {
            throw failure("no entity \"\(entity)\" in \(database.db). `loupe entities` lists them.")
        }
        let mentions = try store.datedMentions(of: ref)
        var buckets: [String: (mentions: Int, docs: Set<String>, sentiment: Double)] = [:]
        var undated = 0
        for m in mentions {
            guard let p = m.date.flatMap({ Self.period(of: $0, by: by) }) else { undated += 1; continue }
            buckets[p, default: (0, [], 0)].mentions += 1
            buckets[p]!.docs.insert(m.document)
            buckets[p]!.sentiment += m.sentiment
        }
        let documents = Set(mentions.map(\.document)).count
        print(Style.heading("\(ref.name) (\(ref.type))") + ": \(mentions.count) mentions in \(documents) document\(documents == 1 ? "" : "s"), by \(by.rawValue)")
        guard let first = buckets.keys.min(), let last = buckets.keys.max() else {
            print("No dated mentions\(undated > 0 ? " (\(undated) in undated documents)" : "").")
            return
        }
        let periods = Self.periods(from: first, to: last, by: by)
        let peak = buckets.values.map(\.mentions).max() ?? 1
        let rows = periods.map { p -> [String] in
            guard let b = buckets[p] else { return [p, "0", "0", "", ""] }
            let bar = String(repeating: "█", count: max(1, Int((Double(b.mentions) / Double(peak) * 40).rounded())))
            return [p, String(b.mentions), String(b.docs.count), Format.score(b.sentiment / Double(b.mentions)), bar]
        }
        print(Format.table([by.rawValue, "mentions", "docs", "sentiment", "mentions"], rows, rightAligned: [1, 2, 3], scores: [3]))
        let counts = periods.map { buckets[$0]?.mentions ?? 0 }
        print("\nmentions   " + Self.sparkline(counts) + "  \(first) … \(last), peak \(peak)")
        let tones = periods.map { p in buckets[p].map { $0.sentiment / Double($0.mentions) } }
        print("sentiment  " + Self.toneLine(tones) + "  (▀ positive, ▄ negative, · neutral or none)")
        if undated > 0 { print("\(undated) mention\(undated == 1 ? "" : "s") in undated documents not shown.") }
    }

    /// The period a date (`YYYY-MM-DD` or `YYYY-MM`) falls in, or nil when it cannot say.
    static func period(of date: String, by: Period) -> String? {
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
    static func periods(from first: String, to last: String, by: Period) -> [String] {
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

    /// ▁▂▃▄▅▆▇█ scaled to the largest count; a space for zero.
    static func sparkline(_ counts: [Int]) -> String {
        let levels = Array("▁▂▃▄▅▆▇█")
        let peak = max(1, counts.max() ?? 1)
        return String(counts.map { $0 == 0 ? " " : levels[min(7, ($0 * 8 - 1) / peak)] })
    }

    /// One character per period for the tone: ▀ positive, ▄ negative, · neutral or no mention.
    static func toneLine(_ tones: [Double?]) -> String {
        tones.map { t -> String in
            guard let t else { return "·" }
            return t >= 0.05 ? Style.green("▀") : t <= -0.05 ? Style.red("▄") : "·"
        }.joined()
    }
}
